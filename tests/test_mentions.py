"""Names in prose are found word by word exactly as one regular expression of
all the names would find them: the longest at the leftmost place, never
inside a word or after @, then on after it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.mentions import Mentions


def _by_one_expression(names: dict, text: str) -> list:
    alternatives = "|".join(re.escape(term) for term in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w@])(?:{alternatives})(?![\w])")
    return [(m.start(), m.end(), names[m.group(0)]) for m in pattern.finditer(text)]


words = st.sampled_from(["US", "India", "Quad", "Misri", "Vikram", "Colby", "Department", "of", "State", "iCET",
                         "Landau", "TRUST", "é", "Ünal", "x"])
signs = st.sampled_from([" ", " ", " ", ", ", ".", "-", "'s ", "@", "(", ")", "&", "’", "\n", "$"])
names = st.lists(st.builds(lambda parts, sign: sign.strip() + " ".join(parts),
                           st.lists(words, min_size=1, max_size=3), st.sampled_from(["", "", "", "(", "$"])),
                 min_size=1, max_size=8, unique=True)
texts = st.lists(st.one_of(words, signs), max_size=40).map("".join)


@pytest.mark.slow  # 500 random examples
@settings(max_examples=500, deadline=None)
@given(names, texts)
def test_word_by_word_finds_what_one_expression_finds(terms, text):
    named = {term: f"record-{number}" for number, term in enumerate(terms)}
    assert Mentions(named).find(text) == _by_one_expression(named, text)


def test_the_longest_name_wins_and_words_are_whole():
    named = {"Department of State": "dos", "State": "state", "US": "us"}
    found = Mentions(named).find("The US Department of State, States and @US; US-India.")
    assert [(record, start) for start, _, record in found] == [("us", 4), ("dos", 7), ("us", 44)]
