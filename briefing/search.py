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
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

# Elements of which Material's parser keeps only the text (it keeps the
# markup of p, li, ol, ul, code, pre, sub and sup, and reads headings, their
# permalinks, scripts and styles, and elements marked data-search-exclude).
_TEXT_ONLY = ("a|abbr|b|i|em|strong|small|span|table|thead|tbody|tfoot|tr|th|td|br|"
              "svg|g|rect|circle|line|path|polyline|polygon|text|tspan|title|desc")
_MARKUP = re.compile(rf"</?(?:{_TEXT_ONLY})\b[^>]*>")
# A permalink's "¶", which Material leaves out of a heading's title.
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>(?=</h[1-6]>)')
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
# Markup that must stay: an element of these kinds excluded from search, or
# a search attribute Material removes from the page once it has read it.
_KEEP_ALL = re.compile(rf"<(?:{_TEXT_ONLY})\b[^>]*\bdata-search-exclude|data-search-\w+=\"")

_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)
_SPACES = re.compile(r"\s+")


def indexed_view(html: str) -> Optional[str]:
    """The page as the search parser needs to read it; None where it must
    read the page as it is."""
    if _KEEP_ALL.search(html):
        return None
    return _MARKUP.sub("", _SCRIPT.sub("", _PERMALINK.sub("", html)))


def _one_space(text: str) -> str:
    """Each run of whitespace one space, but inside <pre>."""
    return "".join(part if part.startswith("<pre") else _SPACES.sub(" ", part) for part in _PRE.split(text))


def tidy_index(site: Path) -> None:
    """Material's search index repeats a page's tags on every section of the
    page; the page's own entry carrying them is enough to rank it first, and
    the repeats were a third of the index. Under `serve --dirty`, Material's
    search also keeps its previous index and replaces the entries of one
    changed page only, appending those of the pages rebuilt; an edit that
    changes several pages would leave their old entries beside the new (a
    renamed heading, its old section), and those of pages no longer
    published. A page's entries are written together, one run of the index
    a build: keep each page's last run, of pages that exist, its runs of
    whitespace made one space."""
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
    index["docs"] = kept
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
