"""The curated default corpus: counts and facts checked against the published data.

A later change that loses or alters a curated fact fails here.
"""

from __future__ import annotations

import json

import pytest

EXPECTED_COUNTS = {
    "sources": 5, "officials": 13, "organizations": 10, "initiatives": 10,
    "events": 17, "statements": 10, "discrepancies": 6, "topics": 16,
}


@pytest.fixture(scope="module")
def data(built_site):
    return json.loads((built_site / "site" / "data" / "briefing.json").read_text("utf-8"))


def by_id(data, collection: str, record_id: str) -> dict:
    return next(r for r in data[collection] if r["id"] == record_id)


def test_counts(data):
    assert {name: len(records) for name, records in data.items()} == EXPECTED_COUNTS


def test_every_report_is_cited(data):
    for source in data["sources"]:
        assert source["cited_by"], f"{source['id']} is not cited by any fact"


@pytest.mark.parametrize("collection, record_id, field, expected", [
    # Dates: stated, derived from a weekday, inferred year, an honest bound, unknown.
    ("events", "misri-washington-visit-2025-05", "date", "2025-05-27/2025-05-29"),
    ("events", "misri-washington-visit-2025-05", "date_basis", "stated"),
    ("events", "misri-kessler-meeting", "date", "2025-05-27/2025-05-28"),
    ("events", "misri-kessler-meeting", "place", "Department of Commerce, Washington"),
    ("events", "misri-kessler-meeting", "parent", "misri-washington-visit-2025-05"),
    ("events", "misri-kapoor-think-tank-interaction", "date", "2025-05-29"),
    ("events", "misri-kapoor-think-tank-interaction", "date_basis", "derived"),
    ("events", "mea-announces-misri-visit", "date", "2025-05-26"),
    ("events", "misri-landau-conversation-2025-03", "date", "2025?-03-28"),
    ("events", "misri-landau-conversation-2025-03", "date_basis", "inferred"),
    ("events", "misri-landau-conversation-2025-03", "date_qualifier", "year inferred"),
    ("events", "lynch-india-visit-2025-03", "date", "2025?-03-25/2025?-03-29"),
    ("events", "lynch-india-visit-2025-03", "parent", "india-us-trade-negotiations"),
    ("events", "hooker-new-delhi-visit", "date", None),
    ("events", "hooker-new-delhi-visit", "place", "New Delhi"),
    ("events", "misri-hooker-foreign-office-consultations", "date", None),
    ("events", "modi-washington-visit-2025-02", "date", "2025-02"),
    ("events", "misri-inter-agency-discussions", "place", "White House, Washington, D.C."),
    # Initiatives: acronym, expansion, launch, spelling variants.
    ("initiatives", "compact", "acronym", "COMPACT"),
    ("initiatives", "compact", "launched", "compact-launch-2025-02"),
    ("sources", "uni-misri-landau-call", "outlet", "UNI"),
    ("sources", "uni-misri-landau-call", "published", "2025?-03-28"),
    ("sources", "misri-hosts-hooker", "published", None),
])
def test_spot_checks(data, collection, record_id, field, expected):
    assert by_id(data, collection, record_id)[field] == expected


def test_titles_as_each_report_writes_them(data):
    colby = by_id(data, "officials", "elbridge-colby")
    titles = {role["title"]: {c["source"] for c in role["cite"]} for role in colby["roles"]}
    assert titles["Under Secretary of Defence"] == {"ani-misri-colby-kapoor"}
    assert titles["Under Secretary for Policy"] == {"misri-visit-wrap-up"}
    assert all(role["organization"] == "dod" for role in colby["roles"])


def test_participants_and_initiatives(data):
    inter_agency = by_id(data, "events", "misri-inter-agency-discussions")
    assert set(inter_agency["participants"]) == {"vikram-misri", "pavan-kapoor"}
    assert {"trust", "quad", "imec", "i2u2"} <= set(inter_agency["initiatives"])
    assert "IMEEC" in by_id(data, "initiatives", "imec")["aliases"]
    compact = by_id(data, "initiatives", "compact")
    assert compact["expansions"][0]["text"] == \
        "Catalysing Opportunities for Military Partnership, Accelerated Commerce & Technology"
    assert by_id(data, "events", "compact-launch-2025-02")["parent"] == "modi-washington-visit-2025-02"


def test_visit_meetings_are_linked_to_the_visit(data):
    visit = by_id(data, "events", "misri-washington-visit-2025-05")
    assert len(visit["children"]) == 8
    assert "misri-kessler-meeting" in visit["children"]
    misri = by_id(data, "officials", "vikram-misri")
    assert {"christopher-landau", "jeffrey-kessler", "elbridge-colby", "allison-hooker"} <= set(misri["counterparts"])


def test_every_date_place_and_participant_list_has_named_support(data):
    """Claim by claim: the sources that support each engagement's date,
    place and participants are named, not only the engagement's."""
    for event in data["events"]:
        claims = event["claims"]
        for field in ("date", "place", "participants"):
            if event[field]:
                assert claims.get(field), f"{event['id']}: no source supports its {field}"
                assert set(claims[field]) <= set(event["sources"])


@pytest.mark.parametrize("event_id, field, sources", [
    ("misri-washington-visit-2025-05", "date", ["misri-kessler-tech-trade", "misri-visit-wrap-up"]),
    ("misri-washington-visit-2025-05", "place", ["misri-kessler-tech-trade"]),
    ("misri-landau-conversation-2025-03", "date", ["uni-misri-landau-call"]),
    ("misri-kessler-meeting", "date", ["misri-kessler-tech-trade"]),
    ("misri-kessler-meeting", "participants", ["ani-misri-colby-kapoor", "misri-kessler-tech-trade",
                                               "misri-visit-wrap-up"]),
    ("modi-washington-visit-2025-02", "date", ["ani-misri-colby-kapoor", "misri-hosts-hooker",
                                               "misri-kessler-tech-trade", "misri-visit-wrap-up"]),
])
def test_per_claim_support_of_dated_engagements(data, event_id, field, sources):
    assert by_id(data, "events", event_id)["claims"][field] == sources


def test_reported_positions_and_disagreements_reach_the_record_pages(built_site):
    site = built_site / "site"
    landau = (site / "officials" / "christopher-landau.html").read_text("utf-8")
    reported = landau.split('<h2 id="positions-reported-by-others">')[1]
    assert 'id="statement-state-readout-landau-trade"' in reported
    visit = (site / "events" / "misri-washington-visit-2025-05.html").read_text("utf-8")
    date_row = next(row for row in visit.split("<tr>") if "<td>Date</td>" in row)
    assert "sources disagree: date" in date_row
    assert "../notes.html#" in date_row
