"""Each page gets the definitions of the acronyms it uses, found through the
page's words (briefing/acronyms.py `Abbreviations`): the same acronyms as a
search for each acronym standing apart, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.acronyms import Abbreviations

ACRONYMS = ["US", "US-IN", "R&D", "U.S.", "TRUST", "iCET", ".NET", "INDUS-X", "X", "É2"]
ABBREVIATIONS = Abbreviations([f"*[{acronym}]: its expansion" for acronym in ACRONYMS])


def used(text: str) -> set[str]:
    lines = ABBREVIATIONS.used_in(text)
    assert lines == sorted(lines, key=ABBREVIATIONS.lines.index)  # in the order of the definitions
    return {line[2:line.index("]")] for line in lines}


def standing_apart(text: str) -> set[str]:
    return {acronym for acronym in ACRONYMS if re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", text)}


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ACRONYMS + [" ", "-", ".", "&", "a", "_", "S", "TRUSTED", "\n", "é", "(", ")"]),
                max_size=20).map("".join))
def test_a_page_gets_the_acronyms_it_uses(text):
    assert used(text) == standing_apart(text)


def test_examples():
    assert used("The US-IN talks") == {"US", "US-IN"}
    assert used("USA and TRUSTED partners, R&D") == {"R&D"}
    assert used("in the U.S. and on .NET") == {"U.S.", ".NET"}
