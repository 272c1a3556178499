"""Adding a report: `add` registers it, `draft` proposes, `apply` merges."""

from __future__ import annotations

import datetime
import hashlib

import pytest
import yaml

from briefing import pipeline, roundtrip
from briefing.add import Refused, add
from briefing.apply import apply
from briefing.draft import UNFILLED, UNSTATED, draft, find_date
from briefing.project import Project
from conftest import run_build

REPORT = ("New Delhi, Jun 3 (PTI) Foreign Secretary Vikram Misri met US Ambassador-designate Sergio Gor in New "
          "Delhi today and discussed the Bilateral Trade Agreement (BTA).\n"
          "The two sides also reviewed the INDUS-X (India-US Defence Accelerator Network) and agreed to meet again.\n")


def test_add_registers_what_the_text_states(project, tmp_path):
    report = tmp_path / "pti-gor.txt"
    report.write_text(REPORT, encoding="utf-8")
    source_id = add(Project(project), report)
    entry = next(s for s in yaml.safe_load((project / "seeds" / "sources.yml").read_text("utf-8"))["sources"]
                 if s["id"] == source_id)
    assert entry["sha256"] == hashlib.sha256(report.read_bytes()).hexdigest()
    assert (entry["outlet"], entry["dateline"], entry["published"]) == ("PTI", "New Delhi", None)
    assert "without a year" in entry["published_note"]
    assert "Misri" not in entry["title"]  # never the headline or the first sentence
    assert (project / "seeds" / "sources" / "pti-gor.txt").read_bytes() == report.read_bytes()
    assert run_build(project, "check").code == 0


def test_a_report_no_fact_cites_yet_says_so_on_its_page(project, tmp_path):
    report = tmp_path / "pti-gor.txt"
    report.write_text(REPORT, encoding="utf-8")
    source_id = add(Project(project), report)
    briefing = pipeline.check(Project(project))
    page = pipeline.render(briefing, Project(project))[f"sources/{source_id}.md"].decode()
    assert "No fact of this briefing cites this source yet." in page
    assert "| Record | About | Quote |" not in page  # no empty table
    assert "\n\n| Fact | Detail |\n| --- | --- |\n| Outlet |" in page  # under a heading row, not a blank one


def test_add_keeps_the_registry_byte_for_byte_but_for_the_new_entry(project, tmp_path):
    registry = project / "seeds" / "sources.yml"
    before = registry.read_text("utf-8")
    report = tmp_path / "pti-gor.txt"
    report.write_text(REPORT, encoding="utf-8")
    add(Project(project), report, "pti-gor")
    assert registry.read_text("utf-8").startswith(before)


@pytest.mark.parametrize("setup, words", [
    (lambda p, t: (t / "copy.txt").write_bytes((p / "seeds" / "sources" / "000_ba747a4f61cc4038.txt").read_bytes()),
     "already registered, as source 'ani-misri-colby-kapoor'"),
    (lambda p, t: (t / "copy.txt").write_bytes(b"caf\xe9 au lait\n"), "is not UTF-8 text"),
    (lambda p, t: (t / "copy.txt").write_bytes(b"x" * (2 * 1024 * 1024 + 1)), "a source may hold"),
])
def test_add_refuses_writing_nothing(project, tmp_path, setup, words):
    setup(project, tmp_path)
    before = {p: p.read_bytes() for p in (project / "seeds").rglob("*") if p.is_file()}
    with pytest.raises(Refused, match=words):
        add(Project(project), tmp_path / "copy.txt")
    assert {p: p.read_bytes() for p in (project / "seeds").rglob("*") if p.is_file()} == before


def test_add_refuses_a_taken_id(project, tmp_path):
    (tmp_path / "new.txt").write_text(REPORT, encoding="utf-8")
    with pytest.raises(Refused, match="the id 'misri-visit-wrap-up' is taken"):
        add(Project(project), tmp_path / "new.txt", "misri-visit-wrap-up")
    result = run_build(project, "add", str(tmp_path / "new.txt"), "--id", "misri-visit-wrap-up")
    assert result.code == 2 and "nothing was written" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("sentence, published, expected", [
    # A weekday resolves to the latest such day on or before the report's date, across month and year ends.
    ("They met on Monday.", "2025-06-03", ("2025-06-02", "derived")),
    ("They met on Friday.", "2025-06-02", ("2025-05-30", "derived")),
    ("They met on Wednesday.", "2025-01-02", ("2025-01-01", "derived")),
    ("They met on Tuesday.", "2025-01-02", ("2024-12-31", "derived")),
    ("They spoke today.", "2025?-03-28", ("2025?-03-28", "derived")),
    ("They met yesterday.", "2025-03-01", ("2025-02-28", "derived")),
    # A day without a year is in the year nearest the report's date: derived from it, not a guess.
    ("The visit runs from May 27 to 29.", "2025-05-28", ("2025-05-27/2025-05-29", "derived")),
    ("He is visiting from December 7-11.", "2025-12-08", ("2025-12-07/2025-12-11", "derived")),
    ("They met on December 30.", "2026-01-02", ("2025-12-30", "derived")),
    ("The visit runs from 27-29 May 2025.", None, ("2025-05-27/2025-05-29", "stated")),
])
def test_dates_resolve_against_the_reports_date(sentence, published, expected):
    when = find_date(sentence, published)
    assert when is not None and (when[0], when[1]) == expected
    if when[1] == "derived":
        day = datetime.date.fromisoformat(expected[0].split("/")[0].replace("?", ""))
        assert str(day.day) in when[2] and published[-2:].lstrip("0") in when[2]  # it and the report's date


def test_a_weekday_to_come_is_the_next_one_and_a_far_month_without_a_year_no_date():
    assert find_date("They will meet on Thursday.", "2025-12-08", future=True)[0] == "2025-12-11"
    assert find_date("They met on Thursday.", "2025-12-08", future=False)[0] == "2025-12-04"
    # "during their February meeting" in a December report: no year is near enough to be sure.
    assert find_date("during their February meeting", "2025-12-08", future=False) is None


@pytest.mark.parametrize("sentence", ["They met on Monday.", "They spoke today.", "They met on May 30."])
def test_no_date_from_a_weekday_in_an_undated_report(sentence):
    assert find_date(sentence, None) is None


def _drafted(project, tmp_path, text: str) -> tuple[str, list]:
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    source_id = add(Project(project), report, "new-report")
    briefing = pipeline.check(Project(project))
    return source_id, draft(briefing, source_id)


def test_a_differing_expansion_is_a_discrepancy(project, tmp_path):
    _, proposals = _drafted(project, tmp_path, "Date line. The COMPACT (Combined Opportunities for Partnership and "
                                               "Commerce Today) was reviewed by Vikram Misri.\n")
    found = [p for p in proposals if p.action == "discrepancy"]
    assert [(p.collection, p.id) for p in found] == [("initiatives", "compact")]
    assert found[0].fields["description"] == UNFILLED


def test_a_first_expansion_is_cited_and_a_doubled_letter_is_a_discrepancy(project, tmp_path):
    # IMEC is recorded with no expansion: a report's expansion is added to it, not set against it.
    _, proposals = _drafted(project, tmp_path, "Date line. The IMEC (India Middle East Europe Economic Corridor) "
                                               "came up.\nVikram Misri also raised the IMMEC with the Quad.\n")
    cite = next(p for p in proposals if p.id == "imec" and p.action == "cite")
    assert cite.fields["expansions"][0]["text"] == "India Middle East Europe Economic Corridor"
    found = [(p.id, p.fields["field"], p.fields["value"]) for p in proposals if p.action == "discrepancy"]
    assert found == [("imec", "acronym", "IMMEC")]


def test_the_two_sides_are_the_people_named_before(project, tmp_path):
    _, proposals = _drafted(project, tmp_path, "date 2025-06-04\nForeign Secretary Vikram Misri and Deputy Secretary "
                                               "of State Christopher Landau were both in Tokyo for the summit.\n"
                                               "The two sides held talks on trade on Monday.\n")
    talks = [p for p in proposals if p.collection == "events"]
    assert [(p.action, p.fields["kind"], set(p.fields["participants"]), p.fields["date"], p.fields["date_basis"])
            for p in talks] == [("new", "talks", {"vikram-misri", "christopher-landau"}, "2025-06-02", "derived")]
    assert "Monday" in talks[0].fields["date_note"]


@pytest.mark.parametrize("where, place", [("in Hyderabad", "Hyderabad"), ("in June", None)])
def test_a_place_is_one_the_briefing_knows_or_has_the_form_of_one(project, tmp_path, where, place):
    # Hyderabad is no recorded place of the shipped briefing; a month after "in" is not a place.
    _, proposals = _drafted(project, tmp_path, "date 2025-06-04\nForeign Secretary Vikram Misri met Deputy Secretary of "
                                               f"State Christopher Landau {where} on Monday.\n")
    assert [p.fields["place"] for p in proposals if p.collection == "events"] == [place]


def test_a_meeting_inside_a_visit_is_part_of_it_where_it_was_and_no_later_than_the_report(project, tmp_path):
    _, proposals = _drafted(project, tmp_path, "date 2025-06-04\nVikram Misri is on a three-day visit to Tokyo from "
                                               "June 3 to 5.\nMisri met Foreign Minister Takeshi Iwaya.\n")
    events = {p.fields["kind"]: p for p in proposals if p.collection == "events"}
    visit, meeting = events["visit"], events["meeting"]
    assert visit.fields["date"] == "2025-06-03/2025-06-05" and visit.fields["participants"] == ["vikram-misri"]
    assert set(meeting.fields["participants"]) == {"vikram-misri", "takeshi-iwaya"}
    assert meeting.fields["parent"] == visit.id and meeting.fields["place"] == "Tokyo"
    # The report gives no day for the meeting: it has none (its visit's days bound it; a curator who wants
    # "on or before the report's date" says so).
    assert (meeting.fields["date"], meeting.fields["date_basis"]) == (None, None)


def test_a_meeting_without_a_date_in_an_undated_report_stays_undated(project, tmp_path):
    _, proposals = _drafted(project, tmp_path, "Foreign Secretary Vikram Misri met Foreign Minister Takeshi Iwaya "
                                               "on Monday.\n")
    meeting = next(p for p in proposals if p.collection == "events")
    assert meeting.action == "new" and meeting.fields["date"] is None


def test_words_in_quotation_marks_go_to_who_is_credited_after_them(project, tmp_path):
    _, proposals = _drafted(project, tmp_path, "date 2025-06-04\nThe Ministry of External Affairs spokesperson "
                                               "Randhir Jaiswal briefed the press.\n\"Both countries reaffirmed "
                                               "their commitment to an open region today,\" the spokesperson said.\n")
    statement = next(p for p in proposals if p.collection == "statements")
    assert statement.fields["speaker"] == "randhir-jaiswal"
    assert statement.fields["quote"].startswith("Both countries reaffirmed")
    # The quoted "today" is the day of the words quoted: no engagement is dated by it.
    assert not [p for p in proposals if p.collection == "events" and p.fields.get("date")]


def test_a_draft_quotes_verbatim_and_leaves_prose_to_the_curator(project, tmp_path):
    source_id, proposals = _drafted(project, tmp_path, REPORT)
    text = (project / "seeds" / "sources" / "report.txt").read_text("utf-8")
    assert proposals
    for proposal in proposals:
        for evidence in proposal.evidence:
            assert evidence["source"] == source_id and evidence["quote"] in text
        for name in ("title", "summary", "description"):
            if name in proposal.fields:
                assert proposal.fields[name] == UNFILLED
    people = {p.id for p in proposals if p.collection == "officials"}
    assert {"vikram-misri", "sergio-gor"} <= people
    new = next(p for p in proposals if p.id == "sergio-gor")
    assert new.action == "new"
    assert new.fields["roles"][0]["title"] == "Ambassador-designate"
    assert new.fields["country"] == "US"


def _write_draft(project, source_id: str, proposals: list) -> object:
    path = project / "seeds" / "drafts" / f"{source_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(roundtrip.dump({"source": source_id, "proposals": [p.as_data() for p in proposals]}), "utf-8")
    return path


def test_apply_refuses_unfilled_prose(project, tmp_path):
    source_id, proposals = _drafted(project, tmp_path, REPORT)
    path = _write_draft(project, source_id, [p for p in proposals if p.collection == "events" and p.action == "new"])
    facts = {p: p.read_bytes() for p in (project / "seeds" / "facts").glob("*.yml")}
    result = run_build(project, "apply", str(path))
    assert result.code == 2, result.out
    assert "still to be written in your own words" in result.err
    assert {p: p.read_bytes() for p in (project / "seeds" / "facts").glob("*.yml")} == facts


def test_a_fact_the_report_does_not_give_is_left_for_the_curator(project, tmp_path):
    # No country is given for the new official: the draft says so, and apply will not take it as it is.
    source_id, proposals = _drafted(project, tmp_path, "date 2025-06-04\nForeign Secretary Vikram Misri met Special "
                                                       "Envoy Libri Yade in Tokyo on Monday.\n")
    new = [p for p in proposals if p.collection == "officials" and p.action == "new"]
    assert [(p.fields["name"], p.fields["country"]) for p in new] == [("Libri Yade", UNSTATED)]
    result = run_build(project, "apply", str(_write_draft(project, source_id, new)))
    assert result.code == 2 and "fields.country: the report does not give it" in result.err, result.err


def test_apply_keeps_comments_and_formatting_outside_what_it_adds(project, tmp_path):
    officials = project / "seeds" / "facts" / "officials.yml"
    commented = "# A comment the curator wrote.\n" + officials.read_text("utf-8").replace(
        "  - id: vikram-misri", "  # Misri first: he leads the Indian side.\n  - id: vikram-misri", 1)
    officials.write_text(commented, encoding="utf-8")
    source_id, proposals = _drafted(project, tmp_path, REPORT)
    kept = [p for p in proposals if p.collection == "officials" and p.id == "vikram-misri"]
    assert kept and kept[0].action == "cite"
    others = {p: p.read_bytes() for p in (project / "seeds" / "facts").glob("*.yml") if p != officials}
    done = apply(Project(project), _write_draft(project, source_id, kept))
    assert done.changed == ["officials/vikram-misri"]
    after = officials.read_text("utf-8")
    added = [line for line in after.splitlines() if line not in commented.splitlines()]
    assert added and all("new-report" in line or "quote:" in line or "supports" in line or line.strip() in
                         ("- name", "- aliases") for line in added), added
    # Every line that was there is there, in order: only lines were added.
    old = commented.splitlines()
    it = iter(after.splitlines())
    assert all(any(line == other for other in it) for line in old)
    assert {p: p.read_bytes() for p in others} == others
    assert pipeline.check(Project(project))


def test_a_review_page_marks_each_proposals_evidence(project, tmp_path):
    from briefing import review

    source_id, proposals = _drafted(project, tmp_path, REPORT)
    _write_draft(project, source_id, proposals)
    texts = {source_id: (project / "seeds" / "sources" / "report.txt").read_text("utf-8")}
    pages, unread = review.review_pages(project, project / "seeds", texts)
    assert unread == []
    assert list(pages) == [f"drafts/{source_id}.md"]
    page = pages[f"drafts/{source_id}.md"].read_text("utf-8")
    assert page.count("<tr><td>") == len(proposals)
    assert '<mark class="review' in page and "person" in page and "engagement" in page
    assert 'href="../officials/vikram-misri.html"' in page
    assert "sergio-gor (new)" in page
    # Not part of what a build publishes: written under .cache/, not the output folder.
    assert ".cache" in pages[f"drafts/{source_id}.md"].parts


def test_an_engagement_is_tagged_with_the_briefings_topics_its_sentence_names(project, tmp_path):
    # Issue 22: the draft proposed no topics. "trade" and "Defence" name the shipped topics trade and defence.
    _, proposals = _drafted(project, tmp_path, "date 2025-06-04\nForeign Secretary Vikram Misri met Deputy Secretary of "
                                               "State Christopher Landau in Tokyo on Monday to discuss trade and "
                                               "Defence cooperation.\n")
    (meeting,) = [p for p in proposals if p.collection == "events"]
    assert meeting.fields["topics"] == ["trade", "defence"]
    assert "topics" in meeting.evidence[0]["supports"]


def test_the_draft_sorts_proposals_by_confidence_and_marks_the_low_ones(project, tmp_path):
    from briefing.draft import LOW, LOW_MARK

    _, proposals = _drafted(project, tmp_path, REPORT + "Vikram Misri is visiting Lima this week.\nDuring his visit, "
                                                        "Vikram Misri met Steve Feinberg.\n")
    confidences = [p.confidence for p in proposals]
    assert confidences == sorted(confidences, reverse=True)
    low = [p.as_data() for p in proposals if p.confidence < LOW]
    # A meeting within a visit with no day of its own (its place the visit's) is a low one.
    assert low and all(d["why"].startswith(LOW_MARK) for d in low)
    assert not any(p.as_data()["why"].startswith(LOW_MARK) for p in proposals if p.confidence >= LOW)
