"""A report's text as its source page publishes it: paragraphs of sentences,
and where in them each quote stands.

Quotes match a source through `text.normalise` (quotes, dashes and runs of
whitespace forgiven), so a quote is found in the normalised text and mapped
back to the characters of the text as written. A quote is marked by the
sentences it touches: two quotes that overlap share a sentence rather than
nesting one mark in another.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from .text import normalise

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
    of sentences, and the span of each sentence in the text."""

    paragraphs: tuple[tuple[Sentence, ...], ...]
    spans: tuple[tuple[int, int], ...]  # (start, end) of sentence n at index n - 1
    text: str                           # NFC, as published

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
    folded, origin = _normalised_with_origin(text)
    wanted = normalise(quote)
    at = folded.find(wanted)
    if at < 0 or not wanted:
        return None
    return origin[at], origin[at + len(wanted) - 1] + 1


@functools.lru_cache(maxsize=64)  # every quote of a report is looked for in the same text
def _normalised_with_origin(text: str) -> tuple[str, tuple[int, ...]]:
    """`normalise(text)` of an NFC text, and for each of its characters the
    index of the character of `text` it comes from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace() or char == "\u00a0":
            if out and out[-1] != " ":
                out.append(" ")
                origin.append(index)
            continue
        out.append(normalise(char) or char)
        origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), tuple(origin)
