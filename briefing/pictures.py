"""Pictures drawn at build time as inline SVG: no script, no CDN.

Each picture has a <title> and <desc> and is labelled for assistive
technology; the page around it carries the same facts as text. Curated text
enters SVG as HTML, so it is escaped with `markupsafe.escape` here.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import dates
from .views import country_name

FONT = 'font-family="system-ui, sans-serif"'


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


def _svg(picture_id: str, width: int, height: int, title: str, desc: str, body: list[str], kind: str) -> Markup:
    return Markup(
        f'<figure class="briefing-picture {kind}">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        # A group, not an img: the picture's names are links to their pages.
        f'role="group" aria-labelledby="{picture_id}-title" aria-describedby="{picture_id}-desc">'
        f'<title id="{picture_id}-title">{escape(title)}</title>'
        f'<desc id="{picture_id}-desc">{escape(desc)}</desc>'
        + "".join(body) +
        f'</svg><figcaption>{escape(title)}</figcaption></figure>'
    )


def timeline_chart(rows, href, about: str) -> Markup:
    """Dated engagements (rows of event and depth) on a time axis; spans as
    bars, uncertain dates hatched. `about` ends the text alternative: what
    the chart leaves out and where to find it."""
    bars = []
    for event, depth in rows:
        low, high = dates.bounds(event.date)
        bars.append(Bar(event.title, href(event), _day(low), _day(high),
                        dates.is_uncertain(event.date) or event.date_basis == "inferred", depth > 0, event.status))
    if not bars:
        return Markup("")
    first = min(b.start for b in bars).replace(day=1)
    last_end = max(b.end for b in bars)
    last = (last_end.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    span = max((last - first).days, 1)
    left, right, top, row = 320, 20, 30, 20
    width = 900
    plot = width - left - right
    height = top + row * len(bars) + 10

    def x(day: datetime.date) -> float:
        return left + plot * (day - first).days / span

    body = ['<defs><pattern id="tl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#1a237e" stroke-width="3"/></pattern></defs>']
    month = first
    while month <= last:
        mx = x(month)
        body.append(f'<line x1="{mx:.1f}" y1="{top - 8}" x2="{mx:.1f}" y2="{height - 6}" stroke="#ccc"/>')
        if month < last:
            body.append(f'<text x="{mx + 3:.1f}" y="{top - 12}" font-size="11" {FONT} fill="#333">'
                        f'{dates.MONTHS[month.month - 1]} {month.year}</text>')
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    for index, bar in enumerate(bars):
        y = top + index * row
        start, end = x(bar.start), x(bar.end + datetime.timedelta(days=1))
        held = bar.status == "held"
        # Not known to have taken place: an outline only, dashed, and said in the label.
        fill = ('url(#tl-hatch)' if bar.uncertain else "#1a237e") if held else "#fff"
        dash = "" if held else ' stroke-dasharray="3 2"'
        label = ("↳ " if bar.nested else "") + ("" if held else f"({bar.status}) ") + bar.label
        body.append(
            f'<a href="{escape(bar.href)}"><text x="{left - 8}" y="{y + 13}" font-size="12" {FONT} '
            f'text-anchor="end" fill="#111">{escape(_clip(label, 48))}</text>'
            f'<rect x="{start:.1f}" y="{y + 3}" width="{max(end - start, 4):.1f}" height="{row - 6}" '
            f'fill="{fill}" stroke="#1a237e"{dash}><title>{escape(label)}</title></rect></a>')
    desc = (f"{len(bars)} dated engagements from {dates.human(_iso(first))} to {dates.human(_iso(last_end))}, "
            f"one row each; bars show spans of days; hatched bars have an uncertain or inferred date; "
            f"outlined bars, marked in their label, are engagements announced or planned but not reported as held. {about}")
    return _svg("timeline-chart", width, height, "Engagements over time", desc, body, "timeline")


def _iso(day: datetime.date) -> str:
    return day.strftime("%Y-%m")


def network(briefing, officials, pairs: dict, href, picture_id: str, centre=None, left_out: int = 0) -> Markup:
    """Officials as marks (a shape per country), a line for each pair who met; thicker for more meetings."""
    if len(officials) < 2:
        return Markup("")
    width, height = 760, 540
    middle, centre_y = width / 2, (height - 30) / 2
    radius = centre_y - 40
    ring = [o for o in officials if o is not centre]
    places = {}
    if centre is not None:
        places[centre.id] = (middle, centre_y)
    for index, official in enumerate(ring):
        angle = 2 * math.pi * index / len(ring) - math.pi / 2
        places[official.id] = (middle + radius * math.cos(angle), centre_y + radius * math.sin(angle))
    styles: dict[str, int] = {}
    for official in officials:
        styles.setdefault(official.country, len(styles) % len(PALETTE))
    body = []
    met = 0
    ids = sorted(places)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            count = pairs.get((a, b), 0)
            if count:
                met += 1
                (x1, y1), (x2, y2) = places[a], places[b]
                body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#777" '
                            f'stroke-width="{1 + count:.0f}"><title>{count} engagement(s)</title></line>')
    for official in officials:
        px, py = places[official.id]
        anchor = "middle" if abs(px - middle) < 20 else ("start" if px > middle else "end")
        dx = 0 if anchor == "middle" else (12 if anchor == "start" else -12)
        dy = -14 if py < centre_y - 20 else 22
        if official is centre:
            dy = -16
        body.append(
            f'<a href="{escape(href(official))}">{_marker(styles[official.country], px, py, 9 if official is centre else 7)}'
            f'<text x="{px + dx:.1f}" y="{py + dy:.1f}" font-size="12" {FONT} text-anchor="{anchor}" fill="#111">'
            f'{escape(official.name)}</text></a>')
    legend_y = height - 8
    for index, (country, style) in enumerate(styles.items()):
        lx = 12 + index * 160
        body.append(f'{_marker(style, lx, legend_y - 4, 6)}'
                    f'<text x="{lx + 10}" y="{legend_y}" font-size="12" {FONT}>{escape(country_name(country))}</text>')
    who = f"{centre.name} and the {len(ring)} officials met" if centre else f"{len(officials)} officials"
    desc = f"Who met whom: {who}; {met} pairs are joined by a line, thicker for more shared engagements."
    if left_out:
        desc += f" {left_out} more, who took part less often, are not drawn."
    return _svg(picture_id, width, height, "Who met whom", desc, body, "network")


# Each country a colour and a shape, so the picture reads in black and white too.
PALETTE = ["#1a237e", "#b71c1c", "#1b5e20", "#e65100"]


def _marker(style: int, x: float, y: float, r: float) -> str:
    fill = PALETTE[style]
    if style == 1:
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" fill="{fill}" stroke="#000"/>'
    if style == 2:
        return (f'<polygon points="{x:.1f},{y - r * 1.3:.1f} {x + r * 1.3:.1f},{y:.1f} {x:.1f},{y + r * 1.3:.1f} '
                f'{x - r * 1.3:.1f},{y:.1f}" fill="{fill}" stroke="#000"/>')
    if style == 3:
        return (f'<polygon points="{x:.1f},{y - r * 1.2:.1f} {x + r * 1.2:.1f},{y + r:.1f} {x - r * 1.2:.1f},{y + r:.1f}" '
                f'fill="{fill}" stroke="#000"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" stroke="#000"/>'


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"
