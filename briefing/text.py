"""Text helpers: the one normalisation used to match quotes against sources."""

from __future__ import annotations

import functools
import re
import unicodedata

# Typography a curator cannot be expected to reproduce: curly and straight
# quotes, dash variants and runs of whitespace. Nothing else is forgiven.
_TRANSLATE = str.maketrans({
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
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_TRANSLATE)).strip()


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(normalise(text))]


def word_runs(text: str, length: int) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + length]) for i in range(len(found) - length + 1)}


# Characters that Markdown, its extensions (attr_list, abbr, footnotes, emoji,
# mark, caret, tilde, keys, tables) or HTML could read as syntax. Written as
# numeric entities they render as themselves and mean nothing.
_INERT = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]{}()<>#+-.!|~^=:&\"'$%@"}


@functools.lru_cache(maxsize=65536)
def _inert(text: str) -> str:
    return _SPACE.sub(" ", text).translate(_INERT)


def inert(text) -> str:
    """Curated text as Markdown that renders exactly as the text, on one line.
    (Cached: names are escaped again on every page that links to them.)"""
    return _inert(str(text))
