"""The acronyms' tooltips: every page, hand-written ones too, shows an
acronym's expansion when the pointer rests on it (Python-Markdown's `abbr`).

The definitions are made from the glossary. The plugin takes them from the
briefing it has just checked; a build in another process (`build.py build`
generates, then runs MkDocs, which finds nothing changed) reads them from the
file the generation wrote (`ABBREVIATIONS_FILE`, never a page of its own).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from .incremental import Job
from .pages import Setting
from .readable import ReadableBriefing
from .routes import ABBREVIATIONS_FILE
from .text import inert_title

# What the abbr extension can take as a term without reading it as syntax.
_ABBREVIATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&.\-]*$")

_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def definition_lines(b: ReadableBriefing) -> list[str]:
    """Markdown abbreviation definitions (`*[IMF]: ...`), the tooltip
    escaped as a title (`text.inert_title`)."""
    lines = []
    for entry in b.glossary():
        if _ABBREVIATION.match(entry.acronym) and entry.tooltip:
            lines.append(f"*[{entry.acronym}]: {inert_title(entry.tooltip)}")
    return lines


def definitions(b: ReadableBriefing) -> str:
    """The definitions as the file `ABBREVIATIONS_FILE` holds them."""
    # A paragraph each: Python-Markdown takes one definition at a time off a
    # block and tests what is left again, so one block of n lines costs n²,
    # on every page (94 ms a page with 244 acronyms, 9 ms apart).
    return "\n\n".join(definition_lines(b)) + "\n"


def acronym_jobs(b: ReadableBriefing, setting: Setting) -> list[Job]:
    return [Job(ABBREVIATIONS_FILE, definitions)]


class Abbreviations:
    """The acronyms' definition lines (`*[IMF]: ...`), and which of them a
    page uses: those standing apart from the words around them. A briefing
    of 10,000 engagements has 244 acronyms and 20,000 pages; searching each
    page for each acronym took 29 s. A page's words are read once instead:
    an acronym it uses begins with one of them, whole."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.whole: list[re.Pattern[str]] = []
        self.by_first_word: dict[str, list[int]] = {}
        self.no_first_word: list[int] = []  # acronyms beginning with a sign: always searched for
        for number, line in enumerate(lines):
            acronym = line[2:line.index("]")]
            self.whole.append(re.compile(rf"(?<!\w){re.escape(acronym)}(?!\w)"))
            first = _WORD.match(acronym)
            if first:
                self.by_first_word.setdefault(first.group(), []).append(number)
            else:
                self.no_first_word.append(number)
        # The first words, longest first, as one pattern with no assertion
        # before them: the engine skips to where one can begin (a capital,
        # mostly), where reading every word of every page cost 0.5 s at
        # 1,000 engagements. A match is a word when it stands whole.
        firsts = sorted(self.by_first_word, key=len, reverse=True)
        self.first_words = re.compile("|".join(map(re.escape, firsts))) if firsts else None

    @classmethod
    def of(cls, briefing: Optional[ReadableBriefing], output: Path) -> Abbreviations:
        """The acronyms of `briefing`, or, when this process generated
        nothing (the last generation stands), of the file it left in `output`."""
        if briefing is not None:
            return cls(definition_lines(briefing))
        try:
            text = (output / ABBREVIATIONS_FILE).read_text("utf-8")
        except OSError:
            text = ""
        return cls([line.strip() for line in text.split("\n\n") if line.startswith("*[") and "]" in line])

    def changed_since(self, previous: Abbreviations) -> Abbreviations:
        """The definitions that are in one of the two but not in both: an
        acronym added, taken away, or given another tooltip."""
        return Abbreviations(sorted(set(self.lines) ^ set(previous.lines)))

    def used_in(self, markdown: str) -> list[str]:
        """The definition lines of the acronyms `markdown` uses, in their order."""
        candidates = [number for word in self._words_in(markdown) for number in self.by_first_word[word]]
        candidates += self.no_first_word
        return [self.lines[number] for number in sorted(candidates) if self.whole[number].search(markdown)]

    def _words_in(self, markdown: str) -> set[str]:
        """The acronyms' first words that `markdown` holds as whole words."""
        if self.first_words is None:
            return set()
        return {m.group() for m in self.first_words.finditer(markdown)
                if not (m.start() and _WORD_CHAR.match(markdown, m.start() - 1)) and not _WORD_CHAR.match(markdown, m.end())}

    def defined_in(self, markdown: str) -> str:
        """`markdown` with the definitions of the acronyms it uses after it.
        Only those: each definition is one more pattern Python-Markdown tries
        on every line of the page."""
        used = self.used_in(markdown)
        return markdown + "\n\n" + "\n\n".join(used) + "\n" if used else markdown
