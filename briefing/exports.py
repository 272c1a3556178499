"""The Exports page: each export of the briefing, how to use it, and what
the calendar leaves out. The exports themselves are outputs of their own
(`calendars.py`, `tables.py` with `sheets.py` and `database.py`, `feed.py`);
the linked data is in the record pages (`linkeddata.py`)."""

from __future__ import annotations

from typing import Any, Hashable

from markupsafe import Markup

from . import calendars
from .incremental import Job
from .model import COLLECTIONS
from .pages import Setting, render_page
from .routes import (
    CALENDAR_FILE,
    CITATIONS_TABLE,
    DATA_FILE,
    DATABASE_FILE,
    EXPORTS_PAGE,
    FEED_FILE,
    TIMELINE_PAGE,
    relative,
    table_of,
)

TEMPLATE = "exports.md.j2"
TITLE = "Exports"


def exports_page(b, setting: Setting) -> str:
    """The page's Markdown: a job."""
    left_out = calendars.left_out(b)
    # Paths made here from slugs: Markdown as they are, not curated text.
    link = lambda path: Markup(relative(EXPORTS_PAGE, path))  # noqa: E731
    values = {
        "as_of": setting.as_of,
        "engagements": len(b.events),
        "in_calendar": len(b.events) - sum(left_out.values()),
        "left_out": tuple(left_out.items()),
        "lists": tuple((collection, len(b.collections[collection]), link(table_of(collection)))
                       for collection in COLLECTIONS if collection in b.collections),
        "calendar": link(CALENDAR_FILE), "citations": link(CITATIONS_TABLE), "feed": link(FEED_FILE),
        "database": link(DATABASE_FILE), "json": link(DATA_FILE), "timeline": link(TIMELINE_PAGE),
        "site_url": setting.site_url,
    }
    return render_page(b, setting, EXPORTS_PAGE, TEMPLATE, TITLE, (), False, True, tuple(values.items()))


def exports_jobs(briefing, setting: Setting) -> list[Job]:
    return [Job(EXPORTS_PAGE, exports_page, (setting,))]


def exports_files(results: dict[Hashable, Any]) -> dict[str, bytes]:
    return {str(path): text.encode("utf-8") for path, text in results.items()}
