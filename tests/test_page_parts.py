"""The parts a page is made with, each in its home: its links (`links.py`),
its notes (`footnotes.py`) and its linked data (`linkeddata.py`), on a page
of the site and in the book, which holds every page in one."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import pipeline, reports
from briefing.footnotes import BookNotes, Notes
from briefing.linkeddata import PageLinkedData
from briefing.links import BookLinks, Links
from briefing.project import Project
from briefing.text import normalise
from conftest import ROOT


@pytest.fixture(scope="module")
def briefing():
    return pipeline.check(Project(ROOT))


def test_a_pages_links_are_relative_to_it_and_the_books_point_within_it(briefing):
    misri, state = briefing.officials["vikram-misri"], briefing.organizations["us-state-department"]
    statement = next(iter(briefing.statements.values()))
    page = Links(briefing, "events/misri-colby.md")
    assert page.link(misri) == "[Vikram Misri](../officials/vikram-misri.md)"
    assert page.link(state).endswith("(../organizations/us-state-department.md)")
    # A statement has no page: a link leads to its place on its engagement's or its speaker's.
    assert "#statement-" in page.link_to("statements", statement.id)
    assert page.html_href(misri) == "../officials/vikram-misri.html"
    book = BookLinks(briefing, "book.md")
    assert book.link(misri) == "[Vikram Misri](#r-officials-vikram-misri)"
    assert book.link(state) == state.name  # named, not linked: organizations have no place in the book
    assert book.sentence_href("ani-misri-colby-kapoor", "anything") == ""


def test_notes_are_numbered_in_order_of_first_use_and_the_book_numbers_each_section_anew(briefing):
    first, second = _two_citations(briefing)
    notes = Notes(briefing, Links(briefing, "index.md"))
    assert notes.cite([second, first, second]) == "[^1]<sup>,</sup>[^2]"  # each number once, in order
    assert notes.cite([first]) == "[^2]"  # the number it was given first
    listed = notes.footnotes().splitlines()
    assert [line.split(":")[0] for line in listed] == ["[^1]", "[^2]"]
    assert listed[0].startswith(f"[^1]: [{briefing.sources[second.source].title}](sources/{second.source}.md)")
    book = BookNotes(briefing, BookLinks(briefing, "book.md"))
    assert book.cite([first]) == '<sup><a href="#note-0-1">1</a></sup>'
    assert '<span id="note-0-1"></span>' in book.footnotes()
    assert book.cite([second]) == '<sup><a href="#note-1-1">1</a></sup>'  # a new section, numbered anew
    assert book.footnotes().count("<span id=") == 1


def _two_citations(briefing):
    found = {}
    for event in briefing.events.values():
        for citation in event.cite:
            found.setdefault((citation.source, citation.quote), citation)
    return list(found.values())[:2]


def test_a_page_has_the_linked_data_its_template_gives_or_else_its_kind_of_page(briefing):
    misri = briefing.officials["vikram-misri"]
    given = PageLinkedData(briefing, Links(briefing, "officials/vikram-misri.md"))
    script = given.record(misri)
    assert given.given and '"@type":"Person"' in script
    graph = json.loads(script.strip().removeprefix('<script type="application/ld+json">').removesuffix("</script>"))
    assert graph["@graph"][0]["@id"] == "vikram-misri.html#record"
    timeline = PageLinkedData(briefing, Links(briefing, "timeline.md"))
    assert '"@type":"CollectionPage"' in timeline.of_page("timeline.md.j2", "Timeline", "Briefing", None)
    assert not timeline.given


def _located(text: str, quote: str):
    """Where a quote stands, character by character: the definition `reports.locate` keeps."""
    folded, origin = "", []
    for index, char in enumerate(text):
        if char.isspace():
            if folded and not folded.endswith(" "):
                folded, origin = folded + " ", origin + [index]
            continue
        folded, origin = folded + normalise(char), origin + [index]
    if folded.endswith(" "):
        folded, origin = folded[:-1], origin[:-1]
    wanted = normalise(quote)
    at = folded.find(wanted)
    return None if at < 0 or not wanted else (origin[at], origin[at + len(wanted) - 1] + 1)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab. \n\t\u00a0\u2019'\u201c\"\u2014-é\u3000", max_size=40), st.data())
def test_a_quote_is_found_where_it_stands_whatever_its_typography_and_spaces(text, data):
    """A report's text is folded once (typography forgiven, runs of
    whitespace one space) and each quote found in it and mapped back to the
    characters it stands on, the first place it matches."""
    text = unicodedata.normalize("NFC", text)
    start = data.draw(st.integers(0, len(text)))
    quote = data.draw(st.sampled_from([text[start:start + size] for size in range(8)] + ["b\u2019a", " a  b "]))
    assert reports.locate(text, quote) == _located(text, quote)
