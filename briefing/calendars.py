"""The calendars (RFC 5545): every engagement on a known day, or lasting
known days, as an all-day event, in one calendar of the whole briefing and
one per official who took part in any (a calendar holds at least one event).

An engagement on a day the sources do not give within a visit's days (a
meeting during a three-day visit) is left out, never drawn across the
visit's days: the visit's entry names it. So is one known only to the month
or year, one with an open end (on or before a day, from a day) and an
undated one: a calendar entry needs its days. `left_out` counts them for
the exports page. A held engagement whose date is inferred or uncertain is
TENTATIVE. Each entry carries its page's address (URL) when the site says
where it is published (`site_url`), and its EDTF date and precision
(X-BRIEFING-EDTF, X-BRIEFING-DATE-PRECISION). Each event's UID
is its id and the briefing's name, so a calendar that subscribes keeps its
entries from one build to the next; DTSTAMP is the build's date (the
`SOURCE_DATE_EPOCH` one), never the clock.

The calendar is written here, not with a library: it is a few properties
of text and dates, and the icalendar package took half a millisecond an
engagement to write them (five seconds at 10,000). The tests read it back
with icalendar.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any, Hashable, Optional, cast

from . import dates, spans
from .incremental import Job
from .indexes import HELD
from .readable import ReadableBriefing
from .routes import CALENDAR_FILE, absolute, calendar_of
from .views import country_name

# An engagement's status as iCalendar's: one not reported as held is
# tentative, one that will not take place on its date is cancelled there.
STATUS = {"held": "CONFIRMED", "announced": "TENTATIVE", "planned": "TENTATIVE",
          "postponed": "CANCELLED", "cancelled": "CANCELLED"}
# Why an engagement is not in the calendar, by reason, in the order the exports page gives them.
DAY_UNKNOWN = "on a day the sources do not give, within a visit (listed under the visit's entry)"
NOT_TO_THE_DAY = "known only to the month or year"
OPEN_ENDED = "open-ended (on or before, or from, a day)"
UNDATED = "undated"
REASONS = (DAY_UNKNOWN, NOT_TO_THE_DAY, OPEN_ENDED, UNDATED)
CALENDAR_JOB = "calendar"


def days(event) -> Optional[tuple[datetime.date, datetime.date]]:
    """The first and last day of an engagement the calendar holds (a day, or
    days it lasted), else None."""
    span = spans.of_event(event)
    if span.precision not in (spans.DAY, spans.SPANS[spans.DAY]) or span.start is None or span.end is None:
        return None
    if span.start < "0001" or span.end > "9998-12-31":  # no such day in a calendar (year 0), or no day after it
        return None
    return datetime.date.fromisoformat(span.start), datetime.date.fromisoformat(span.end)


def why_left_out(event) -> Optional[str]:
    """Why an engagement has no calendar entry; None when it has one."""
    if event.date is None:
        return UNDATED
    if dates.open_end(event.date):
        return OPEN_ENDED
    if days(event):
        return None
    return DAY_UNKNOWN if spans.within(event) else NOT_TO_THE_DAY


def left_out(b: ReadableBriefing) -> dict[str, int]:
    """How many engagements the calendar leaves out, by reason (a job's question)."""
    found = dict.fromkeys(REASONS, 0)
    for event in b.events.values():
        reason = why_left_out(event)
        if reason:
            found[reason] += 1
    return found


def status(event) -> str:
    """CONFIRMED only for an engagement held on a date the sources state or
    that was worked out from them; one whose date is inferred or uncertain is TENTATIVE."""
    if event.status == HELD and (event.date_basis == "inferred" or dates.is_uncertain(event.date or "")):
        return "TENTATIVE"
    return STATUS[event.status]


def uid(event_id: str, site_name: str) -> str:
    """The same for an engagement in every build of the same briefing."""
    return f"{event_id}@{_slug(site_name) or 'briefing'}"


def _slug(text: str) -> str:
    """'India–US engagements briefing' as 'india-us-engagements-briefing'."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", letters).strip("-")


# Control characters RFC 5545 does not allow in text (line breaks are escaped as \n).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ESCAPE = re.compile(r"\r\n|[\\;,\n\r]")
_ESCAPED = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": "\\n", "\r\n": "\\n"}


def _text(value: str) -> str:
    """Curated text as an iCalendar TEXT value (RFC 5545 3.3.11)."""
    return _ESCAPE.sub(lambda m: _ESCAPED[m.group()], _CONTROL.sub("", value))


def _line(name: str, value: str) -> bytes:
    """One content line, folded at 75 octets without splitting a character (RFC 5545 3.1)."""
    data = f"{name}:{value}".encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    parts, start, width = [], 0, 75
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a UTF-8 sequence
            end -= 1
        parts.append(data[start:end])
        start, width = end, 74  # a continuation line starts with a space
    return b"\r\n ".join(parts) + b"\r\n"


def description(b: ReadableBriefing, event, site_url: str) -> str:
    """What a calendar shows under the title: when and how sure, status,
    place, who took part, the visit it belongs to, and the page."""
    when = dates.human(event.date)
    qualifier = dates.qualifier(event.date, event.date_basis)
    lines = [f"Date: {when}" + (f" ({qualifier})" if qualifier else "")]
    if qualifier and event.date_note:
        lines.append(f"How the date is known: {event.date_note}")
    if event.status != HELD:
        lines.append(f"Status: {event.status}; not reported as held")
    lines.append(f"Place: {event.place or 'not stated'}")
    people = [f"{o.name} ({country_name(o.country)})" for o in b.participants_of(event)]
    lines.append(f"Participants: {', '.join(people) or 'none named'}")
    if event.parent:
        lines.append(f"Part of: {b.events[event.parent].title}")
    unknown = [child for child in b.children(event) if why_left_out(child) == DAY_UNKNOWN]
    if unknown:
        lines.append("During it, on a day the sources do not give: "
                     + "; ".join(f"{child.title} ({absolute(b.url('events', child.id), site_url)})"
                                 for child in unknown))
    lines.append(f"Page: {absolute(b.url('events', event.id), site_url)}")
    return "\n".join(lines)


def calendar_event(b: ReadableBriefing, event, site_name: str, site_url: str, as_of: str) -> Optional[tuple]:
    """An engagement's calendar entry: a job. (sort key, participants, the
    VEVENT's bytes), or None for an engagement the calendar leaves out."""
    span = days(event)
    if span is None:
        return None
    lines = [
        b"BEGIN:VEVENT\r\n",
        _line("UID", _text(uid(event.id, site_name))),
        _line("DTSTAMP", as_of.replace("-", "") + "T000000Z"),
        _line("DTSTART;VALUE=DATE", span[0].strftime("%Y%m%d")),
        # All day: the end is the day after the last.
        _line("DTEND;VALUE=DATE", (span[1] + datetime.timedelta(days=1)).strftime("%Y%m%d")),
        _line("SUMMARY", _text(event.title)),
    ]
    if event.place:
        lines.append(_line("LOCATION", _text(event.place)))
    lines += [
        _line("DESCRIPTION", _text(description(b, event, site_url))),
        _line("STATUS", status(event)),
        _line("TRANSP", "TRANSPARENT"),  # it tells of an engagement; it does not take the reader's time
        _line("CATEGORIES", ",".join(_text(name) for name in [event.kind] + [t.name for t in b.topics_of(event)])),
    ]
    if site_url:  # a URL property is a URI: without the site's address there is none to give
        lines.append(_line("URL", absolute(b.url("events", event.id), site_url)))
    # The date as the briefing has it: the EDTF, and its precision (day, or days it lasted).
    lines += [_line("X-BRIEFING-EDTF", _text(event.date)),
              _line("X-BRIEFING-DATE-PRECISION", spans.of_event(event).precision or "")]
    lines.append(b"END:VEVENT\r\n")
    return (span[0].isoformat(), span[1].isoformat(), event.id), tuple(event.participants), b"".join(lines)


def official_calendar(b: ReadableBriefing, official) -> tuple[str, str]:
    """An official's id and name, for their calendar: a job."""
    return official.id, official.name


def calendar_header(b: ReadableBriefing, site_name: str, as_of: str) -> tuple[str, str]:
    return site_name, as_of


def calendar_jobs(briefing: ReadableBriefing, setting) -> list[Job]:
    as_of = setting.as_of.isoformat()
    jobs = [Job(CALENDAR_JOB, calendar_header, (setting.site_name, as_of))]
    jobs += [Job(("event", event.id), calendar_event, (event, setting.site_name, setting.site_url, as_of))
             for event in briefing.events.values()]
    jobs += [Job(("official", official.id), official_calendar, (official,)) for official in briefing.officials.values()]
    return jobs


def _calendar(name: str, about: str, entries: list[bytes]) -> bytes:
    header = [
        b"BEGIN:VCALENDAR\r\n",
        _line("VERSION", "2.0"),
        _line("PRODID", "-//briefing//static briefing site//EN"),
        _line("CALSCALE", "GREGORIAN"),
        _line("METHOD", "PUBLISH"),
        _line("X-WR-CALNAME", _text(name)),
        _line("X-WR-CALDESC", _text(about)),
        # A subscribed calendar is fetched again once a day.
        _line("REFRESH-INTERVAL;VALUE=DURATION", "P1D"),
        _line("X-PUBLISHED-TTL", "P1D"),
    ]
    return b"".join(header + entries) + b"END:VCALENDAR\r\n"


def calendar_files(results: dict[Hashable, Any]) -> dict[str, bytes]:
    site_name, as_of = results[CALENDAR_JOB]
    keyed = cast(dict[tuple[str, str], Any], {key: result for key, result in results.items() if key != CALENDAR_JOB})
    entries = sorted(entry for key, entry in keyed.items() if key[0] == "event" and entry)
    about = (f"Engagements with a known day from {site_name}, as of {dates.human(as_of)}; those on a day not "
             "known within a visit (listed under the visit), known only to the month, open-ended or undated "
             "are left out.")
    # RFC 5545 wants at least one event in a calendar: one that would hold none is not written (nor linked).
    files = {CALENDAR_FILE: _calendar(site_name, about, [vevent for _, _, vevent in entries])} if entries else {}
    by_official: dict[str, list[bytes]] = {}
    for _, participants, vevent in entries:
        for official_id in dict.fromkeys(participants):
            by_official.setdefault(official_id, []).append(vevent)
    for key, result in keyed.items():
        if key[0] != "official":
            continue
        official_id, name = result
        if official_id in by_official:
            files[calendar_of(official_id)] = _calendar(f"{name}: {site_name}", f"{name}'s engagements. {about}",
                                                        by_official[official_id])
    return files
