"""The Exports page: each export of the briefing, how to use it, what the
calendar leaves out, and its linked data, the briefing as a `Dataset` with a
`DataDownload` per file. The exports themselves are outputs of their own
(`calendars.py`, `tables.py` with `sheets.py` and `database.py`, `feed.py`);
the pages' linked data is `linkeddata.py`.

`notices` says, at build time, what a briefing loses without `site_url` or
`copyright` in mkdocs.yml: said, not warned, so that `mkdocs build --strict`
still passes.
"""

from __future__ import annotations

from markupsafe import Markup

from . import calendars, spans
from .incremental import Job
from .kinds import KINDS
from .linkeddata import Distribution
from .pages import Setting, render_page
from .readable import ReadableBriefing
from .routes import (
    CALENDAR_FILE,
    CITATIONS_TABLE,
    DATA_FILE,
    DATABASE_FILE,
    DATABASE_METADATA_FILE,
    EXPORTS_PAGE,
    FEED_FILE,
    TIMELINE_PAGE,
    calendar_of,
    relative,
    table_of,
)
from .tables import DATABASE_ONLY, schema, table_name

TEMPLATE = "exports.md.j2"
TITLE = "Exports"
CSV, ICS = "text/csv", "text/calendar"


def calendar_holders(b: ReadableBriefing) -> list:
    """The officials whose calendar holds an engagement: those who have one."""
    return [official for official in b.officials.values()
            if any(calendars.days(event) for event in b.events_of.get(official.id, []))]


def distributions(b: ReadableBriefing, in_calendar: int) -> list[Distribution]:
    """Every file of the exports, as the page links to it."""
    link = lambda path: relative(EXPORTS_PAGE, path)  # noqa: E731
    found = [Distribution("briefing.json", link(DATA_FILE), "application/json",
                          "Every record with what the briefing derives about it, a line a record.")]
    if in_calendar:
        found.append(Distribution("briefing.ics", link(CALENDAR_FILE), ICS, "Every engagement on known days."))
        found += [Distribution(f"{official.id}.ics", link(calendar_of(official.id)), ICS,
                               f"The engagements of {official.name}.") for official in calendar_holders(b)]
    found += [Distribution(f"{name}.csv", link(table_of(name)), CSV, table.description)
              for name, table in schema().items() if name not in DATABASE_ONLY]
    found += [Distribution("briefing.db", link(DATABASE_FILE), "application/vnd.sqlite3",
                           "Every table above, with foreign keys and full-text search, and the reports' texts."),
              Distribution("briefing.metadata.json", link(DATABASE_METADATA_FILE), "application/json",
                           "Datasette's metadata for briefing.db."),
              Distribution("feed.xml", link(FEED_FILE), "application/atom+xml", "An entry per source report.")]
    return found


def exports_page(b: ReadableBriefing, setting: Setting) -> str:
    """The page's Markdown: a job."""
    left_out = calendars.left_out(b)
    # Paths made here from slugs: Markdown as they are, not curated text.
    link = lambda path: Markup(relative(EXPORTS_PAGE, path))  # noqa: E731
    in_calendar = len(b.events) - sum(left_out.values())
    tables = schema()
    lists = {table_name(collection) for collection in KINDS}
    values = {
        "as_of": setting.as_of,
        "engagement_count": len(b.events),
        "in_calendar": in_calendar,
        "left_out": tuple(left_out.items()),
        "lists": tuple((table_name(collection), len(b.collections[collection]), link(table_of(table_name(collection))))
                       for collection in KINDS if collection in b.collections),
        "long_tables": tuple((name, table.description, link(table_of(name))) for name, table in tables.items()
                             if name not in lists and name not in DATABASE_ONLY),
        "precisions": spans.PRECISIONS,
        "calendar": link(CALENDAR_FILE), "citations": link(CITATIONS_TABLE), "feed": link(FEED_FILE),
        "database": link(DATABASE_FILE), "metadata": link(DATABASE_METADATA_FILE), "json": link(DATA_FILE),
        "timeline": link(TIMELINE_PAGE),
        "site_url": setting.site_url, "site_name": setting.site_name, "licence": setting.licence,
        "distributions": tuple(distributions(b, in_calendar)),
    }
    return render_page(b, setting, EXPORTS_PAGE, TEMPLATE, TITLE, (), False, True, tuple(values.items()))


def exports_jobs(briefing: ReadableBriefing, setting: Setting) -> list[Job]:
    return [Job(EXPORTS_PAGE, exports_page, (setting,))]


def notices(site_url: str, licence: str) -> list[str]:
    """What the exports lose for what mkdocs.yml does not say."""
    found = []
    if not site_url:
        found.append("mkdocs.yml has no site_url, so the exports cannot link to the site in full: calendar "
                     "entries have no URL, the feed's links are relative (and it has no xml:base), and the url "
                     "columns of the spreadsheets and the database are relative to the site's root. Set "
                     "site_url to the address the site is published at.")
    if not licence:
        found.append("mkdocs.yml has no copyright, so the exports say no licence (Datasette's metadata says it "
                     "is not stated). Set copyright to the terms the briefing is published under.")
    return found
