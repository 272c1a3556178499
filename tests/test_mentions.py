"""Names in prose are found word by word exactly as one regular expression of
all the names and blocking terms would find them: the longest at the
leftmost place, never inside a word or after @, then on after it; a blocking
term (a title, a topic) is found but not linked, and an ordinary word that
names a record links only where it stands alone."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import pipeline
from briefing.mentions import Mentions
from briefing.project import Project
from conftest import ROOT


def _by_one_expression(names: dict, blocking: set, common: set, text: str) -> list:
    terms = {**dict.fromkeys(t for t in blocking if t not in names), **names}
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w@])(?:{alternatives})(?![\w])")
    return [(m.start(), m.end(), names[m.group(0)]) for m in pattern.finditer(text)
            if m.group(0) in names
            and (m.group(0) not in common or Mentions.stands_alone(text, m.start(), m.end()))]


words = st.sampled_from(["US", "India", "Quad", "Misri", "Vikram", "Colby", "Department", "of", "State", "iCET",
                         "Landau", "TRUST", "é", "Ünal", "x", "Deputy", "Secretary", "the"])
signs = st.sampled_from([" ", " ", " ", ", ", ".", "-", "'s ", "@", "(", ")", "&", "’", "\n", "$", ". ", ": "])
terms = st.lists(st.builds(lambda parts, sign: sign.strip() + " ".join(parts),
                           st.lists(words, min_size=1, max_size=4), st.sampled_from(["", "", "", "(", "$"])),
                 min_size=1, max_size=10, unique=True)


def texts(found_terms: list) -> st.SearchStrategy[str]:
    """Words, signs and whole terms (so that names sit inside titles, titles
    overlap names, and ordinary words start sentences), run together."""
    return st.lists(st.one_of(words, signs, st.sampled_from(found_terms)), max_size=40).map("".join)


@pytest.mark.slow  # 500 random examples
@settings(max_examples=500, deadline=None)
@given(terms, st.data())
def test_word_by_word_finds_what_one_expression_finds(found_terms, data):
    # Shorter terms inside longer ones: a name inside a title, a title inside a name.
    inner = sorted({" ".join(words[i:j]) for words in (t.lstrip("($").split(" ") for t in found_terms)
                    for i in range(len(words)) for j in range(i + 1, len(words) + 1)} - set(found_terms))
    if inner:
        found_terms = found_terms + data.draw(st.lists(st.sampled_from(inner), max_size=4, unique=True))
    text = data.draw(texts(found_terms))
    # Each term a name or a blocking span; some one-word names ordinary words.
    kinds = data.draw(st.lists(st.sampled_from(["name", "name", "blocking"]),
                               min_size=len(found_terms), max_size=len(found_terms)))
    named = {term: f"record-{number}" for number, (term, kind) in enumerate(zip(found_terms, kinds))
             if kind == "name"}
    blocking = {term for term, kind in zip(found_terms, kinds) if kind == "blocking"}
    common = {term for term in named if " " not in term and data.draw(st.booleans())}
    finder = Mentions(named, blocking, common)
    assert finder.find(text) == _by_one_expression(named, blocking, common, text)


def test_a_name_inside_a_longer_one_that_is_not_taken_is_found():
    """Found by the property test: "US US" begins inside the blocking "(US"
    taken before it, so it is not taken; "US", which begins inside it but
    after "(US", is."""
    finder = Mentions({"US US": "two", "(US US US": "three", "US": "one"}, blocking=["(US"])
    assert finder.find("(US US USUS") == [(4, 6, "one")]


def test_the_longest_name_wins_and_words_are_whole():
    named = {"Department of State": "dos", "State": "state", "US": "us"}
    found = Mentions(named).find("The US Department of State, States and @US; US-India.")
    assert [(record, start) for start, _, record in found] == [("us", 4), ("dos", 7), ("us", 44)]


def test_no_name_is_linked_inside_a_title():
    named = {"State": "dos", "Landau": "landau", "Christopher Landau": "landau"}
    finder = Mentions(named, blocking=["Deputy Secretary of State"], common=["State"])
    text = "the US Deputy Secretary of State Christopher Landau"
    assert [text[s:e] for s, e, _ in finder.find(text)] == ["Christopher Landau"]


@pytest.mark.parametrize("text, linked", [
    ("officials from the State, Defence and Treasury departments", True),   # a name of its own
    ("Misri met State and Defence officials.", True),
    ("State officials said so.", False),                   # first in the sentence: any word is capitalised
    ("He spoke. State officials said so.", False),
    ("“State officials said so.", False),
    ("the Secretary of State said", False),                # part of a title the briefing does not record
    ("the Minister of State for External Affairs", False),
    ("the Department of the State", False),
    ("the State Bank of India", False),                    # part of a longer name
    ("a US-State exchange", False),
    ("talks (State and Defence) went on", True),
    ("the state of things", False),                        # not the name: matched case for case
])
def test_an_ordinary_word_links_only_where_it_stands_alone(text, linked):
    finder = Mentions({"State": "dos"}, common=["State"])
    assert bool(finder.find(text)) is linked


def test_a_name_of_two_records_blocks_and_equal_finders_compare_equal():
    one = Mentions({"Kapoor": "a"}, blocking=["Deputy NSA"])
    assert one == Mentions({"Kapoor": "a"}, blocking=["Deputy NSA"])
    assert one != Mentions({"Kapoor": "a"})
    assert one != Mentions({"Kapoor": "a"}, blocking=["Deputy NSA"], common=["Kapoor"])
    # A name is never also a blocking span: the name wins.
    assert Mentions({"Deputy NSA": "a"}, blocking=["Deputy NSA"]).find("the Deputy NSA") == [(4, 14, "a")]


def test_shipped_titles_hold_no_link():
    """On the shipped corpus: no name linked inside any official's title,
    and the departments named on their own still link."""
    shipped = pipeline.check(Project(ROOT))
    finder = shipped.mentions
    for official in shipped.officials.values():
        for role in official.roles:
            text = f"the {role.title} spoke"
            inside = [text[s:e] for s, e, _ in finder.find(text) if s < len(role.title) + 4 and e > 4
                      and text[s:e] != role.title]
            assert inside == [], (role.title, inside)
    visit = shipped.events["misri-washington-visit-2025-05"].summary
    linked = [visit[s:e] for s, e, _ in finder.find(visit)]
    assert {"State", "Defence", "Treasury", "Commerce"} <= set(linked), linked
