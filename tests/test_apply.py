"""Issue 22: `apply` never fights. Real drafts of the shipped reports, each
left out of the facts and drafted back as a new report would be."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

import eval as evaluation  # bench/eval.py: the facts as if a report had never been read
from briefing import roundtrip
from briefing.draft import FILL_IN, UNSTATED
from briefing.text import normalise
from conftest import run_build

OWN_WORDS = "Summarised by the curator in words of their own, number {}."
FACTS = Path("seeds") / "facts"


def left_out(project: Path, source_id: str) -> Path:
    """The project as if `source_id` had never been read (eval's reduction);
    the report is handed back, outside the project, to be added again."""
    registry = yaml.safe_load((project / "seeds/sources.yml").read_text("utf-8"))
    entry = next(s for s in registry["sources"] if s["id"] == source_id)
    report = project.parent / entry["file"]
    shutil.move(project / "seeds" / "sources" / entry["file"], report)
    registry["sources"] = [s for s in registry["sources"] if s["id"] != source_id]
    (project / "seeds/sources.yml").write_text(yaml.safe_dump(registry, sort_keys=False, allow_unicode=True), "utf-8")
    facts: dict[str, list] = {}
    for path in sorted((project / FACTS).glob("*.yml")):
        for collection, records in (yaml.safe_load(path.read_text("utf-8")) or {}).items():
            facts.setdefault(collection, []).extend(records or [])
        path.unlink()
    kept = evaluation.restricted(facts, {s["id"] for s in registry["sources"]})
    (project / FACTS / "facts.yml").write_text(yaml.safe_dump(kept, sort_keys=False, allow_unicode=True), "utf-8")
    return report


def drafted(project: Path, report: Path, source_id: str) -> Path:
    """`add`, then `draft`, as a curator runs them; the draft's path."""
    assert run_build(project, "add", str(report), "--id", source_id).code == 0
    result = run_build(project, "draft", source_id)
    assert result.code == 0, result.err
    return project / "seeds" / "drafts" / f"{source_id}.yml"


def filled(path: Path, keep=lambda proposal: True, country: str = "US") -> dict:
    """The draft with every FILL IN written by the curator, and only the proposals `keep` keeps."""
    data = yaml.safe_load(path.read_text("utf-8"))
    counter = iter(range(1, 10_000))

    def fill(value):
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        if value == UNSTATED:
            return country
        if isinstance(value, str) and value.startswith(FILL_IN):
            return OWN_WORDS.format(next(counter))
        return value
    data["proposals"] = [fill(p) for p in data["proposals"] if keep(p)]
    path.write_text(roundtrip.dump(data), "utf-8")
    return data


def facts_text(project: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted((project / FACTS).glob("*.yml")))


def all_quotes(project: Path) -> list[str]:
    def walk(value):
        if isinstance(value, dict):
            own = [value["quote"]] if "quote" in value and "source" in value else []
            return own + [q for v in value.values() for q in walk(v)]
        if isinstance(value, list):
            return [q for v in value for q in walk(v)]
        return []
    return [q for p in sorted((project / FACTS).glob("*.yml")) for q in walk(yaml.safe_load(p.read_text("utf-8")))]


def facts_bytes(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (project / FACTS).glob("*.yml")}


def test_a_real_draft_applies_whole_keeps_all_evidence_and_a_second_apply_changes_nothing(project):
    report = left_out(project, "uni-misri-landau-call")
    path = drafted(project, report, "uni-misri-landau-call")
    data = filled(path)
    kinds = {(p["action"], p["collection"]) for p in data["proposals"]}
    assert {("new", "officials"), ("new", "statements"), ("new", "events"), ("cite", "initiatives")} <= kinds
    result = run_build(project, "apply", str(path))
    assert result.code == 0, result.err
    assert result.out.startswith("applied: "), result.out
    text = facts_text(project)
    quotes = {normalise(q) for q in all_quotes(project)}
    # Every piece of evidence of every proposal is in the facts: none kept back.
    for proposal in data["proposals"]:
        for evidence in proposal["evidence"]:
            assert normalise(evidence["quote"]) in quotes, (proposal["id"], evidence["quote"])
    assert not re.search(r"[&*]id\d{3}", text)  # no anchors or aliases
    assert run_build(project, "check").code == 0
    before = facts_bytes(project)
    again = run_build(project, "apply", str(path))
    assert again.code == 0, again.err
    assert again.out.startswith(f"already applied: all {len(data['proposals'])} proposals are in the facts")
    assert facts_bytes(project) == before


def test_records_are_separated_and_fields_in_our_layout(project, tmp_path):
    """New records on the shipped files: a blank line before each; the
    model's order with citations last; an update's date_basis before them."""
    report = tmp_path / "pti-gor.txt"
    report.write_text("date 2025-06-04\nNEW DELHI: Foreign Secretary Vikram Misri met US Ambassador-designate Sergio "
                      "Gor in New Delhi on Tuesday.\n", encoding="utf-8")
    assert run_build(project, "add", str(report), "--id", "pti-gor").code == 0
    official = {"action": "new", "collection": "officials", "id": "sergio-gor", "fields": {
        "aliases": [], "roles": [{"title": "Ambassador-designate", "organization": None}], "country": "US",
        "name": "Sergio Gor"},
        "evidence": [{"source": "pti-gor", "quote": "US Ambassador-designate Sergio Gor"},
                     {"source": "pti-gor", "quote": "Sergio Gor in New Delhi"}]}
    path = project / "seeds/drafts/pti-gor.yml"
    path.parent.mkdir()
    path.write_text(roundtrip.dump({"source": "pti-gor", "proposals": [official]}), "utf-8")
    result = run_build(project, "apply", str(path))
    assert result.code == 0, result.err
    officials = (project / FACTS / "officials.yml").read_text("utf-8")
    added = officials[officials.index("  - id: sergio-gor"):]
    assert officials[:officials.index("  - id: sergio-gor")].endswith("\n\n")
    assert [line.split(":")[0].strip() for line in added.splitlines() if re.match(r"    \w", line)] == \
        ["name", "country", "roles", "aliases", "cite"]
    # Both quotes are kept: the one giving the title on the role, the other on the record.
    assert '        cite:\n          - source: pti-gor\n            quote: "US Ambassador-designate Sergio Gor"\n' in added
    assert '    cite:\n      - source: pti-gor\n        quote: "Sergio Gor in New Delhi"\n' in added


def test_an_update_sets_date_place_and_status_in_place_in_our_layout(project, tmp_path):
    """An undated, planned engagement: a later report gives its day and says it was held."""
    events = project / FACTS / "events.yml"
    text = events.read_text("utf-8")
    dated = text[text.index("  - id: misri-colby-meeting"):]
    dated = dated[dated.index("    date: 2025-05-27/2025-05-29"):dated.index("    place: Washington, D.C.")]
    text = text.replace(dated, "    date_note: No report gives the day.\n", 1).replace(
        "  - id: misri-colby-meeting\n    title: Misri and Kapoor meet Colby\n    kind: meeting\n",
        "  - id: misri-colby-meeting\n    title: Misri and Kapoor meet Colby\n    kind: meeting\n    status: planned\n", 1)
    events.write_text(text, "utf-8")
    assert run_build(project, "check").code == 0
    report = tmp_path / "report.txt"
    report.write_text("date 2025-05-31\nWASHINGTON – Foreign Secretary Vikram Misri met US Under Secretary of "
                      "Defence Elbridge Colby at the Pentagon on Thursday, and the meeting was held as planned.\n",
                      encoding="utf-8")
    assert run_build(project, "add", str(report), "--id", "late-report").code == 0
    quote = "Vikram Misri met US Under Secretary of Defence Elbridge Colby at the Pentagon on Thursday"
    update = {"action": "update", "collection": "events", "id": "misri-colby-meeting", "fields": {
        "date": "2025-05-29", "date_basis": "derived",
        "date_note": "The report, dated 31 May 2025, says Thursday: 29 May 2025.", "status": "held",
        "place": "the Pentagon"},
        "evidence": [{"source": "late-report", "quote": quote, "supports": ["date", "place", "participants", "status"]}]}
    path = project / "seeds/drafts/late-report.yml"
    path.parent.mkdir()
    path.write_text(roundtrip.dump({"source": "late-report", "proposals": [update]}), "utf-8")
    result = run_build(project, "apply", str(path))
    assert result.code == 0, result.err
    after = events.read_text("utf-8")
    record = after[after.index("  - id: misri-colby-meeting"):]
    record = record[:record.index("\n\n")]
    keys = [line.split(":")[0].strip() for line in record.splitlines() if re.match(r"    \w", line)]
    assert keys.index("date") < keys.index("date_basis") < keys.index("cite") and "status" in keys
    assert "status: held" in record and "status: planned" not in record
    assert "    place: the Pentagon\n" in record and "Washington, D.C." not in record.split("    cite:")[0]
    # A citation as the curator writes one: the quote in double quotes, what it supports on one line.
    assert f'      - source: late-report\n        quote: "{quote}"\n        supports: [date, place, participants, status]' \
        in record


def test_a_title_on_a_known_official_writes_no_anchors(project, tmp_path):
    """The issue's reproduction: `cite officials elbridge-colby` adding a title."""
    report = tmp_path / "colby.txt"
    report.write_text("Washington, Jun 2 (PTI) US Under Secretary of Defense for Policy Elbridge Colby met Foreign "
                      "Secretary Vikram Misri at the Pentagon today.\n", encoding="utf-8")
    assert run_build(project, "add", str(report), "--id", "pti-colby").code == 0
    path = project / "seeds/drafts/pti-colby.yml"
    assert run_build(project, "draft", "pti-colby").code == 0
    data = filled(path, keep=lambda p: p["action"] == "cite" and p["id"] == "elbridge-colby")
    assert data["proposals"] and data["proposals"][0]["fields"].get("titles"), data["proposals"]
    result = run_build(project, "apply", str(path))
    assert result.code == 0, result.err
    officials = (project / FACTS / "officials.yml").read_text("utf-8")
    assert "&id" not in officials and "*id" not in officials
    assert f"title: {data['proposals'][0]['fields']['titles'][0]}" in officials


def test_an_expansion_applies_and_prose_kept_in_the_draft_is_recorded_as_reviewed(project):
    report = left_out(project, "misri-hosts-hooker")
    path = drafted(project, report, "misri-hosts-hooker")
    data = yaml.safe_load(path.read_text("utf-8"))
    prose = {item["id"]: item for item in data["prose"]}
    # The draft lists each record whose prose the report may make stale: its prose now, the new evidence.
    assert {"trust", "comprehensive-global-strategic-partnership"} <= set(prose)
    trust = prose["trust"]
    assert trust["collection"] == "initiatives" and trust["description"] and trust["evidence"]
    assert "misri-hosts-hooker" not in trust["prose_from"]
    # The curator reviews the TRUST description (and edits it), leaves the rest unreviewed.
    data["prose"] = [{**trust, "description": trust["description"] + " The New Delhi talks with Hooker took it up."}]
    path.write_text(roundtrip.dump(data), "utf-8")
    filled(path)
    result = run_build(project, "apply", str(path))
    assert result.code == 0, result.err
    assert "prose of 1 reviewed" in result.out
    assert "review the prose of initiatives/comprehensive-global-strategic-partnership" in result.out
    facts = yaml.safe_load((project / FACTS / "facts.yml").read_text("utf-8"))
    record = next(r for r in facts["initiatives"] if r["id"] == "trust")
    assert "misri-hosts-hooker" in record["prose_from"] and record["description"].endswith("took it up.")
    assert [e["text"] for e in record["expansions"]] == ["Technology, Research, and United States-India Strategic"]
    check = run_build(project, "check")
    assert check.code == 0
    assert "initiatives[trust]" not in check.err  # reviewed: no chore left
    assert ("initiatives[comprehensive-global-strategic-partnership].prose_from: warning: cites report "
            "misri-hosts-hooker, which its description was not written from; review it, then add the report "
            "to prose_from") in check.err


def test_a_discrepancy_cites_each_reading_where_it_is_given(project):
    report = left_out(project, "misri-visit-wrap-up")
    path = drafted(project, report, "misri-visit-wrap-up")
    data = filled(path, keep=lambda p: p["action"] == "discrepancy")
    assert [(p["id"], p["fields"]["value"]) for p in data["proposals"]] == [("imec", "IMEEC")]
    result = run_build(project, "apply", str(path))
    assert result.code == 0, result.err
    facts = yaml.safe_load((project / FACTS / "facts.yml").read_text("utf-8"))
    discrepancy = next(d for d in facts["discrepancies"] if d["subject"] == "imec" and "IMEEC" in str(d))
    recorded, reported = discrepancy["versions"]
    assert recorded["value"] == "IMEC" and all("IMEC" in c["quote"] for c in recorded["cite"])
    assert reported["value"] == "IMEEC" and all("IMEEC" in c["quote"] for c in reported["cite"])


def test_check_verifies_a_discrepancys_readings_in_their_quotes(project):
    discrepancies = project / FACTS / "discrepancies.yml"
    discrepancies.write_text(discrepancies.read_text("utf-8") + """
  - id: imec-misread
    subject: imec
    field: acronym
    description: A reading no quote gives, which check must not let pass.
    versions:
      - value: IMEC
        cite:
          - source: ani-misri-colby-kapoor
            quote: "strengthening the QUAD, IMEC, I2U2 initiatives"
      - value: IMECC
        cite:
          - source: misri-visit-wrap-up
            quote: "multilateral cooperation through forums like the Quad, I2U2, and IMEEC"
""", "utf-8")
    result = run_build(project, "check")
    assert result.code == 2
    assert "discrepancies[imec-misread].versions[1].value: 'IMECC' occurs in no quote cited for this version" \
        in result.err, result.err


def test_errors_name_the_draft_the_proposal_from_1_and_the_field_all_at_once(project, tmp_path):
    report = tmp_path / "pti-gor.txt"
    report.write_text("New Delhi, Jun 3 (PTI) Foreign Secretary Vikram Misri met US Ambassador-designate Sergio Gor "
                      "in New Delhi today.\n", encoding="utf-8")
    assert run_build(project, "add", str(report), "--id", "pti-gor").code == 0
    proposals = [
        {"action": "cite", "collection": "officials", "id": "vikram-misri", "fields": {},
         "evidence": [{"source": "pti-gor", "quote": "words the report never wrote"}]},
        {"action": "new", "collection": "events", "id": "misri-gor", "fields": {
            "title": "FILL IN: your own words", "kind": "meeting", "summary": "Misri and Gor met.",
            "participants": ["vikram-misri"]},
         "evidence": [{"source": "pti-gor", "quote": "Vikram Misri met US Ambassador-designate Sergio Gor"}]},
        {"action": "cite", "collection": "officials", "id": "no-such-person", "fields": {},
         "evidence": [{"source": "pti-gor", "quote": "Sergio Gor"}]},
        {"action": "new", "collection": "officials", "id": "vikram-misri", "fields": {"name": "Vikram Misri"},
         "evidence": []},
    ]
    path = project / "seeds/drafts/pti-gor.yml"
    path.parent.mkdir()
    path.write_text(roundtrip.dump({"source": "pti-gor", "proposals": proposals}), "utf-8")
    before = facts_bytes(project)
    result = run_build(project, "apply", str(path))
    assert result.code == 2 and "Traceback" not in result.err
    lines = result.err.splitlines()
    expected = ["proposals[1].evidence[1].quote: not found in report 'pti-gor'",
                "proposals[2].fields.title: still to be written in your own words",
                "proposals[3].id: no officials record 'no-such-person'",
                "proposals[4].id: 'vikram-misri' is taken by officials/vikram-misri"]
    for words in expected:
        assert any(line.startswith("seeds/drafts/pti-gor.yml:") and words in line for line in lines), (words, lines)
    assert lines[-1] == "4 problems found; nothing was written."
    assert facts_bytes(project) == before


def test_a_problem_check_finds_after_merging_is_named_by_its_proposal(project, tmp_path):
    report = tmp_path / "pti-gor.txt"
    report.write_text("New Delhi, Jun 3 (PTI) Foreign Secretary Vikram Misri met US Ambassador-designate Sergio Gor "
                      "in New Delhi today.\n", encoding="utf-8")
    assert run_build(project, "add", str(report), "--id", "pti-gor").code == 0
    proposal = {"action": "new", "collection": "events", "id": "misri-gor", "fields": {
        "title": "Misri receives Gor", "kind": "meeting", "summary": "Misri and Gor met in the capital.",
        "date": None, "date_note": "The dateline gives no year.", "participants": ["vikram-misri", "sergio-gor"]},
        "evidence": [{"source": "pti-gor", "quote": "Vikram Misri met US Ambassador-designate Sergio Gor",
                      "supports": ["participants"]}]}
    path = project / "seeds/drafts/pti-gor.yml"
    path.parent.mkdir()
    path.write_text(roundtrip.dump({"source": "pti-gor", "proposals": [proposal]}), "utf-8")
    before = facts_bytes(project)
    result = run_build(project, "apply", str(path))
    assert result.code == 2
    assert re.search(r"^seeds/drafts/pti-gor\.yml:\d+: proposals\[1\]: events\[misri-gor\]\.participants\[1\]: "
                     r"unknown officials id 'sergio-gor'", result.err, re.M), result.err
    assert facts_bytes(project) == before


@pytest.mark.parametrize("topic_evidence", [[], [{"source": "pti-gor", "quote": "discussed trade"}]])
def test_a_topic_and_a_statement_apply(project, tmp_path, topic_evidence):
    report = tmp_path / "pti-gor.txt"
    report.write_text('New Delhi, Jun 3 (PTI) Foreign Secretary Vikram Misri discussed trade with US Ambassador-designate '
                      'Sergio Gor today. "We made good progress," Misri said.\n', encoding="utf-8")
    assert run_build(project, "add", str(report), "--id", "pti-gor").code == 0
    proposals = [
        {"action": "new", "collection": "topics", "id": "tariffs", "fields": {
            "name": "Tariffs", "description": "Duties each side levies on the other's goods."}, "evidence": topic_evidence},
        {"action": "new", "collection": "statements", "id": "misri-good-progress", "fields": {
            "speaker": "vikram-misri", "quote": "We made good progress"},
         "evidence": [{"source": "pti-gor", "quote": '"We made good progress," Misri said.'}]},
    ]
    path = project / "seeds/drafts/pti-gor.yml"
    path.parent.mkdir()
    path.write_text(roundtrip.dump({"source": "pti-gor", "proposals": proposals}), "utf-8")
    result = run_build(project, "apply", str(path))
    assert result.code == 0, result.err
    assert "2 records added" in result.out
    if topic_evidence:
        assert "topics/tariffs: a topic holds no citations; its evidence stays in the draft" in result.out
    text = facts_text(project)
    assert "  - id: tariffs\n    name: Tariffs\n" in text and "  - id: misri-good-progress\n    speaker: vikram-misri\n" in text
