"""Text helpers: the one normalisation used to match quotes against sources."""

from __future__ import annotations

import functools
import re
import unicodedata

# Typography a curator cannot be expected to reproduce: curly and straight
# quotes, dash variants and runs of whitespace. Nothing else is forgiven.
TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00a0": " ",
})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[\w']+")


@functools.lru_cache(maxsize=1 << 16)  # a quote is normalised again for every name checked against it
def normalise(text: str) -> str:
    # NFC first: an é typed as e + combining accent is the é a source holds.
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(TYPOGRAPHY)).strip()


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(normalise(text))]


def word_runs(text: str, length: int) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + length]) for i in range(len(found) - length + 1)}


# Curated text is written into Markdown pages, inline, on one line. The
# characters Markdown and the extensions in mkdocs.yml (abbr, attr_list,
# footnotes, md_in_html, tables, toc) read as syntax wherever they stand are
# written as numeric entities, which render as themselves and mean nothing:
# emphasis and code (* _ `), links, images and footnotes ([ ]), raw HTML and
# entities (< > &), table cells (|), attribute lists ({ }), escapes (\\).
# Everything else is read as text inline, and is left as it is: an entity
# costs Python-Markdown an inline pattern match, and escaping every mark of
# punctuation made our pages cost MkDocs far more than plain prose. Enabling
# an extension with syntax of its own (emoji's :smile:, mark's ==, tilde's
# ~~, caret's ^^, smarty's quotes) means adding its characters here.
_INERT = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]{}<>&|"}
# What opens a block at the start of a line (a heading, a list item, a
# quotation, a setext underline, a fenced code block: "~~~", as fenced_code
# is on in every MkDocs build), and a number followed by . or ) that opens
# a numbered list: escaped where the text begins, since it may begin a line.
_OPENS_BLOCK = re.compile(r"^(?:[#+\-=>~]|(\d+)([.)]))")


@functools.lru_cache(maxsize=65536)
def _inert(text: str) -> str:
    text = _SPACE.sub(" ", text).translate(_INERT)
    return _OPENS_BLOCK.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};" if m.group(1)
                            else f"&#{ord(m.group())};", text, count=1)


def inert(text) -> str:
    """Curated text as Markdown that renders exactly as the text, on one line.
    (Cached: names are escaped again on every page that links to them.)"""
    return _inert(str(text))


# An abbreviation's title (`*[IMF]: title`) is an HTML attribute, which
# Python-Markdown escapes itself, but for what its HTML parser reads first:
# "<" (a tag; "<![" stops the conversion) and an entity ("&amp;", "&#60;"),
# which the serializer would pass on as markup, or what begins one ("&#",
# which Python's HTML parser reads apart). Numeric entities mean the
# character itself to the browser and pass through as they are.
_TITLE_MARKUP = re.compile(r"<|&(?=#|[0-9a-z]+;)", re.IGNORECASE)


def inert_title(text: str) -> str:
    """Curated text as an abbreviation's title that shows exactly as the text, on one line."""
    return _TITLE_MARKUP.sub(lambda m: f"&#{ord(m.group())};", " ".join(text.split()))
