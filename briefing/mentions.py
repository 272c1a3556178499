"""Mention linking: which names in prose name which record, and finding them."""

from __future__ import annotations

import re
from collections import defaultdict


class Mentions:
    """Finds names in prose as one regular expression of them all would: the
    longest name at the leftmost place, not inside a word (nor after @), then
    on after it. Each word of the text is looked up among the names that
    begin with it: trying thousands of names at every place is too slow.

    Two finders are equal when they link the same names, in the same order,
    to the same record ids: they then find the same mentions in any text."""

    _WORD = re.compile(r"\w+")

    def __init__(self, names: dict[str, str]):
        self.names = names  # name → id of the record it names
        self._by_first_word: dict[str, list[str]] = defaultdict(list)
        others = []  # the rare names that begin with a sign, not a word
        for term in sorted(names, key=len, reverse=True):
            first = self._WORD.match(term)
            if first:
                self._by_first_word[first.group()].append(term)
            else:
                others.append(term)
        self._others = (re.compile(rf"(?<![\w@])(?:{'|'.join(map(re.escape, others))})(?!\w)")
                        if others else None)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mentions) and list(self.names.items()) == list(other.names.items())

    __hash__ = None  # type: ignore[assignment]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, record id) of each mention, in order, none overlapping."""
        found = [(m.start(), m.end()) for m in self._others.finditer(text)] if self._others else []
        taken = 0
        for word in self._WORD.finditer(text):
            start = word.start()
            if start < taken or text[start - 1:start] == "@":
                continue
            for term in self._by_first_word.get(word.group(), ()):
                end = start + len(term)
                if text.startswith(term, start) and not self._WORD.match(text, end):
                    found.append((start, end))
                    taken = end
                    break
        if self._others:
            found.sort()
        mentions, taken = [], 0
        for start, end in found:
            if start >= taken:
                mentions.append((start, end, self.names[text[start:end]]))
                taken = end
        return mentions
