"""The text patterns `draft` reads a report with: its sentences and
quotations, its dateline, the dates it writes, titles before names, and
acronyms and the spellings of a name. Functions of the text alone (and of
the report's own date); what they mean for the briefing is draft.py's.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Optional

from . import dates

# A sentence: up to a full stop, question or exclamation mark followed by a
# space and a capital or a quote, or a line break; not the dot of an initial
# or of "U.S." (a capital letter standing alone before it).
_SENTENCE = re.compile(r"[^\n.!?]*(?:(?:[.!?](?!\s+[A-Z“\"'])|(?<=[^A-Za-z][A-Z])\.)[^\n.!?]*)*[.!?]?", re.MULTILINE)

_ROLE_NOUNS = (r"(?:Secretary|Minister|Ambassador|Advis[eo]r|NSA|Spokesperson|Representative|Envoy|President|"
               r"Director|Commissioner|Chairman|Chair|Governor|Senator|Deputy)(?:-[a-z]+)?")
ROLE_NOUN = re.compile(_ROLE_NOUNS)
# Words a title is made of, before its office noun: "US Under Secretary".
_TITLE_WORD = (r"(?:US|U\.S\.|Indian|India's|Deputy|Under|Assistant|Principal|Chief|Foreign|Defence|Defense|"
               r"Commerce|Trade|National|Security|Prime|External|Affairs|Home|Finance|Vice|Acting|Senior|Special|"
               r"State|Department|Political|Policy|Industry|Treasury|Commerce|Economic|Permanent|Joint)")
# What an office is "of" or "for": "of the Treasury", "for Political Affairs",
# "for South and Central Asia" (capitalised words, joined by "and", but not
# to a second title: "… of Defence Steve Feinberg and Under Secretary …").
_REMIT = rf"[A-Z][a-z]+(?:\s+[A-Z][a-z]+|\s+(?:and|&)\s+(?!(?:{_TITLE_WORD}|{_ROLE_NOUNS})\b)[A-Z][a-z]+)*"
_TITLE = rf"(?:{_TITLE_WORD}\s+)*(?:{_ROLE_NOUNS})(?:\s+(?:of|for)\s+(?:the\s+)?{_REMIT})*"
# A title and a name: "US Under Secretary of Defence Elbridge Colby". The
# remit is greedy, so the name is the last two or three capitalised words.
TITLED = re.compile(rf"(?P<title>{_TITLE})\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{1,2}})\b")
# A title just before a name: "Deputy Secretary " before "Landau".
TITLE_BEFORE = re.compile(rf"{_TITLE}\s+$")
# An office's spokesperson, in lower case after the office's name: "the
# Ministry of External Affairs spokesperson Randhir Jaiswal".
SPOKESPERSON = re.compile(r"\bspokes(?:person|man|woman)\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b")
COUNTRY_WORDS = {"US": "US", "U.S.": "US", "American": "US", "United States": "US", "Indian": "IN",
                 "India's": "IN", "Japanese": "JP", "Australian": "AU", "British": "GB", "French": "FR"}

# "Name (ACRONYM)" and "ACRONYM (Expansion)".
NAMED_ACRONYM = re.compile(r"(?P<name>(?:[A-Z][\w'&-]*|of|for|and|the|on|in|&)(?:\s+(?:[A-Z][\w'&-]*|of|for|and|"
                           r"the|on|in|&))*)\s+\((?P<acronym>[A-Z][A-Za-z&-]*[A-Z])\)")
ACRONYM_EXPANDED = re.compile(r"\b(?P<acronym>[A-Z][A-Z&-]*[A-Z])\s+\((?P<expansion>[A-Z][^()]{3,160})\)")
# "the TRUST initiative": an acronym named by what it is.
ACRONYM_NAMED_BY_KIND = re.compile(r"\bthe (?P<acronym>[A-Z][A-Z0-9]{2,})\s+(?P<kind>initiative|framework|dialogue|"
                                   r"mechanism|agreement|partnership|forum|grouping)\b")
# A capitalised name ending in the word for what it is: "India-US Strategic Trade Dialogue".
NAMED_BY_KIND = re.compile(r"\b(?P<name>(?:[A-Z][\w.'&-]*\s+){1,6}(?P<kind>Dialogue|Initiative|Framework|Mechanism|"
                           r"Agreement|Partnership|Forum|Compact|Accord|Treaty))\b")
# A run of short capitalised names in a list: "the QUAD, IMEC, I2U2 initiatives",
# "forums like the Quad, I2U2, and IMEEC".
_ITEM = r"[A-Z][A-Za-z0-9]{1,9}"
ENUMERATION = re.compile(rf"\b(?P<items>{_ITEM}(?:,\s+(?:and\s+)?{_ITEM})+(?:,?\s+and\s+{_ITEM})?)\b")
# Offices by the words offices are named with.
ORGANIZATION_WORDS = re.compile(r"\b(?:Ministry|Department|Council|Embassy|Agency|Office|Bureau|Commission|Senate)\b")
OFFICE = re.compile(r"\b(?P<name>(?:(?:US|U\.S\.|Indian) )?(?:(?:Department|Ministry) of(?: [A-Z][a-z]+)+|"
                    r"(?:Embassy|Consulate) of [A-Z][a-z]+(?: in (?:the )?[A-Z][A-Za-z.]+)?|"
                    r"(?:US|U\.S\.|Indian|American|British|Japanese|Australian|French) (?:Embassy|Consulate|Senate|"
                    r"Congress|Parliament)(?: in [A-Z][A-Za-z.]+)?|"
                    r"(?:State|Defen[cs]e|Commerce|Treasury|Home|Finance|External Affairs) (?:Department|Ministry)|"
                    r"National Security Council|White House))\b")
# A list of departments: "U.S. departments, including State, Defence, Treasury, Commerce, and the National
# Security Council": each capitalised item is an office.
DEPARTMENTS = re.compile(r"\b(?P<country>US|U\.S\.|Indian)?\s*(?:departments|ministries|agencies),?\s+(?:including|"
                         r"such as|like)\s+(?P<items>[A-Z][^.;:]*)")

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_SPAN_MD = re.compile(rf"\b{_MONTH}\s+(?P<a>\d{{1,2}})\s*(?:-|–|to)\s*(?P<b>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?")
_SPAN_DM = re.compile(rf"\b(?P<a>\d{{1,2}})\s*(?:-|–|to)\s*(?P<b>\d{{1,2}})\s+{_MONTH}(?:\s+(?P<year>\d{{4}}))?")
_DAY_MD = re.compile(rf"\b{_MONTH}\s+(?P<a>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}}))?")
_DAY_DM = re.compile(rf"\b(?P<a>\d{{1,2}})\s+{_MONTH}(?:\s+(?P<year>\d{{4}}))?")
# A month alone, written out ("in February this year", "Modi's February trip");
# "May" only after "in", as it is also a verb.
_MONTH_ALONE = re.compile(r"\b(?:in\s+(?P<may>May)|(?P<month>January|February|March|April|June|July|August|September|"
                          r"October|November|December))\b(?!\s+\d)(?:\s+(?P<this>this year)|,?\s+(?P<year>\d{4}))?")
_RELATIVE = re.compile(r"\b(?P<word>today|yesterday|on (?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                       r"Sunday))\b", re.IGNORECASE)
# The opening "date 2025-05-30" line and a dateline, "Washington DC [US], May 30 (ANI):":
# the report's own date and place, not those of what it tells.
_DATELINE = re.compile(r"\s*(?:date[:\s]+\d{4}-\d{2}-\d{2}\s*)?(?:[A-Z][\w .'/\[\]-]{1,60}?,\s+[A-Z][a-z]{2,8}\.?\s+"
                       r"\d{1,2}(?:,\s*\d{4})?\s+\([A-Z]{2,6}\):?)?", re.IGNORECASE)


@dataclass
class Sentence:
    start: int
    text: str


def sentences(text: str) -> list[Sentence]:
    """The report's sentences, each a verbatim piece of it, stripped."""
    found = []
    for match in _SENTENCE.finditer(text):
        piece = match.group()
        stripped = piece.strip()
        if len(stripped) >= 12:
            found.append(Sentence(match.start() + piece.index(stripped), stripped))
    return found


def dateline_end(text: str) -> int:
    """Where the report's opening date line and dateline end (0 without them)."""
    found = _DATELINE.match(text)
    return found.end() if found and found.group().strip() else 0


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation: between curly or straight double
    quotes; a quotation opened and not closed in its paragraph runs to the
    paragraph's end, as reports print a quotation of several paragraphs."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        opened: Optional[int] = None
        for mark in re.finditer(r"[“”\"]", line.group()):
            at = line.start() + mark.start()
            if opened is None and mark.group() != "”":
                opened = at
            elif opened is not None and mark.group() != "“":
                spans.append((opened, at + 1))
                opened = None
        if opened is not None:
            spans.append((opened, line.end()))
    return spans


@dataclass(frozen=True)
class Written:
    """A date as a sentence writes it: its month, first and last day (None
    for a month alone), and its year where given."""

    month: int
    first: Optional[int]
    last: Optional[int]
    year: Optional[int]
    this_year: bool = False  # "in February this year"

    def agrees(self, recorded: Optional[str]) -> bool:
        """Whether a recorded date can be this one: they share a day, in the
        year written or, where none is, in any year the record spans."""
        if recorded is None:
            return False
        low, high = dates.bounds(recorded)
        for year in [self.year] if self.year else range(low[0], high[0] + 1):
            days = calendar.monthrange(year, self.month)[1]
            first = (year, self.month, min(self.first or 1, days))
            last = (year, self.month, min(self.last or days, days))
            if first <= high and low <= last:
                return True
        return False


def written_date(sentence: str) -> Optional[Written]:
    """The first explicit date the sentence writes: a span, a day or a month."""
    for pattern, span in ((_SPAN_MD, True), (_SPAN_DM, True), (_DAY_MD, False), (_DAY_DM, False)):
        for found in pattern.finditer(sentence):
            first, last = int(found.group("a")), int(found.group("b")) if span else int(found.group("a"))
            if 1 <= first <= last <= 31:
                year = found.group("year")
                return Written(_month(found.group("month")), first, last, int(year) if year else None)
    alone = _MONTH_ALONE.search(sentence)
    if alone:
        year = alone.group("year")
        return Written(_month(alone.group("month") or alone.group("may")), None, None, int(year) if year else None,
                       bool(alone.group("this")))
    return None


def _month(name: str) -> int:
    return [m[:3].lower() for m in dates.MONTH_NAMES].index(name[:3].lower()) + 1


def report_day(published: Optional[str]) -> Optional[datetime.date]:
    """The report's own date, when it gives a day (an uncertain year counts: it is marked)."""
    if not published or "/" in published:
        return None
    low, high = dates.bounds(published)
    return datetime.date(*low) if low == high else None


def find_date(sentence: str, published: Optional[str], unquoted: Optional[str] = None) -> Optional[tuple[str, str, Optional[str]]]:
    """(EDTF date, basis, note) written in the sentence, or None. A day, span
    or month without a year takes the report's year, marked uncertain; a
    weekday or "today" is resolved against the report's date, and gives
    nothing in a report without one. `unquoted` is the sentence with its
    quoted words blanked: a "today" inside a quotation is the day of the
    words quoted, not the report's, so only this is read for weekdays."""
    day = report_day(published)
    year = day.year if day else None
    uncertain_year = "?" in (published or "")
    written = written_date(sentence)
    if written is not None:
        use = written.year or year
        if use is None:
            return None  # a day with no year, in an undated report: left unknown
        if written.first is None:
            edtf = f"{use}{'' if written.year or written.this_year else '?'}-{written.month:02d}"
            if written.year:
                return edtf, "stated", None
            if written.this_year:
                return edtf, "derived", (f"The report dated {dates.human(published)} says \"this year\"; that is "
                                         f"{use}.")
            return edtf, "inferred", (f"The report gives the month; the year is taken from the report's own date, "
                                      f"{dates.human(published)}.")
        try:
            datetime.date(use, written.month, written.last or written.first)
        except ValueError:
            return None
        mark = "" if written.year else "?"
        edtf = f"{use}{mark}-{written.month:02d}-{written.first:02d}"
        if written.last != written.first:
            edtf += f"/{use}{mark}-{written.month:02d}-{written.last:02d}"
        if written.year:
            return edtf, "stated", None
        return edtf, "inferred", (f"The report gives the day and month; the year is taken from the report's "
                                  f"own date, {dates.human(published)}.")
    relative = _RELATIVE.search(sentence if unquoted is None else unquoted)
    if relative and day is not None:
        word = relative.group("word").lower()
        if word == "today":
            when = day
        elif word == "yesterday":
            when = day - datetime.timedelta(days=1)
        else:  # "on Monday": the latest such day on or before the report's date
            wanted = WEEKDAYS.index(relative.group("weekday").lower())
            when = day - datetime.timedelta(days=(day.weekday() - wanted) % 7)
        edtf = f"{when.year}{'?' if uncertain_year else ''}-{when.month:02d}-{when.day:02d}"
        return edtf, "derived", (f"The report dated {dates.human(published)} says \"{relative.group('word')}\"; "
                                 f"that is {dates.human(when.isoformat())}.")
    return None


def dates_overlap(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two EDTF dates can be the same time: they share a day, or one is unknown."""
    if a is None or b is None:
        return True
    (a1, a2), (b1, b2) = dates.bounds(a), dates.bounds(b)
    return a1 <= b2 and b1 <= a2


def clean_title(title: str) -> str:
    """A title as the text writes it, without a leading country word or article."""
    words = title.split()
    while words and (words[0] in ("the", "The", "and", "of", "with") or words[0] in COUNTRY_WORDS):
        words = words[1:]
    return " ".join(words)


def trim_expansion(expansion: str, acronym: str) -> str:
    """'… where both nations launched the India-U.S. COMPACT' → the words that
    the acronym's letters start, from the end; the whole for ACRONYM (Expansion)."""
    words = expansion.split()
    letters = [c for c in acronym if c.isalpha()]
    if len(words) <= len(letters) + 3:
        return expansion.strip()
    return " ".join(words[-(len(letters) + 2):]).strip()


def doubled(acronym: str) -> list[str]:
    """The acronym with one letter doubled: "IMEEC" for "IMEC"."""
    return [acronym[:i] + acronym[i] + acronym[i:] for i in range(len(acronym)) if acronym[i].isalpha()]


def same_acronym(a: str, b: str) -> bool:
    squeeze = lambda s: re.sub(r"(.)\1+", r"\1", s.upper())  # noqa: E731
    return a == b or squeeze(a) == squeeze(b)


def spellings(name: str) -> list[str]:
    """Other ways reports write a recorded name: "U.S." for "US" and back;
    a one-word name in capitals ("QUAD" for "Quad"); a name of several words
    in lower case, and in the plural ("trust initiatives" for "TRUST
    initiative")."""
    found = {name.replace("U.S.", "US"), re.sub(r"\bUS\b", "U.S.", name)}
    words = name.split()
    if len(words) == 1 and name.isalpha() and len(name) >= 3:
        found.add(name.upper())
    if len(words) >= 2:
        lower = " ".join(w if w.isupper() and len(w) <= 3 or "-" in w else w.lower() for w in words)
        for form in (lower, name.lower()):
            found.update({form, form + "s"})
    found.discard(name)
    return sorted(found)


def content_words(text: str) -> set[str]:
    """The words that say what a passage is about, in a crude common form
    (hyphens split, a plural "s" dropped), for telling engagements apart."""
    found = set()
    for word in re.findall(r"[A-Za-z]+", text.replace("-", " ")):
        word = word.lower()
        if len(word) >= 4 and word not in _STOP:
            found.add(word[:-1] if word.endswith("s") and not word.endswith("ss") else word)
    return found


# Words every engagement's text has: they tell none apart.
_STOP = frozenset("""with from that this they their them were have been will also into about after before during
their there which while where when what india indian united states american washington delhi minister secretary
deputy under foreign meet meets meeting met visit visits visited talks held discussed discussions discuss
cooperation bilateral partnership strategic relationship sides both officials official senior said says""".split())
