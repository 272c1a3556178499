"""Mention linking: which names in prose name which record, and finding them."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Optional

# Words that join the words of a longer name or title ("Secretary of State",
# "Department of the Treasury"): a capitalised word beyond them still makes
# one run of capitalised words with the word after them.
_JOINERS = {"of", "for", "the"}
# The longest word looked back at: a word is never longer.
_WORD = 80
# What may stand between a sentence's end and its first word.
_OPENERS = " \t“‘\"'([{"


class Mentions:
    """Finds names in prose as one regular expression of them all would: the
    longest name at the leftmost place, not inside a word (nor after @), then
    on after it. Each word of the text is looked up among the names that
    begin with it: trying thousands of names at every place is too slow.

    `blocking` are longer names and titles that are not linked (an
    official's titles, which several people hold; a topic's name; a name
    that names two records): they are found like names, and a name inside
    one is never linked ("State" in "Deputy Secretary of State"). A name is
    not linked inside a longer one either: the longest wins.

    `common` are names that are also ordinary words ("State", "Defence",
    "Treasury", "Quad"): an organization's or initiative's one-word name
    that is not an acronym. The text is matched case for case, so "state"
    never links; a capitalised one links only where it stands alone, as a
    name of its own (see `stands_alone`): not first in a sentence, where any
    word is capitalised, and not joined to a capitalised word before or
    after it, which makes it part of a longer name or title that the
    briefing does not record ("Minister of State", "State Bank"). Where it
    does not stand alone it is still taken, like a blocking span.

    Two finders are equal when they link the same names, in the same order,
    to the same record ids, and block and hold back the same terms: they
    then find the same mentions in any text."""

    _WORD = re.compile(r"\w+")

    def __init__(self, names: dict[str, str], blocking: Iterable[str] = (), common: Iterable[str] = ()):
        self.names = names  # name → id of the record it names
        # A name wins over a blocking span of the same text.
        self.blocking = frozenset(term for term in blocking if term and term not in names)
        self.common = frozenset(term for term in common if term in names)
        self._terms: dict[str, Optional[str]] = {**dict.fromkeys(self.blocking), **names}
        self._by_first_word: dict[str, list[str]] = defaultdict(list)
        others = []  # the rare names that begin with a sign, not a word
        for term in sorted(self._terms, key=len, reverse=True):
            first = self._WORD.match(term)
            if first:
                self._by_first_word[first.group()].append(term)
            else:
                others.append(term)
        # Every place where one of them begins (a lookahead: places inside
        # another match count too), and the longest there.
        self._others = (re.compile(rf"(?<![\w@])(?=((?:{'|'.join(map(re.escape, others))}))(?!\w))")
                        if others else None)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Mentions) and list(self.names.items()) == list(other.names.items())
                and self.blocking == other.blocking and self.common == other.common)

    __hash__ = None  # type: ignore[assignment]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, record id) of each mention, in order, none overlapping."""
        # The longest term at each place where one begins; then, from the
        # left, each taken unless it begins inside one taken before. A term
        # beginning inside a longer one that is not taken (itself inside an
        # earlier one) may be taken: every place is looked at.
        longest = {m.start(): m.end(1) for m in self._others.finditer(text)} if self._others else {}
        for word in self._WORD.finditer(text):
            start = word.start()
            if text[start - 1:start] == "@":
                continue
            for term in self._by_first_word.get(word.group(), ()):
                end = start + len(term)
                if text.startswith(term, start) and not self._WORD.match(text, end):
                    longest[start] = end
                    break
        mentions, taken = [], 0
        for start in sorted(longest):
            if start < taken:
                continue
            end = taken = longest[start]
            term = text[start:end]
            record_id = self._terms[term]
            if record_id is None or (term in self.common and not self.stands_alone(text, start, end)):
                continue  # blocking: found, and nothing shorter inside it is linked
            mentions.append((start, end, record_id))
        return mentions

    @staticmethod
    def stands_alone(text: str, start: int, end: int) -> bool:
        """Whether the word text[start:end] reads as a name of its own: not
        first in its sentence (after . ! ? : or a line's start, past opening
        quotes and brackets), and no capitalised word next to it, joined by a
        space or a hyphen (or before it across "of", "for", "the")."""
        before = start
        while before > 0 and text[before - 1] in _OPENERS:
            before -= 1
        if before == 0 or text[before - 1] in ".!?:\n":
            return False
        # The word before: joined by spaces or one hyphen, past joining words.
        at = start
        while True:
            gap = at
            while gap > 0 and text[gap - 1] in " \t":
                gap -= 1
            if gap == at and text[gap - 1:gap] == "-":
                gap -= 1
            if gap == at or gap == 0:
                break  # no word joined to it: punctuation, or the text's start
            window = max(0, gap - _WORD)  # the word's own stretch, not all the text before it
            words = re.search(rf"\w{{1,{_WORD}}}$", text[window:gap])
            if words is None:
                break
            if words.group().casefold() in _JOINERS:
                at = window + words.start()
                continue
            if words.group()[0].isupper():
                return False
            break
        after = re.match(r"(?:[ \t]+|-)(\w+)", text[end:])
        return not (after and after.group(1)[0].isupper())
