"""Every generated path, URL and anchor, in one place.

Paths are relative to the docs folder MkDocs sees (hand-written pages and
generated ones alike); URLs are relative to the site's root. Pages are
published without directory URLs (`use_directory_urls: false`), so a page
`events/x.md` is the URL `events/x.html`.
"""

from __future__ import annotations

import functools

from .kinds import KINDS

# The folder of each collection's record pages, by collection (each kind names its own, `kinds.py`).
PAGE_FOLDERS = {kind.collection: kind.folder for kind in KINDS.values() if kind.folder}
HOME_PAGE = "index.md"
TIMELINE_PAGE = "timeline.md"
NOTES_PAGE = "notes.md"
GLOSSARY_PAGE = "glossary.md"
BOOK_PAGE = "book.md"
# The whole briefing as data: one JSON file, and a YAML file per record.
DATA_FILE = "data/briefing.json"
DATA_FOLDER = "data"
# Page furniture for print: the briefing's title and as-of date on every page.
PRINT_CSS = "assets/print-page.css"
# Abbreviation definitions appended to every page for tooltips; not a page.
ABBREVIATIONS_FILE = "includes/abbreviations.md"
# Written by `make pdf` beside the site, linked from the home page.
PDF_FILE = "briefing.pdf"
# The exports (see exports.py): a calendar of the engagements, and one per
# official beside the official's YAML; a spreadsheet (CSV) per list and one of
# every citation; the Atom feed of source reports; the SQLite database.
EXPORTS_PAGE = "exports.md"
CALENDAR_FILE = f"{DATA_FOLDER}/briefing.ics"
CITATIONS_TABLE = f"{DATA_FOLDER}/citations.csv"
FEED_FILE = "feed.xml"
DATABASE_FILE = f"{DATA_FOLDER}/briefing.db"
# Datasette's metadata for the database, beside it (`datasette briefing.db -m briefing.metadata.json`).
DATABASE_METADATA_FILE = f"{DATA_FOLDER}/briefing.metadata.json"


def page_of(collection: str, record_id: str) -> str:
    return f"{KINDS[collection].folder}/{record_id}.md"


def index_page(collection: str) -> str:
    return f"{KINDS[collection].folder}/index.md"


def periods_folder(page: str) -> str:
    """Where the pages of a long list on `page` go: a folder named after it."""
    return page[:-len(".md")]


def data_file_of(collection: str, record_id: str) -> str:
    return f"{DATA_FOLDER}/{collection}/{record_id}.yml"


def calendar_of(official_id: str) -> str:
    """An official's own calendar, beside their YAML."""
    return f"{DATA_FOLDER}/officials/{official_id}.ics"


def table_of(table: str) -> str:
    """A table's spreadsheet (see tables.py)."""
    return f"{DATA_FOLDER}/{table}.csv"


def url_of(page: str) -> str:
    """Site URL of a docs page (no directory URLs)."""
    return page[:-3] + ".html" if page.endswith(".md") else page


def absolute(url: str, site_url: str) -> str:
    """A site URL as a link from outside the site (a calendar, a feed): under
    `site_url` when the site says where it is published, else as it is,
    relative to the site's root."""
    return f"{site_url.rstrip('/')}/{url}" if site_url else url


def sentence_anchor(number: int) -> str:
    """A sentence of a report's text on its source page."""
    return f"sentence-{number}"


def statement_anchor(statement_id: str) -> str:
    return KINDS["statements"].anchor(statement_id)


def book_anchor(collection: str, record_id: str) -> str:
    """A record's place in the briefing book, which holds every page in one."""
    return f"r-{collection}-{record_id}"


@functools.lru_cache(maxsize=4096)
def way(from_folder: str, to_folder: str) -> str:
    """The relative path from one folder of the docs to another, ending in /
    unless empty: posixpath.relpath without its costly calls to the file
    system's current directory (pages link thousands of times)."""
    here = from_folder.split("/") if from_folder else []
    there = to_folder.split("/") if to_folder else []
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    return "/".join(parts) + "/" if parts else ""


def relative(from_page: str, target_page: str, anchor: str = "") -> str:
    """A link from one docs page to another (or to a place on it)."""
    folder, _, name = target_page.rpartition("/")
    return way(from_page.rpartition("/")[0], folder) + name + (f"#{anchor}" if anchor else "")
