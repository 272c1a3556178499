"""EDTF dates: validation, ordering and the way people write them."""

from __future__ import annotations

import calendar
import functools
import re
from typing import Optional

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_PART = re.compile(r"^(\d{4})(\?|~|%)?(?:-(\d{2})(\?|~|%)?(?:-(\d{2})(\?|~|%)?)?)?$")


Day = tuple[int, int, int]


def _part_bounds(part: str) -> Optional[tuple[Day, Day]]:
    """First and last day of a plain year, month or day (qualifiers allowed)."""
    match = _PART.match(part)
    if not match:
        return None
    year, _, month, _, day, _ = match.groups()
    year = int(year)
    if month is None:
        return (year, 1, 1), (year, 12, 31)
    month = int(month)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return (year, month, 1), (year, month, last)
    day = int(day)
    if not 1 <= day <= last:
        return None
    return (year, month, day), (year, month, day)


# The EDTF forms a briefing reads, named in every message about a date.
FORMS = ("2025, 2025-02, 2025-02-14; a span 2025-05-27/2025-05-29; uncertain 2025?-03-28 "
         "(or ~ approximate); on or before ../2025-12-08; from 2025-12-07/..")
OPEN = ".."


@functools.cache
def _bounds(value: str) -> tuple[Day, Day]:
    """First and last day of a date in one of FORMS; ValueError for any other.
    An open end (`..`) takes the bounds of the end that is given: the date
    sorts and groups by the day it names."""
    parts = value.split("/")
    if len(parts) > 2 or parts.count(OPEN) > (len(parts) - 1):
        raise ValueError(value)
    found = [_part_bounds(part) for part in parts if part != OPEN]
    first, last = found[0], found[-1]
    if first is None or last is None or not all(found):
        raise ValueError(value)
    return first[0], last[1]


def _is_edtf(value: str) -> bool:
    """Whether the `edtf` package reads `value` (a season, unspecified digits…)."""
    from edtf import parse_edtf  # imported only when needed: it takes a quarter second
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parse_edtf(value)
    except (EDTFParseException, TypeError, ValueError, AttributeError, OverflowError):
        return False
    return True


def invalid(value: str) -> Optional[str]:
    """Why `value` is not a date this briefing reads, or None when it is."""
    try:
        lower, upper = _bounds(value)
    except ValueError:
        kind = "is an EDTF form this briefing does not read" if _is_edtf(value) else "is not a valid EDTF date"
        return f"'{value}' {kind}; use one of: {FORMS}"
    if upper < lower:
        return f"'{value}': the interval ends before it starts"
    return None


def open_end(value: str) -> Optional[str]:
    """'before' for `../day` (on or before), 'after' for `day/..` (from), else None."""
    if value.startswith(OPEN + "/"):
        return "before"
    if value.endswith("/" + OPEN):
        return "after"
    return None


def bounds(value: str) -> tuple[Day, Day]:
    return _bounds(value)


def sort_key(value: Optional[str]) -> tuple:
    """Undated sorts last; otherwise by start, then by end."""
    if value is None:
        return (1, (9999, 12, 31), (9999, 12, 31))
    lower, upper = bounds(value)
    return (0, lower, upper)


def year_month(value: str) -> tuple[int, int]:
    lower, _ = bounds(value)
    return lower[0], lower[1]


def is_uncertain(value: str) -> bool:
    return any(mark in value for mark in "?~%")


def _one(part: str) -> tuple[int, Optional[int], Optional[int]]:
    match = _PART.match(part)
    assert match is not None, f"{part!r} is not a plain year, month or day"
    year, _, month, _, day, _ = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def _words(year: int, month: Optional[int], day: Optional[int]) -> str:
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


@functools.lru_cache(maxsize=65536)
def human(value: Optional[str]) -> str:
    """'Feb 2025', '27–29 May 2025', '28 Mar 2025'; 'date unknown' for None."""
    if value is None:
        return "date unknown"
    side = open_end(value)
    if side is not None:
        day = value.split("/")[1 if side == "before" else 0]
        return f"{'on or before' if side == 'before' else 'from'} {human(day)}"
    if not all(_part_bounds(part) for part in value.split("/")):
        return value  # not a form of FORMS: shown as written (the checks refuse it)
    if "/" not in value:
        return _words(*_one(value))
    start, end = (_one(part) for part in value.split("/"))
    if start[0] == end[0] and start[1] and start[1] == end[1] and start[2] and end[2]:
        return f"{start[2]}–{end[2]} {MONTHS[start[1] - 1]} {start[0]}"
    if start[0] == end[0] and start[1] and start[2] and end[2]:
        return f"{start[2]} {MONTHS[start[1] - 1]} – {_words(*end)}"
    return f"{_words(*start)} – {_words(*end)}"


def qualifier(value: Optional[str], basis: Optional[str]) -> str:
    """What a reader must know about how sure the date is, or ''."""
    if value is None:
        return ""
    if basis == "inferred":
        return "year inferred" if re.match(r"^\d{4}\?", value) else "inferred"
    if basis == "derived":
        return "derived"
    return "uncertain" if is_uncertain(value) else ""
