"""The exports, each read with a real parser or client: the calendars with
icalendar, the spreadsheets with csv and openpyxl, the feed with feedparser,
the pages' linked data with pyld, the database with sqlite3 and Datasette's
JSON API. Counts are checked against briefing.json.

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
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
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


def build(root: Path) -> Built:
    result = run_build(add_export_facts(root), "build", env={"SOURCE_DATE_EPOCH": EPOCH}, timeout=600)
    assert result.code == 0, result.err
    return Built(root, json.loads((root / "site" / "data" / "briefing.json").read_text("utf-8")))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    return build(copy_project(tmp_path_factory.mktemp("exports") / "project"))


def day_precise(date) -> bool:
    """What the calendar holds, worked out here independently of the generator."""
    return date is not None and ".." not in date and all(DAY.match(part) for part in date.split("/"))


def plain_day(part: str) -> datetime.date:
    return datetime.date.fromisoformat(re.sub(r"[?~%]", "", part))


# --- calendars ---------------------------------------------------------------


def read_calendar(path: Path):
    import icalendar

    return icalendar.Calendar.from_ical(path.read_bytes())


@pytest.mark.slow
def test_the_calendar_holds_every_engagement_with_its_days_and_no_other(built):
    calendar = read_calendar(built.site / "data" / "briefing.ics")
    assert str(calendar["version"]) == "2.0" and calendar.get("prodid")
    entries = {str(entry["uid"]).split("@")[0]: entry for entry in calendar.walk("VEVENT")}
    events = built.records("events")
    expected = {eid for eid, event in events.items() if day_precise(event["date"])}
    assert set(entries) == expected
    left_out = set(events) - expected
    assert {"zz-postponed-meeting", "modi-washington-visit-2025-02"} <= left_out  # open-ended; month only
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
        description = str(entry["description"])
        assert event["url"] in description
        if event["place"]:
            assert str(entry["location"]) == event["place"]
            assert event["place"] in description
        names = [built.records("officials")[p]["name"] for p in event["participants"]]
        assert all(name in description for name in names)
        if event["date_qualifier"]:  # derived, inferred or uncertain: said, with how it is known
            assert f"({event['date_qualifier']})" in description
            assert " ".join(event["date_note"].split()) in " ".join(description.split())
    assert any(events[e]["date_basis"] == "derived" for e in entries)
    assert any(events[e]["date_basis"] == "inferred" for e in entries)
    status = {event_id: str(entry["status"]) for event_id, entry in entries.items()}
    assert status["zz-planned-talks"] == "TENTATIVE"
    assert status["zz-cancelled-call"] == "CANCELLED"
    assert {status[e] for e in entries if events[e]["status"] == "held"} == {"CONFIRMED"}
    assert "not reported as held" in str(entries["zz-cancelled-call"]["description"])


@pytest.mark.slow
def test_each_official_has_a_calendar_of_their_own_linked_from_their_page(built):
    whole = {str(e["uid"]): e for e in read_calendar(built.site / "data" / "briefing.ics").walk("VEVENT")}
    events = built.records("events")
    for official_id, official in built.records("officials").items():
        path = built.site / "data" / "officials" / f"{official_id}.ics"
        calendar = read_calendar(path)
        assert official["name"] in str(calendar["x-wr-calname"])
        uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
        mine = {uid for uid in whole if official_id in events[uid.split("@")[0]]["participants"]}
        assert set(uids) == mine and len(uids) == len(mine)
        for entry in calendar.walk("VEVENT"):  # the same entries as in the whole calendar
            assert entry.to_ical() == whole[str(entry["uid"])].to_ical()
        page = (built.site / official["url"]).read_text("utf-8")
        assert f'href="../data/officials/{official_id}.ics"' in page
    assert any(read_calendar(built.site / "data" / "officials" / f"{o}.ics").walk("VEVENT")
               for o in built.records("officials"))


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
    events.write_text(text.replace("title: Misri and Kapoor meet Colby\n", "title: Misri and Kapoor meet Colby at the Pentagon\n"),
                      encoding="utf-8")
    after = calendar_of_build(str(int(EPOCH) + 86400 * 3))
    assert set(after) == set(before) and len(before) > 5
    changed = next(uid for uid in after if uid.startswith("misri-colby-meeting@"))
    assert str(after[changed]["summary"]).endswith("at the Pentagon")
    assert after[changed].decoded("dtstamp") > before[changed].decoded("dtstamp")


def test_with_a_site_url_the_calendar_and_the_feed_link_in_full(project, monkeypatch):
    """`site_url` in mkdocs.yml: the calendar's entries carry their page's
    address (URL), and the feed links to it in full."""
    import feedparser
    import icalendar

    from briefing import pipeline
    from briefing.project import Project

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "site_url: https://briefing.example/india-us/\n", encoding="utf-8")
    configured = Project(project)
    assert configured.site_url == "https://briefing.example/india-us/"
    files = pipeline.render(pipeline.check(configured), configured)
    for entry in icalendar.Calendar.from_ical(files["data/briefing.ics"]).walk("VEVENT"):
        event_id = str(entry["uid"]).split("@")[0]
        assert str(entry["url"]) == f"https://briefing.example/india-us/events/{event_id}.html"
        assert f"Page: https://briefing.example/india-us/events/{event_id}.html" in str(entry["description"])
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo
    assert all(entry.link.startswith("https://briefing.example/india-us/sources/") for entry in feed.entries)
    assert [link.href for link in feed.feed.links if link.rel == "self"] == ["https://briefing.example/india-us/feed.xml"]


# --- spreadsheets ------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 byte-order mark, Excel would guess the encoding"
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


@pytest.mark.slow
def test_a_spreadsheet_per_list_with_a_row_per_record(built):
    for collection in LISTS:
        header, *rows = read_csv(built.site / "data" / f"{collection}.csv")
        records = built.data[collection]
        assert header[0] == "id"
        assert [row[0] for row in rows] == [record["id"] for record in records]
        assert all(len(row) == len(header) for row in rows)
        assert "url" in header
    header, *rows = read_csv(built.site / "data" / "events.csv")
    column = {name: header.index(name) for name in header}
    events = built.records("events")
    for row in rows:
        event = events[row[0]]
        assert row[column["participants"]] == "; ".join(event["participants"])
        assert row[column["status"]] == event["status"]
        if not event["title"].startswith("="):
            assert row[column["title"]] == event["title"]
    formula = next(row for row in rows if row[0] == "zz-cancelled-call")
    assert formula[column["title"]] == "'" + FORMULA_TITLE  # read as text, never as a formula
    header, *rows = read_csv(built.site / "data" / "officials.csv")
    misri = dict(zip(header, next(row for row in rows if row[0] == "vikram-misri")))
    assert "Foreign Secretary" in misri["roles"]


@pytest.mark.slow
def test_citations_in_long_form_match_the_claims_in_the_json(built):
    header, *rows = read_csv(built.site / "data" / "citations.csv")
    assert header == ["collection", "record", "claim", "source", "quote"]
    found = {(collection, record, claim, source) for collection, record, claim, source, _ in rows}
    expected = {(collection, record["id"], claim, source)
                for collection in LISTS for record in built.data[collection]
                for claim, sources in record.get("claims", {}).items() for source in sources}
    assert found == expected
    assert all(quote for *_, quote in rows)


@pytest.mark.slow
def test_spreadsheets_round_trip_through_a_workbook(built, tmp_path):
    """Each CSV into an Excel workbook (openpyxl) and back: every value the
    same text, none taken for a formula or a number it was not."""
    from openpyxl import Workbook, load_workbook

    for name in [*LISTS, "citations"]:
        rows = read_csv(built.site / "data" / f"{name}.csv")
        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        path = tmp_path / f"{name}.xlsx"
        book.save(path)
        back = load_workbook(path).active
        read = [[cell.value if cell.value is not None else "" for cell in line] for line in back.iter_rows()]
        assert read == rows, name
        assert all(cell.data_type == "s" for line in back.iter_rows() for cell in line if cell.value is not None)


# --- feed ----------------------------------------------------------------------


@pytest.mark.slow
def test_the_feed_has_an_entry_per_report_newest_first_with_what_each_supports(built):
    import feedparser

    feed = feedparser.parse((built.site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    sources = built.records("sources")
    assert len(feed.entries) == len(sources)
    dated = [entry for entry in feed.entries if entry.get("published_parsed")]
    undated = [entry for entry in feed.entries if not entry.get("published_parsed")]
    assert feed.entries == dated + undated  # the reports that give no date come last
    assert [e.published_parsed for e in dated] == sorted((e.published_parsed for e in dated), reverse=True)
    assert len(dated) == sum(1 for s in sources.values() if s["published"])
    site = built.site
    for entry in feed.entries:
        assert (site / entry.link).is_file(), entry.link
        source = next(s for s in sources.values() if s["url"] == entry.link)
        assert entry.title == source["title"]
        links = set(re.findall(r'href="([^"]+)"', entry.content[0].value))
        cited = {built.records(kind)[rid]["url"] for kind, _, rid in (c.partition("/") for c in source["cited_by"])}
        assert links == cited
        assert all((site / link.partition("#")[0]).is_file() for link in links)
        if source["published"]:
            assert entry.published.startswith(re.sub(r"[?~%]", "", source["published"])[:10])
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


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
        if page.name == "404.html":  # shown at any depth: from the site's root path
            assert parser.feeds == ["/feed.xml"]
            continue
        target = PurePosixPath(page.relative_to(site).parent.as_posix()) / parser.feeds[0]
        assert os.path.normpath(target) == "feed.xml", (page, parser.feeds)


# --- linked data -------------------------------------------------------------


def scripts(page: Path) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text("utf-8"), re.S)


def expand(built: Built, url: str) -> list[dict]:
    """A page's JSON-LD expanded by pyld, as at the page's own address. The
    schema.org context is given here (no network): its vocabulary and URL type."""
    from pyld import jsonld

    def loader(address, options=None):
        assert address.rstrip("/") in ("https://schema.org", "http://schema.org"), address
        return {"contextUrl": None, "documentUrl": address,
                "document": {"@context": {"@vocab": SCHEMA, "url": {"@type": "@id"}}}}

    [text] = scripts(built.site / url)
    return jsonld.expand(json.loads(text), {"base": f"https://briefing.example/{url}", "documentLoader": loader})


def node(nodes: list[dict], kind: str) -> dict:
    [found] = [n for n in nodes if SCHEMA + kind in n.get("@type", [])]
    return found


def values(item: dict, name: str) -> list:
    return [v.get("@value", v.get("@id")) for v in item.get(SCHEMA + name, [])]


def record_iri(built: Built, collection: str, record_id: str) -> str:
    return f"https://briefing.example/{built.records(collection)[record_id]['url']}#record"


@pytest.mark.slow
def test_record_pages_carry_schema_org_linked_data(built):
    kinds = {"officials": "Person", "organizations": "GovernmentOrganization", "initiatives": "Project",
             "events": "Event", "sources": "NewsArticle"}
    for collection, kind in kinds.items():
        for record_id, record in built.records(collection).items():
            nodes = expand(built, record["url"])
            entity = node(nodes, kind)
            assert entity["@id"] == record_iri(built, collection, record_id)
            page = node(nodes, "WebPage")
            assert values(page, "mainEntity") == [entity["@id"]]
            assert values(entity, "url") == [f"https://briefing.example/{record['url']}"]
            if collection != "sources":
                cited = {record_iri(built, "sources", s) for s in record["sources"]} if "sources" in record else None
                if cited is not None:
                    assert set(values(page, "citation")) == cited
    # A person: titles and the organizations they belong to.
    for official in built.data["officials"]:
        person = node(expand(built, official["url"]), "Person")
        assert values(person, "name") == [official["name"]]
        assert set(values(person, "jobTitle")) == {role["title"] for role in official["roles"]}
        organizations = {role["organization"] for role in official["roles"] if role["organization"]}
        assert set(values(person, "affiliation")) == {record_iri(built, "organizations", o) for o in organizations}
    # An engagement: dates, attendees, status.
    events = built.records("events")
    for event in events.values():
        entity = node(expand(built, event["url"]), "Event")
        assert values(entity, "attendee") == [record_iri(built, "officials", p) for p in event["participants"]]
        if event["date"] and ".." not in event["date"]:
            first, _, last = event["date"].partition("/")
            assert values(entity, "startDate") == [re.sub(r"[?~%]", "", first)]
            assert values(entity, "endDate") == [re.sub(r"[?~%]", "", last or first)]
        else:
            assert not values(entity, "startDate")
    statuses = {e: values(node(expand(built, events[e]["url"]), "Event"), "eventStatus")
                for e in ["zz-planned-talks", "zz-cancelled-call", "zz-postponed-meeting", "misri-colby-meeting"]}
    assert statuses == {"zz-planned-talks": ["https://schema.org/EventScheduled"],
                        "zz-cancelled-call": ["https://schema.org/EventCancelled"],
                        "zz-postponed-meeting": ["https://schema.org/EventPostponed"],
                        "misri-colby-meeting": ["https://schema.org/EventScheduled"]}


@pytest.mark.slow
def test_linked_data_is_inert_and_reads_back_as_typed(built):
    page = built.site / built.records("events")["zz-planned-talks"]["url"]
    [text] = scripts(page)
    assert not set(text) & set("<>&")
    assert "<script>window" not in page.read_text("utf-8")  # escaped in the JSON as everywhere else
    entity = node(expand(built, built.records("events")["zz-planned-talks"]["url"]), "Event")
    assert values(entity, "name") == [HOSTILE_TITLE]
    assert values(entity, "description") == ["A test engagement: {{ config.site_name }} [x](javascript:alert(1)) ]]> --> end."]
    # Pages that are not a record's carry none; the book, which holds them all, none either.
    for other in ["index.html", "timeline.html", "book.html", "exports.html", "officials/index.html"]:
        assert scripts(built.site / other) == [], other


# --- database ------------------------------------------------------------------


@pytest.mark.slow
def test_the_database_has_a_table_per_list_links_citations_and_full_text(built):
    connection = sqlite3.connect(f"file:{built.site / 'data' / 'briefing.db'}?mode=ro", uri=True)
    try:
        for collection in LISTS:
            ids = [row[0] for row in connection.execute(f'SELECT id FROM "{collection}" ORDER BY rowid')]
            assert ids == [record["id"] for record in built.data[collection]], collection
        events = built.data["events"]
        links = connection.execute("SELECT event_id, official_id FROM event_participants ORDER BY event_id, position").fetchall()
        assert sorted(links) == sorted((e["id"], p) for e in events for p in e["participants"])
        topics = json.loads(connection.execute("SELECT topics FROM events WHERE id = 'misri-colby-meeting'").fetchone()[0])
        assert topics == built.records("events")["misri-colby-meeting"]["topics"]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        foreign = {row[2] for row in connection.execute("SELECT * FROM pragma_foreign_key_list('event_participants')")}
        assert foreign == {"events", "officials"}
        citations = connection.execute("SELECT count(*) FROM citations").fetchone()[0]
        assert citations == len(read_csv(built.site / "data" / "citations.csv")) - 1
        # Full text: quotes, titles and summaries.
        hits = connection.execute(
            "SELECT DISTINCT c.record_id FROM citations_fts JOIN citations c ON c.rowid = citations_fts.rowid "
            "WHERE citations_fts MATCH 'Pentagon OR Colby' ORDER BY c.record_id").fetchall()
        assert ("elbridge-colby",) in hits
        expected = {row["id"] for row in events if "colby" in (row["title"] + " " + row["summary"]).lower()}
        matched = {row[0] for row in connection.execute(
            "SELECT e.id FROM events_fts JOIN events e ON e.rowid = events_fts.rowid WHERE events_fts MATCH 'colby'")}
        assert matched == expected and matched
        quotes = connection.execute("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'partnership'").fetchone()[0]
        assert quotes == sum(1 for s in built.data["statements"] if re.search(r"\bpartnership\b", s["quote"], re.I))
        assert quotes
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.mark.slow
def test_datasette_serves_the_database(built, tmp_path):
    """`datasette serve` on localhost, read through its JSON API."""
    port = free_port()
    datasette = Path(sys.executable).parent / "datasette"
    log = (tmp_path / "datasette.log").open("w")
    server = subprocess.Popen([str(datasette), "serve", str(built.site / "data" / "briefing.db"), "--port", str(port),
                               "--host", "127.0.0.1"], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/briefing"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(f"{base}.json")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "datasette.log").read_text()
                assert time.monotonic() < deadline, "datasette did not answer within a minute"
                time.sleep(0.25)
        for collection in LISTS:
            rows = get_json(f"{base}/{collection}.json?_shape=array&_size=max")  # in the order of their ids
            assert sorted(row["id"] for row in rows) == sorted(record["id"] for record in built.data[collection])
            table = get_json(f"{base}/{collection}.json")
            assert table["filtered_table_rows_count"] == len(built.data[collection])
        events = get_json(f"{base}/events.json")
        suggested = {facet["name"] for facet in events["suggested_facets"]}
        assert {"status", "kind"} <= suggested
        found = get_json(f"{base}/events.json?_search=Colby&_shape=array")  # the events_fts search box
        assert {row["id"] for row in found} == {e["id"] for e in built.data["events"]
                                                if "colby" in (e["title"] + " " + e["summary"]).lower()}
        held = get_json(f"{base}/events.json?status=held&_shape=array&_size=max")
        assert len(held) == sum(1 for e in built.data["events"] if e["status"] == "held")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


# --- the exports page and reproducibility --------------------------------------


@pytest.mark.slow
def test_the_exports_page_lists_every_export_and_what_the_calendar_leaves_out(built):
    page = html.unescape((built.site / "exports.html").read_text("utf-8"))
    for href in ["data/briefing.ics", "data/citations.csv", "feed.xml", "data/briefing.db", "data/briefing.json",
                 *(f"data/{collection}.csv" for collection in LISTS)]:
        assert f'href="{href}"' in page, href
        assert (built.site / href).is_file(), href
    events = built.data["events"]
    undated = sum(1 for e in events if e["date"] is None)
    open_ended = sum(1 for e in events if e["date"] and ".." in e["date"])
    coarse = sum(1 for e in events if e["date"] and ".." not in e["date"] and not day_precise(e["date"]))
    held = sum(1 for e in events if day_precise(e["date"]))
    assert f"It holds {held} of the {len(events)} engagements" in page
    assert f"{undated} undated" in page and f"{coarse} known only to the month or year" in page
    assert f"{open_ended} open-ended" in page
    assert "datasette site/data/briefing.db" in page
    assert 'href="exports.html"' in (built.site / "index.html").read_text("utf-8")  # in the navigation


EXPORTS = ["data/briefing.ics", "data/briefing.db", "feed.xml", "exports.html", "data/citations.csv"]


@pytest.mark.slow
def test_two_builds_give_byte_identical_exports(built, tmp_path):
    other = build(copy_project(tmp_path / "elsewhere" / "other-name"))
    paths = EXPORTS + [f"data/{collection}.csv" for collection in LISTS] + [
        f"data/officials/{official}.ics" for official in built.records("officials")]
    for path in paths:
        assert (built.site / path).read_bytes() == (other.site / path).read_bytes(), path
    for path in ["events/zz-planned-talks.html", "officials/vikram-misri.html", "sources/ani-misri-colby-kapoor.html"]:
        assert scripts(built.site / path) == scripts(other.site / path), path
