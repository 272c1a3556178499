"""What Material's search plugin reads of a page, and its index tidied.

Material's search parses every page's HTML again, in pure Python, and its
cost goes with the number of elements: our record pages hold six times as
many as prose of the same size (table cells, links, chart shapes). Of most
elements it keeps only the text. `indexed_view` hands it the page with that
markup taken out beforehand, so it reads a few block elements instead of a
hundred inline ones; the entries it makes have the same titles and the same
words. The index keeps runs of whitespace as the markup happened to leave
them, so `tidy_index` makes each run one space: with or without the view,
the index is the same (`tests/test_search.py` builds the site both ways).

A table's cells keep their boundaries in the index (`cells_apart`), so that
a result's snippet reads "Date · 27–29 May 2025; Place · Delhi;" rather than
running them together. `names_script` writes the records' names for the
"Did you mean" of `content/assets/search-extras.js`. The notes are kept
out of the index (`notes_unindexed`), as are the note markers and the
tables' sourcing column (`unindexed`), and Material's search dialog is given
an accessible name (`dialog_named`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any, Optional

from .kinds import search_named
from .readable import ReadableBriefing
from .routes import page_of, url_of

# The generated script holding those names.
NAMES_SCRIPT = "assets/search-names.js"

# Elements of which Material's parser keeps only the text (it keeps the
# markup of p, li, ol, ul, code, pre, sub and sup, and reads headings, their
# permalinks, scripts and styles, and elements marked data-search-exclude).
_TEXT_ONLY = ("a|abbr|b|i|em|strong|small|span|table|thead|tbody|tfoot|tr|th|td|br|"
              "svg|g|rect|circle|line|path|polyline|polygon|text|tspan|title|desc")
# What the view takes out, in one pass: a permalink's "¶" (which Material
# leaves out of a heading's title), scripts, and the markup of those elements.
_LEFT_OUT = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>(?=</h[1-6]>)|<script\b[^>]*>.*?</script>|'
                       rf"</?(?:{_TEXT_ONLY})\b[^>]*>", re.DOTALL)
# Markup that must stay: an element of these kinds excluded from search, or
# a search attribute Material removes from the page once it has read it.
# Found from the attributes, which are few: a pattern trying each tag cost
# a third of the view's time.
_SEARCH_ATTRIBUTE = re.compile(r'data-search-(\w+)(=")?')
_TEXT_ONLY_TAG = re.compile(rf"<(?:{_TEXT_ONLY})\b[^>]*\Z")
_WORD_CHAR = re.compile(r"\w")


def _read_whole(html: str) -> bool:
    """Whether the page holds markup that must stay."""
    for m in _SEARCH_ATTRIBUTE.finditer(html):
        if m.group(2):
            return True
        start = m.start()
        if (m.group(1).startswith("exclude") and not (start and _WORD_CHAR.match(html, start - 1))
                and _TEXT_ONLY_TAG.match(html[html.rfind("<", 0, start):start])):
            return True
    return False


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)
_SPACES = re.compile(r"\s+")


# The end of a table cell followed by another cell of its row, or the end
# of its row: where the index marks a boundary.
_CELL_END = re.compile(r"</t[dh]>(?=\s*<(?:(t[dh]\b)|/tr>))")
CELL_SEPARATOR = " · "
ROW_END = ";"


def cells_apart(html: str) -> str:
    """`html` with the text the index gives to a table's boundaries: each
    cell's end but the last of its row, and each row's end."""
    return _CELL_END.sub(lambda m: (CELL_SEPARATOR if m.group(1) else ROW_END) + m.group(0), html)


# The notes as `notes_unindexed` leaves them. The parser skips what an
# excluded element holds but for its headings, so the view leaves out what
# they hold when it has no heading and no other div (whose end would be
# taken for theirs): half of a record page's links are in its notes.
_NOTES = re.compile(r'(<div class="footnote" data-search-exclude>)(.*?)(</div>)', re.DOTALL)
_HEADING_OR_DIV = re.compile(r"<(?:h[1-6]|div)\b")


def _notes_left_out(m: re.Match[str]) -> str:
    return m.group(0) if _HEADING_OR_DIV.search(m.group(2)) else m.group(1) + m.group(3)


# What a reader never searches for, left out of what search reads of every
# page: the note markers (their numbers, and the commas between them), and
# the sourcing column of a table (its header "Reports": "1 report", "curator's
# classification, no report cited"), which said how each row is known on
# every row of every record page: a sixth of the index at 1,000 engagements.
_NOTE_MARKERS = re.compile(r'<sup id="fnref[^"]*">.*?</sup>(?:<sup>,</sup><sup id="fnref[^"]*">.*?</sup>)*')
_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
SOURCING_HEADER = "<th>Reports</th>\n</tr>\n</thead>"
_LAST_CELL = re.compile(r"\n<t[dh]>(?:(?!</t[dh]>).)*</t[dh]>(?=\n</tr>)", re.DOTALL)


def _sourcing_left_out(m: re.Match[str]) -> str:
    return _LAST_CELL.sub("", m.group(0)) if SOURCING_HEADER in m.group(0) else m.group(0)


def unindexed(html: str) -> str:
    """`html` without the note markers and the sourcing columns."""
    html = _NOTE_MARKERS.sub("", html)
    return _TABLE.sub(_sourcing_left_out, html) if SOURCING_HEADER in html else html


def indexed_view(html: str) -> Optional[str]:
    """The page as the search parser needs to read it; None where it must
    read the page as it is (with its cells apart)."""
    if _read_whole(html):
        return None
    return _LEFT_OUT.sub("", cells_apart(_NOTES.sub(_notes_left_out, html)))



class IndexedView:
    """A page's content is its indexed view while Material's search plugin
    reads it (`show`, run before that plugin), and the page whole again
    before the page is rendered (`restore`, run after it)."""

    def __init__(self) -> None:
        self.whole: Optional[str] = None  # the page's content while search reads its view

    def show(self, page: Any) -> None:
        self.whole = page.content
        searched = unindexed(page.content)
        view = indexed_view(searched)
        page.content = view if view is not None else cells_apart(searched)

    def restore(self, page: Any) -> None:
        if self.whole is not None:
            page.content, self.whole = self.whole, None


def notes_unindexed(html: str) -> str:
    """The notes repeat the quotes each page's sources give, which the
    source pages list once: they are kept out of the search index."""
    return html.replace('<div class="footnote">', '<div class="footnote" data-search-exclude>')


# Material's search dialog has no accessible name (axe: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def dialog_named(html: str) -> str:
    """A page whose search dialog has an accessible name."""
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)

def folded(term: str) -> str:
    """A term without its accents (Šefčovič → Sefcovic)."""
    return "".join(c for c in unicodedata.normalize("NFD", term) if not unicodedata.combining(c))


def _names(record) -> list[str]:
    """A record's name and its other names (not an official's titles, which many share)."""
    names = [record.name, getattr(record, "acronym", None), *getattr(record, "aliases", []),
             *(e.text for e in getattr(record, "expansions", []))]
    return [name for name in dict.fromkeys(names) if name]


def names_script(b: ReadableBriefing) -> str:
    """The records' names as a script: `window.briefingSearchNames`, a list
    of [[name, other names…], URL relative to the site's root], of the
    kinds whose names search suggests (`kinds.py`), each with a page."""
    names = [[_names(record), url_of(page_of(collection, record.id))]
             for collection in (kind.collection for kind in search_named())
             for record in b.collections[collection].values()]
    return ("/* Generated by the briefing build: the names search suggests (assets/search-extras.js). */\n"
            "window.briefingSearchNames = " + json.dumps(names, ensure_ascii=False, separators=(",", ":"))
            .replace("</", "<\\/") + ";\n")


def _one_space(text: str) -> str:
    """Each run of whitespace one space, but inside <pre>."""
    return "".join(part if part.startswith("<pre") else _SPACES.sub(" ", part) for part in _PRE.split(text))


def tidy_index(site: Path, built: list[str]) -> None:
    """Material's search index repeats a page's tags on every section of the
    page; the page's own entry carrying them is enough to rank it first, and
    the repeats were a third of the index. Under `serve --dirty`, Material's
    search also keeps its previous index and replaces the entries of one
    changed page only, appending those of the pages rebuilt; an edit that
    changes several pages would leave their old entries beside the new (a
    renamed heading, its old section), and those of pages no longer
    published. A page's entries are written together, one run of the index
    a build: keep each page's last run, of pages that exist, its runs of
    whitespace made one space, the pages in the order of `built` (their
    URLs, as the build took them), which is the order a fresh build gives
    them (a rebuilt page's entries come last)."""
    path = site / "search" / "search_index.json"
    try:
        index = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return
    docs = index.get("docs", [])
    pages = [entry["location"].partition("#")[0] for entry in docs]
    last_run: dict[str, int] = {}  # page → where its newest run of entries begins
    for position, page in enumerate(pages):
        if position == 0 or pages[position - 1] != page:
            last_run[page] = position
    exists: dict[str, bool] = {}
    kept = []
    for position, (entry, page) in enumerate(zip(docs, pages)):
        if page not in exists:
            exists[page] = not page or (site / page).is_file()
        if position < last_run[page] or not exists[page]:
            continue
        if "#" in entry["location"]:
            entry.pop("tags", None)
        for field in ("title", "text"):
            if isinstance(entry.get(field), str):
                entry[field] = _one_space(entry[field])
        kept.append(entry)
    order = {url: position for position, url in enumerate(built)}
    index["docs"] = sorted(kept, key=lambda entry: order.get(entry["location"].partition("#")[0], -1))
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
