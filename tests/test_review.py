"""A draft's review page: each proposal as the site will show it, with a
diff against the record, only its evidence marked, conflicts flagged, the
likeliest first; linear in the report; a half-typed draft left out."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import yaml

from bench.review import long_draft
from briefing import pipeline, review
from briefing.add import add
from briefing.draft import draft
from briefing.project import Project

REPORT = ("Washington, Jun 3 (PTI) Foreign Secretary Vikram Misri spoke with Landau on the phone today.\n"
          "Later, Acting Secretary of State Christopher Landau met Vikram Misri and US Ambassador-designate Sergio Gor "
          "in New Delhi.\n"
          "The weather was fine and nothing else happened in the capital.\n")


def drafted(project: Path, tmp_path: Path, text: str = REPORT) -> tuple[str, list[dict], str, object]:
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    source_id = add(Project(project), report, "review-report")
    briefing = pipeline.check(Project(project))
    proposals = [p.as_data() for p in draft(briefing, source_id)]
    page = review.page({"source": source_id, "proposals": proposals}, briefing.corpus.texts[source_id],
                       f"drafts/{source_id}.md", briefing)
    return source_id, proposals, page, briefing


def card(page: str, number: int) -> str:
    found = re.search(rf'<section class="review-proposal" id="proposal-{number}".*?</section>', page, re.DOTALL)
    assert found, f"no card for proposal {number}"
    return found.group()


def number_of(proposals: list[dict], action: str, collection: str, record_id: str) -> int:
    return next(n + 1 for n, p in enumerate(proposals)
                if (p["action"], p["collection"], p["id"]) == (action, collection, record_id))


def test_a_citation_shows_the_record_and_what_apply_adds_to_it(project, tmp_path):
    _, proposals, page, _ = drafted(project, tmp_path)
    landau = card(page, number_of(proposals, "cite", "officials", "christopher-landau"))
    assert "<th>Recorded</th><th>After apply</th>" in landau
    titles = re.search(r"<tr><th>titles</th><td>(.*?)</td><td>(.*?)</td></tr>", landau)
    assert titles and "Deputy Secretary of State" in titles.group(1)
    assert titles.group(2).endswith("<ins>Acting Secretary of State</ins>")  # a title the briefing does not hold, marked as added


def test_a_new_record_shows_its_values_as_the_site_does(project, tmp_path):
    _, proposals, page, _ = drafted(project, tmp_path)
    gor = card(page, number_of(proposals, "new", "officials", "sergio-gor"))
    assert "<tr><th>country</th><td>United States (US)</td></tr>" in gor  # a country by its name
    meeting = card(page, number_of(proposals, "new", "events", "landau-misri-meeting"))
    # Participants by name, linked to their pages; one the draft proposes, said so.
    assert '<a href="../officials/vikram-misri.html">Vikram Misri</a>' in meeting
    assert "sergio-gor (new in this draft)" in meeting
    assert '<em class="review-fill-in">FILL IN: your own words</em>' in meeting
    assert "<tr><th>date</th><td><em>none</em></td></tr>" in meeting


def test_an_update_shows_the_old_value_struck_and_the_new_one(tmp_path):
    """An undated engagement given a date: the page reads it as the site does."""
    view = review.Review([], None, "drafts/x.md")
    assert str(view._diff("date", None, "2025-05-27/2025-05-29")) == "<ins>27–29 May 2025</ins>"
    assert str(view._diff("place", "Delhi", "New Delhi")) == "<del>Delhi</del> <ins>New Delhi</ins>"
    assert str(view._diff("place", "Delhi", "Delhi")) == "Delhi (unchanged)"


def test_only_the_evidence_is_marked(project, tmp_path):
    source_id, proposals, page, _ = drafted(project, tmp_path)
    gor = card(page, number_of(proposals, "new", "officials", "sergio-gor"))
    # In its evidence, the words that support it, not the whole sentence.
    assert re.findall(r"<mark>(.*?)</mark>", gor) == ["US", "Ambassador-designate", "Sergio Gor"]
    text = page.split('<div class="review-text">', 1)[1]
    # In the report, a sentence no proposal cites is not marked.
    assert "The weather was fine and nothing else happened in the capital." in re.sub(r"<mark.*?</mark>", "", text)


def test_a_person_named_by_a_surname_only_and_a_resembling_engagement_are_flagged(project, tmp_path):
    _, proposals, page, _ = drafted(project, tmp_path)
    landau = card(page, number_of(proposals, "cite", "officials", "christopher-landau"))
    assert ("Christopher Landau</a> is named by the surname 'Landau' only in its evidence" in landau)
    call = card(page, number_of(proposals, "new", "events", "misri-landau-call"))
    assert "surname 'Landau' only" in call
    assert ('resembles the recorded <a href="../events/misri-landau-conversation-2025-03.html">' in call)
    sure = card(page, number_of(proposals, "cite", "officials", "vikram-misri"))
    assert "review-conflict" not in sure  # named in full in every quote


def test_a_new_engagement_that_is_already_recorded_is_flagged(project):
    """The shipped report on Hooker's visit, drafted again: the draft cites
    the talks the briefing records; proposed as new by hand, as a curator
    might, they are flagged as resembling the recorded ones."""
    briefing = pipeline.check(Project(project))
    proposals = [p.as_data() for p in draft(briefing, "misri-hosts-hooker")]
    talks_id = "misri-hooker-foreign-office-consultations"
    (cited,) = [p for p in proposals if (p["action"], p["collection"], p["id"]) == ("cite", "events", talks_id)]
    recorded = briefing.record(talks_id)
    proposals.append({**cited, "action": "new", "id": "misri-hooker-talks",
                      "fields": {"title": "Misri and Hooker hold talks", "kind": "talks", "date": None,
                                 "place": "New Delhi", "participants": list(recorded.participants)}})
    page = review.page({"source": "misri-hosts-hooker", "proposals": proposals},
                       briefing.corpus.texts["misri-hosts-hooker"], "drafts/misri-hosts-hooker.md", briefing)
    talks = card(page, number_of(proposals, "new", "events", "misri-hooker-talks"))
    assert f'resembles the recorded <a href="../events/{talks_id}.html">' in talks


def test_proposals_come_likeliest_first_with_the_drafts_numbers(project, tmp_path):
    _, proposals, page, _ = drafted(project, tmp_path)
    shown = [int(n) for n in re.findall(r'<section class="review-proposal" id="proposal-(\d+)"', page)]
    assert sorted(shown) == list(range(1, len(proposals) + 1))
    confidences = [proposals[n - 1]["confidence"] for n in shown]
    assert confidences == sorted(confidences, reverse=True)
    rows = [int(n) for n in re.findall(r"<tr><td>(\d+)</td>", page)]
    assert rows == shown


def test_a_half_typed_draft_is_left_out_with_its_line_and_the_others_are_reviewed(project, tmp_path):
    source_id, proposals, _, briefing = drafted(project, tmp_path)
    drafts = project / "seeds" / "drafts"
    drafts.mkdir()
    (drafts / "good.yml").write_text(yaml.safe_dump({"source": source_id, "proposals": proposals}), encoding="utf-8")
    (drafts / "typing.yml").write_text(f"source: {source_id}\nproposals:\n  - action: cite\n    why: 'unclosed\n",
                                       encoding="utf-8")
    (drafts / "bomb.yml").write_text(f"source: {source_id}\nlol: &a [x, x]\nproposals: [*a]\n", encoding="utf-8")
    pages, unread = review.review_pages(project, project / "seeds", briefing.corpus.texts, briefing)
    assert list(pages) == ["drafts/good.md"]
    assert [(p.file, p.line) for p in unread] == [("seeds/drafts/bomb.yml", 2), ("seeds/drafts/typing.yml", 5)]
    assert "anchors and aliases" in unread[0].message and unread[1].message.startswith("YAML syntax: ")


# --- time linear in the report ---------------------------------------------------------


def lines_run(function, *args) -> int:
    """How many lines of the generator's Python run while `function` runs:
    the work it does, counted, whatever else the machine is doing."""
    package = str(Path(review.__file__).parent) + os.sep
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(package) else None

    sys.settrace(calls)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def test_the_review_page_does_work_linear_in_the_report():
    """Four times the quotes, four times the work (a quadratic page would do
    sixteen). `make bench` gives the CPU time of a 10,000-quote draft."""
    work = {}
    for size in (500, 2000):
        draft_data, text = long_draft(size)
        work[size] = lines_run(review.page, draft_data, text, "drafts/big.md", None)
    assert work[2000] / work[500] < 4 * 1.15, work


@pytest.mark.parametrize("text", ["A" * 20_000, "Word " * 4_000, ("x. " * 5_000)])
def test_pathological_reports_cost_work_linear_in_them_too(text):
    quotes = [text[i:i + 40] for i in range(0, len(text) - 40, 400)]
    proposals = [{"action": "cite", "collection": "officials", "id": "x", "evidence": [{"quote": q}], "confidence": 0.5}
                 for q in quotes]
    small = lines_run(review.page, {"proposals": proposals[:len(proposals) // 4]}, text[:len(text) // 4], "d/x.md", None)
    large = lines_run(review.page, {"proposals": proposals}, text, "d/x.md", None)
    assert large / small < 4 * 1.25, (small, large)
