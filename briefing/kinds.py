"""The record kinds, each declared once: what the outputs need to know of it.

A kind is a list of the facts files (`officials`, `events`…) with its
record type in `model.py`. Its declaration below says, as data, how every
output treats its records: the folder and template of their pages (or, for
a kind without pages, where a record is shown), how one is named, what the
briefing derives about it (its back-references, published in the data and
the tables), its schema.org type, its place in the book and in the feed,
its table (and how the database indexes and presents it), whether prose
links to it, whether search suggests its names, and its own-words fields
(read from the model's `Prose()` fields). The outputs read this registry and do not
branch on a kind's name, so that adding a kind is a record type in
`model.py`, a declaration here and its templates (`tests/test_kinds.py`
adds one, and counts the branches on a kind's name outside the ingest
modules and in the templates: at most 3). Like Pelican's content kinds, each declared once and read by
every writer.

Functions in a declaration take the briefing (`b`, or under `mkdocs serve`
the recorder standing in for it) and a record.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Optional

from . import dates, spans
from .model import COLLECTIONS, Prose
from .readable import ReadableBriefing
from .shapes import fields_of

# What a kind asks of the briefing (what a job may read, `readable.py`) and of a record.
Query = Callable[[ReadableBriefing, Any], Any]


def named(b: ReadableBriefing, record: Any) -> str:
    """A record as a link or a list names it: its name, or its title."""
    return getattr(record, "name", None) or getattr(record, "title", None) or record.id


def ids(records: Any) -> list[str]:
    return [record.id for record in records]


@dataclass(frozen=True)
class Derived:
    """A value the briefing derives about a record, published beside its own
    fields in the data (`data.py`) and as a column of its table (`tables.py`)."""

    name: str
    doc: str                     # its column's description
    of: Query                    # (briefing, record) -> the value, as the data publishes it
    ids: bool = True             # a list of ids (a JSON array in the database, "; " in a spreadsheet)
    span: bool = False           # a spans.Span, published as <name>_start, _end and _precision
    in_table: Optional[Callable[[Any], Any]] = None  # how the tables write the value, where not as published


def back(name: str, doc: str, lookup: Query) -> Derived:
    """A back-reference: the ids of the records `lookup` gives."""
    return Derived(name, doc, lambda b, record: ids(lookup(b, record)))


def span(field: str, of: Callable[[Any], spans.Span]) -> Derived:
    """An EDTF field's first and last possible day and its precision (see spans.py)."""
    return Derived(field, "", lambda b, record: of(record), ids=False, span=True)


@dataclass(frozen=True)
class InDatabase:
    """How the database (`database.py`) indexes a table and Datasette presents it."""

    full_text: tuple[str, ...] = ()     # the columns of its full-text index (FTS5); none: no index
    facets: tuple[str, ...] = ()        # the facets Datasette offers first
    array_facets: tuple[str, ...] = ()  # then those on a list of ids (a JSON array), each value a facet
    label: str = ""                     # the column naming a row where another table refers to it
    sort: str = ""                      # the column its rows are sorted by


class Mentioned(Enum):
    """How prose links to a kind's records (`indexes.Indexes.mentions`)."""

    # By name and alias, matched as a person's name; its titles (which
    # several people hold) block a link rather than make one.
    AS_PERSON = "person"
    # By every name, acronym, expansion and alias; a one-word name that is
    # also an ordinary word links only where it stands alone.
    AS_NAME = "name"


@dataclass(frozen=True)
class Kind:
    """One record kind, as the outputs treat it."""

    collection: str            # its list in the facts files (model.py), and its key in the published data
    singular: str              # a row of its table: official_id, official_roles
    heading: str               # its index page's title, and its section's in the book and the feed
    description: str           # its table's description
    table: str = ""            # its table's name, where the site calls the list otherwise
    # Pages: a page per record in `folder` from templates/<template>.md.j2,
    # and an index (templates/<folder>_index.md.j2). A kind without pages
    # (no folder) is shown on another record's page (`owner`) or else on
    # the notes page, at `anchor`.
    folder: str = ""
    template: str = ""
    owner: Optional[Callable[[ReadableBriefing, Any], tuple[str, str]]] = None
    anchor: Callable[[str], str] = str
    # How a record is named: in a link or a list, in the feed (under the
    # kind's heading), and beside the claims of a report's sentence.
    label: Query = named
    feed_label: Optional[Query] = None
    claims_label: Optional[Query] = None
    exists: str = "that it exists"  # what a citation supporting no field of it says it supports
    when: Optional[Callable[[Any], str]] = None  # its date, as a list shows it beside its name
    derived: tuple[Derived, ...] = ()
    jsonld: str = "Thing"      # its schema.org type (linkeddata.py)
    # The book: whether its records have a place there (one shown on an
    # owner's page, when the owner has), and its section's place in the
    # reading order when it has one of its own.
    in_book: bool = False
    book_section: Optional[int] = None
    feed_place: Optional[int] = None  # its place among what a report's feed entry lists; None: not listed
    mentioned: Optional[Mentioned] = None
    participant: bool = False  # its records take part in engagements: its lists name their counterparts
    # Engagements name its records (as participants, organizations, initiatives,
    # topics): its lead counts them and names the latest (`views.Briefing.lead`).
    engaged: bool = False
    # The database: its table, and the long form of some of its lists (by field: `roles`, `participants`).
    database: InDatabase = InDatabase()
    lists_in_database: tuple[tuple[str, InDatabase], ...] = ()
    # Its place among the kinds whose records' names search's "Did you mean"
    # suggests (`search.names_script`); None: not suggested.
    search_names: Optional[int] = None

    @property
    def record(self) -> type:
        """Its record type (model.py)."""
        return COLLECTIONS[self.collection]

    @property
    def table_name(self) -> str:
        return self.table or self.collection

    def list_table(self, field: str) -> str:
        """The table of a list its records hold, in long form (`tables.py`): official_roles."""
        return f"{self.singular}_{field}"

    @property
    def index_template(self) -> str:
        return f"{self.folder}_index"

    @property
    def own_words(self) -> tuple[str, ...]:
        """The fields written in the curator's own words: the model's `Prose()` fields."""
        return tuple(spec.name for spec in fields_of(self.record) if spec.shape.has(Prose))

    def has(self, field: str) -> bool:
        return any(spec.name == field for spec in fields_of(self.record))


def statement_owner(b: ReadableBriefing, statement: Any) -> tuple[str, str]:
    """A statement is shown under its engagement, or else under its speaker."""
    return ("events", statement.event) if statement.event else (b.collection_holding(statement.speaker), statement.speaker)


def _statement_label(b: ReadableBriefing, statement: Any) -> str:
    return f"Statement by {named(b, b.record(statement.speaker))}"


def _event_when(event: Any) -> str:
    return spans.words(spans.of_event(event), event.date)


SOURCES = "Ids of the reports its record cites."
_sources = back("sources", SOURCES, lambda b, r: b.sources_of(r))

DECLARED = (
    Kind("sources", "source", "Sources",
         "The news reports the briefing draws on: a row per report.",
         folder="sources", template="source", jsonld="NewsArticle", in_book=True,
         database=InDatabase(full_text=("title", "outlet", "dateline"), facets=("outlet",), label="title"),
         derived=(span("published", lambda source: spans.of(source.published)),
                  Derived("cited_by", "Ids of the records that cite it.",
                          lambda b, r: sorted({f"{f.collection}/{f.record_id}" for f in b.facts_from.get(r.id, [])}),
                          in_table=lambda cited: [c.partition("/")[2] for c in cited]),
                  Derived("facts", "How many claims it supports.", lambda b, r: b.claims_from(r.id), ids=False),
                  Derived("corroborated", "How many of those claims another report also supports.",
                          lambda b, r: b.corroborated(r.id), ids=False))),
    Kind("topics", "topic", "Topics", "The topics engagements are tagged with.",
         folder="topics", template="topic", jsonld="DefinedTerm", feed_place=6, search_names=4, engaged=True,
         database=InDatabase(full_text=("name", "description")),
         derived=(back("events", "Ids of the engagements tagged with it.", lambda b, r: b.events_of.get(r.id, [])),
                  back("initiatives", "Ids of the initiatives of those engagements.",
                       lambda b, r: b.initiatives_of(r.id)))),
    Kind("officials", "official", "Officials",
         "People named in an official capacity; their titles are in official_roles.",
         folder="officials", template="official", jsonld="Person", in_book=True, book_section=1, feed_place=2,
         mentioned=Mentioned.AS_PERSON, participant=True, search_names=1, engaged=True,
         database=InDatabase(full_text=("name",), facets=("country",)),
         lists_in_database=(("roles", InDatabase(full_text=("title",))),
                            ("aliases", InDatabase(full_text=("alias",)))),
         derived=(back("events", "Ids of the engagements they took part in (engagements).",
                       lambda b, r: b.events_of.get(r.id, [])),
                  back("counterparts", "Ids of the officials they met in an engagement held.",
                       lambda b, r: b.counterparts(r.id)),
                  back("initiatives", "Ids of the initiatives discussed in their engagements.",
                       lambda b, r: b.initiatives_of(r.id)),
                  back("statements", "Ids of their statements.", lambda b, r: b.statements_of.get(r.id, [])),
                  back("sources", "Ids of the reports their record cites.", lambda b, r: b.sources_of(r)))),
    Kind("organizations", "organization", "Organizations",
         "Ministries, departments and offices.",
         folder="organizations", template="organization", jsonld="GovernmentOrganization", feed_place=5,
         mentioned=Mentioned.AS_NAME, search_names=2, engaged=True,
         database=InDatabase(full_text=("name", "acronym"), facets=("country",)),
         derived=(back("officials", "Ids of the officials holding a title in it.",
                       lambda b, r: b.officials_of.get(r.id, [])),
                  back("events", "Ids of the engagements it took part in.", lambda b, r: b.events_of.get(r.id, [])))),
    Kind("initiatives", "initiative", "Initiatives",
         "Initiatives, frameworks, agreements and dialogues.",
         folder="initiatives", template="initiative", jsonld="Project", in_book=True, book_section=2, feed_place=4,
         mentioned=Mentioned.AS_NAME, search_names=3, engaged=True,
         database=InDatabase(full_text=("name", "acronym", "description"), facets=("kind",)),
         derived=(back("events", "Ids of the engagements that discussed it.", lambda b, r: b.events_of.get(r.id, [])),
                  back("officials", "Ids of the officials who discussed it.",
                       lambda b, r: b.officials_of.get(r.id, [])),
                  _sources)),
    Kind("events", "engagement", "Engagements",
         "Engagements: visits, meetings, calls, talks; who took part is in engagement_participants.",
         table="engagements", folder="events", template="event", jsonld="Event", in_book=True, book_section=3,
         feed_place=1, when=_event_when,
         database=InDatabase(full_text=("title", "summary", "place"),
                             facets=("kind", "status", "date_precision", "date_basis"), array_facets=("topics",),
                             label="title", sort="date_start"),
         lists_in_database=(("participants", InDatabase(facets=("country_name", "official_id"))),),
         derived=(back("children", "Ids of the engagements within it (a visit's meetings).",
                       lambda b, r: b.children(r)),
                  back("statements", "Ids of the statements about it.", lambda b, r: b.statements_of.get(r.id, [])),
                  span("date", spans.of_event),
                  Derived("date_display", "The date as the site writes it ('some day within 27–29 May 2025').",
                          lambda b, r: _event_when(r), ids=False),
                  Derived("date_qualifier", "How sure the date is: derived, inferred, year inferred, uncertain; "
                          "empty when stated.", lambda b, r: dates.qualifier(r.date, r.date_basis), ids=False),
                  _sources)),
    Kind("statements", "statement", "Statements",
         "Statements quoted verbatim from the reports.",
         owner=statement_owner, anchor=lambda statement_id: f"statement-{statement_id}",
         label=_statement_label, exists="its words", in_book=True, feed_place=3,
         database=InDatabase(full_text=("quote", "speaker_role", "channel"), facets=("speaker", "channel"))),
    Kind("discrepancies", "discrepancy", "Disagreements between reports",
         "Where the reports disagree; each version is in discrepancy_versions.",
         label=lambda b, d: f"Discrepancy: {d.field}",
         feed_label=lambda b, d: f"{d.field}: {named(b, b.record(d.subject))}",
         claims_label=lambda b, d: "Discrepancy", in_book=True, feed_place=7,
         database=InDatabase(full_text=("field", "description"), label="field"),
         lists_in_database=(("versions", InDatabase(full_text=("value",))),)),
)
# Every kind by its collection, in the order of the published data.
KINDS: dict[str, Kind] = {kind.collection: kind for kind in DECLARED}
# Of each kind with any, the fields written in the curator's own words: the one list (`apply`, `bench/eval.py`).
OWN_WORDS: dict[str, tuple[str, ...]] = {kind.collection: kind.own_words for kind in DECLARED if kind.own_words}
_BY_TYPE: dict[type, Kind] = {kind.record: kind for kind in DECLARED}


def kind_of(record: Any) -> Kind:
    """A record's kind, by its type."""
    return _BY_TYPE[type(record)]


def with_pages() -> list[Kind]:
    return [kind for kind in KINDS.values() if kind.folder]


def book_sections() -> list[Kind]:
    """The kinds with a section of their own in the book, in reading order."""
    return sorted((kind for kind in KINDS.values() if kind.book_section is not None),
                  key=lambda kind: kind.book_section or 0)


def search_named() -> list[Kind]:
    """The kinds whose records' names search's "Did you mean" suggests, in order."""
    return sorted((kind for kind in KINDS.values() if kind.search_names is not None),
                  key=lambda kind: kind.search_names or 0)


def in_feed() -> list[Kind]:
    """The kinds a report's feed entry lists, in order."""
    return sorted((kind for kind in KINDS.values() if kind.feed_place is not None),
                  key=lambda kind: kind.feed_place or 0)
