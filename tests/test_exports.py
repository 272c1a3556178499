"""The exports, each read with a real parser or client: the calendars with
icalendar and recurring-ical-events (day by day, as a calendar program shows
them), the spreadsheets with csv, datetime and openpyxl, the feed with
feedparser, the pages' linked data with pyld, the database with sqlite3 and
with Datasette 0.65 in-process, given the metadata shipped beside it. Counts
are checked against briefing.json, and what the generator derives (a date's
span, which engagements a calendar holds) is worked out here again on its own.

The site is built as a publisher would: `site_url` and `copyright` in
mkdocs.yml.

The site is the shipped corpus and a few engagements added for the exports:
one planned (with markup and quotes in its title), one cancelled across two
days (its title a spreadsheet formula), one postponed with an open end."""

from __future__ import annotations

import csv
import datetime
import html
import html.parser
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from conftest import copy_project, run_build

EPOCH = "1764000000"  # 2025-11-24
HOSTILE_TITLE = '</script><script>window.__pwned = 1</script> & "talks" <b>planned</b>'
FORMULA_TITLE = '=HYPERLINK("http://example.invalid","click") cancelled call'
QUOTE = "Washington DC [US], May 30 (ANI): Foreign Secretary Vikram Misri met US Under Secretary of Defence Elbridge Colby"
EXTRA_FACTS = f"""\
# yaml-language-server: $schema=../facts.schema.json
events:
  - id: zz-planned-talks
    title: '{HOSTILE_TITLE}'
    kind: talks
    status: planned
    summary: 'A test engagement: {{{{ config.site_name }}}} [x](javascript:alert(1)) ]]> --> end.'
    date: "2025-06-02"
    date_basis: stated
    place: Washington DC
    participants: [vikram-misri, elbridge-colby]
    cite:
      - source: ani-misri-colby-kapoor
        quote: "{QUOTE}"
        supports: [date, place, participants]
  - id: zz-cancelled-call
    title: '{FORMULA_TITLE}'
    kind: call
    status: cancelled
    summary: A second test engagement, called off.
    date: 2025-06-10/2025-06-11
    date_basis: stated
    participants: [vikram-misri]
    cite:
      - source: ani-misri-colby-kapoor
        quote: "{QUOTE}"
        supports: [date, participants]
  - id: zz-postponed-meeting
    title: A postponed test meeting
    kind: meeting
    status: postponed
    summary: A third test engagement, put off to a later day.
    date: "../2025-06-20"
    date_basis: stated
    participants: [elbridge-colby]
    cite:
      - source: ani-misri-colby-kapoor
        quote: "{QUOTE}"
        supports: [date, participants]
"""
LISTS = ["sources", "topics", "officials", "organizations", "initiatives", "events", "statements", "discrepancies"]
DAY = re.compile(r"^\d{4}[?~%]?-\d{2}[?~%]?-\d{2}[?~%]?$")
SCHEMA = "http://schema.org/"


def add_export_facts(root: Path) -> Path:
    (root / "seeds" / "facts" / "zz-exports.yml").write_text(EXTRA_FACTS, encoding="utf-8")
    return root


@dataclass
class Built:
    root: Path
    data: dict

    @property
    def site(self) -> Path:
        return self.root / "site"

    def records(self, collection: str) -> dict[str, dict]:
        return {record["id"]: record for record in self.data[collection]}


SITE = "https://briefing.example/india-us/"
LICENCE = "CC BY 4.0 test licence"


def publish(root: Path) -> Path:
    """mkdocs.yml saying where the site is published and under what terms."""
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"site_url: {SITE}\ncopyright: {LICENCE}\n", encoding="utf-8")
    return root


def build(root: Path, epoch: str = EPOCH) -> Built:
    result = run_build(publish(add_export_facts(root)), "build", env={"SOURCE_DATE_EPOCH": epoch}, timeout=600)
    assert result.code == 0, result.err
    return Built(root, json.loads((root / "site" / "data" / "briefing.json").read_text("utf-8")))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    return build(copy_project(tmp_path_factory.mktemp("exports") / "project"))


def day_precise(date) -> bool:
    return date is not None and ".." not in date and all(DAY.match(part) for part in date.split("/"))


def some_day_within(event: dict) -> bool:
    """A meeting during a visit dated by the visit's days: on one of them."""
    first, _, last = (event["date"] or "").partition("/")
    return bool(event["parent"]) and event["kind"] != "visit" and day_precise(event["date"]) and bool(last) \
        and first != last


def in_calendar(event: dict) -> bool:
    """What the calendar holds, worked out here independently of the generator."""
    return day_precise(event["date"]) and not some_day_within(event)


def plain_day(part: str) -> datetime.date:
    return datetime.date.fromisoformat(re.sub(r"[?~%]", "", part))


# --- calendars ---------------------------------------------------------------


def read_calendar(path: Path):
    import icalendar

    return icalendar.Calendar.from_ical(path.read_bytes())


@pytest.mark.slow
def test_the_calendar_holds_every_engagement_on_known_days_and_no_other(built):
    calendar = read_calendar(built.site / "data" / "briefing.ics")
    assert str(calendar["version"]) == "2.0" and calendar.get("prodid")
    entries = {str(entry["uid"]).split("@")[0]: entry for entry in calendar.walk("VEVENT")}
    events = built.records("events")
    expected = {eid for eid, event in events.items() if in_calendar(event)}
    assert set(entries) == expected
    left_out = set(events) - expected
    assert {"zz-postponed-meeting", "modi-washington-visit-2025-02", "misri-colby-meeting"} <= left_out
    assert any(events[eid]["date"] is None for eid in left_out)
    for event_id, entry in entries.items():
        event = events[event_id]
        first, _, last = event["date"].partition("/")
        start, end = entry.decoded("dtstart"), entry.decoded("dtend")
        # All day: dates, not times, the end the day after the last.
        assert type(start) is datetime.date and type(end) is datetime.date
        assert entry["dtstart"].params.get("VALUE") == "DATE"
        assert start == plain_day(first)
        assert end == plain_day(last or first) + datetime.timedelta(days=1)
        assert str(entry["summary"]) == event["title"]
        assert entry.decoded("dtstamp") == datetime.datetime(2025, 11, 24, tzinfo=datetime.timezone.utc)
        # Every entry links to its page, in full; its date as the briefing has it beside.
        assert str(entry["url"]) == SITE + event["url"]
        assert str(entry["x-briefing-edtf"]) == event["date"]
        assert str(entry["x-briefing-date-precision"]) == ("days" if last and last != first else "day")
        description = str(entry["description"])
        assert f"Page: {SITE}{event['url']}" in description
        if event["place"]:
            assert str(entry["location"]) == event["place"]
            assert event["place"] in description
        names = [built.records("officials")[p]["name"] for p in event["participants"]]
        assert all(name in description for name in names)
        if event["date_qualifier"]:  # derived, inferred or uncertain: said, with how it is known
            assert f"({event['date_qualifier']})" in description
            assert " ".join(event["date_note"].split()) in " ".join(description.split())
        # A meeting on a day not known within this visit: named under it, never drawn across its days.
        for child in event["children"]:
            if some_day_within(events[child]):
                assert events[child]["title"] in description and SITE + events[child]["url"] in description
    assert any(events[e]["date_basis"] == "derived" for e in entries)
    assert any(events[e]["date_basis"] == "inferred" for e in entries)
    status = {event_id: str(entry["status"]) for event_id, entry in entries.items()}
    assert status["zz-planned-talks"] == "TENTATIVE"
    assert status["zz-cancelled-call"] == "CANCELLED"
    for event_id, event in events.items():
        if event_id in entries and event["status"] == "held":
            inferred = event["date_basis"] == "inferred" or "?" in event["date"]
            assert status[event_id] == ("TENTATIVE" if inferred else "CONFIRMED"), event_id
    assert "TENTATIVE" in {status[e] for e in entries if events[e]["status"] == "held"}
    assert "not reported as held" in str(entries["zz-cancelled-call"]["description"])


@pytest.mark.slow
def test_a_calendar_program_shows_a_meeting_on_an_unknown_day_on_no_day_of_its_visit(built):
    """recurring-ical-events, day by day: the visit on each of its three days, the
    meetings whose day is unknown on none, the one whose day is known on it."""
    import recurring_ical_events

    calendar = read_calendar(built.site / "data" / "briefing.ics")
    events = built.records("events")
    visit = events["misri-washington-visit-2025-05"]
    within = [c for c in visit["children"] if some_day_within(events[c])]
    on_a_day = [c for c in visit["children"] if in_calendar(events[c])]
    assert len(within) >= 5 and on_a_day == ["misri-kapoor-think-tank-interaction"]
    for day in range(26, 31):
        date = datetime.date(2025, 5, day)
        shown = {str(e["uid"]).split("@")[0] for e in recurring_ical_events.of(calendar).at(date)}
        assert not shown & set(within), date
        assert ("misri-washington-visit-2025-05" in shown) == (27 <= day <= 29), date
        assert ("misri-kapoor-think-tank-interaction" in shown) == (day == 29), date
    # Over the whole briefing, each engagement on the days it lasted, and once.
    shown = recurring_ical_events.of(calendar).between(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1))
    uids = [str(e["uid"]).split("@")[0] for e in shown]
    assert sorted(uids) == sorted(e for e, event in events.items() if in_calendar(event))


@pytest.mark.slow
def test_an_official_has_a_calendar_only_when_it_holds_an_engagement_and_a_link_only_to_it(built):
    whole = {str(e["uid"]): e for e in read_calendar(built.site / "data" / "briefing.ics").walk("VEVENT")}
    events = built.records("events")
    without = []
    for official_id, official in built.records("officials").items():
        path = built.site / "data" / "officials" / f"{official_id}.ics"
        mine = {uid for uid in whole if official_id in events[uid.split("@")[0]]["participants"]}
        page = (built.site / official["url"]).read_text("utf-8")
        link = f'href="../data/officials/{official_id}.ics"'
        if not mine:
            without.append(official_id)
            assert not path.exists() and link not in page, official_id
            continue
        calendar = read_calendar(path)
        assert official["name"] in str(calendar["x-wr-calname"])
        uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
        assert set(uids) == mine and len(uids) == len(mine)
        for entry in calendar.walk("VEVENT"):  # the same entries as in the whole calendar
            assert entry.to_ical() == whole[str(entry["uid"])].to_ical()
        assert link in page
    # Feinberg's one meeting was on a day the reports do not give: no calendar, no link.
    assert "steve-feinberg" in without
    assert len(without) < len(built.records("officials"))


def test_calendar_uids_stay_the_same_from_build_to_build(project, monkeypatch):
    """Another day, an edited title: the same UIDs, so subscribed calendars update their entries."""
    import icalendar

    from briefing import pipeline
    from briefing.project import Project

    def calendar_of_build(epoch: str):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        built_project = Project(project)
        files = pipeline.render(pipeline.check(built_project), built_project)
        return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(files["data/briefing.ics"]).walk("VEVENT")}

    before = calendar_of_build(EPOCH)
    events = project / "seeds" / "facts" / "events.yml"
    text = events.read_text("utf-8")
    events.write_text(text.replace("title: Misri and Kapoor meet US think-tank experts\n",
                                   "title: Misri and Kapoor meet US think-tank experts at Hudson\n"), encoding="utf-8")
    after = calendar_of_build(str(int(EPOCH) + 86400 * 3))
    assert set(after) == set(before) and len(before) >= 4
    changed = next(uid for uid in after if uid.startswith("misri-kapoor-think-tank-interaction@"))
    assert str(after[changed]["summary"]).endswith("at Hudson")
    assert after[changed].decoded("dtstamp") > before[changed].decoded("dtstamp")


def test_without_a_site_url_the_build_says_what_the_exports_lose(project, monkeypatch):
    """No site_url: links relative to the site's root, no URL in calendar
    entries and no xml:base; `build` says so, and --strict still passes."""
    import feedparser
    import icalendar

    from briefing import pipeline
    from briefing.project import Project

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    plain = Project(project)
    assert plain.site_url == "" and plain.licence == ""
    files = pipeline.render(pipeline.check(plain), plain)
    entries = list(icalendar.Calendar.from_ical(files["data/briefing.ics"]).walk("VEVENT"))
    assert entries and not any(entry.get("url") for entry in entries)
    assert b"xml:base" not in files["feed.xml"]
    feed = feedparser.parse(files["feed.xml"])
    assert all(entry.link.startswith("sources/") for entry in feed.entries)
    assert json.loads(files["data/briefing.metadata.json"])["license"].startswith("not stated")
    result = run_build(project, "build", env={"SOURCE_DATE_EPOCH": EPOCH}, timeout=600)
    assert result.code == 0, result.err
    notes = [line for line in result.out.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2
    assert "no site_url" in notes[0] and "calendar entries have no URL" in notes[0] and "xml:base" in notes[0]
    assert "no copyright" in notes[1]


# --- spreadsheets ------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 byte-order mark, Excel would guess the encoding"
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def as_written(text: str) -> str:
    """What a spreadsheet cell holds: a text a spreadsheet would take for a formula after an apostrophe."""
    return "'" + text if text[:1] in "=+-@" else text


def read_table(path: Path) -> list[dict[str, str]]:
    header, *rows = read_csv(path)
    assert all(len(row) == len(header) for row in rows), path.name
    return [dict(zip(header, row)) for row in rows]


TABLES = {collection: collection for collection in LISTS} | {"events": "engagements"}


def database(built: Built) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{built.site / 'data' / 'briefing.db'}?mode=ro", uri=True)


@pytest.mark.slow
def test_a_spreadsheet_per_table_with_the_databases_columns(built):
    connection = database(built)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' ORDER BY name")]
        sheets = sorted(path.stem for path in (built.site / "data").glob("*.csv"))
        assert sheets == sorted(set(tables) - {"source_texts"})  # the reports' texts are the reports
        for table in sheets:
            header = read_csv(built.site / "data" / f"{table}.csv")[0]
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            assert header == columns, table
    finally:
        connection.close()
    assert not (built.site / "data" / "events.csv").exists()  # named as the site names them
    for collection in LISTS:
        rows = read_table(built.site / "data" / f"{TABLES[collection]}.csv")
        assert [row["id"] for row in rows] == [record["id"] for record in built.data[collection]]
        assert all(row["url"] == SITE + record["url"] for row, record in zip(rows, built.data[collection]))
    rows = read_table(built.site / "data" / "engagements.csv")
    events = built.records("events")
    for row in rows:
        event = events[row["id"]]
        assert row["participants"].split("; ") == event["participants"] or not event["participants"]
        assert row["status"] == event["status"]
        if not event["title"].startswith("="):
            assert row["title"] == event["title"]
    formula = next(row for row in rows if row["id"] == "zz-cancelled-call")
    assert formula["title"] == "'" + FORMULA_TITLE  # read as text, never as a formula


@pytest.mark.slow
def test_every_date_comes_with_days_any_program_reads_and_its_precision(built):
    """csv and datetime alone: each start and end an ISO day, in order, and
    the precision what the EDTF says; a meeting within a visit is one day within it."""
    events = built.records("events")
    rows = read_table(built.site / "data" / "engagements.csv")
    for row in rows:
        event = events[row["id"]]
        date = event["date"]
        if date is None:
            assert row["date_start"] == row["date_end"] == row["date_precision"] == ""
            continue
        start = datetime.date.fromisoformat(row["date_start"]) if row["date_start"] else None
        end = datetime.date.fromisoformat(row["date_end"]) if row["date_end"] else None
        first, _, last = date.partition("/")
        if first == "..":
            assert start is None and end == plain_day(last) and row["date_precision"] == "on or before"
            continue
        if last == "..":
            assert end is None and start == plain_day(first) and row["date_precision"] == "from"
            continue
        assert start is not None and end is not None and start <= end
        parts = len(re.sub(r"[?~%]", "", first).split("-"))
        unit = {1: "year", 2: "month", 3: "day"}[parts]
        if some_day_within(event):
            assert row["date_precision"] == "day within"
        elif last and last != first:
            assert row["date_precision"] == unit + "s"
        else:
            assert row["date_precision"] == unit
        if unit == "day":
            assert start == plain_day(first) and end == plain_day(last or first)
        assert (row["date_start"], row["date_end"], row["date_precision"]) == (
            event["date_start"], event["date_end"], event["date_precision"])  # the JSON says the same
    by_id = {row["id"]: row for row in rows}
    assert (by_id["misri-colby-meeting"]["date_start"], by_id["misri-colby-meeting"]["date_end"],
            by_id["misri-colby-meeting"]["date_precision"]) == ("2025-05-27", "2025-05-29", "day within")
    assert events["misri-colby-meeting"]["date_display"] == "some day within 27–29 May 2025"
    assert by_id["misri-washington-visit-2025-05"]["date_precision"] == "days"
    assert (by_id["misri-landau-conversation-2025-03"]["date_start"], by_id["modi-washington-visit-2025-02"]["date_end"]) \
        == ("2025-03-28", "2025-02-28")
    # Sorting by the start sorts by date, whatever the EDTF's marks.
    dated = sorted((row for row in rows if row["date_start"]), key=lambda row: row["date_start"])
    assert [plain_day(re.sub(r"[?~%]", "", row["date_start"])) for row in dated] == \
        sorted(datetime.date.fromisoformat(row["date_start"]) for row in dated)
    for row in read_table(built.site / "data" / "sources.csv"):
        if row["published"]:
            assert datetime.date.fromisoformat(row["published_start"]) <= datetime.date.fromisoformat(row["published_end"])
            assert row["published_precision"] in ("day", "month", "year")


@pytest.mark.slow
def test_participants_each_a_row_with_their_name_and_side(built):
    officials = built.records("officials")
    rows = read_table(built.site / "data" / "engagement_participants.csv")
    expected = [(e["id"], str(n), p) for e in built.data["events"] for n, p in enumerate(e["participants"], 1)]
    assert [(r["engagement_id"], r["position"], r["official_id"]) for r in rows] == expected
    for row in rows:
        official = officials[row["official_id"]]
        assert (row["name"], row["country"]) == (official["name"], official["country"])
    assert {row["country_name"] for row in rows} >= {"India", "United States"}


@pytest.mark.slow
def test_lists_of_text_in_long_form_so_no_separator_can_split_them(built):
    versions = read_table(built.site / "data" / "discrepancy_versions.csv")
    expected = [(d["id"], str(n), v["value"]) for d in built.data["discrepancies"] for n, v in enumerate(d["versions"], 1)]
    assert [(r["discrepancy_id"], r["position"], r["value"]) for r in versions] == expected
    assert any("; " in value for *_, value in expected)  # the one a "; " would have split in three
    roles = read_table(built.site / "data" / "official_roles.csv")
    assert [(r["official_id"], r["title"], r["organization_id"]) for r in roles] == [
        (o["id"], role["title"], role["organization"] or "") for o in built.data["officials"] for role in o["roles"]]
    aliases = read_table(built.site / "data" / "official_aliases.csv")
    assert [(r["official_id"], r["alias"]) for r in aliases] == [
        (o["id"], as_written(alias)) for o in built.data["officials"] for alias in o["aliases"]]
    header = read_csv(built.site / "data" / "officials.csv")[0]
    assert "roles" not in header and "aliases" not in header


@pytest.mark.slow
def test_citations_numbered_and_matching_the_claims_in_the_json(built):
    rows = read_table(built.site / "data" / "citations.csv")
    assert list(rows[0]) == ["id", "table_name", "record_id", "claim", "source_id", "quote"]
    assert [row["id"] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    found = {(row["table_name"], row["record_id"], row["claim"], row["source_id"]) for row in rows}
    expected = {(TABLES[collection], record["id"], claim, source)
                for collection in LISTS for record in built.data[collection]
                for claim, sources in record.get("claims", {}).items() for source in sources}
    assert found == expected
    assert all(row["quote"] for row in rows)
    records = {row["id"]: row for row in read_table(built.site / "data" / "records.csv")}
    assert {row["record_id"] for row in rows} <= set(records)
    assert len(records) == sum(len(built.data[collection]) for collection in LISTS)


@pytest.mark.slow
def test_spreadsheets_round_trip_through_a_workbook(built, tmp_path):
    """Each CSV into an Excel workbook (openpyxl) and back: every value the
    same text, none taken for a formula or a number it was not."""
    from openpyxl import Workbook, load_workbook

    for path in sorted((built.site / "data").glob("*.csv")):
        rows = read_csv(path)
        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        saved = tmp_path / f"{path.stem}.xlsx"
        book.save(saved)
        back = load_workbook(saved).active
        read = [[cell.value if cell.value is not None else "" for cell in line] for line in back.iter_rows()]
        assert read == rows, path.name
        assert all(cell.data_type == "s" for line in back.iter_rows() for cell in line if cell.value is not None)


# --- feed ----------------------------------------------------------------------


@pytest.mark.slow
def test_the_feed_has_an_entry_per_report_newest_first_with_what_each_supports(built):
    import feedparser

    raw = (built.site / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert f'xml:base="{SITE}"'.encode() in raw
    sources = built.records("sources")
    assert len(feed.entries) == len(sources)
    certain = {s["id"] for s in sources.values() if s["published"] and not re.search(r"[?~%]", s["published"])}
    dated = [entry for entry in feed.entries if entry.get("published_parsed")]
    assert len(dated) == len(certain)
    assert [e.published_parsed for e in dated] == sorted((e.published_parsed for e in dated), reverse=True)
    by_url = {SITE + s["url"]: s for s in sources.values()}
    for entry in feed.entries:
        source = by_url[entry.link]
        assert (built.site / source["url"]).is_file()
        assert entry.title == source["title"]
        links = set(re.findall(r'href="([^"]+)"', entry.content[0].value))
        cited = {SITE + built.records(kind)[rid]["url"] for kind, _, rid in (c.partition("/") for c in source["cited_by"])}
        assert links == cited
        assert all((built.site / link.removeprefix(SITE).partition("#")[0]).is_file() for link in links)
        if source["id"] in certain:
            assert entry.published.startswith(source["published"][:10])
        else:  # "2025?-03-28" is not given as a definite date
            assert not entry.get("published")
        assert entry.updated == (entry.get("published") or feed.feed.updated)
    assert any(s["published"] and s["id"] not in certain for s in sources.values())
    newest = max(s["published_start"] for s in sources.values() if s["id"] in certain)
    assert feed.feed.updated == f"{newest}T00:00:00Z"
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [SITE + "feed.xml"]


def test_the_feed_changes_only_with_the_data_never_with_the_day(project, monkeypatch):
    from briefing import pipeline
    from briefing.project import Project

    def feed_on(epoch: str) -> bytes:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        configured = Project(project)
        return pipeline.render(pipeline.check(configured), configured)["feed.xml"]

    assert feed_on(EPOCH) == feed_on(str(int(EPOCH) + 86400 * 400))


class HeadLinks(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and self.in_head and attributes.get("rel") == "alternate" \
                and attributes.get("type") == "application/atom+xml":
            self.feeds.append(attributes.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


@pytest.mark.slow
def test_every_page_announces_the_feed_in_its_head(built):
    site = built.site
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        parser = HeadLinks()
        parser.feed(page.read_text("utf-8"))
        assert len(parser.feeds) == 1, page
        if page.name == "404.html":  # shown at any depth: from the site's path
            assert parser.feeds == ["/india-us/feed.xml"]
            continue
        target = PurePosixPath(page.relative_to(site).parent.as_posix()) / parser.feeds[0]
        assert os.path.normpath(target) == "feed.xml", (page, parser.feeds)


# --- linked data -------------------------------------------------------------


def scripts(page: Path) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text("utf-8"), re.S)


# Properties whose value is an address to fetch, not a node of the graph.
ADDRESSES = {"url", "contentUrl"}


def expand(built: Built, url: str) -> list[dict]:
    """A page's JSON-LD expanded by pyld, as at the page's own address. The
    schema.org context is given here (no network): its vocabulary and URL types."""
    from pyld import jsonld

    def loader(address, options=None):
        assert address.rstrip("/") in ("https://schema.org", "http://schema.org"), address
        return {"contextUrl": None, "documentUrl": address,
                "document": {"@context": {"@vocab": SCHEMA, **{name: {"@type": "@id"} for name in ADDRESSES}}}}

    [text] = scripts(built.site / url)
    return jsonld.expand(json.loads(text), {"base": f"https://briefing.example/{url}", "documentLoader": loader})


def node(nodes: list[dict], kind: str) -> dict:
    [found] = [n for n in nodes if SCHEMA + kind in n.get("@type", [])]
    return found


def values(item: dict, name: str) -> list:
    return [v.get("@value", v.get("@id")) for v in item.get(SCHEMA + name, [])]


def record_iri(built: Built, collection: str, record_id: str) -> str:
    return f"https://briefing.example/{built.records(collection)[record_id]['url']}#record"


def our_pages(built: Built) -> list[str]:
    """Every page the generator makes (not the hand-written about page, nor the theme's 404)."""
    return sorted(page.relative_to(built.site).as_posix() for page in built.site.rglob("*.html")
                  if page.name != "404.html" and page.name != "about.html")


@pytest.mark.slow
def test_every_page_carries_linked_data_and_every_id_it_names_is_defined(built):
    defined: set[str] = set()
    named: dict[str, str] = {}

    def walk(item, page: str, top: bool) -> None:
        if isinstance(item, list):
            for each in item:
                walk(each, page, top)
        elif isinstance(item, dict):
            if "@type" in item and "@id" in item:
                defined.add(item["@id"])
            elif "@id" in item and not top:
                named.setdefault(item["@id"], page)
            for key, value in item.items():
                if not key.startswith("@") and key.removeprefix(SCHEMA) not in ADDRESSES:
                    walk(value, page, False)

    kinds = set()
    for page in our_pages(built):
        nodes = expand(built, page)
        walk(nodes, page, True)
        kinds.update(t.removeprefix(SCHEMA) for n in nodes for t in n.get("@type", []))
    undefined = {iri: page for iri, page in named.items() if iri not in defined}
    assert not undefined, list(undefined.items())[:5]
    assert {"WebSite", "WebPage", "CollectionPage", "Person", "GovernmentOrganization", "Project", "Event",
            "DefinedTerm", "NewsArticle", "Quotation", "Dataset"} <= kinds
    home = expand(built, "index.html")
    assert values(node(home, "WebSite"), "name") == [built.data and "India–US engagements briefing"]
    for page in ["book.html", "timeline.html", "officials/index.html"]:
        [page_node] = [n for n in expand(built, page) if "@type" in n]
        assert values(page_node, "isPartOf") == ["https://briefing.example/index.html#website"]


@pytest.mark.slow
def test_the_exports_page_is_a_dataset_of_every_file(built):
    dataset = node(expand(built, "exports.html"), "Dataset")
    assert values(dataset, "license") == [LICENCE]
    downloads = dataset[SCHEMA + "distribution"]
    urls = {values(d, "contentUrl")[0].removeprefix("https://briefing.example/") for d in downloads}
    published = {path.relative_to(built.site).as_posix() for pattern in ["data/*.csv", "data/*.ics", "data/*.db",
                                                                          "data/*.json", "data/officials/*.ics"]
                 for path in built.site.glob(pattern)} | {"feed.xml"}
    assert urls == published
    formats = {values(d, "contentUrl")[0].rpartition(".")[2]: values(d, "encodingFormat")[0] for d in downloads}
    assert formats == {"csv": "text/csv", "ics": "text/calendar", "db": "application/vnd.sqlite3",
                       "json": "application/json", "xml": "application/atom+xml"}


@pytest.mark.slow
def test_record_pages_carry_schema_org_linked_data(built):
    kinds = {"officials": "Person", "organizations": "GovernmentOrganization", "initiatives": "Project",
             "events": "Event", "sources": "NewsArticle", "topics": "DefinedTerm"}
    for collection, kind in kinds.items():
        for record_id, record in built.records(collection).items():
            nodes = expand(built, record["url"])
            entity = node(nodes, kind)
            assert entity["@id"] == record_iri(built, collection, record_id)
            page = node(nodes, "WebPage")
            assert values(page, "mainEntity") == [entity["@id"]]
            assert values(entity, "url") == [f"https://briefing.example/{record['url']}"]
            if collection != "sources" and "sources" in record:
                assert set(values(page, "citation")) == {record_iri(built, "sources", s) for s in record["sources"]}
    for official in built.data["officials"]:
        person = node(expand(built, official["url"]), "Person")
        assert values(person, "name") == [official["name"]]
        assert set(values(person, "jobTitle")) == {role["title"] for role in official["roles"]}
        organizations = {role["organization"] for role in official["roles"] if role["organization"]}
        assert set(values(person, "affiliation")) == {record_iri(built, "organizations", o) for o in organizations}
    # An engagement: its own dates only, the date as the briefing has it, attendees, status.
    events = built.records("events")
    for event in events.values():
        entity = node(expand(built, event["url"]), "Event")
        assert values(entity, "attendee") == [record_iri(built, "officials", p) for p in event["participants"]]
        properties = {values(p, "propertyID")[0]: values(p, "value")[0] for p in entity.get(SCHEMA + "additionalProperty", [])}
        if event["date"] is None:
            assert not properties
        else:
            assert properties == {name: event[name] for name in ["date", "date_start", "date_end", "date_precision"]
                                  if event[name]}
        if event["date"] and ".." not in event["date"] and not some_day_within(event):
            first, _, last = event["date"].partition("/")
            assert values(entity, "startDate") == [re.sub(r"[?~%]", "", first)]
            assert values(entity, "endDate") == [re.sub(r"[?~%]", "", last or first)]
        else:  # open-ended, undated, or a day unknown within its visit: the visit has the span
            assert not values(entity, "startDate") and not values(entity, "endDate")
    assert not values(node(expand(built, events["misri-colby-meeting"]["url"]), "Event"), "startDate")
    statuses = {e: values(node(expand(built, events[e]["url"]), "Event"), "eventStatus")
                for e in ["zz-planned-talks", "zz-cancelled-call", "zz-postponed-meeting", "misri-colby-meeting"]}
    assert statuses == {"zz-planned-talks": ["https://schema.org/EventScheduled"],
                        "zz-cancelled-call": ["https://schema.org/EventCancelled"],
                        "zz-postponed-meeting": ["https://schema.org/EventPostponed"],
                        "misri-colby-meeting": ["https://schema.org/EventScheduled"]}


@pytest.mark.slow
def test_statements_are_quotations_on_the_pages_that_show_them(built):
    for statement in built.data["statements"]:
        page, _, anchor = statement["url"].partition("#")
        [quotation] = [n for n in expand(built, page) if n.get("@id") == f"https://briefing.example/{page}#{anchor}"]
        assert SCHEMA + "Quotation" in quotation["@type"]
        assert values(quotation, "text") == [statement["quote"]]
        speaker = next(c for c in ["officials", "organizations"] if statement["speaker"] in built.records(c))
        assert values(quotation, "spokenByCharacter") == [record_iri(built, speaker, statement["speaker"])]
        assert f'id="{anchor}"' in (built.site / page).read_text("utf-8")


@pytest.mark.slow
def test_linked_data_is_inert_and_reads_back_as_typed(built):
    page = built.site / built.records("events")["zz-planned-talks"]["url"]
    [text] = scripts(page)
    assert not set(text) & set("<>&")
    assert "<script>window" not in page.read_text("utf-8")  # escaped in the JSON as everywhere else
    entity = node(expand(built, built.records("events")["zz-planned-talks"]["url"]), "Event")
    assert values(entity, "name") == [HOSTILE_TITLE]
    assert values(entity, "description") == ["A test engagement: {{ config.site_name }} [x](javascript:alert(1)) ]]> --> end."]
    # The book holds every record but carries only its own page's node: each record's is on its page.
    assert [n.get("@type") for n in expand(built, "book.html") if "@type" in n] == [[SCHEMA + "WebPage"]]


# --- database ------------------------------------------------------------------


@pytest.mark.slow
def test_the_database_has_a_table_per_list_long_forms_citations_and_full_text(built):
    connection = database(built)
    try:
        for collection in LISTS:
            ids = [row[0] for row in connection.execute(f'SELECT id FROM "{TABLES[collection]}" ORDER BY rowid')]
            assert ids == [record["id"] for record in built.data[collection]], collection
        events = built.data["events"]
        links = connection.execute("SELECT engagement_id, official_id FROM engagement_participants").fetchall()
        assert sorted(links) == sorted((e["id"], p) for e in events for p in e["participants"])
        topics = json.loads(connection.execute("SELECT topics FROM engagements WHERE id = 'misri-colby-meeting'").fetchone()[0])
        assert topics == built.records("events")["misri-colby-meeting"]["topics"]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        foreign = {row[2] for row in connection.execute("SELECT * FROM pragma_foreign_key_list('engagement_participants')")}
        assert foreign == {"engagements", "officials"}
        # References that may lead to a record of any kind lead to `records`.
        for table, column in [("citations", "record_id"), ("statements", "speaker"), ("discrepancies", "subject")]:
            assert ("records", column) in {(row[2], row[3]) for row in connection.execute(
                f"SELECT * FROM pragma_foreign_key_list('{table}')")}, table
        # Dates sort and group as dates.
        months = [row[0] for row in connection.execute(
            "SELECT substr(date_start, 1, 7) FROM engagements WHERE date_start IS NOT NULL ORDER BY date_start")]
        assert months == sorted(months) and "2025-03" in months
        # Full text over every kind of record, the citations and the reports' texts.
        fts = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE sql LIKE '%USING fts5%'")}
        assert {f"{TABLES[c]}_fts" for c in LISTS} | {"citations_fts", "source_texts_fts"} <= fts
        texts = connection.execute("SELECT count(*) FROM source_texts").fetchone()[0]
        assert texts == len(built.data["sources"])
        hits = {row[0] for row in connection.execute(
            "SELECT t.source_id FROM source_texts_fts JOIN source_texts t ON t.rowid = source_texts_fts.rowid "
            "WHERE source_texts_fts MATCH 'Colby'")}
        assert hits and hits <= {s["id"] for s in built.data["sources"]}
        expected = {row["id"] for row in events if "colby" in (row["title"] + " " + row["summary"] + " "
                                                                + (row["place"] or "")).lower()}
        matched = {row[0] for row in connection.execute(
            "SELECT e.id FROM engagements_fts JOIN engagements e ON e.rowid = engagements_fts.rowid "
            "WHERE engagements_fts MATCH 'colby'")}
        assert matched == expected and matched
        quotes = connection.execute("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'partnership'").fetchone()[0]
        assert quotes == sum(1 for s in built.data["statements"] if re.search(r"\bpartnership\b", s["quote"], re.I))
        assert quotes
    finally:
        connection.close()


def datasette_client(built: Built):
    """Datasette 0.65 in this process, given the database and the metadata shipped beside it."""
    from datasette.app import Datasette

    metadata = json.loads((built.site / "data" / "briefing.metadata.json").read_text("utf-8"))
    return Datasette([str(built.site / "data" / "briefing.db")], metadata=metadata)


def ask(datasette, path: str):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def get():
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response.json()

    # A thread of its own: Playwright's sync API, used by the browser tests in
    # the same session, keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, get()).result()


@pytest.mark.slow
def test_datasette_shows_the_metadata_facets_canned_queries_and_search(built):
    datasette = datasette_client(built)
    metadata = ask(datasette, "/-/metadata.json")
    assert metadata["title"] == "India–US engagements briefing"
    assert metadata["license"] == LICENCE and metadata["source"] and metadata["description"]
    assert metadata["source_url"] == SITE + "exports.html"
    tables = metadata["databases"]["briefing"]["tables"]
    connection = database(built)
    try:
        for table, in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%fts5%' "
                                         "AND name NOT LIKE '%fts_%'"):
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            assert tables[table]["description"], table
            assert set(tables[table]["columns"]) == set(columns) and all(tables[table]["columns"].values()), table
    finally:
        connection.close()
    for collection in LISTS:
        table = ask(datasette, f"/briefing/{TABLES[collection]}.json")
        assert table["filtered_table_rows_count"] == len(built.data[collection])
    # Default facets, a list of topics among them.
    engagements = ask(datasette, "/briefing/engagements.json")
    facets = engagements["facet_results"]
    assert {"kind", "status", "date_precision", "topics"} <= set(facets)
    held = next(v for v in facets["status"]["results"] if v["value"] == "held")
    assert held["count"] == sum(1 for e in built.data["events"] if e["status"] == "held")
    defence = next(v for v in facets["topics"]["results"] if v["value"] == "defence")
    assert defence["count"] == sum(1 for e in built.data["events"] if "defence" in e["topics"])
    # Canned queries.
    queries = {query["name"] for query in ask(datasette, "/briefing.json")["queries"]}
    assert {"who_met_whom", "engagements_by_month", "claims_by_report"} <= queries
    events = built.records("events")
    met = ask(datasette, "/briefing/who_met_whom.json?official=vikram-misri&_shape=array")
    expected: dict[str, int] = {}
    for event in events.values():
        if event["status"] == "held" and "vikram-misri" in event["participants"]:
            for other in dict.fromkeys(event["participants"]):
                if other != "vikram-misri":
                    expected[other] = expected.get(other, 0) + 1
    assert {row["counterpart_id"]: row["engagements"] for row in met} == expected
    by_month = ask(datasette, "/briefing/engagements_by_month.json?official=vikram-misri&_shape=array")
    mine = [e for e in events.values() if "vikram-misri" in e["participants"]]
    assert sum(row["engagements"] for row in by_month) == len(mine)
    assert {row["month"] for row in by_month} >= {"2025-05", "2025-03"}
    claims = ask(datasette, "/briefing/claims_by_report.json?source=ani-misri-colby-kapoor&_shape=array")
    source = built.records("sources")["ani-misri-colby-kapoor"]
    assert {row["record_id"] for row in claims} == {c.partition("/")[2] for c in source["cited_by"]}
    # Search boxes over every kind of record and the reports' texts.
    for table, term in [("engagements", "Colby"), ("officials", "Misri"), ("statements", "partnership"),
                        ("source_texts", "Colby"), ("citations", "Colby"), ("topics", "Defence")]:
        found = ask(datasette, f"/briefing/{table}.json?_search={term}&_shape=array")
        assert found, table
    # A reference to a record of any kind, labelled and linked through `records`.
    citation = ask(datasette, "/briefing/citations.json?_labels=on&_shape=array&_size=1")[0]
    assert citation["record_id"]["label"] and citation["record_id"]["value"]
    speaker = ask(datasette, "/briefing/statements.json?_labels=on&_shape=array&_size=1")[0]["speaker"]
    assert speaker["label"] == next(r for c in ["officials", "organizations"] for i, r in built.records(c).items()
                                    if i == speaker["value"])["name"]


# --- the exports page and reproducibility --------------------------------------


@pytest.mark.slow
def test_the_exports_page_lists_every_export_and_what_the_calendar_leaves_out(built):
    page = html.unescape((built.site / "exports.html").read_text("utf-8"))
    files = ["data/briefing.ics", "data/citations.csv", "feed.xml", "data/briefing.db", "data/briefing.json",
             "data/briefing.metadata.json", "data/engagement_participants.csv",
             *(f"data/{TABLES[collection]}.csv" for collection in LISTS)]
    for href in files:
        assert f'href="{href}"' in page, href
        assert (built.site / href).is_file(), href
    events = built.data["events"]
    undated = sum(1 for e in events if e["date"] is None)
    open_ended = sum(1 for e in events if e["date"] and ".." in e["date"])
    within = sum(1 for e in events if some_day_within(e))
    coarse = sum(1 for e in events if e["date"] and ".." not in e["date"] and not day_precise(e["date"]))
    held = sum(1 for e in events if in_calendar(e))
    assert f"It holds {held} of the {len(events)} engagements" in page
    assert f"{undated} undated" in page and f"{coarse} known only to the month or year" in page
    assert f"{open_ended} open-ended" in page and f"{within} on a day the sources do not give" in page
    assert "datasette site/data/briefing.db -m site/data/briefing.metadata.json" in page
    assert 'href="exports.html"' in (built.site / "index.html").read_text("utf-8")  # in the navigation


@pytest.mark.slow
def test_two_builds_give_byte_identical_exports(built, tmp_path):
    other = build(copy_project(tmp_path / "elsewhere" / "other-name"))
    paths = sorted({path.relative_to(built.site).as_posix() for pattern in
                    ["data/*.csv", "data/*.ics", "data/*.db", "data/*.json", "data/officials/*.ics"]
                    for path in built.site.glob(pattern)} | {"feed.xml", "exports.html"})
    assert len(paths) > 30
    for path in paths:
        assert (built.site / path).read_bytes() == (other.site / path).read_bytes(), path
    for path in ["events/zz-planned-talks.html", "officials/vikram-misri.html", "sources/ani-misri-colby-kapoor.html"]:
        assert scripts(built.site / path) == scripts(other.site / path), path
