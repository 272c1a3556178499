"""Linked data: every page as schema.org JSON-LD.

A record page carries its record: an official is a `Person` (`jobTitle`,
`affiliation`), an organization a `GovernmentOrganization`, an initiative a
`Project`, an engagement an `Event` (`startDate`/`endDate`, `location`,
`attendee`, `eventStatus`), a topic a `DefinedTerm`, a source a
`NewsArticle`; a statement is a `Quotation` on the pages that show it (its
engagement's and its speaker's). Each is one node of a graph beside the
`WebPage` that shows it, whose `citation`s are the reports the record cites.
The home page is the `WebSite` every page is part of; a list is a
`CollectionPage`; the exports page is a `Dataset` with a `DataDownload` per
file. A record is `<its page>#record` wherever it is named, and is defined
on its page, so that the nodes of all pages join into one graph with no id
left undefined; URLs are relative to the page, as JSON-LD resolves them
against the page's own address (on any host, and from file://).

A date is the engagement's own only when it lasted it: one on a day the
sources do not give within a visit's days has no `startDate` or `endDate`
(its `superEvent` has them). Beside them, `additionalProperty` gives the
date as the briefing has it: the EDTF, its first and last possible day and
its precision (`spans.py`), as the spreadsheets and the database do.

`script()` writes the graph into one <script type="application/ld+json">:
JSON in which <, > and & are escaped (\\u003c…), so that no curated text can
end the element or be read as markup. `PageLinkedData` gives a page its
script: the one its template asks for (a record's, the exports' dataset),
or else, once the page is rendered, the one its kind of page has.
"""

from __future__ import annotations

import json
import re
from typing import Callable, NamedTuple

from markupsafe import Markup

from . import dates, spans
from .kinds import KINDS, kind_of, named, statement_owner, with_pages
from .links import Links
from .readable import ReadableBriefing
from .routes import statement_anchor

Href = Callable[[str, str], str]  # (collection, record id) -> the URL of the record's page, from this page
SCHEMA = "https://schema.org"
EVENT_STATUS = {"held": "EventScheduled", "announced": "EventScheduled", "planned": "EventScheduled",
                "postponed": "EventPostponed", "cancelled": "EventCancelled"}
_QUALIFIERS = re.compile(r"[?~%]")


def node_id(href: Href, collection: str, record_id: str) -> str:
    return f"{href(collection, record_id)}#record"


def reference(b: ReadableBriefing, href: Href, collection: str, record) -> dict:
    """Another record, named where it is referred to."""
    return {"@type": KINDS[collection].jsonld, "@id": node_id(href, collection, record.id),
            "name": named(b, record)}


def _iso(part: str) -> str:
    """An EDTF year, month or day in ISO 8601, without its uncertainty marks."""
    return _QUALIFIERS.sub("", part)


def _when(event) -> dict:
    """startDate and endDate of a date that is known at both ends and is the
    engagement's own (not a day unknown within its visit's), and the date
    with its span and precision."""
    if event.date is None:
        return {}
    span = spans.of_event(event)
    found: dict = {"additionalProperty": [
        {"@type": "PropertyValue", "propertyID": name, "value": value}
        for name, value in (("date", event.date), ("date_start", span.start), ("date_end", span.end),
                            ("date_precision", span.precision)) if value]}
    if not dates.open_end(event.date) and span.precision != spans.DAY_WITHIN:
        first, _, last = event.date.partition("/")
        found.update({"startDate": _iso(first), "endDate": _iso(last or first)})
    return found


def _person(b: ReadableBriefing, ref, record) -> dict:
    return {"name": record.name, "alternateName": record.aliases,
            "jobTitle": list(dict.fromkeys(role.title for role in record.roles)),
            "affiliation": [ref("organizations", b.organizations[o])
                            for o in dict.fromkeys(role.organization for role in record.roles if role.organization)]}


def _organization(b: ReadableBriefing, ref, record) -> dict:
    node: dict = {"name": record.name,
                  "alternateName": [name for name in [record.acronym, *record.aliases] if name]}
    if record.parent:
        node["parentOrganization"] = ref("organizations", b.organizations[record.parent])
    if record.country:
        node["address"] = {"@type": "PostalAddress", "addressCountry": record.country}
    return node


def _project(b: ReadableBriefing, ref, record) -> dict:
    return {"name": record.name,
            "alternateName": list(dict.fromkeys(
                name for name in [record.acronym, *(e.text for e in record.expansions), *record.aliases] if name)),
            "description": record.description,
            "subjectOf": [ref("events", event) for event in b.events_of.get(record.id, [])]}


def _event(b: ReadableBriefing, ref, record) -> dict:
    node: dict = {"name": record.title, "description": record.summary, **_when(record)}
    if record.place:
        node["location"] = {"@type": "Place", "name": record.place}
    node["attendee"] = [ref("officials", official) for official in b.participants_of(record)]
    node["eventStatus"] = f"{SCHEMA}/{EVENT_STATUS[record.status]}"
    if record.parent:
        node["superEvent"] = ref("events", b.events[record.parent])
    node["subEvent"] = [ref("events", child) for child in b.children(record)]
    node["about"] = ([ref("initiatives", i) for i in b.records("initiatives", record.initiatives)]
                     + [ref("topics", t) for t in b.topics_of(record)])
    return node


def _term(b: ReadableBriefing, ref, record) -> dict:
    return {"name": record.name, "description": record.description}


# What an article `mentions`: the people and the events it supports a claim of.
MENTIONED = ("Person", "Event")


def _article(b: ReadableBriefing, ref, record) -> dict:
    node: dict = {"name": record.title}
    if record.outlet:
        node["publisher"] = {"@type": "Organization", "name": record.outlet}
    if record.published and not dates.open_end(record.published):
        node["datePublished"] = _iso(record.published.partition("/")[0])
    if record.dateline:
        node["dateline"] = record.dateline
    supported: dict[tuple[str, str], None] = {}
    for fact in b.facts_from.get(record.id, []):
        if KINDS[fact.collection].jsonld in MENTIONED:
            supported[(fact.collection, fact.record_id)] = None
    node["mentions"] = [ref(kind, b.collections[kind][rid]) for kind, rid in supported]
    return node


def _thing(b: ReadableBriefing, ref, record) -> dict:
    return {"name": named(b, record)}


# The properties of a record's node, by its kind's schema.org type (`kinds.Kind.jsonld`).
PROPERTIES = {"Person": _person, "GovernmentOrganization": _organization, "Project": _project, "Event": _event,
              "DefinedTerm": _term, "NewsArticle": _article}


def _entity(b: ReadableBriefing, href: Href, collection: str, record) -> dict:
    ref = lambda kind, item: reference(b, href, kind, item)  # noqa: E731
    kind = KINDS[collection].jsonld
    node: dict = {"@type": kind, "@id": node_id(href, collection, record.id), "url": href(collection, record.id),
                  **PROPERTIES.get(kind, _thing)(b, ref, record)}
    return {key: value for key, value in node.items() if value not in ([], None, "")}


def statement_id(b: ReadableBriefing, href: Href, statement) -> str:
    """A statement's place: under its engagement, or under its speaker."""
    return f"{href(*statement_owner(b, statement))}#{statement_anchor(statement.id)}"


def quotation(b: ReadableBriefing, href: Href, statement) -> dict:
    speaker = b.record(statement.speaker)
    node = {"@type": "Quotation", "@id": statement_id(b, href, statement), "text": statement.quote,
            "spokenByCharacter": reference(b, href, kind_of(speaker).collection, speaker),
            "about": ([reference(b, href, "events", b.events[statement.event])] if statement.event else [])
            + [reference(b, href, "officials", o) for o in b.records("officials", statement.about)],
            "citation": [reference(b, href, "sources", source) for source in b.sources_of(statement)]}
    if statement.channel:
        node["description"] = statement.channel
    return {key: value for key, value in node.items() if value not in ([], None, "")}


def website_id(home: str) -> str:
    return f"{home}#website"


def page_node(kind: str, url: str, name: str, home: str) -> dict:
    """A page of the site (`WebPage`, `CollectionPage`), part of the site."""
    return {"@type": kind, "@id": url, "url": url, "name": name, "isPartOf": {"@id": website_id(home)}}


def record_graph(b: ReadableBriefing, collection: str, record, href: Href, home: str) -> dict:
    """A record's page as JSON-LD: the record, the statements it shows, and
    the page with its citations."""
    entity = _entity(b, href, collection, record)
    page = page_node("WebPage", href(collection, record.id), entity.get("name", record.id), home)
    page["mainEntity"] = {"@id": entity["@id"]}
    if entity["@type"] != "NewsArticle":  # a report is what the others cite
        page["citation"] = [reference(b, href, "sources", source) for source in b.sources_of(record)]
    quotations = [quotation(b, href, statement) for statement in b.statements_of.get(record.id, [])]
    return {"@context": SCHEMA, "@graph": [entity, page, *quotations]}


def home_graph(site_name: str, description: str, home: str) -> dict:
    """The home page: the site, and the page."""
    site = {"@type": "WebSite", "@id": website_id(home), "url": home, "name": site_name}
    if description:
        site["description"] = description
    return {"@context": SCHEMA, "@graph": [site, page_node("WebPage", home, site_name, home)]}


def page_graph(kind: str, url: str, name: str, home: str) -> dict:
    """Any other page: what kind of page it is, part of the site."""
    return {"@context": SCHEMA, "@graph": [page_node(kind, url, name, home)]}


class Distribution(NamedTuple):
    """One file of the exports."""

    name: str
    url: str
    format: str  # its media type
    description: str


def dataset_graph(site_name: str, url: str, home: str, licence: str, distributions: list[Distribution]) -> dict:
    """The exports page: the briefing as a `Dataset`, each file a `DataDownload`."""
    dataset = {"@type": "Dataset", "@id": f"{url}#dataset", "name": site_name, "url": url,
               "description": f"{site_name}: every record of the briefing and the reports each fact is "
                              "quoted from, as a calendar, spreadsheets, an SQLite database, JSON and a feed.",
               "isPartOf": {"@id": website_id(home)},
               "distribution": [{"@type": "DataDownload", "name": d.name, "contentUrl": d.url,
                                 "encodingFormat": d.format, "description": d.description}
                                for d in distributions]}
    if licence:
        dataset["license"] = licence
    page = page_node("WebPage", url, "Exports", home)
    page["mainEntity"] = {"@id": dataset["@id"]}
    return {"@context": SCHEMA, "@graph": [dataset, page]}


_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script(data: dict) -> str:
    """JSON-LD in a script element, with nothing in it that HTML reads as markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = re.sub("[<>&\u2028\u2029]", lambda m: _UNSAFE[m.group()], text)
    return f'<script type="application/ld+json">{text}</script>'


# Pages that list engagements (besides the collections' indexes): CollectionPages.
LIST_TEMPLATES = {"timeline", "timeline_period", "engagements_period"}


def _element(graph: dict) -> Markup:
    return Markup("\n\n" + script(graph) + "\n")


class PageLinkedData:
    """One page's linked data, from its links (`links.Links`): URLs relative to the page."""

    def __init__(self, briefing: ReadableBriefing, links: Links):
        self.briefing = briefing
        self.links = links
        self.given = False  # whether the template gave the page's linked data (else `of_page` does)

    def record(self, record) -> Markup:
        """The record as schema.org JSON-LD, in one script element."""
        self.given = True
        collection = kind_of(record).collection
        return _element(record_graph(self.briefing, collection, record, self.links.page_url, self.links.home_url()))

    def dataset(self, site_name: str, licence: str, distributions) -> Markup:
        """The exports page's linked data: the briefing as a Dataset of its files."""
        self.given = True
        return _element(dataset_graph(site_name, self.links.url(), self.links.home_url(), licence,
                                      list(distributions)))

    def of_page(self, template: str, title: str, site_name: str, record) -> Markup:
        """The linked data of a page whose template gave none: the site on
        the home page, a record's on its page, else what kind of page it is."""
        name = template.removesuffix(".md.j2")
        if name == "home":
            return _element(home_graph(site_name, "", self.links.home_url()))
        if record is not None and name in {kind.template for kind in with_pages()}:
            return self.record(record)
        kind = "CollectionPage" if name in LIST_TEMPLATES or name.endswith("_index") else "WebPage"
        return _element(page_graph(kind, self.links.url(), title, self.links.home_url()))
