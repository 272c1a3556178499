"""Pictures drawn at build time as inline SVG: no script, no CDN.

Each picture has a <title> and <desc> and is labelled for assistive
technology; the page around it carries the same facts as text, and its
caption says what it leaves out, with a link to the rest. Curated text
enters SVG as HTML, so it is escaped with `markupsafe.escape` here.

Labels are real SVG text (found by search, printed, read aloud), laid out so
that no two ever overlap, however long the briefing grows: each label's
extent is estimated on the safe side (`text_width`), and labels are placed
one to a row, thinned out or clipped to the room they have. A picture is
drawn at its natural size in CSS pixels (`--picture-width`); it shrinks to
four fifths of that with the column and scrolls sideways below it, so
that its text stays legible on a phone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup, escape

from . import dates
from .views import COUNTRIES_APART, Crowd, country_name

FONT = 'font-family="system-ui, sans-serif"'
# The gap kept between two labels, beyond their estimated extents.
GAP = 6
NO_NOTE = Markup("")


def text_width(text: str, size: float) -> float:
    """A label's width at `size` px, estimated on the safe side for common
    sans-serif faces (DejaVu Sans, the widest usual one, averages 0.55 em a
    character): wide letters 0.95 em, capitals 0.75, digits 0.65, narrow
    signs 0.35, any other character 0.62."""
    em = 0.0
    for char in text:
        if char in "MWmw@%—…":
            em += 0.95
        elif char.isupper():
            em += 0.75
        elif char.isdigit():
            em += 0.65
        elif char in " ilIj.,:;'!|()[]-‘’":
            em += 0.35
        else:
            em += 0.62
    return em * size


def fit(text: str, room: float, size: float) -> str:
    """`text`, cut with an ellipsis where it would run past `room` px."""
    room += 0.01  # widths are sums: a label exactly as wide as the room fits
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


# --- marks: one per country, the same on every page ------------------------

# A colour and a shape for each place in the briefing's order of countries
# (`Briefing.country_order`), so the pictures read in black and white too.
# Countries past these share the last, grey mark, and the legend names each.
MARKS = [
    ("#1a237e", "circle"),
    ("#b71c1c", "square"),
    ("#1b5e20", "diamond"),
    ("#e65100", "triangle"),
    ("#6a1b9a", "triangle-down"),
    ("#00695c", "hexagon"),
    ("#616161", "ring"),
]
assert len(MARKS) == COUNTRIES_APART + 1
MARK_SIZE = 6


def mark_of(place: int) -> str:
    """The SVG of a country's mark at the origin: the same markup wherever it is drawn."""
    colour, shape = MARKS[min(place, len(MARKS) - 1)]
    r = MARK_SIZE
    paint = f'fill="{colour}" stroke="#000" stroke-width="1"'
    if shape == "square":
        return f'<rect x="{-r + 1}" y="{-r + 1}" width="{2 * r - 2}" height="{2 * r - 2}" {paint}/>'
    if shape == "diamond":
        return f'<polygon points="0,{-r - 1} {r + 1},0 0,{r + 1} {-r - 1},0" {paint}/>'
    if shape == "triangle":
        return f'<polygon points="0,{-r - 1} {r + 1},{r - 1} {-r - 1},{r - 1}" {paint}/>'
    if shape == "triangle-down":
        return f'<polygon points="0,{r + 1} {r + 1},{-r + 1} {-r - 1},{-r + 1}" {paint}/>'
    if shape == "hexagon":
        h = r * 0.87
        return (f'<polygon points="{-r},0 {-r / 2:g},{-h:.2f} {r / 2:g},{-h:.2f} {r},0 {r / 2:g},{h:.2f} '
                f'{-r / 2:g},{h:.2f}" {paint}/>')
    if shape == "ring":
        return f'<circle r="{r - 1}" fill="#fff" stroke="{colour}" stroke-width="3"/>'
    return f'<circle r="{r}" {paint}/>'


def _mark(country: str, order: dict[str, int], x: float, y: float) -> str:
    """A country's mark, centred on (x, y)."""
    named = f' data-country="{escape(country)}"' if country else ""  # "": several countries
    return (f'<g class="mark"{named} transform="translate({x:.1f} {y:.1f})">'
            f'{mark_of(order.get(country, len(MARKS)) if country else len(MARKS))}</g>')


LEGEND_LINE = 20


def _legend_places(countries: list[str], width: float) -> list[tuple[str, str, float, int]]:
    """(country, its name as it fits, x, line) of each legend item: left to right, wrapping."""
    places, x, line = [], 12.0, 0
    for country in countries:
        label = fit(country_name(country), width - 26, 12)
        item = 14 + text_width(label, 12) + 18
        if x > 12 and x + item > width:
            x, line = 12.0, line + 1
        places.append((country, label, x, line))
        x += item
    return places


def _legend_height(countries: list[str], width: float) -> float:
    return (max((line for *_, line in _legend_places(countries, width)), default=0) + 1) * LEGEND_LINE


def _legend(countries: list[str], order: dict[str, int], width: float, y: float) -> list[str]:
    """Each country's mark and name; `y` is the first line's baseline."""
    body = []
    for country, label, x, line in _legend_places(countries, width):
        base = y + line * LEGEND_LINE
        body.append(f'<g class="legend-item" data-country="{escape(country)}">'
                    f'{_mark(country, order, x + 4, base - 4)}'
                    f'<text x="{x + 14:.1f}" y="{base:.1f}" font-size="12" {FONT} fill="#111">{escape(label)}</text></g>')
    return body


# --- the frame ---------------------------------------------------------------


def _svg(picture_id: str, width: float, height: float, title: str, desc: str, body: list[str], kind: str,
         note: Markup = NO_NOTE) -> Markup:
    width, height = round(width), round(height)
    caption = escape(title) + (Markup(": ") + note if note else Markup(""))
    return Markup(
        # Focusable: where the column is narrower than the picture, it scrolls.
        f'<figure class="briefing-picture {kind}" tabindex="0" style="--picture-width: {width}px">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        # A group, not an img: the picture's names are links to their pages.
        f'role="group" aria-labelledby="{picture_id}-title" aria-describedby="{picture_id}-desc">'
        f'<title id="{picture_id}-title">{escape(title)}</title>'
        f'<desc id="{picture_id}-desc">{escape(desc)}</desc>'
        + "".join(body) +
        f'</svg><figcaption>{caption}</figcaption></figure>'
    )


# --- the timeline chart ------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    href: str
    start: datetime.date
    end: datetime.date
    uncertain: bool
    nested: bool
    status: str = "held"


def _day(parts: tuple[int, int, int]) -> datetime.date:
    return datetime.date(*parts)


# The steps an axis may take, finest first: (unit, how many).
STEPS = ([("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 2), ("month", 3),
          ("month", 6)] + [("year", n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)])
AXIS_FONT = 11


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def axis(first: datetime.date, last: datetime.date, room: float) -> tuple[datetime.date, datetime.date, list]:
    """An axis for the days `first` to `last` (inclusive) across `room` px:
    its start and end (exclusive), and its ticks (day, label), in the finest
    step whose labels all fit, each before the next tick with a gap: days
    for a short span, then weeks, months, quarters, years and decades. The
    axis runs from a whole step to a whole step, so that every label has
    its step's room; a label names the year where the axis starts and where
    the year changes."""
    days_in = {"day": 1, "week": 7, "month": 30, "year": 365}
    narrowest = text_width("2025", AXIS_FONT) + GAP
    for unit, step in STEPS:
        # Too many ticks to fit even the shortest labels: a coarser step.
        if ((last - first).days + 1) / (days_in[unit] * step) * narrowest > room * 1.2:
            continue
        if unit in ("day", "week"):
            start = first if unit == "day" else first - datetime.timedelta(days=first.weekday())
            size = step * days_in[unit]
            count = -(-((last - start).days + 1) // size)
            days = [start + datetime.timedelta(days=size * n) for n in range(count + 1)]
        elif unit == "month":
            month = first.month - 1 - (first.month - 1) % step
            days = [datetime.date(first.year, month + 1, 1)]
            while days[-1] <= last:
                days.append(_add_months(days[-1], step))
        else:
            year = max(1, first.year - first.year % step)
            days = [datetime.date(year, 1, 1)]
            while days[-1] <= last:
                days.append(datetime.date(days[-1].year + step, 1, 1))
        start, end, days = days[0], days[-1], days[:-1]
        span = (end - start).days
        ticks, shown_year = [], None
        for day in days:
            if unit == "year":
                label = str(day.year)
            elif unit == "month":
                label = dates.MONTHS[day.month - 1] + (f" {day.year}" if day.year != shown_year else "")
            else:
                label = f"{day.day} {dates.MONTHS[day.month - 1]}" + (f" {day.year}" if day.year != shown_year else "")
            shown_year = day.year
            ticks.append((day, label))
        xs = [room * (day - start).days / span for day in days] + [room]
        if all(3 + text_width(label, AXIS_FONT) + GAP <= xs[i + 1] - xs[i] for i, (_, label) in enumerate(ticks)):
            return start, end, ticks
    raise ValueError(f"no axis fits {first} to {last} in {room} px")  # a thousand years a label still fit


def timeline_chart(rows, href, about: str, picture_id: str = "timeline-chart", note: Markup = NO_NOTE) -> Markup:
    """Dated engagements (rows of event and depth) on a time axis; spans as
    bars, uncertain dates hatched. `about` ends the text alternative: what
    the chart leaves out and where to find it; `note` (HTML) says it under
    the chart."""
    bars = []
    for event, depth in rows:
        low, high = dates.bounds(event.date)
        bars.append(Bar(event.title, href(event), _day(low), _day(high),
                        dates.is_uncertain(event.date) or event.date_basis == "inferred", depth > 0, event.status))
    if not bars:
        return Markup("")
    first = min(b.start for b in bars)
    last = max(b.end for b in bars)
    width, left, right, top, row, size = 760, 290, 16, 30, 20, 12
    plot = width - left - right
    start, end, ticks = axis(first, last, plot)
    span = (end - start).days
    height = top + row * len(bars) + 10

    def x(day: datetime.date) -> float:
        return left + plot * (day - start).days / span

    hatch = f"{picture_id}-hatch"
    body = [f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#1a237e" stroke-width="3"/></pattern></defs>']
    for day, label in ticks:
        tx = x(day)
        body.append(f'<line x1="{tx:.1f}" y1="{top - 8}" x2="{tx:.1f}" y2="{height - 6}" stroke="#ccc"/>')
        body.append(f'<text x="{tx + 3:.1f}" y="{top - 12}" font-size="{AXIS_FONT}" {FONT} fill="#333">'
                    f'{escape(label)}</text>')
    for index, bar in enumerate(bars):
        y = top + index * row
        bar_start, bar_end = x(bar.start), x(bar.end + datetime.timedelta(days=1))
        held = bar.status == "held"
        # Not known to have taken place: an outline only, dashed, and said in the label.
        fill = (f'url(#{hatch})' if bar.uncertain else "#1a237e") if held else "#fff"
        dash = "" if held else ' stroke-dasharray="3 2"'
        label = ("↳ " if bar.nested else "") + ("" if held else f"({bar.status}) ") + bar.label
        body.append(
            f'<a href="{escape(bar.href)}"><title>{escape(label)}</title>'
            f'<text x="{left - 8}" y="{y + 14}" font-size="{size}" {FONT} '
            f'text-anchor="end" fill="#111">{escape(fit(label, left - 16, size))}</text>'
            f'<rect x="{bar_start:.1f}" y="{y + 4}" width="{max(bar_end - bar_start, 4):.1f}" height="{row - 7}" '
            f'fill="{fill}" stroke="#1a237e"{dash}/></a>')
    desc = (f"{len(bars)} dated engagements from {dates.human(first.isoformat())} to {dates.human(last.isoformat())}, "
            f"one row each; bars show spans of days; hatched bars have an uncertain or inferred date; "
            f"outlined bars, marked in their label, are engagements announced or planned but not reported as held. {about}")
    return _svg(picture_id, width, height, "Engagements over time", desc, body, "timeline", note)


# --- who met whom --------------------------------------------------------------


def _shade(count: int, most: int) -> tuple[str, str]:
    """A cell's fill, light to dark as the count grows, and the colour of its number."""
    share = (count / most) ** 0.6 if most else 0
    light, dark = (0xe8, 0xea, 0xf6), (0x1a, 0x23, 0x7e)
    fill = "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(light, dark))
    return fill, "#fff" if share > 0.45 else "#111"


def who_met_whom(crowd: Crowd, order: dict[str, int], href: Callable, others_href: str, picture_id: str = "network",
                 note: Markup = NO_NOTE) -> Markup:
    """Who met whom among many, as a matrix: a row and a column for each
    official drawn, and one for the rest of each country's; each cell the
    number of engagements that took place which the two shared. Rows are
    grouped by country, each with its mark; names read across and down."""
    rows = crowd.rows
    if len(rows) < 2:
        return Markup("")
    size, cell, pad = 11, 20, 8
    labels = [row.official.name if row.official else
              f"{row.members} other{'s' if row.members > 1 else ''} "
              f"({country_name(row.country) if row.country else f'{len(row.countries)} countries'})"
              for row in rows]
    room = min(max(text_width(label, size) for label in labels), 190)
    labels = [fit(label, room, size) for label in labels]
    hrefs = [href(row.official) if row.official else others_href for row in rows]
    x0 = pad + room + 22          # the first column of cells
    y0 = pad + room + 22          # the first row of cells
    n = len(rows)
    width = x0 + n * cell + pad
    countries = list(dict.fromkeys(country for row in rows for country in row.countries))
    height = y0 + n * cell + 16 + _legend_height(countries, width) + 4
    most = max((max(line) for line in crowd.counts), default=0)
    body = []
    for i, row in enumerate(rows):
        y = y0 + i * cell
        cx = x0 + i * cell + cell / 2
        weight = ' font-weight="bold"' if row.official is None else ""
        # Across: the name ends beside its mark; down: it rises above its column.
        body.append(f'<a href="{escape(hrefs[i])}"><text x="{pad + room:.1f}" y="{y + cell / 2 + 4:.1f}" '
                    f'font-size="{size}" {FONT} text-anchor="end" fill="#111"{weight}>{escape(labels[i])}</text></a>'
                    f'{_mark(row.country, order, pad + room + 11, y + cell / 2)}')
        body.append(f'<a href="{escape(hrefs[i])}"><text transform="translate({cx + 4:.1f} {y0 - 20:.1f}) rotate(-90)" '
                    f'font-size="{size}" {FONT} fill="#111"{weight}>{escape(labels[i])}</text></a>'
                    f'{_mark(row.country, order, cx, y0 - 10)}')
    for i in range(n):
        for j in range(n):
            x, y = x0 + j * cell, y0 + i * cell
            count = crowd.counts[i][j]
            if i == j and rows[i].official is not None:
                body.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="#eee" stroke="#ccc"/>')
                continue
            if not count:
                body.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="#fff" stroke="#ddd"/>')
                continue
            fill, ink = _shade(count, most)
            said = f"{labels[i]} and {labels[j]}" if i != j else f"Among {labels[i]}"
            body.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" stroke="#ddd">'
                        f'<title>{escape(said)}: {count} engagement{"s" if count > 1 else ""}</title></rect>'
                        f'<text x="{x + cell / 2:.1f}" y="{y + cell / 2 + 3.5:.1f}" font-size="10" {FONT} '
                        f'text-anchor="middle" fill="{ink}">{count if count < 100 else "99+"}</text>')
    # A country's block of rows and columns, set apart.
    for i in range(1, n):
        if rows[i].country != rows[i - 1].country:
            at = x0 + i * cell
            body.append(f'<line x1="{at}" y1="{y0 - 16}" x2="{at}" y2="{y0 + n * cell}" stroke="#555" stroke-width="1.5"/>'
                        f'<line x1="{x0 - 16}" y1="{y0 + i * cell}" x2="{x0 + n * cell}" y2="{y0 + i * cell}" '
                        f'stroke="#555" stroke-width="1.5"/>')
    body += _legend(countries, order, width, y0 + n * cell + 22)
    others = crowd.networked - crowd.drawn
    desc = (f"Who met whom: the {crowd.drawn} officials who took part in the most engagements, a row and a column each"
            + (f", and the {others} others who met anyone, summed up by country" if others else "")
            + "; each cell gives how many engagements that took place the two shared. "
            "Rows and columns are grouped by country, each country with its own mark.")
    return _svg(picture_id, width, height, "Who met whom", desc, body, "network crowd", note)


def counterparts(centre, met: list, order: dict[str, int], href: Callable, picture_id: str,
                 left_out: int = 0, note: Markup = NO_NOTE) -> Markup:
    """One official and the counterparts they met (`met`: official and
    engagements shared), one row each, a line to each, thicker for more."""
    if not met:
        return Markup("")
    size, row, pad, top = 12, 24, 10, 12
    centre_room = min(text_width(centre.name, size), 180)
    labels = [f"{official.name} ({times})" for official, times in met]
    room = min(max(text_width(label, size) for label in labels), 260)
    cx = pad + centre_room + 16
    mx = cx + 150
    width = mx + 14 + room + pad
    n = len(met)
    plot = max(n * row, 48)
    cy = top + plot / 2
    countries = list(dict.fromkeys([centre.country] + [official.country for official, _ in met]))
    height = top + plot + 20 + _legend_height(countries, width)
    most = max(times for _, times in met)
    body = []
    for index, (_, times) in enumerate(met):
        y = top + index * row + row / 2 + (plot - n * row) / 2
        thick = 1 + 4 * (times - 1) / (most - 1) if most > 1 else 1.5
        body.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{mx:.1f}" y2="{y:.1f}" stroke="#8a8a8a" '
                    f'stroke-width="{thick:.1f}"><title>{times} engagement{"s" if times > 1 else ""}</title></line>')
    for index, (official, times) in enumerate(met):
        y = top + index * row + row / 2 + (plot - n * row) / 2
        body.append(f'<a href="{escape(href(official))}">{_mark(official.country, order, mx, y)}'
                    f'<text x="{mx + 12:.1f}" y="{y + 4:.1f}" font-size="{size}" {FONT} fill="#111">'
                    f'{escape(fit(official.name, room - text_width(f" ({times})", size), size))}'
                    f'<tspan fill="#555"> ({times})</tspan></text></a>')
    body.append(f'{_mark(centre.country, order, cx, cy)}'
                f'<text x="{cx - 12:.1f}" y="{cy + 4:.1f}" font-size="{size}" {FONT} text-anchor="end" '
                f'font-weight="bold" fill="#111">{escape(fit(centre.name, centre_room, size))}</text>')
    body += _legend(countries, order, width, top + plot + 18)
    desc = (f"Who {centre.name} met: {n} counterparts, one a row, each joined to {centre.name} by a line, thicker "
            "for more shared engagements; the number after a name is how many engagements that took place they shared.")
    if left_out:
        desc += f" {left_out} more, met less often, are not drawn; the list below names every counterpart."
    return _svg(picture_id, width, height, f"Who {centre.name} met", desc, body, "network counterparts", note)

