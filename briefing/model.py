"""The data model, defined once.

Every curated record is a dataclass whose annotations say what the YAML may
hold. The loader (`load.py`) validates YAML against these annotations, the
schema generator (`schema.py`) turns them into JSON Schema, and the later
stages use the same classes. Constraints ride on the annotations with
`typing.Annotated`, so one line per field says everything about it.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from typing import Annotated, ClassVar, Literal, Optional

# --- constraints carried by annotations -------------------------------------


@dataclass(frozen=True)
class Pattern:
    """The text must match this regular expression."""

    regex: str
    explain: str


@dataclass(frozen=True)
class Ref:
    """The text is the id of a record of one of these collections."""

    collections: tuple[str, ...]


class Edtf:
    """The text is an Extended Date/Time Format date or interval."""


class Verbatim:
    """The text must occur word for word in a quote cited by its record."""


class Prose:
    """The curator's own words: no run of words may be copied from a source."""


@dataclass(frozen=True)
class NonEmpty:
    """A list that must hold at least one item."""


# An id names generated files (officials/ID.md, data/officials/ID.yml): its
# length is capped well inside any file system's limit on a name.
MAX_ID_LENGTH = 80
SLUG_REGEX = rf"^(?=.{{1,{MAX_ID_LENGTH}}}$)[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Pattern(SLUG_REGEX, f"a slug of at most {MAX_ID_LENGTH} characters: lower-case letters, "
                                          "digits and single hyphens")]
Country = Annotated[str, Pattern(r"^[A-Z]{2}$", "an ISO 3166-1 alpha-2 code such as IN or US")]
Sha256 = Annotated[str, Pattern(r"^[0-9a-f]{64}$", "64 lower-case hexadecimal digits")]
EdtfDate = Annotated[str, Edtf()]


def doc(text: str, default=None, default_factory=None):
    """A dataclass field carrying its documentation for the JSON Schema."""
    if default_factory is not None:
        return field(default_factory=default_factory, metadata={"doc": text})
    return field(default=default, metadata={"doc": text})


def required(text: str):
    return field(metadata={"doc": text})


@dataclass(frozen=True)
class Origin:
    """Where a record was read: file, line, and the line of each field."""

    file: str
    line: int
    field_lines: dict = field(default_factory=dict, hash=False, compare=False)
    # Fields already reported as wrong, so later checks do not report them again.
    invalid: frozenset = frozenset()

    def of(self, name: str) -> int:
        """The line of a field, or of one item of a list field (`participants[2]`)."""
        return self.field_lines.get(name) or self.field_lines.get(name.partition("[")[0], self.line)


def origin_field():
    """The internal location of a loaded object; not part of the format."""
    return field(default=None, compare=False, repr=False, metadata={"internal": True})


# --- the curated records -----------------------------------------------------


# The fields of a record a citation may say it supports (`supports:`).
Claim = Literal[
    "name", "aliases", "country", "acronym", "parent", "kind", "date", "place", "participants",
    "organizations", "initiatives", "topics", "status", "launched", "related", "speaker",
    "speaker_role", "event", "about", "channel",
]


@dataclass(kw_only=True)
class Citation:
    source: Annotated[str, Ref(("sources",))] = required("Id of the source document.")
    quote: str = required(
        "A verbatim excerpt of the source that supports the fact. Whitespace, "
        "curly or straight quotes and dash variants may differ; nothing else."
    )
    supports: list[Claim] = doc(
        "The fields of its record this quote supports (an engagement's date, place, participants…). "
        "Without it, the quote supports only that the record exists. A title's, an expansion's or a "
        "version's citations support that item itself.",
        default_factory=list,
    )
    origin: Origin = origin_field()


Citations = Annotated[list[Citation], NonEmpty()]


@dataclass(kw_only=True)
class Source:
    id: Slug = required("Slug naming the source document.")
    file: str = required("File name of the document under seeds/sources/.")
    sha256: Sha256 = required("SHA-256 of the file's bytes, verified at every build.")
    title: Annotated[str, Prose()] = required("A short title in the curator's own words.")
    outlet: Optional[str] = doc("The outlet, only where the text names it.")
    published: Optional[EdtfDate] = doc("Publication date (EDTF), only where the text gives it.")
    published_note: Optional[str] = doc("How the publication date was read or inferred.")
    dateline: Optional[str] = doc("The dateline place, only where the text gives one.")
    origin: Origin = origin_field()


@dataclass(kw_only=True)
class Topic:
    id: Slug = required("Slug naming the topic.")
    name: str = required("The topic as readers know it.")
    description: Optional[Annotated[str, Prose()]] = doc("What the topic covers, in your words.")
    origin: Origin = origin_field()


@dataclass(kw_only=True)
class Organization:
    claims: ClassVar[tuple[str, ...]] = ("name", "acronym", "aliases", "country", "parent")
    id: Slug = required("Slug naming the organization.")
    name: Annotated[str, Verbatim()] = required("Name as a source writes it.")
    acronym: Optional[Annotated[str, Verbatim()]] = doc("Short form a source uses.")
    aliases: list[Annotated[str, Verbatim()]] = doc(
        "Other names and spellings the sources use.", default_factory=list
    )
    country: Optional[Country] = doc("ISO 3166-1 alpha-2 code, or null for international bodies.")
    parent: Optional[Annotated[str, Ref(("organizations",))]] = doc(
        "Id of the organization this one belongs to."
    )
    cite: Citations = required("Citations naming the organization.")
    origin: Origin = origin_field()


@dataclass(kw_only=True)
class Role:
    title: Annotated[str, Verbatim()] = required("The title exactly as the cited source writes it.")
    organization: Optional[Annotated[str, Ref(("organizations",))]] = doc(
        "Id of the organization the title belongs to."
    )
    cite: Citations = required("Citations giving this title.")
    origin: Origin = origin_field()


@dataclass(kw_only=True)
class Official:
    claims: ClassVar[tuple[str, ...]] = ("name", "aliases", "country")
    id: Slug = required("Slug naming the official.")
    name: Annotated[str, Verbatim()] = required("Full name as a source writes it.")
    country: Country = required("ISO 3166-1 alpha-2 code of the government served.")
    roles: Annotated[list[Role], NonEmpty()] = required("Each title a source gives, with citations.")
    aliases: list[Annotated[str, Verbatim()]] = doc(
        "Other spellings, short forms and handles the sources use.", default_factory=list
    )
    cite: list[Citation] = doc(
        "Citations giving the name and spellings, apart from any title (a name or alias must occur "
        "in a quote cited by the official or by one of their titles).",
        default_factory=list,
    )
    origin: Origin = origin_field()


@dataclass(kw_only=True)
class Expansion:
    text: Annotated[str, Verbatim()] = required("The expansion exactly as the cited source writes it.")
    cite: Citations = required("Citations giving this expansion.")
    origin: Origin = origin_field()


InitiativeKind = Literal[
    "initiative", "framework", "agreement", "dialogue", "forum", "grouping",
    "partnership", "mechanism", "target",
]


@dataclass(kw_only=True)
class Initiative:
    claims: ClassVar[tuple[str, ...]] = ("name", "acronym", "aliases", "kind", "launched", "related")
    id: Slug = required("Slug naming the initiative.")
    name: Annotated[str, Verbatim()] = required("Name as a source writes it.")
    kind: InitiativeKind = required("What sort of thing it is.")
    description: Annotated[str, Prose()] = required("What it is, in your own words.")
    cite: Citations = required("Citations naming the initiative.")
    acronym: Optional[Annotated[str, Verbatim()]] = doc("Acronym as a source writes it.")
    expansions: list[Expansion] = doc("Expansions of the acronym, each cited.", default_factory=list)
    aliases: list[Annotated[str, Verbatim()]] = doc(
        "Other names and spellings the sources use.", default_factory=list
    )
    launched: Optional[Annotated[str, Ref(("events",))]] = doc("Id of the event that launched it.")
    related: list[Annotated[str, Ref(("initiatives",))]] = doc(
        "Ids of related initiatives.", default_factory=list
    )
    prose_from: list[Annotated[str, Ref(("sources",))]] = doc(
        "The sources the description was written from. Once set, `check` warns when the initiative "
        "cites a source not listed here, until you review the description and add it.",
        default_factory=list,
    )
    origin: Origin = origin_field()


EventKind = Literal[
    "visit", "meeting", "call", "conversation", "talks", "roundtable",
    "consultations", "announcement", "interaction", "discussions",
]
DateBasis = Literal["stated", "derived", "inferred"]
EventStatus = Literal["held", "announced", "planned", "postponed", "cancelled"]


@dataclass(kw_only=True)
class Event:
    claims: ClassVar[tuple[str, ...]] = (
        "kind", "date", "place", "participants", "organizations", "parent", "initiatives", "topics", "status")
    id: Slug = required("Slug naming the engagement.")
    title: Annotated[str, Prose()] = required("A short title in your own words.")
    kind: EventKind = required("What sort of engagement it was.")
    summary: Annotated[str, Prose()] = required("What happened, in your own words.")
    cite: Citations = required("Citations describing the engagement.")
    date: Optional[EdtfDate] = doc("EDTF date or interval; null when no source gives it.")
    date_basis: Optional[DateBasis] = doc(
        "stated (a source gives it), derived (worked out from a weekday or 'today'), "
        "or inferred (a part no source states, marked uncertain in the EDTF)."
    )
    date_note: Optional[str] = doc("How a date was derived, or why it is missing.")
    place: Optional[str] = doc("Where it took place, as the sources allow.")
    participants: list[Annotated[str, Ref(("officials",))]] = doc(
        "Ids of the officials who took part.", default_factory=list
    )
    organizations: list[Annotated[str, Ref(("organizations",))]] = doc(
        "Ids of offices that took part or reported it.", default_factory=list
    )
    parent: Optional[Annotated[str, Ref(("events",))]] = doc("Id of the visit this belongs to.")
    initiatives: list[Annotated[str, Ref(("initiatives",))]] = doc(
        "Ids of initiatives discussed.", default_factory=list
    )
    topics: list[Annotated[str, Ref(("topics",))]] = doc("Ids of topics discussed.", default_factory=list)
    status: EventStatus = doc(
        "held (it took place), or announced, planned, postponed or cancelled: only held engagements "
        "count as meetings (networks, counterparts, the latest engagements).",
        default="held",
    )
    prose_from: list[Annotated[str, Ref(("sources",))]] = doc(
        "The sources the title and summary were written from. Once set, `check` warns when the "
        "engagement cites a source not listed here, until you review the prose and add it.",
        default_factory=list,
    )
    origin: Origin = origin_field()


@dataclass(kw_only=True)
class Statement:
    claims: ClassVar[tuple[str, ...]] = ("speaker", "speaker_role", "event", "about", "channel")
    id: Slug = required("Slug naming the statement.")
    speaker: Annotated[str, Ref(("officials", "organizations"))] = required(
        "Id of the official or organization quoted."
    )
    speaker_role: Optional[str] = doc(
        "Who spoke for an organization, where no name is given: a spokesperson, the embassy."
    )
    about: list[Annotated[str, Ref(("officials",))]] = doc(
        "Ids of officials whose position it reports (what an embassy says a minister emphasised).",
        default_factory=list,
    )
    quote: str = required("What was said, verbatim; it must occur in a cited source.")
    cite: Citations = required("Citations reporting the statement.")
    event: Optional[Annotated[str, Ref(("events",))]] = doc("Id of the engagement it concerns.")
    channel: Optional[str] = doc("How it was said: a post on X, a readout, a statement.")
    origin: Origin = origin_field()


@dataclass(kw_only=True)
class Version:
    value: str = required("One source's version.")
    cite: Citations = required("Citations giving this version.")
    origin: Origin = origin_field()


@dataclass(kw_only=True)
class Discrepancy:
    id: Slug = required("Slug naming the discrepancy.")
    subject: Annotated[
        str, Ref(("officials", "organizations", "initiatives", "events", "statements"))
    ] = required("Id of the record the sources disagree about.")
    field: str = required("What they disagree about: a title, a spelling, a date, who took part.")
    description: Annotated[str, Prose()] = required("The disagreement, in your own words.")
    versions: Annotated[list[Version], NonEmpty()] = required("Each version with its citations.")
    origin: Origin = origin_field()


# --- files -------------------------------------------------------------------


@dataclass(kw_only=True)
class SourcesFile:
    sources: list[Source] = doc("One entry per source document.", default_factory=list)


@dataclass(kw_only=True)
class FactsFile:
    topics: list[Topic] = doc("The controlled vocabulary of topics.", default_factory=list)
    officials: list[Official] = doc("People named in an official capacity.", default_factory=list)
    organizations: list[Organization] = doc("Ministries, departments and offices.", default_factory=list)
    initiatives: list[Initiative] = doc("Initiatives, frameworks, agreements, dialogues.", default_factory=list)
    events: list[Event] = doc("Engagements: visits, meetings, calls, talks.", default_factory=list)
    statements: list[Statement] = doc("Quoted statements.", default_factory=list)
    discrepancies: list[Discrepancy] = doc("Where the sources disagree.", default_factory=list)


def _lists(file_cls: type) -> dict[str, type]:
    """The record type of each list a file holds, by the list's name."""
    return {name: typing.get_args(hint)[0] for name, hint in typing.get_type_hints(file_cls).items()}


# Every list of records, by name, with its record type: the sources, then the facts files' lists in order.
COLLECTIONS: dict[str, type] = {**_lists(SourcesFile), **_lists(FactsFile)}
