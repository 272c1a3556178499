"""Stage 3, indexes: the verified records joined, each join computed once.

An `Indexes` answers lookups (a record by id, an official's engagements, a
source's facts) for the page views (`views.py`) and the published data
(`data.py`). Every index is a plain function of the records: nothing here
knows about pages.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from . import dates
from .kinds import KINDS, Mentioned
from .mentions import Mentions
from .model import Citation, Event, Official
from .shapes import fields_of
from .verify import Corpus, citations, walk

# The status of an engagement that took place; only these count as meetings.
HELD = "held"


def _collection(name: str) -> property:
    return property(lambda self: self.collections[name], doc=f"The {name}, by id.")


# The claim that a record exists: what a citation without `supports` backs.
EXISTS = "record"


@dataclass(frozen=True)
class Fact:
    """One citation of one claim: a field of a record (its date, its place…),
    the record's existence, or a cited item (a title, an expansion…)."""

    collection: str
    record_id: str
    aspect: str           # the field or item the citation supports; EXISTS for the record itself
    citation: Citation
    other_sources: int    # how many other sources support the same claim


def claims_of(record: Any) -> dict[str, list[Citation]]:
    """A record's claims, each with its citations: the fields its citations
    say they support, its existence (citations that say nothing), and each
    cited item of it (a title, an expansion, a version) by its label."""
    found: dict[str, list[Citation]] = {}
    for citation in getattr(record, "cite", None) or []:
        for claim in citation.supports or [EXISTS]:
            found.setdefault(claim, []).append(citation)
    for aspect, item in _cited_items(record, ""):
        if item is not record:
            found.setdefault(aspect, []).extend(item.cite)
    return found


@dataclass
class Indexes:
    collections: dict[str, dict[str, Any]]
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

    # --- lookups by id ------------------------------------------------------

    @functools.cached_property
    def _collection_by_id(self) -> dict[str, str]:
        return {rid: name for name, records in self.collections.items() for rid in records}

    def collection_of(self, record_id: str) -> Optional[str]:
        return self._collection_by_id.get(record_id)

    def collection_holding(self, record_id: str) -> str:
        """The collection of a record the briefing holds (a KeyError for any other id)."""
        return self._collection_by_id[record_id]

    def record(self, record_id: str) -> Any:
        return self.collections[self._collection_by_id[record_id]][record_id]

    def records(self, collection: str, ids) -> list:
        return [self.collections[collection][i] for i in dict.fromkeys(ids)]

    def sources_cited(self, cited) -> list:
        return self.records("sources", [c.source for c in cited])

    def sources_of(self, record) -> list:
        ids = sorted({c.source for c in citations(walk(record, ""))})
        return [self.sources[i] for i in ids]

    # --- joins --------------------------------------------------------------

    @functools.cached_property
    def chronology(self) -> list[Event]:
        return sorted(self.events.values(), key=lambda e: (dates.sort_key(e.date), e.id))

    @functools.cached_property
    def events_of(self) -> dict[str, list[Event]]:
        """Events by official, organization, initiative, topic and parent id."""
        found: dict[str, list[Event]] = defaultdict(list)
        for event in self.chronology:
            for key in {*event.participants, *event.organizations, *event.initiatives, *event.topics}:
                found[key].append(event)
            if event.parent:
                found[event.parent].append(event)
        return dict(found)

    @functools.cached_property
    def statements_of(self) -> dict[str, list]:
        """Statements by speaker and by event."""
        found: dict[str, list] = defaultdict(list)
        for statement in self.statements.values():
            found[statement.speaker].append(statement)
            if statement.event:
                found[statement.event].append(statement)
        return dict(found)

    @functools.cached_property
    def statements_about(self) -> dict[str, list]:
        """Statements reporting an official's position, by the official's id."""
        found: dict[str, list] = defaultdict(list)
        for statement in self.statements.values():
            for official_id in statement.about:
                found[official_id].append(statement)
        return dict(found)

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
        """How many engagements that took place each pair of officials shared."""
        pairs: dict[tuple[str, str], int] = defaultdict(int)
        for event in self.events.values():
            if event.status != HELD:
                continue
            people = sorted(set(event.participants))
            for i, a in enumerate(people):
                for b in people[i + 1:]:
                    pairs[(a, b)] += 1
        return dict(pairs)

    @functools.cached_property
    def facts_from(self) -> dict[str, list[Fact]]:
        """Every citation of every claim, by the id of the source it cites."""
        found: dict[str, list[Fact]] = defaultdict(list)
        for collection, records in self.collections.items():
            for record in records.values():
                for aspect, cited in claims_of(record).items():
                    sources = {c.source for c in cited}
                    for citation in cited:
                        found[citation.source].append(
                            Fact(collection, record.id, aspect, citation, len(sources - {citation.source})))
        return dict(found)

    def claims_from(self, source_id: str) -> int:
        """How many claims a source supports (a record's date and its place are two)."""
        return len({(f.record_id, f.aspect) for f in self.facts_from.get(source_id, [])})

    def corroborated(self, source_id: str) -> int:
        """How many of a source's claims at least one other source also supports."""
        return len({(f.record_id, f.aspect) for f in self.facts_from.get(source_id, []) if f.other_sources})

    @functools.cached_property
    def discrepancies_of(self) -> dict[str, list[Any]]:
        """Where the sources disagree, by the id of the record they disagree about."""
        found: dict[str, list[Any]] = defaultdict(list)
        for discrepancy in self.discrepancies.values():
            found[discrepancy.subject].append(discrepancy)
        return dict(found)

    # --- names --------------------------------------------------------------

    def search_terms(self, record) -> list[str]:
        """Every name, spelling, acronym, expansion and title recorded for it."""
        terms = [getattr(record, name, None) for name in ("name", "acronym")]
        terms += getattr(record, "aliases", [])
        terms += [e.text for e in getattr(record, "expansions", [])]
        terms += [r.title for r in getattr(record, "roles", [])]
        return [t for t in dict.fromkeys(terms) if t]

    @functools.cached_property
    def mentions(self) -> Mentions:
        """Finds in prose every unambiguous name, alias and acronym of an
        official, organization or initiative. What is not linked but holds
        a shorter name inside it blocks it (see `Mentions`): an official's
        titles (several people hold one; "State" in "Deputy Secretary of
        State"), a topic's name, and a name of more than one record.

        An organization's or initiative's one-word name that is not an
        acronym is also an ordinary word ("State", "Defence", "Quad"): it
        links only where it stands alone (`Mentions.stands_alone`). An
        official's one-word name (a surname the sources use) always links:
        matched case for case, a person's name is read as a name."""
        owners: dict[str, set] = defaultdict(set)
        blocking: set[str] = set()
        common: set[str] = set()
        for kind in KINDS.values():
            if kind.mentioned is None:
                continue
            person = kind.mentioned is Mentioned.AS_PERSON
            for record in self.collections[kind.collection].values():
                for term in self.search_terms(record):
                    if not person or term in {record.name, *record.aliases}:
                        owners[term].add(record.id)
                        if not person and _ordinary_word(term, getattr(record, "acronym", None)):
                            common.add(term)
                    else:
                        blocking.add(term)  # an official's title
        blocking.update(topic.name for topic in self.topics.values())
        names = {}
        for term, ids in owners.items():
            if len(ids) == 1 and len(term) > 1:
                names[term] = next(iter(ids))
            else:
                blocking.add(term)
        return Mentions(names, sorted(blocking), sorted(common))


def _cited_items(obj, aspect: str) -> Iterator[tuple[str, Any]]:
    """(aspect, object) for the object and each part of it that carries citations."""
    if getattr(obj, "cite", None):
        yield aspect, obj
    for spec in fields_of(type(obj)):
        if spec.shape.kind == "list" and spec.shape.element.kind == "record":
            for item in getattr(obj, spec.name):
                if not isinstance(item, Citation):
                    label = getattr(item, "title", None) or getattr(item, "text", None) or getattr(item, "value", "")
                    yield from _cited_items(item, f"{spec.name[:-1]}: {label}")


def _ordinary_word(term: str, acronym: Optional[str]) -> bool:
    """A one-word name that is not an acronym (no two capitals, no digit:
    "State", "Quad"; not "MEA", "iCET", "I2U2")."""
    return term != acronym and term.isalpha() and sum(1 for c in term if c.isupper()) < 2
