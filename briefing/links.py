"""Links from one page: where each points, and the links themselves.

`routes.py` says where every page and anchor is; this module resolves a
link from the page being rendered to a record, a record's place on
another's page (a statement, a discrepancy), a collection's index, the
timeline or a sentence of a report, as Markdown (which MkDocs rewrites and
checks) or, for raw HTML (pictures, a report's text), as the URL of the
built page. The book is one page holding the others (`BookLinks`): its
links point within it, and a record with no place in the book is named,
not linked.

A `Links` is made for each page rendered; `briefing` is the briefing, or
under `mkdocs serve` the recorder standing in for it.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .kinds import KINDS, kind_of
from .readable import ReadableBriefing
from .routes import HOME_PAGE, TIMELINE_PAGE, book_anchor, index_page, page_of, relative, sentence_anchor, url_of
from .text import inert


class Links:
    """The links of one page of the site."""

    def __init__(self, briefing: ReadableBriefing, page: str, report_text: bool = True):
        self.briefing = briefing
        self.page = page
        self.report_text = report_text  # whether source pages publish their report's text

    def href(self, target_page: str, anchor: str = "") -> str:
        return relative(self.page, target_page, anchor)

    def record_href(self, collection: str, record_id: str) -> str:
        """Where a Markdown link to a record points: its page, or its place on a page."""
        if KINDS[collection].folder:
            return self.href(page_of(collection, record_id))
        page, _, anchor = self.briefing.url(collection, record_id).partition("#")
        return self.href(page[:-len(".html")] + ".md", anchor)

    def link(self, record, text=None) -> Markup:
        """A Markdown link to a record's page, labelled with its name."""
        # A record's collection follows from its type (ids are unique across
        # collections): not asked of the briefing, which would note it in the
        # page's trace (a page links dozens of records).
        collection = kind_of(record).collection
        label = text if text is not None else KINDS[collection].label(self.briefing, record)
        return self.record_link(collection, record.id, label)

    def record_link(self, collection: str, record_id: str, label: str) -> Markup:
        """A Markdown link to a record, labelled `label`."""
        return Markup(f"[{inert(label)}]({self.record_href(collection, record_id)})")

    def page_link(self, page: str, label) -> Markup:
        """A Markdown link to a page that is not a record's (a period of a long list)."""
        return Markup(f"[{inert(label)}]({self.href(page)})")

    def link_to(self, collection: str, record_id: str) -> Markup:
        """A link to a record; statements and discrepancies link to their place."""
        record = self.briefing.collections[collection][record_id]
        if KINDS[collection].folder:
            return self.link(record)
        label = KINDS[collection].label(self.briefing, record)
        return Markup(f"[{inert(label)}]({self.record_href(collection, record_id)})")

    def html_href(self, record) -> str:
        """A link for raw HTML (pictures), where MkDocs does not rewrite .md links."""
        return url_of(self.href(page_of(kind_of(record).collection, record.id)))

    def html_place_href(self, collection: str, record_id: str) -> str:
        """A link for raw HTML to a record or its place on a page (a report's sentence to its claims)."""
        page, _, anchor = self.briefing.url(collection, record_id).partition("#")
        return relative(url_of(self.page), page, anchor)

    def section_href(self, name: str) -> str:
        """A link for raw HTML (a picture's caption) to the timeline or to a
        collection's index: where the rest of what a picture leaves out is."""
        return url_of(self.href(TIMELINE_PAGE if name == "timeline" else index_page(name)))

    def section_link(self, name: str, label: str) -> Markup:
        """A Markdown link to the timeline or to a collection's index."""
        return self.page_link(TIMELINE_PAGE if name == "timeline" else index_page(name), label)

    def html_section_link(self, name: str, label: str) -> Markup:
        """A raw HTML link to the timeline or to a collection's index."""
        return Markup(f'<a href="{escape(self.section_href(name))}">{escape(label)}</a>')

    def sentence_href(self, source_id: str, quote: str) -> str:
        """Where a quote stands in its report's text, when the source page publishes it."""
        if not self.report_text:
            return ""
        numbers = self.briefing.quote_sentences(source_id, quote)
        if not numbers:
            return ""
        return self.href(page_of("sources", source_id), sentence_anchor(numbers[0]))

    def quoted(self, source_id: str, quote: str) -> Markup:
        """A quote, linked to where it stands in its report's text when that is published."""
        text = f"“{inert(quote)}”"
        href = self.sentence_href(source_id, quote)
        return Markup(f"[{text}]({href})" if href else text)

    def page_url(self, collection: str, record_id: str) -> str:
        """The URL of a record's page, from this page (the linked data's references)."""
        return url_of(self.href(page_of(collection, record_id)))

    def home_url(self) -> str:
        return url_of(self.href(HOME_PAGE))

    def url(self) -> str:
        """This page's own URL, relative to itself."""
        return url_of(self.href(self.page))


class BookLinks(Links):
    """The links of the book, which holds every page in one: they point
    within it, and a record with no place in it is named, not linked."""

    def in_book(self, collection: str, record) -> bool:
        """Whether its kind has a place in the book (organizations and topics
        have none), and for a record shown on another's page (a statement
        under its engagement or its speaker) whether that one has."""
        kind = KINDS[collection]
        return kind.in_book and (kind.owner is None or KINDS[kind.owner(self.briefing, record)[0]].in_book)

    def record_link(self, collection: str, record_id: str, label: str) -> Markup:
        if not KINDS[collection].in_book:
            return Markup(inert(label))  # named, not linked
        return super().record_link(collection, record_id, label)

    def link_to(self, collection: str, record_id: str) -> Markup:
        record = self.briefing.collections[collection][record_id]
        if not self.in_book(collection, record):
            return Markup(inert(KINDS[collection].label(self.briefing, record)))  # named, not linked
        return super().link_to(collection, record_id)  # pages go through link()

    def record_href(self, collection: str, record_id: str) -> str:
        if KINDS[collection].folder:
            return f"#{book_anchor(collection, record_id)}"
        return "#" + self.briefing.url(collection, record_id).partition("#")[2]

    def html_href(self, record) -> str:
        return self.record_href(kind_of(record).collection, record.id)

    def section_href(self, name: str) -> str:
        return f"#book-{name}"  # the book's timeline and record sections have these anchors

    def section_link(self, name: str, label: str) -> Markup:
        if name != "timeline" and not KINDS[name].in_book:
            return Markup(inert(label))  # named, not linked: not in the book
        return Markup(f"[{inert(label)}](#book-{name})")

    def sentence_href(self, source_id: str, quote: str) -> str:
        return ""  # the book does not hold the reports' texts
