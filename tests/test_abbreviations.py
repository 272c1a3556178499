"""Each page gets the definitions of the acronyms it uses, found through the
page's words (briefing/acronyms.py `Abbreviations`): the same acronyms as a
search for each acronym standing apart, on any text."""

from __future__ import annotations

import re
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import pipeline
from briefing.acronyms import Abbreviations, definition_lines
from briefing.project import Project

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


def test_the_acronyms_taken_in_memory_are_those_the_generation_wrote(project):
    """The plugin takes the acronyms from the briefing it has just checked;
    a build that finds nothing changed reads those the generation wrote.
    Both are the same, and the corpus has some."""
    generated = pipeline.generate(Project(project))
    assert generated.briefing is not None
    in_memory = Abbreviations.of(generated.briefing, Project(project).output)
    read_back = Abbreviations.of(None, Project(project).output)
    assert in_memory.lines and in_memory.lines == read_back.lines
    page = "The US and India launched iCET and TRUST."
    assert in_memory.defined_in(page) == read_back.defined_in(page) != page


def test_a_tooltip_is_written_as_a_title_that_shows_it_as_it_is():
    """The definitions write each tooltip through `text.inert_title`: one
    holding "<![" stopped Python-Markdown, and "&amp;" showed as "&"
    (tests/test_pagehtml.py renders such titles)."""
    glossary = [SimpleNamespace(acronym="IMF", tooltip="a <![CDATA[ &amp;\n &#60; fund"),
                SimpleNamespace(acronym="R&D", tooltip="research & development")]
    lines = definition_lines(SimpleNamespace(glossary=lambda: glossary))  # type: ignore[arg-type]
    assert lines == ["*[IMF]: a &#60;![CDATA[ &#38;amp; &#38;#60; fund", "*[R&D]: research & development"]
