"""The Atom feed (RFC 4287): an entry per source report, newest first, each
listing what the briefing draws from it (the engagements, officials,
statements and other records it supports, with the claims) and linking
to them. Every page announces it in its <head> (`overrides/main.html`).

A report's entry is `published` on the date the report gives (its first day,
for a month) and `updated` then too. Every date comes from the data, never
the clock, so the feed changes only when the briefing does: the feed is
`updated` as of its newest report with a date that is certain (or, with
none, the last day of its latest engagement), and a report whose date is
uncertain ("2025?-03-28") or not given has no `published` and takes the
feed's `updated`; an undated one is listed after the dated ones. Links are
relative to the site's root, where the feed lives, unless mkdocs.yml says
where the site is published (`site_url`): then they are in full and the
feed carries it as `xml:base`. Ids are `urn:uuid`s made from the
briefing's name and the report's id, the same in every build.
"""

from __future__ import annotations

import html
import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any, Hashable, Optional

from . import dates, spans
from .incremental import Job
from .indexes import EXISTS
from .kinds import in_feed
from .readable import ReadableBriefing
from .routes import FEED_FILE, HOME_PAGE, absolute, url_of

ATOM = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
FEED_JOB = "feed"


def feed_id(site_name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{site_name}")


def _moment(value: str) -> str:
    """An RFC 3339 time for the first day of an EDTF date."""
    year, month, day = dates.bounds(value)[0]
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def feed_entry(b: ReadableBriefing, source, site_url: str) -> dict:
    """A report's entry: a job."""
    groups: dict[str, dict[str, list[str]]] = {}
    for fact in b.facts_from.get(source.id, []):
        claims = groups.setdefault(fact.collection, {}).setdefault(fact.record_id, [])
        claim = "that it exists" if fact.aspect == EXISTS else fact.aspect
        if claim not in claims:
            claims.append(claim)
    parts = [f"<p>{html.escape(source.title)}</p>"]
    said = [f"Outlet: {source.outlet or 'not stated in the text'}",
            "Published: " + (dates.human(source.published) + (" (uncertain)" if dates.is_uncertain(source.published) else "")
                             if source.published else "not stated in the text")]
    if source.dateline:
        said.append(f"Dateline: {source.dateline}")
    parts.append("<p>" + html.escape("; ".join(said)) + ".</p>")
    parts.append(f"<p>The briefing draws {b.claims_from(source.id)} claims from this report; "
                 f"other reports also support {b.corroborated(source.id)} of them.</p>")
    for kind in in_feed():
        found = groups.get(kind.collection)
        if not found:
            continue
        items = []
        for record_id, claims in found.items():
            record = b.collections[kind.collection][record_id]
            link = absolute(b.url(kind.collection, record_id), site_url)
            label = (kind.feed_label or kind.label)(b, record)
            when = f" ({kind.when(record)})" if kind.when else ""
            items.append(f'<li><a href="{html.escape(link)}">{html.escape(label)}</a>'
                         f"{html.escape(when)}: {html.escape(', '.join(claims))}</li>")
        parts.append(f"<h3>{html.escape(kind.heading)}</h3><ul>{''.join(items)}</ul>")
    certain = source.published is not None and not dates.is_uncertain(source.published)
    return {"id": source.id, "title": source.title,
            "order": _moment(source.published) if source.published else None,
            "published": _moment(source.published) if certain and source.published else None,
            "link": absolute(b.url("sources", source.id), site_url), "content": "".join(parts),
            "author": source.outlet}


# The feed's `updated` when the briefing holds no date at all: a constant, never the clock.
NO_DATE = "1970-01-01T00:00:00Z"


def latest_engagement(b: ReadableBriefing) -> str:
    """The last day of the latest engagement with a certain date: a job's question."""
    ends = [span.end for event in b.events.values() if event.date and not dates.is_uncertain(event.date)
            for span in [spans.of_event(event)] if span.end]
    return f"{max(ends)}T00:00:00Z" if ends else NO_DATE


def feed_header(b: ReadableBriefing, site_name: str, site_url: str) -> tuple[str, str, str]:
    return site_name, site_url, latest_engagement(b)


def feed_jobs(briefing: ReadableBriefing, setting) -> list[Job]:
    return [Job(FEED_JOB, feed_header, (setting.site_name, setting.site_url))] + [
        Job(("source", source.id), feed_entry, (source, setting.site_url)) for source in briefing.sources.values()]


# What XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _add(parent: ET.Element, tag: str, text: Optional[str] = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def feed_files(results: dict[Hashable, Any]) -> dict[str, bytes]:
    site_name, site_url, latest = results[FEED_JOB]
    entries = [entry for key, entry in results.items() if key != FEED_JOB]
    # Newest first; the reports that give no date after the dated ones.
    entries.sort(key=lambda e: e["id"])
    entries.sort(key=lambda e: e["order"] or "", reverse=True)
    updated = max((e["published"] for e in entries if e["published"]), default=latest)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    if site_url:
        feed.set(XML_BASE, site_url.rstrip("/") + "/")
    identity = feed_id(site_name)
    _add(feed, "id", identity.urn)
    _add(feed, "title", site_name)
    _add(feed, "subtitle", "Each source report of the briefing, with what the briefing draws from it.")
    _add(feed, "updated", updated)
    _add(feed, "link", rel="self", type="application/atom+xml", href=absolute(FEED_FILE, site_url))
    _add(feed, "link", rel="alternate", type="text/html", href=absolute(url_of(HOME_PAGE), site_url))
    _add(_add(feed, "author"), "name", site_name)
    _add(feed, "generator", "briefing")
    for entry in entries:
        element = _add(feed, "entry")
        _add(element, "id", uuid.uuid5(identity, entry["id"]).urn)
        _add(element, "title", entry["title"])
        _add(element, "link", rel="alternate", type="text/html", href=entry["link"])
        if entry["published"]:
            _add(element, "published", entry["published"])
        _add(element, "updated", entry["published"] or updated)
        if entry["author"]:
            _add(_add(element, "author"), "name", entry["author"])
        _add(element, "content", entry["content"], type="html")
    ET.indent(feed)
    return {FEED_FILE: ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"}
