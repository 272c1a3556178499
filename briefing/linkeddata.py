"""Linked data: a record page's record as schema.org JSON-LD.

An official is a `Person` (`jobTitle`, `affiliation`), an organization a
`GovernmentOrganization`, an initiative a `Project`, an engagement an `Event`
(`startDate`/`endDate`, `location`, `attendee`, `eventStatus`), a source a
`NewsArticle`. Each is one node of a graph beside the `WebPage` that shows
it, whose `citation`s are the reports the record cites. A record is
`<its page>#record` wherever it is named, so that the nodes of all pages
join into one graph; URLs are relative to the page, as JSON-LD resolves them
against the page's own address (on any host, and from file://).

`script()` writes the graph into one <script type="application/ld+json">:
JSON in which <, > and & are escaped (\\u003c…), so that no curated text can
end the element or be read as markup.
"""

from __future__ import annotations

import json
import re
from typing import Callable, Optional

from . import dates

Href = Callable[[str, str], str]  # (collection, record id) -> the URL of the record's page, from this page
SCHEMA = "https://schema.org"
TYPES = {"officials": "Person", "organizations": "GovernmentOrganization", "initiatives": "Project",
         "events": "Event", "sources": "NewsArticle", "topics": "DefinedTerm"}
EVENT_STATUS = {"held": "EventScheduled", "announced": "EventScheduled", "planned": "EventScheduled",
                "postponed": "EventPostponed", "cancelled": "EventCancelled"}
_QUALIFIERS = re.compile(r"[?~%]")


def node_id(href: Href, collection: str, record_id: str) -> str:
    return f"{href(collection, record_id)}#record"


def reference(b, href: Href, collection: str, record) -> dict:
    """Another record, named where it is referred to."""
    return {"@type": TYPES[collection], "@id": node_id(href, collection, record.id),
            "name": getattr(record, "name", None) or getattr(record, "title", None) or record.id}


def _iso(part: str) -> str:
    """An EDTF year, month or day in ISO 8601, without its uncertainty marks."""
    return _QUALIFIERS.sub("", part)


def _when(value: Optional[str]) -> dict:
    """startDate and endDate of a date that is known at both ends."""
    if value is None or dates.open_end(value):
        return {}
    first, _, last = value.partition("/")
    return {"startDate": _iso(first), "endDate": _iso(last or first)}


def _entity(b, href: Href, collection: str, record) -> dict:
    ref = lambda kind, item: reference(b, href, kind, item)  # noqa: E731
    node: dict = {"@type": TYPES[collection], "@id": node_id(href, collection, record.id),
                  "url": href(collection, record.id)}
    if collection == "officials":
        node["name"] = record.name
        titles = list(dict.fromkeys(role.title for role in record.roles))
        organizations = list(dict.fromkeys(role.organization for role in record.roles if role.organization))
        node["alternateName"] = record.aliases
        node["jobTitle"] = titles
        node["affiliation"] = [ref("organizations", b.organizations[o]) for o in organizations]
    elif collection == "organizations":
        node["name"] = record.name
        node["alternateName"] = [name for name in [record.acronym, *record.aliases] if name]
        if record.parent:
            node["parentOrganization"] = ref("organizations", b.organizations[record.parent])
        if record.country:
            node["address"] = {"@type": "PostalAddress", "addressCountry": record.country}
    elif collection == "initiatives":
        node["name"] = record.name
        node["alternateName"] = list(dict.fromkeys(
            name for name in [record.acronym, *(e.text for e in record.expansions), *record.aliases] if name))
        node["description"] = record.description
        node["subjectOf"] = [ref("events", event) for event in b.events_of.get(record.id, [])]
    elif collection == "events":
        node["name"] = record.title
        node["description"] = record.summary
        node.update(_when(record.date))
        if record.place:
            node["location"] = {"@type": "Place", "name": record.place}
        node["attendee"] = [ref("officials", official) for official in b.participants_of(record)]
        node["eventStatus"] = f"{SCHEMA}/{EVENT_STATUS[record.status]}"
        if record.parent:
            node["superEvent"] = ref("events", b.events[record.parent])
        node["subEvent"] = [ref("events", child) for child in b.children(record)]
        node["about"] = ([ref("initiatives", i) for i in b.records("initiatives", record.initiatives)]
                         + [ref("topics", t) for t in b.topics_of(record)])
    elif collection == "sources":
        node["name"] = record.title
        if record.outlet:
            node["publisher"] = {"@type": "Organization", "name": record.outlet}
        if record.published and not dates.open_end(record.published):
            node["datePublished"] = _iso(record.published.partition("/")[0])
        if record.dateline:
            node["dateline"] = record.dateline
        supported: dict[tuple[str, str], None] = {}
        for fact in b.facts_from.get(record.id, []):
            if fact.collection in ("officials", "events"):
                supported[(fact.collection, fact.record_id)] = None
        node["mentions"] = [ref(kind, b.collections[kind][rid]) for kind, rid in supported]
    return {key: value for key, value in node.items() if value not in ([], None, "")}


def record_graph(b, collection: str, record, href: Href) -> dict:
    """A record's page as JSON-LD: the record, and the page with its citations."""
    entity = _entity(b, href, collection, record)
    page = {"@type": "WebPage", "@id": href(collection, record.id), "url": href(collection, record.id),
            "name": entity.get("name", record.id), "mainEntity": {"@id": entity["@id"]}}
    if collection != "sources":
        page["citation"] = [reference(b, href, "sources", source) for source in b.sources_of(record)]
    return {"@context": SCHEMA, "@graph": [entity, page]}


_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script(data: dict) -> str:
    """JSON-LD in a script element, with nothing in it that HTML reads as markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = re.sub("[<>&\u2028\u2029]", lambda m: _UNSAFE[m.group()], text)
    return f'<script type="application/ld+json">{text}</script>'
