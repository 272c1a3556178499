"""Errors are values: every stage returns the problems it found, with where."""

from __future__ import annotations

import difflib
import functools
import heapq
import re
from dataclasses import dataclass

# Past this many, more problems would cost time and bury the first ones: a
# check stops collecting and says so. (A renamed source id can make a few
# hundred citations wrong at once, so the limit is not small.)
MAX_PROBLEMS = 500


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        file, field, message = (_printable(part) for part in (self.file, self.field, self.message))
        where = f"{file}:{self.line}" if self.line else file
        return f"{where}: {field}: {message}" if field else f"{where}: {message}"


# Line breaks, terminal control sequences and bidirectional overrides that a
# value quoted in a message may hold: written as escapes, each problem stays
# on one line and a terminal shows it as it is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TooManyProblems(Exception):
    """Raised by `Problems.append` when the list is full; the stage stops there."""


class Problems(list):
    """A list of problems holding at most `limit`; one more stops the stage."""

    def __init__(self, items=(), limit: int = MAX_PROBLEMS):
        super().__init__(items)
        self.limit = limit
        self.truncated = False

    def append(self, problem: Problem) -> None:
        if len(self) >= self.limit:
            self.truncated = True
            raise TooManyProblems()
        super().append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.append(problem)


def did_you_mean(word: str, choices) -> str:
    """` (did you mean 'x'?)` for the closest of `choices`, or ''."""
    # Only names of a similar length can be close enough. Among many, those
    # sharing the most pairs of letters with `word` are compared in full, so
    # that one suggestion costs little however many ids there are.
    if len(choices) > _MAX_CANDIDATES:
        return ""  # too many names to guess among quickly
    size = len(word)
    candidates = [c for c in choices if size * 0.4 <= len(c) <= size * 2.5 + 1]
    if len(candidates) > _FULL_COMPARISONS:
        pairs = _pairs(word)
        candidates = heapq.nlargest(_FULL_COMPARISONS, candidates, key=lambda c: len(pairs & _pairs(c)))
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


_FULL_COMPARISONS = 40
_MAX_CANDIDATES = 2000


@functools.lru_cache(maxsize=65536)
def _pairs(text: str) -> frozenset:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


class BadInput(Exception):
    """Raised once per stage with every problem found, never for one alone."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.truncated = bool(getattr(problems, "truncated", False))
        self.problems = sorted(set(problems))

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.truncated:
            lines.append(f"stopped after {len(self.problems)} problems; fix these and check again. "
                         "Nothing was written.")
            return "\n".join(lines)
        noun = "problem" if len(lines) == 1 else "problems"
        lines.append(f"{len(self.problems)} {noun} found; nothing was written.")
        return "\n".join(lines)
