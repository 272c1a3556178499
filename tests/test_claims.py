"""Claim-level provenance: each citation says what it supports, and the
build verifies what it can of each claim (exit 2, file:line: field)."""

from __future__ import annotations

import json

import pytest

from briefing import pipeline
from briefing.project import Project
from conftest import run_build
from test_check import append_facts, assert_bad

WRAP_UP = "misri-visit-wrap-up"
# Verbatim in the wrap-up report: a date, a place and Misri.
VISIT = ("Foreign Secretary Vikram Misri concluded a productive three-day visit to the United States from May 27 "
         "to 29, holding a series of high-level meetings aimed at deepening India-U.S. cooperation in defence, "
         "trade, and technology.")
# Verbatim there too: Kapoor and the departments, no date.
KAPOOR = ("Accompanied by Deputy National Security Advisor Pavan Kapoor, Misri engaged with senior officials across "
          "multiple U.S. departments, including State, Defence, Treasury, Commerce, and the National Security Council.")


def event(extra: str = "", date: str = "2025-05-28", supports: str = "[date, place, participants]",
          second: str = "[participants]", participants: str = "[vikram-misri, pavan-kapoor]",
          place: str = "United States") -> str:
    return f"""events:
  - id: zz-claimed-meeting
    title: Zorblat quimble meeting
    kind: meeting
    summary: Zorblat quimble frobnicated with the visiting delegation.
    date: {date}
    date_basis: stated
    place: {place}
    participants: {participants}
{extra}    cite:
      - source: {WRAP_UP}
        quote: "{VISIT}"
        supports: {supports}
      - source: {WRAP_UP}
        quote: "{KAPOOR}"
        supports: {second}
"""


FILE = "seeds/facts/zz-test.yml"


def test_a_well_supported_engagement_passes(project):
    append_facts(project, event())
    result = run_build(project, "check")
    assert result.code == 0, result.err


@pytest.mark.parametrize("text, line, field, words", [
    (event(supports="[date, place, participants, colour]"), 13, "events[zz-claimed-meeting].cite[0].supports[3]",
     "'colour' is not one of"),
    (event(supports="[date, place, participants, speaker]"), 13, "events[zz-claimed-meeting].cite[0].supports[3]",
     "'speaker' is not a field of this record a quote can support"),
    (event(supports="[place, participants]"), 6, "events[zz-claimed-meeting].date", "no citation supports the date"),
    (event(supports="[place, participants]", second="[date, participants]"), 15,
     "events[zz-claimed-meeting].cite[1].quote", "supports the date but gives none"),
    (event(supports="[date, place]", second="[]", participants="[vikram-misri]"), 9,
     "events[zz-claimed-meeting].participants", "no citation supports the participants"),
    (event(supports="[date, place]", participants="[vikram-misri, elbridge-colby, pavan-kapoor]"), 9,
     "events[zz-claimed-meeting].participants[1]", "Elbridge Colby is named (by name or alias) in no quote"),
    (event(place="New Delhi"), 8, "events[zz-claimed-meeting].place", "'New Delhi' occurs in no quote"),
    (event(supports="[date, participants]"), 8, "events[zz-claimed-meeting].place", "no citation supports the place"),
    (event(extra="    organizations: [mea]\n", second="[participants, organizations]"), 10,
     "events[zz-claimed-meeting].organizations[0]", "Ministry of External Affairs is named in no quote"),
    (event(date="'2025-05'", extra="    date_note: Worked out from the weekday.\n").replace(
        "date_basis: stated", "date_basis: derived"), 10, "events[zz-claimed-meeting].date_note",
     "names the report date it is derived from"),
    (event(date="../2025-12-08/2025-12-09"), 6, "events[zz-claimed-meeting].date",
     "use one of: 2025, 2025-02, 2025-02-14; a span 2025-05-27/2025-05-29; uncertain 2025?-03-28"),
])
def test_each_claim_is_verified(project, text, line, field, words):
    append_facts(project, text)
    assert_bad(run_build(project, "check"), FILE, line, field, words)


def test_a_title_citation_supports_its_title_only(project):
    append_facts(project, f"""officials:
  - id: zz-official
    name: Pavan Kapoor Two
    country: IN
    roles:
      - title: Deputy National Security Advisor
        cite:
          - source: {WRAP_UP}
            quote: "{KAPOOR}"
            supports: [name]
""")
    result = run_build(project, "check")
    assert result.code == 2
    assert f"{FILE}:10: officials[zz-official].roles[0].cite[0].supports: a title's" in result.err


def render(project) -> tuple[pipeline.Briefing, dict[str, bytes]]:
    briefing = pipeline.check(Project(project))
    return briefing, pipeline.render(briefing, Project(project))


@pytest.mark.parametrize("date, words", [("../2025-12-08", "on or before 8 Dec 2025"),
                                         ("2025-12-07/..", "from 7 Dec 2025")])
def test_open_ended_dates_read_as_words(project, date, words):
    append_facts(project, event(date=date))
    briefing, outputs = render(project)
    page = outputs["events/zz-claimed-meeting.md"].decode()
    assert f"| Date | {words}" in page.replace("&#45;", "-")
    data = json.loads(outputs["data/briefing.json"])
    mine = next(e for e in data["events"] if e["id"] == "zz-claimed-meeting")
    assert mine["date"] == date and mine["date_display"] == words


def test_an_announced_engagement_is_not_a_meeting(project):
    """Colby and Landau never meet in the shipped corpus; an announced
    engagement between them shows as announced and joins no network."""
    append_facts(project, f"""events:
  - id: zz-claimed-meeting
    title: Zorblat quimble meeting
    kind: meeting
    status: announced
    summary: Zorblat quimble frobnicated with the visiting delegation.
    date: 2025-05-28
    date_basis: stated
    participants: [elbridge-colby, christopher-landau]
    cite:
      - source: {WRAP_UP}
        quote: "{VISIT}"
        supports: [date]
      - source: {WRAP_UP}
        quote: "Deputy Secretary of State Christopher Landau"
        supports: [participants]
      - source: {WRAP_UP}
        quote: "Under Secretary for Policy Elbridge Colby"
        supports: [participants]
""")
    result = run_build(project, "check")
    assert result.code == 0, result.err
    briefing, outputs = render(project)
    assert ("christopher-landau", "elbridge-colby") not in briefing.met_pairs
    assert "christopher-landau" not in [o.id for o in briefing.counterparts("elbridge-colby")]
    assert "zz-claimed-meeting" not in [e.id for e in briefing.latest(100)]
    page = outputs["events/zz-claimed-meeting.md"].decode()
    assert "| Status | announced: not reported as held |" in page
    colby = outputs["officials/elbridge-colby.md"].decode()
    assert "zz-claimed-meeting.md" in colby  # listed among the engagements, with its status
    assert "(announced)" in colby
    counterparts = colby.split("## Counterparts met")[1].split("\n## ")[0]
    assert "christopher-landau" not in counterparts


def test_claims_are_published_per_field(project):
    append_facts(project, event())
    _, outputs = render(project)
    data = json.loads(outputs["data/briefing.json"])
    mine = next(e for e in data["events"] if e["id"] == "zz-claimed-meeting")
    assert mine["claims"] == {"date": [WRAP_UP], "place": [WRAP_UP], "participants": [WRAP_UP]}
    page = outputs["events/zz-claimed-meeting.md"].decode()
    # The one report behind it names no outlet or date, and the row says so.
    assert "| Date | 28 May 2025 | <span class=\"single-bare\">1 report only, naming no outlet or date</span> [^1] |" \
        in page


def test_stale_prose_warns_without_failing(project):
    append_facts(project, event(extra=f"    prose_from: [{WRAP_UP}]\n") + """      - source: ani-misri-colby-kapoor
        quote: "Misri is currently in the United States for a three-day visit"
""")
    result = run_build(project, "check")
    assert result.code == 0, result.err
    assert (f"{FILE}:10: events[zz-claimed-meeting].prose_from: warning: cites report ani-misri-colby-kapoor, "
            "which its title and summary were not written from") in result.err
    assert "1 warnings" in result.out
