"""`build.py check` on good and broken curated input."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from conftest import run_build

LOCATED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<rest>.+)$")


def facts_file(project: Path) -> Path:
    return sorted((project / "seeds" / "facts").glob("*.yml"))[0]


def append_facts(project: Path, text: str, name: str = "zz-test.yml") -> Path:
    path = project / "seeds" / "facts" / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_bad(result, file: str, line: int, field: str, words: str) -> None:
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    wanted = f"{file}:{line}: {field}: "
    matching = [reported for reported in result.lines if reported.startswith(wanted)]
    assert matching, f"no line starting {wanted!r} in:\n{result.err}"
    assert any(words in reported for reported in matching), result.err


def test_the_default_corpus_passes(project):
    result = run_build(project, "check")
    assert result.code == 0, result.err
    assert result.out.startswith("ok: 5 sources, 16 topics, 13 officials")


def test_check_writes_nothing(project):
    before = sorted(p for p in project.rglob("*"))
    assert run_build(project, "check").code == 0
    assert sorted(p for p in project.rglob("*") if "__pycache__" not in p.parts) == \
        [p for p in before if "__pycache__" not in p.parts]


MEETING = """\
events:
  - id: test-meeting
    title: A test meeting
    kind: meeting
    date: "2025-05-28"
    summary: Two people met for a test.
    participants: [{participant}]
    cite:
      - source: ani-misri-colby-kapoor
        quote: "{quote}"
      - source: ani-misri-colby-kapoor
        quote: "May 30 (ANI)"
        supports: [date]
"""
GOOD_QUOTE = "Elbridge Colby shared a post on his 'X' handle"


def test_corrupted_quote(project):
    append_facts(project, MEETING.format(participant="", quote="Elbridge Colby shared a post on his 'Y' handle"))
    assert_bad(run_build(project, "check"), "seeds/facts/zz-test.yml", 10,
               "events[test-meeting].cite[0].quote", "quote not found in source 'ani-misri-colby-kapoor'")


def test_quote_with_other_typography_is_accepted(project):
    # Curly quotes, a dash variant and extra whitespace are forgiven; nothing else.
    append_facts(project, MEETING.format(participant="", quote="Elbridge  Colby shared a post on his ‘X’ handle"))
    assert run_build(project, "check").code == 0


def test_dangling_reference(project):
    append_facts(project, MEETING.format(participant="vikram-misrri", quote=GOOD_QUOTE))
    assert_bad(run_build(project, "check"), "seeds/facts/zz-test.yml", 7,
               "events[test-meeting].participants[0]", "unknown officials id 'vikram-misrri' (did you mean 'vikram-misri'?)")


def test_a_problem_with_one_item_of_a_list_is_reported_at_its_line(project):
    """A typo in the third participant of a block list is reported at that
    item's line, not at `participants:` (and a participant no quote names, at
    its own line too)."""
    meeting = MEETING.format(participant="", quote=GOOD_QUOTE).replace(
        "    participants: []\n",
        "    participants:\n      - vikram-misri\n      - elbridge-colby\n      - pavan-kapoorr\n      - tammy-bruce\n")
    meeting = meeting.replace("supports: [date]", "supports: [date, participants]")
    append_facts(project, meeting)
    result = run_build(project, "check")
    assert meeting.splitlines()[9] == "      - pavan-kapoorr" and meeting.splitlines()[10] == "      - tammy-bruce"
    assert_bad(result, "seeds/facts/zz-test.yml", 10, "events[test-meeting].participants[2]",
               "unknown officials id 'pavan-kapoorr' (did you mean 'pavan-kapoor'?)")
    assert_bad(result, "seeds/facts/zz-test.yml", 11, "events[test-meeting].participants[3]",
               "is named (by name or alias) in no quote that supports participants")


def test_duplicate_id_across_files(project):
    append_facts(project, MEETING.format(participant="", quote=GOOD_QUOTE), "zz-a.yml")
    append_facts(project, MEETING.format(participant="", quote=GOOD_QUOTE), "zz-b.yml")
    assert_bad(run_build(project, "check"), "seeds/facts/zz-b.yml", 2,
               "events[test-meeting].id", "duplicate id: already used in events at seeds/facts/zz-a.yml:2")


@pytest.mark.parametrize("date, words", [
    ("2025-13-01", "is not a valid EDTF date"),
    ("2025-05-29/2025-05-27", "the interval ends before it starts"),
    ("May 2025", "is not a valid EDTF date"),
])
def test_bad_edtf_date(project, date, words):
    append_facts(project, MEETING.format(participant="", quote=GOOD_QUOTE).replace('"2025-05-28"', f'"{date}"'))
    assert_bad(run_build(project, "check"), "seeds/facts/zz-test.yml", 5, "events[test-meeting].date", words)


def test_broken_yaml(project):
    append_facts(project, "events:\n  - id: x\n    title: [unclosed\n")
    result = run_build(project, "check")
    assert result.code == 2 and "Traceback" not in result.err
    assert any(line.startswith("seeds/facts/zz-test.yml:") and "YAML syntax" in line for line in result.lines), result.err


def test_unknown_key_suggests_the_right_one(project):
    append_facts(project, MEETING.format(participant="", quote=GOOD_QUOTE) + "    sumary: oops\n")
    assert_bad(run_build(project, "check"), "seeds/facts/zz-test.yml", 14,
               "events[test-meeting].sumary", "unknown field (did you mean 'summary'?)")


def test_changed_source_is_caught_by_its_sha256(project):
    source = project / "seeds" / "sources" / "003_afde03f68720c260.txt"
    source.write_bytes(source.read_bytes().replace(b"Mar 28", b"Mar 29"))
    result = run_build(project, "check")
    assert result.code == 2
    assert any("sources[uni-misri-landau-call].sha256" in line and "the source changed" in line for line in result.lines), result.err


def test_every_problem_is_reported_at_once(project):
    bad = MEETING.format(participant="nobody", quote="not in the source").replace('"2025-05-28"', '"2025-02-30"')
    append_facts(project, bad + "    colour: red\n")
    result = run_build(project, "check")
    assert result.code == 2
    fields = {LOCATED.match(line).group("rest").split(":")[0] for line in result.lines if LOCATED.match(line)}
    assert {"events[test-meeting].date", "events[test-meeting].participants[0]",
            "events[test-meeting].cite[0].quote", "events[test-meeting].colour"} <= fields
    assert result.lines[-1] == f"{len(result.lines) - 1} problems found; nothing was written."


def test_prose_copied_from_a_source_is_refused(project):
    copied = "Misri is currently in the United States for a three-day visit"
    append_facts(project, MEETING.format(participant="", quote=GOOD_QUOTE).replace(
        "Two people met for a test.", copied))
    assert_bad(run_build(project, "check"), "seeds/facts/zz-test.yml", 6,
               "events[test-meeting].summary", "copies words from source 'ani-misri-colby-kapoor'")


def test_title_must_be_written_as_the_source_writes_it(project):
    append_facts(project, """\
officials:
  - id: test-official
    name: Elbridge Colby
    country: US
    roles:
      - title: Under Secretary of Defense
        cite:
          - source: ani-misri-colby-kapoor
            quote: US Under Secretary of Defence Elbridge Colby
""")
    assert_bad(run_build(project, "check"), "seeds/facts/zz-test.yml", 6,
               "officials[test-official].roles[0].title", "does not occur in any quote cited for it")


def test_missing_source_file_is_named(project):
    (project / "seeds" / "sources" / "004_c06c7c6ac62dfbef.txt").rename(
        project / "seeds" / "sources" / "004_renamed.txt")
    result = run_build(project, "check")
    assert result.code == 2
    assert any("sources[misri-hosts-hooker].file" in line and "no file '004_c06c7c6ac62dfbef.txt'" in line
               for line in result.lines), result.err


ACCENTED_SOURCE = """\
  - id: accents-report
    file: zz-accents.txt
    sha256: {sha256}
    title: A report with accented names
    outlet: null
    published: null
    published_note: The text gives no date.
    dateline: null
"""
ACCENTED_FACTS = """\
officials:
  - id: jose-ramos
    name: Jos{facts} Ramos
    country: CO
    roles:
      - title: Foreign Minister
        cite:
          - source: accents-report
            quote: "The Foreign Minister, Jos{source} Ramos, met"
events:
  - id: ramos-in-bogota
    title: A test meeting
    kind: meeting
    date: null
    date_note: No source dates it.
    summary: Two people met for a test.
    participants: [jose-ramos]
    cite:
      - source: accents-report
        quote: "Jos{facts} Ramos, met the Cabinet Secretary in Bogot{facts} on Monday"
        supports: [participants]
"""
COMPOSED, DECOMPOSED = "\u00e9", "e\u0301"  # é as one character (NFC), and as e + combining acute (NFD)


@pytest.mark.parametrize("source, facts", [(COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED)],
                         ids=["composed-source", "decomposed-source"])
def test_composed_and_decomposed_accents_match(project, source, facts):
    """An é typed as one character or as e + accent is the same letter: a quote
    is found in its source, and a name in its quote, whichever form each uses."""
    data = f"The Foreign Minister, Jos{source} Ramos, met the Cabinet Secretary in Bogot{source} on Monday.\n".encode()
    (project / "seeds" / "sources" / "zz-accents.txt").write_bytes(data)
    sources = project / "seeds" / "sources.yml"
    sources.write_text(sources.read_text("utf-8") + ACCENTED_SOURCE.format(sha256=hashlib.sha256(data).hexdigest()),
                       encoding="utf-8")
    text = append_facts(project, ACCENTED_FACTS.format(source=source, facts=facts)).read_text("utf-8")
    assert source in text and facts in text  # the two forms really differ in the files
    result = run_build(project, "check")
    assert result.code == 0, result.err
    assert result.out.startswith("ok: 6 sources")
