"""A report's text as its source page publishes it: paragraphs of sentences,
and where in them each quote stands.

Quotes match a source through `text.normalise` (quotes, dashes and runs of
whitespace forgiven), so a quote is found in the normalised text and mapped
back to the characters of the text as written. A quote is marked by the
sentences it touches: two quotes that overlap share a sentence rather than
nesting one mark in another.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .text import TYPOGRAPHY, normalise

# Where a sentence ends: . ! or ? (and a closing quote or bracket), then
# space, then what may open a sentence. Not after an initial or a dotted
# abbreviation ("U.S.", "D.C.", "Mr."): there the text goes on.
_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9@#])")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Lt|Col|Sen|Rep|Jr|Sr|vs|Shri|Smt)\.)$")


@dataclass(frozen=True)
class Sentence:
    number: int   # from 1, through the whole text
    text: str


@dataclass(frozen=True)
class ReportText:
    """A report's text: its paragraphs (its non-blank lines), each a tuple
    of sentences, and the span of each sentence in the text. Compared (and
    fingerprinted, when a page's trace asks for it) by its text alone: the
    rest is read from it."""

    paragraphs: tuple[tuple[Sentence, ...], ...] = field(compare=False)
    spans: tuple[tuple[int, int], ...] = field(compare=False)  # (start, end) of sentence n at index n - 1
    text: str                                                  # NFC, as published

    def sentences_of(self, quote: str) -> tuple[int, ...]:
        """The numbers of the sentences a quote touches; () when not found."""
        span = locate(self.text, quote)
        if span is None:
            return ()
        start, end = span
        return tuple(n for n, (s, e) in enumerate(self.spans, 1) if s < end and start < e)


def read(text: str) -> ReportText:
    text = unicodedata.normalize("NFC", text)
    paragraphs: list[tuple[Sentence, ...]] = []
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        sentences = []
        for start, end in sentence_spans(line.group()):
            spans.append((line.start() + start, line.start() + end))
            sentences.append(Sentence(len(spans), line.group()[start:end]))
        paragraphs.append(tuple(sentences))
    return ReportText(tuple(paragraphs), tuple(spans), text)


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one line of text."""
    found, start = [], len(line) - len(line.lstrip())
    for end in _END.finditer(line):
        if _ABBREVIATION.search(line[:end.start() + 1]):
            continue
        stop = end.end() - len(end.group()) + len(end.group().rstrip())
        found.append((start, stop))
        start = end.end()
    tail = line.rstrip()
    if start < len(tail):
        found.append((start, len(tail)))
    return found


def locate(text: str, quote: str) -> Optional[tuple[int, int]]:
    """Where `quote` stands in `text` (NFC), as `verify` matches it: the
    start and end of its characters; None when it is not there."""
    folded, runs = _folded(text)
    wanted = normalise(quote)
    at = folded.find(wanted)
    if at < 0 or not wanted:
        return None
    return runs.origin(at), runs.origin(at + len(wanted) - 1) + 1


@dataclass(frozen=True)
class _Runs:
    """Where each run of non-space characters of a folded text starts, in
    it and in the text it was folded from: the runs are the same
    characters in both (typography forgiven one for one), and the one
    space between two runs stands for the whitespace after the first."""

    folded: tuple[int, ...]
    text: tuple[int, ...]

    def origin(self, index: int) -> int:
        """The index in the text of the character at `index` in the folded text."""
        run = bisect.bisect_right(self.folded, index) - 1
        return self.text[run] + index - self.folded[run]


_NOT_SPACE = re.compile(r"\S+")


@functools.lru_cache(maxsize=64)  # every quote of a report is looked for in the same text
def _folded(text: str) -> tuple[str, _Runs]:
    """`normalise(text)` of an NFC text, and where its runs stand in `text`.
    One regular expression over the text, not a step for each character:
    a report is folded again for each page quoting it that the cache missed."""
    found = list(_NOT_SPACE.finditer(text.translate(TYPOGRAPHY)))
    folded, at = [], 0
    for run in found:
        folded.append(at)
        at += len(run.group()) + 1
    return " ".join(run.group() for run in found), _Runs(tuple(folded), tuple(run.start() for run in found))
