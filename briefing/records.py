"""Stage 3, records: verified objects joined into one briefing with back-references.

Everything the pages and the published data need to know about a record,
beyond what the curator typed, is derived here once: an official's
engagements and counterparts, an initiative's discussions, which facts each
source supports. Templates then only format.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from babel import Locale

from . import dates
from .load import Loaded
from .model import Citation, Event, Official, Ref
from .shapes import fields_of
from .verify import Corpus, citations, walk

# The page of each collection's records, relative to the docs folder.
PAGE_FOLDERS = {
    "officials": "officials",
    "organizations": "organizations",
    "initiatives": "initiatives",
    "events": "events",
    "topics": "topics",
    "sources": "sources",
}
NOTES_PAGE = "notes.md"
TIMELINE_PAGE = "timeline.md"
# A page lists at most this many engagements. A longer list (an official of
# many years, the timeline of a large briefing) becomes a page per year, so
# that no page, and no rebuild of it, grows without bound with the briefing.
LONG_LIST = 100
# The most rows and officials the home page's pictures show: the latest
# engagements, and the officials who took part in the most.
HOME_ROWS = 40
HOME_OFFICIALS = 40
UNDATED = "Undated"


@dataclass(frozen=True)
class Period:
    """Engagements of one year, or of one month of a busy year, or the
    undated ones, on a page of their own."""

    label: str
    page: str
    events: tuple

    @property
    def dated(self) -> bool:
        return bool(self.events) and self.events[0].date is not None


def page_of(collection: str, record_id: str) -> str:
    return f"{PAGE_FOLDERS[collection]}/{record_id}.md"


def url_of(page: str) -> str:
    """Site URL of a docs page, relative to the site root (no directory URLs)."""
    return page[:-3] + ".html" if page.endswith(".md") else page


def plain(obj):
    """A model object as plain data, in field order, without internal fields."""
    if isinstance(obj, list):
        return [plain(item) for item in obj]
    if hasattr(obj, "__dataclass_fields__"):
        return {spec.name: plain(getattr(obj, spec.name)) for spec in fields_of(type(obj))}
    return obj


def _collection(name: str) -> property:
    return property(lambda self: self.collections[name], doc=f"The {name}, by id.")


class Mentions:
    """Finds names in prose as one regular expression of them all would: the
    longest name at the leftmost place, not inside a word (nor after @), then
    on after it. Each word of the text is looked up among the names that
    begin with it: trying thousands of names at every place is too slow."""

    _WORD = re.compile(r"\w+")

    def __init__(self, names: dict[str, object]):
        self.names = names
        self._by_first_word: dict[str, list[str]] = defaultdict(list)
        others = []  # the rare names that begin with a sign, not a word
        for term in sorted(names, key=len, reverse=True):
            first = self._WORD.match(term)
            if first:
                self._by_first_word[first.group()].append(term)
            else:
                others.append(term)
        self._others = (re.compile(rf"(?<![\w@])(?:{'|'.join(map(re.escape, others))})(?!\w)")
                        if others else None)

    def find(self, text: str) -> list[tuple[int, int, object]]:
        """(start, end, record) of each mention, in order, none overlapping."""
        found = [(m.start(), m.end()) for m in self._others.finditer(text)] if self._others else []
        taken = 0
        for word in self._WORD.finditer(text):
            start = word.start()
            if start < taken or text[start - 1:start] == "@":
                continue
            for term in self._by_first_word.get(word.group(), ()):
                end = start + len(term)
                if text.startswith(term, start) and not self._WORD.match(text, end):
                    found.append((start, end))
                    taken = end
                    break
        if self._others:
            found.sort()
        mentions, taken = [], 0
        for start, end in found:
            if start >= taken:
                mentions.append((start, end, self.names[text[start:end]]))
                taken = end
        return mentions


@dataclass
class Briefing:
    collections: dict[str, dict[str, object]]
    corpus: Corpus

    sources = _collection("sources")
    topics = _collection("topics")
    officials = _collection("officials")
    organizations = _collection("organizations")
    initiatives = _collection("initiatives")
    events = _collection("events")
    statements = _collection("statements")
    discrepancies = _collection("discrepancies")

    def summary(self) -> str:
        return ", ".join(f"{len(records)} {name}" for name, records in self.collections.items())

    # --- derived views -----------------------------------------------------

    @functools.cached_property
    def chronology(self) -> list[Event]:
        return sorted(self.events.values(), key=lambda e: (dates.sort_key(e.date), e.id))

    def in_order(self, event_ids) -> list[Event]:
        wanted = set(event_ids)
        return [e for e in self.chronology if e.id in wanted]

    @functools.cached_property
    def events_of(self) -> dict[str, list[Event]]:
        """Events by official, organization, initiative, topic and parent id."""
        found: dict[str, list[Event]] = defaultdict(list)
        for event in self.chronology:
            for key in {*event.participants, *event.organizations, *event.initiatives, *event.topics}:
                found[key].append(event)
            if event.parent:
                found[event.parent].append(event)
        return found

    @functools.cached_property
    def statements_of(self) -> dict[str, list]:
        """Statements by speaker and by event."""
        found: dict[str, list] = defaultdict(list)
        for statement in self.statements.values():
            found[statement.speaker].append(statement)
            if statement.event:
                found[statement.event].append(statement)
        return found

    @functools.cached_property
    def officials_of(self) -> dict[str, list[Official]]:
        """Officials by organization and by initiative they discussed."""
        found: dict[str, set] = defaultdict(set)
        for official in self.officials.values():
            for role in official.roles:
                if role.organization:
                    found[role.organization].add(official.id)
            for event in self.events_of.get(official.id, []):
                for initiative in event.initiatives:
                    found[initiative].add(official.id)
        return {key: [self.officials[i] for i in sorted(ids)] for key, ids in found.items()}

    @functools.cached_property
    def met_pairs(self) -> dict[tuple[str, str], int]:
        """How many engagements each pair of officials shared."""
        pairs: dict[tuple[str, str], int] = defaultdict(int)
        for event in self.events.values():
            people = sorted(set(event.participants))
            for i, a in enumerate(people):
                for b in people[i + 1:]:
                    pairs[(a, b)] += 1
        return dict(pairs)

    def counterparts(self, official_id: str) -> list[Official]:
        met = {p for e in self.events_of.get(official_id, []) for p in e.participants if p != official_id}
        return [self.officials[i] for i in sorted(met)]

    def frequent_counterparts(self, official_id: str) -> list[Official]:
        """The counterparts met most often, at most HOME_OFFICIALS, in name order."""
        met = self.counterparts(official_id)
        if len(met) <= HOME_OFFICIALS:
            return met
        times = {o.id: self.met_pairs.get(tuple(sorted((official_id, o.id))), 0) for o in met}
        chosen = {o.id for o in sorted(met, key=lambda o: -times[o.id])[:HOME_OFFICIALS]}
        return [o for o in met if o.id in chosen]

    def initiatives_of(self, record_id: str) -> list:
        ids = {i for e in self.events_of.get(record_id, []) for i in e.initiatives}
        return [self.initiatives[i] for i in sorted(ids)]

    def initiatives_in_topic(self, topic_id: str) -> list:
        ids = {i for e in self.events_of.get(topic_id, []) for i in e.initiatives}
        return [self.initiatives[i] for i in sorted(ids)]

    @functools.cached_property
    def facts_from(self) -> dict[str, list["Fact"]]:
        """Every cited fact, by the id of each source it cites."""
        found: dict[str, list[Fact]] = defaultdict(list)
        for collection, records in self.collections.items():
            for record in records.values():
                for aspect, item in _cited_items(record, ""):
                    sources = {c.source for c in item.cite}
                    for citation in item.cite:
                        found[citation.source].append(
                            Fact(collection, record.id, aspect, citation, len(sources - {citation.source})))
        return found

    def corroborated(self, source_id: str) -> int:
        """How many of a source's facts at least one other source also gives."""
        return sum(1 for fact in self.facts_from.get(source_id, []) if fact.other_sources)

    def sources_of(self, record) -> list:
        ids = sorted({c.source for c in _citations(record)})
        return [self.sources[i] for i in ids]

    def children(self, event: Event) -> list[Event]:
        return [e for e in self.events_of.get(event.id, []) if e.parent == event.id]

    def url(self, collection: str, record_id: str) -> str:
        if collection == "statements":
            statement = self.statements[record_id]
            owner = page_of("events", statement.event) if statement.event else page_of(
                "officials" if statement.speaker in self.officials else "organizations", statement.speaker)
            return f"{url_of(owner)}#statement-{record_id}"
        if collection == "discrepancies":
            return f"{url_of(NOTES_PAGE)}#{record_id}"
        return url_of(page_of(collection, record_id))

    @functools.cached_property
    def _collection_by_id(self) -> dict[str, str]:
        return {rid: name for name, records in self.collections.items() for rid in records}

    def collection_of(self, record_id: str) -> Optional[str]:
        return self._collection_by_id.get(record_id)

    def record(self, record_id: str):
        return self.collections[self.collection_of(record_id)][record_id]

    def records(self, collection: str, ids) -> list:
        return [self.collections[collection][i] for i in dict.fromkeys(ids)]

    def participants_of(self, event: Event, besides: Optional[str] = None) -> list[Official]:
        """The officials who took part, leaving out `besides` (the page's own official)."""
        return self.records("officials", [p for p in event.participants if p != besides])

    def topics_of(self, event: Event) -> list:
        return self.records("topics", event.topics)

    def sides(self, event: Event) -> list[tuple[str, list[Official]]]:
        """Participants grouped by the country they serve, in order of first mention."""
        found: dict[str, list[Official]] = {}
        for official in self.participants_of(event):
            found.setdefault(country_name(official.country), []).append(official)
        return list(found.items())

    def siblings(self, event: Event) -> list[Event]:
        if not event.parent:
            return []
        return [e for e in self.children(self.events[event.parent]) if e.id != event.id]

    def sources_cited(self, citations) -> list:
        return self.records("sources", [c.source for c in citations])

    def latest(self, count: int) -> list[Event]:
        dated = [e for e in self.chronology if e.date]
        return list(reversed(dated[-count:]))

    @property
    def period(self) -> str:
        dated = [e for e in self.chronology if e.date]
        if not dated:
            return ""
        first = dates.bounds(dated[0].date)[0]
        last = max(dates.bounds(e.date)[1] for e in dated)
        return f"{dates.MONTHS[first[1] - 1]} {first[0]} to {dates.MONTHS[last[1] - 1]} {last[0]}"

    def top_level(self) -> list[Event]:
        """Events shown on their own in the timeline; the rest nest under their dated visit."""
        return self._top_level

    @functools.cached_property
    def _top_level(self) -> list[Event]:
        return [e for e in self.chronology if not e.parent or not self.events[e.parent].date]

    @staticmethod
    def periods(events, folder: str) -> list[Period]:
        """`events` (in timeline order) as pages in `folder` of at most
        LONG_LIST each: by year; a busier year by month; a busier month, or
        the undated, in numbered parts."""
        found: list[Period] = []

        def add(label: str, slug: str, group: list) -> None:
            if len(group) <= LONG_LIST:
                found.append(Period(label, f"{folder}/{slug}.md", tuple(group)))
                return
            for start in range(0, len(group), LONG_LIST):
                part = group[start:start + LONG_LIST]
                found.append(Period(f"{label}, {start + 1}–{start + len(part)}",
                                    f"{folder}/{slug}-{start // LONG_LIST + 1}.md", tuple(part)))

        years: dict[str, list[Event]] = {}
        for event in events:
            years.setdefault(str(dates.year_month(event.date)[0]) if event.date else UNDATED, []).append(event)
        for year, group in years.items():
            if year == UNDATED or len(group) <= LONG_LIST:
                add(year, year.lower(), group)
                continue
            months: dict[int, list[Event]] = {}
            for event in group:
                months.setdefault(dates.year_month(event.date)[1], []).append(event)
            for month, in_month in months.items():
                add(f"{dates.MONTH_NAMES[month - 1]} {year}", f"{year}-{month:02d}", in_month)
        return found

    def engagement_periods(self, record) -> list[Period]:
        """A record's engagements by period when they are too many for its
        own page; none when they fit."""
        events = self.events_of.get(record.id, [])
        if len(events) <= LONG_LIST:
            return []
        return self.periods(events, page_of(self.collection_of(record.id), record.id)[:-3])

    @functools.cached_property
    def timeline_periods(self) -> list[Period]:
        """The timeline by period, when the briefing is too long for one page."""
        if len(self.events) <= LONG_LIST:
            return []
        return self.periods(self.top_level(), TIMELINE_PAGE[:-3])

    def home_rows(self) -> list[tuple[Event, int]]:
        return self.timeline_rows()[-HOME_ROWS:]

    def home_officials(self) -> list[Official]:
        """Who met anyone, the most engaged first when they are too many to draw."""
        people = [o for o in self.officials.values() if self.counterparts(o.id)]
        if len(people) <= HOME_OFFICIALS:
            return people
        busiest = sorted(people, key=lambda o: -len(self.events_of.get(o.id, [])))[:HOME_OFFICIALS]
        chosen = {o.id for o in busiest}
        return [o for o in people if o.id in chosen]

    def nested(self, event: Event) -> list[Event]:
        """The engagements shown under `event` in the timeline."""
        return self.children(event) if event.date else []

    def timeline_rows(self, top_level=None) -> list[tuple[Event, int]]:
        """Dated engagements in timeline order, each with its nesting depth."""
        rows = []
        for event in self.top_level() if top_level is None else top_level:
            if event.date:
                rows.append((event, 0))
                rows.extend((child, 1) for child in self.nested(event) if child.date)
        return rows

    def timeline(self, top_level=None) -> list[tuple[int, list[tuple[str, list[Event]]]]]:
        years: dict[int, dict[str, list[Event]]] = {}
        for event in self.top_level() if top_level is None else top_level:
            if event.date:
                year, month = dates.year_month(event.date)
                label = f"{dates.MONTH_NAMES[month - 1]} {year}"
                years.setdefault(year, {}).setdefault(label, []).append(event)
        return [(year, list(months.items())) for year, months in years.items()]

    @property
    def undated(self) -> list[Event]:
        return [e for e in self.top_level() if not e.date]

    def qualified_dates(self) -> list[Event]:
        """Engagements whose date was derived or inferred rather than stated."""
        return [e for e in self.chronology if e.date and e.date_basis in ("derived", "inferred")]

    def officials_by_country(self) -> list[tuple[str, list[tuple[str, list[Official]]]]]:
        """Officials grouped by country, then by the organization of their first title."""
        found: dict[str, dict[str, list[Official]]] = defaultdict(lambda: defaultdict(list))
        for official in sorted(self.officials.values(), key=lambda o: o.name):
            organization = official.roles[0].organization
            label = self.organizations[organization].name if organization else "Organization not named"
            found[country_name(official.country)][label].append(official)
        return [(country, sorted(groups.items(), key=lambda g: (g[0] == "Organization not named", g[0])))
                for country, groups in sorted(found.items())]

    def last_event(self, record_id: str) -> Optional[Event]:
        dated = [e for e in self.events_of.get(record_id, []) if e.date]
        return dated[-1] if dated else None

    def glossary(self) -> list["GlossaryEntry"]:
        """Every acronym a record carries, with what the sources say it stands for."""
        entries = []
        for collection in ("initiatives", "organizations"):
            for record in self.collections[collection].values():
                if not record.acronym:
                    continue
                expansions = [(e.text, e.cite) for e in getattr(record, "expansions", [])]
                if not expansions and record.name != record.acronym:
                    expansions = [(record.name, record.cite)]
                entries.append(GlossaryEntry(record.acronym, expansions, collection, record))
        return sorted(entries, key=lambda e: e.acronym.lower())

    @functools.cached_property
    def mention_names(self) -> dict[str, object]:
        """Every unambiguous name, alias and acronym of an official,
        organization or initiative, and the record each one names."""
        owners: dict[str, set] = defaultdict(set)
        for collection in ("officials", "organizations", "initiatives"):
            for record in self.collections[collection].values():
                for term in self.search_terms(record):
                    if collection != "officials" or term in {record.name, *record.aliases}:
                        owners[term].add(record.id)
        return {term: self.record(next(iter(ids))) for term, ids in owners.items() if len(ids) == 1 and len(term) > 1}

    @property
    def mentions_key(self) -> frozenset:
        """Which names prose links to which records."""
        return frozenset((term, record.id) for term, record in self.mention_names.items())

    @functools.cached_property
    def mentions(self) -> "Mentions":
        """Finds the names of `mention_names` in prose."""
        return Mentions(self.mention_names)

    def changed_since(self, previous: dict) -> tuple[set[str], set[str]]:
        """The ids of the records added, removed or edited since `previous`
        (collections of records by id); and those with every id they refer
        to, before and after the change, whose neighbours changed with them."""
        edited: set[str] = set()
        touched: set[str] = set()
        for name, records in self.collections.items():
            before = previous.get(name, {})
            for record_id in records.keys() | before.keys():
                new, old = records.get(record_id), before.get(record_id)
                if new is not old and new != old:
                    edited.add(record_id)
                    for version in (old, new):
                        if version is not None:
                            touched.update(v.value for v in walk(version, "") if v.spec.shape.has(Ref))
        return edited, edited | touched

    def search_terms(self, record) -> list[str]:
        """Every name, spelling, acronym, expansion and title recorded for it."""
        terms = [getattr(record, name, None) for name in ("name", "acronym")]
        terms += getattr(record, "aliases", [])
        terms += [e.text for e in getattr(record, "expansions", [])]
        terms += [r.title for r in getattr(record, "roles", [])]
        return [t for t in dict.fromkeys(terms) if t]

    # --- published data -----------------------------------------------------

    def derived(self, collection: str, record) -> dict:
        """Back-references published beside a record's own fields."""
        ids = lambda items: [item.id for item in items]  # noqa: E731
        rid = record.id
        if collection == "officials":
            return {"events": ids(self.events_of.get(rid, [])),
                    "counterparts": ids(self.counterparts(rid)),
                    "initiatives": ids(self.initiatives_of(rid)),
                    "statements": ids(self.statements_of.get(rid, [])),
                    "sources": ids(self.sources_of(record))}
        if collection == "organizations":
            return {"officials": ids(self.officials_of.get(rid, [])),
                    "events": ids(self.events_of.get(rid, []))}
        if collection == "initiatives":
            return {"events": ids(self.events_of.get(rid, [])),
                    "officials": ids(self.officials_of.get(rid, [])),
                    "sources": ids(self.sources_of(record))}
        if collection == "events":
            return {"children": ids(self.children(record)),
                    "statements": ids(self.statements_of.get(rid, [])),
                    "date_display": dates.human(record.date),
                    "date_qualifier": dates.qualifier(record.date, record.date_basis),
                    "sources": ids(self.sources_of(record))}
        if collection == "topics":
            return {"events": ids(self.events_of.get(rid, [])),
                    "initiatives": ids(self.initiatives_in_topic(rid))}
        if collection == "sources":
            facts = self.facts_from.get(rid, [])
            return {"cited_by": sorted({f"{f.collection}/{f.record_id}" for f in facts}),
                    "facts": len(facts), "corroborated": self.corroborated(rid)}
        return {}

    def record_data(self, collection: str, record) -> dict:
        return {**plain(record), **self.derived(collection, record), "url": self.url(collection, record.id)}


@dataclass(frozen=True)
class GlossaryEntry:
    acronym: str
    expansions: list  # (text, citations)
    collection: str
    record: object

    @property
    def tooltip(self) -> str:
        return " / ".join(text for text, _ in self.expansions)


@functools.lru_cache(maxsize=None)  # a few countries, asked for on every page listing people
def country_name(code: str) -> str:
    return Locale("en").territories.get(code, code)


@dataclass(frozen=True)
class Fact:
    """One cited statement of a record (the record itself, a title, an expansion…)."""

    collection: str
    record_id: str
    aspect: str           # what about the record the citation supports; "" for the record itself
    citation: Citation
    other_sources: int    # how many other sources support the same statement


def _cited_items(obj, aspect: str):
    """(aspect, object) for the object and each part of it that carries citations."""
    if getattr(obj, "cite", None):
        yield aspect, obj
    for spec in fields_of(type(obj)):
        if spec.shape.kind == "list" and spec.shape.item.kind == "record":
            for item in getattr(obj, spec.name):
                if not isinstance(item, Citation):
                    label = getattr(item, "title", None) or getattr(item, "text", None) or getattr(item, "value", "")
                    yield from _cited_items(item, f"{spec.name[:-1]}: {label}")


def _citations(record) -> tuple[Citation, ...]:
    return citations(walk(record, ""))


def assemble(loaded: Loaded, corpus: Corpus) -> Briefing:
    collections = {name: {r.id: r for r in records} for name, records in loaded.collections.items()}
    return Briefing(collections, corpus)
