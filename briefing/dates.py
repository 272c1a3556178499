"""EDTF dates: validation, ordering and the way people write them."""

from __future__ import annotations

import functools
import re
from typing import Optional

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_PART = re.compile(r"^(\d{4})(\?|~|%)?(?:-(\d{2})(\?|~|%)?(?:-(\d{2})(\?|~|%)?)?)?$")


@functools.cache
def _parse(value: str):
    return parse_edtf(value)


def invalid(value: str) -> Optional[str]:
    """Why `value` is not a usable EDTF date, or None when it is."""
    try:
        parsed = _parse(value)
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
    except (EDTFParseException, TypeError, ValueError, AttributeError):
        return f"'{value}' is not a valid EDTF date (for example 2025-02, 2025-05-27/2025-05-29, 2025?-03-28)"
    if "/" in value and not all(_PART.match(part) for part in value.split("/")):
        return f"'{value}': open or unknown interval ends are not supported; give both ends"
    if tuple(upper)[:3] < tuple(lower)[:3]:
        return f"'{value}': the interval ends before it starts"
    return None


def bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    parsed = _parse(value)
    return tuple(parsed.lower_strict())[:3], tuple(parsed.upper_strict())[:3]


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
    year, _, month, _, day, _ = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def _words(year: int, month: Optional[int], day: Optional[int]) -> str:
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def human(value: Optional[str]) -> str:
    """'Feb 2025', '27–29 May 2025', '28 Mar 2025'; 'date unknown' for None."""
    if value is None:
        return "date unknown"
    if "/" not in value:
        return _words(*_one(value))
    start, end = (_one(part) for part in value.split("/"))
    if start[0] == end[0] and start[1] == end[1] and start[2] and end[2]:
        return f"{start[2]}–{end[2]} {MONTHS[start[1] - 1]} {start[0]}"
    if start[0] == end[0] and start[2] and end[2]:
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
