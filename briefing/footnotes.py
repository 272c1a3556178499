"""The notes of a page: each citation numbered in order of first use, its
marker where a fact is given, and the notes at the end, each naming its
report and quoting it (linked to where the quote stands in the report's
text, `links.Links.quoted`).

On a page the notes are Markdown footnotes (`[^1]`). The book holds every
page in one, and footnotes would all gather at its very end: `BookNotes`
numbers each section's citations on their own and lists them at the
section's end.
"""

from __future__ import annotations

from markupsafe import Markup

from . import dates
from .links import Links
from .model import Citation
from .readable import ReadableBriefing
from .text import inert


def source_detail(source) -> Markup:
    """What a note says of its report beside its name: its outlet and date, or that it names neither."""
    if not source.outlet and not source.published:
        return Markup(" (no outlet or date stated)")
    parts = [inert(source.outlet) if source.outlet else "outlet not stated",
             inert(dates.human(source.published)) if source.published else "date not stated"]
    return Markup(f" ({', '.join(parts)})")


class Notes:
    """The citations of one page, numbered in order of first use."""

    def __init__(self, briefing: ReadableBriefing, links: Links):
        self.briefing = briefing
        self.links = links
        self.numbers: dict[tuple[str, str], int] = {}  # (source, quote) -> its number

    def number(self, citation: Citation) -> int:
        key = (citation.source, citation.quote)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return self.numbers[key]

    def cite(self, citations) -> Markup:
        """The markers of some citations, each number once, in order."""
        # A separator, or adjacent note numbers 1 2 3 would read as 123.
        numbers = sorted({self.number(c) for c in citations})
        return Markup("<sup>,</sup>".join(f"[^{n}]" for n in numbers))

    def footnotes(self) -> Markup:
        """The notes, as Markdown footnotes."""
        lines = []
        for (source_id, quote), number in self.numbers.items():
            source = self.briefing.sources[source_id]
            lines.append(f"[^{number}]: {self.links.link(source)}{source_detail(source)}: "
                         f"{self.links.quoted(source_id, quote)}")
        return Markup("\n".join(lines))


class BookNotes(Notes):
    """The book's notes: numbered anew in each section, listed at its end."""

    def __init__(self, briefing: ReadableBriefing, links: Links):
        super().__init__(briefing, links)
        self.section = 0

    def cite(self, citations) -> Markup:
        numbers = sorted({self.number(c) for c in citations})
        return Markup("<sup>" + ",".join(
            f'<a href="#note-{self.section}-{n}">{n}</a>' for n in numbers) + "</sup>")

    def footnotes(self) -> Markup:
        """The notes cited since the last call, as a numbered list; then a new section."""
        lines = []
        for (source_id, quote), number in self.numbers.items():
            source = self.briefing.sources[source_id]
            lines.append(f'{number}. <span id="note-{self.section}-{number}"></span>'
                         f"{self.links.link(source)}{source_detail(source)}: “{inert(quote)}”")
        self.numbers = {}
        self.section += 1
        if not lines:
            return Markup("")
        return Markup('<p class="book-notes-heading">Notes</p>\n\n' + "\n".join(lines) + "\n")
