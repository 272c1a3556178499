"""A date as every client reads it: the first and the last day it may be,
and how precise it is, published beside the EDTF in the spreadsheets, the
database, the calendars and the linked data.

`start` and `end` are ISO 8601 days (`2025-05-27`), so that any client sorts
and compares them; a `?` of the EDTF is not in them (how sure a date is, is
`date_basis` and `date_qualifier`). `precision` says what lies between them:

- `day`, `month`, `year`: one day, month or year, the start and end its first and last day;
- `days`, `months`, `years`: a span it lasted, from the start to the end (a visit of three days);
- `day within`: one day the sources do not give, somewhere from the start to the end;
- `on or before`: no start, the end being the last day it may be; `from`: no end.

An engagement within a visit whose date is a span of days, and that is not
a visit itself, took place on one of those days: the span is when the visit
was, as the sources allow, not how long the meeting lasted.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from . import dates

# The words of `precision`, in the order above.
DAY, MONTH, YEAR = "day", "month", "year"
DAY_WITHIN = "day within"
ON_OR_BEFORE, FROM = "on or before", "from"
SPANS = {DAY: "days", MONTH: "months", YEAR: "years"}
PRECISIONS = (DAY, MONTH, YEAR, *SPANS.values(), DAY_WITHIN, ON_OR_BEFORE, FROM)
_MARKS = re.compile(r"[?~%]")
# How many parts (year, month, day) a part of a date gives, as its precision.
_BY_PARTS = {1: YEAR, 2: MONTH, 3: DAY}


class Span(NamedTuple):
    """ISO 8601 days as text: year 0, which EDTF allows, is no `datetime.date`."""

    start: Optional[str]
    end: Optional[str]
    precision: Optional[str]


NO_DATE = Span(None, None, None)


def _iso(day: tuple[int, int, int]) -> str:
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def _precision(part: str) -> str:
    return _BY_PARTS[len(_MARKS.sub("", part).split("-"))]


def of(value: Optional[str], one_day: bool = False) -> Span:
    """The span of an EDTF date in one of `dates.FORMS`; `one_day` when it
    names one day within a span of days (see `within`)."""
    if value is None:
        return NO_DATE
    first, last = dates.bounds(value)
    side = dates.open_end(value)
    if side == "before":
        return Span(None, _iso(last), ON_OR_BEFORE)
    if side == "after":
        return Span(_iso(first), None, FROM)
    parts = value.split("/")
    precision = _precision(parts[0])
    if len(parts) == 2 and parts[0] != parts[1]:
        precision = DAY_WITHIN if one_day and precision == DAY else SPANS[precision]
    return Span(_iso(first), _iso(last), precision)


def within(event) -> bool:
    """Whether an engagement's span of days is the visit's, it being on one of them."""
    if event.parent is None or event.kind == "visit" or event.date is None or dates.open_end(event.date):
        return False
    first, _, last = event.date.partition("/")
    return bool(last) and _precision(first) == DAY and first != last


def of_event(event) -> Span:
    return of(event.date, within(event))


def words(span: Span, value: Optional[str]) -> str:
    """How a person reads it: '27–29 May 2025', 'some day within 27–29 May 2025'."""
    said = dates.human(value)
    return f"some day within {said}" if span.precision == DAY_WITHIN else said
