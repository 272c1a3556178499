"""The briefing as tables, for the spreadsheets (`sheets.py`) and the SQLite
database (`database.py`): the same tables, the same column names and the
same rows in both, each column described once (Datasette shows the
descriptions, `database.py`).

- A table per list, a row per record, named as the site names it (the
  engagements are `engagements`): the record's own fields, an EDTF date with
  its start, end and precision beside it (`spans.py`), what the briefing
  derives about it, and its URL. A list of ids is kept in its row (joined
  with "; " in a spreadsheet, a JSON array in the database): ids are slugs,
  so the separator cannot occur in one.
- Every list a record holds, in long form: a row per item with its position
  (`engagement_participants`, with each official's name and side;
  `official_aliases`, `official_roles`, `discrepancy_versions`…). Lists of
  text (aliases, titles, versions) are only there: no separator is safe in
  curated text.
- `citations`: every citation of every claim, numbered.
- `records`: every record by id, with its table, name and URL, so that a
  reference to a record of any kind (a citation's record, a statement's
  speaker, a discrepancy's subject) leads somewhere.
- `source_texts`: each report's text, for full-text search (the database only).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Hashable, NamedTuple, Optional, cast

from . import spans
from .data import derived
from .incremental import Job
from .kinds import KINDS
from .model import Edtf, Ref
from .readable import ReadableBriefing
from .routes import absolute
from .shapes import FieldSpec, fields_of
from .views import country_name

# A list of text in long form: the column of each item.
ITEM_NAMES = {"aliases": "alias"}
RECORDS, CITATIONS, SOURCE_TEXTS = "records", "citations", "source_texts"
# Tables only the database holds: the reports' texts are published as the reports, not as a spreadsheet.
DATABASE_ONLY = {SOURCE_TEXTS}


def table_name(collection: str) -> str:
    return KINDS[collection].table_name


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    references: Optional[str] = None  # the table whose `id` it holds
    ids: bool = False                 # a list of ids (JSON in the database, "; " in a spreadsheet)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]


def _described(spec: FieldSpec) -> str:
    """A field's description for a reader of the data: the model's docs speak to the curator."""
    return spec.doc.replace("your own words", "the curator's own words").replace("your words", "the curator's words")


def _reference(spec: FieldSpec) -> Optional[str]:
    """The table a reference field leads to: its list's, or `records` when it may be of several."""
    ref = spec.shape.has(Ref) if spec.shape.kind != "list" else spec.shape.element.has(Ref)
    if ref is None:
        return None
    return table_name(ref.collections[0]) if len(ref.collections) == 1 else RECORDS


SPAN_COLUMNS = {"start": "The first day it may be (ISO 8601, YYYY-MM-DD); empty when open at the start.",
                "end": "The last day it may be (ISO 8601); empty when open at the end.",
                "precision": "What lies between start and end: " + ", ".join(spans.PRECISIONS)
                             + " (see the Exports page)."}


def _list_columns(collection: str) -> tuple[Column, ...]:
    columns = []
    for spec in fields_of(KINDS[collection].record):
        if spec.name == "cite":
            continue
        if spec.shape.kind == "list":
            if spec.shape.element.kind == "text" and _reference(spec):
                columns.append(Column(spec.name, _described(spec) + " Each is a row of " + _long_name(collection, spec.name)
                                      + ".", ids=True))
            continue  # text and nested records: only in long form
        columns.append(Column(spec.name, _described(spec), _reference(spec)))
        if spec.shape.has(Edtf):
            columns += [Column(f"{spec.name}_{part}", text) for part, text in SPAN_COLUMNS.items()]
    # What the briefing derives about it (`data.derived`); a span's columns are its field's, above.
    columns += [Column(item.name, item.doc, ids=item.ids) for item in KINDS[collection].derived if not item.span]
    columns.append(Column("url", "Its page on the site (in full when the site says where it is published)."))
    return tuple(columns)


def _long_name(collection: str, field: str) -> str:
    return KINDS[collection].list_table(field)


def _owner(collection: str) -> Column:
    singular = KINDS[collection].singular
    return Column(f"{singular}_id", f"The {singular}.", table_name(collection))


POSITION = Column("position", "Its place in the record's list, from 1.")


@functools.cache
def _long_tables(collection: str) -> list[tuple[str, FieldSpec, tuple[Column, ...]]]:
    """The long form of each list a record of `collection` holds: (table, field, columns)."""
    found = []
    for spec in fields_of(KINDS[collection].record):
        if spec.name == "cite" or spec.shape.kind != "list":
            continue
        element = spec.shape.element
        columns: list[Column] = [_owner(collection), POSITION]
        target = _reference(spec)
        if element.kind == "record":
            assert element.record is not None
            for inner in fields_of(element.record):
                if inner.name != "cite":
                    inner_target = _reference(inner)
                    columns.append(Column(f"{inner.name}_id" if inner_target else inner.name, _described(inner),
                                          inner_target))
        elif target:
            item = "related_id" if target == table_name(collection) else f"{KINDS[_collection(target)].singular}_id"
            columns.append(Column(item, _described(spec), target))
            if spec.name == "participants":
                columns += [Column("name", "The official's name."),
                            Column("country", "The side they took part for: ISO 3166-1 alpha-2 code."),
                            Column("country_name", "The side, by name.")]
        else:
            columns.append(Column(ITEM_NAMES.get(spec.name, spec.name), _described(spec)))
        found.append((_long_name(collection, spec.name), spec, tuple(columns)))
    return found


def _collection(table: str) -> str:
    return next(c for c in KINDS if table_name(c) == table)


@functools.cache
def schema() -> dict[str, Table]:
    """Every table, in order: the lists, each followed by its long forms; then
    citations, records and the reports' texts."""
    found: dict[str, Table] = {}
    for collection, kind in KINDS.items():
        name = kind.table_name
        found[name] = Table(name, kind.description, _list_columns(collection))
        for long_name, spec, columns in _long_tables(collection):
            found[long_name] = Table(long_name, f"{_described(spec)} A row per item of each {kind.singular}'s list.",
                                     columns)
    found[CITATIONS] = Table(CITATIONS, "Every citation: the record, the claim its quote supports "
                             "('record' for the record itself), the report and the quote.", (
        Column("id", "The citation's number."),
        Column("table_name", "The table of the record it supports."),
        Column("record_id", "The record it supports.", RECORDS),
        Column("claim", "What of the record it supports: a field, a title, or 'record'."),
        Column("source_id", "The report quoted.", "sources"),
        Column("quote", "The report's words, verbatim.")))
    found[RECORDS] = Table(RECORDS, "Every record of every table by id (ids are unique across them), so that a "
                           "reference to a record of any kind leads to it.", (
        Column("id", "The record's id."),
        Column("table_name", "The table it is a row of."),
        Column("name", "Its name or title."),
        Column("url", "Its page (or its place on a page) on the site.")))
    found[SOURCE_TEXTS] = Table(SOURCE_TEXTS, "Each report's whole text, for full-text search.", (
        Column("source_id", "The report.", "sources"),
        Column("text", "Its text, as published.")))
    return found


class TableRow(NamedTuple):
    """What one record gives the tables: its row, its rows of each long
    table, its citations as (claim, source, quote), and its name."""

    row: tuple
    long: tuple[tuple[str, tuple[tuple, ...]], ...]
    citations: tuple[tuple[str, str, str], ...]
    name: str


def _long_rows(b: ReadableBriefing, collection: str, record, spec: FieldSpec) -> tuple[tuple, ...]:
    items = getattr(record, spec.name)
    rows = []
    for position, item in enumerate(items, 1):
        if spec.shape.element.kind == "record":
            rows.append((record.id, position, *(getattr(item, inner.name) for inner in fields_of(type(item))
                                                if inner.name != "cite")))
        elif spec.name == "participants":
            official = b.officials[item]
            rows.append((record.id, position, item, official.name, official.country, country_name(official.country)))
        else:
            rows.append((record.id, position, item))
    return tuple(rows)


def table_row(b: ReadableBriefing, collection: str, record, site_url: str) -> TableRow:
    """A record's rows and citations: a job."""
    values: dict[str, Any] = {}
    for spec in fields_of(type(record)):
        value = getattr(record, spec.name)
        if spec.shape.kind == "list":
            values[spec.name] = list(value)
            continue
        values[spec.name] = value
        if spec.shape.has(Edtf):
            # The kind's own span of a field, where it derives one (an engagement's, narrowed by its visit), replaces this.
            span = spans.of(value)
            values.update({f"{spec.name}_start": span.start, f"{spec.name}_end": span.end,
                           f"{spec.name}_precision": span.precision})
    values.update(derived(b, collection, record))
    for item in KINDS[collection].derived:
        if item.in_table:
            values[item.name] = item.in_table(values[item.name])
    values["url"] = absolute(b.url(collection, record.id), site_url)
    columns = schema()[table_name(collection)].columns
    long = tuple((name, _long_rows(b, collection, record, spec)) for name, spec, _ in _long_tables(collection))
    citations = tuple((claim, citation.source, citation.quote)
                      for claim, cited in b.claims(record).items() for citation in cited)
    return TableRow(tuple(values[column.name] for column in columns), long, citations,
                    KINDS[collection].label(b, record))


def source_text(b: ReadableBriefing, source) -> str:
    """A report's text: a job."""
    return b.corpus.texts[source.id]


# The job giving what the database's metadata says of the whole (database.About).
ABOUT_JOB = "about"


def about(b: ReadableBriefing, *said: str) -> tuple[str, ...]:
    """The site's name, address and licence, as mkdocs.yml gives them: a job."""
    return said


def table_jobs(briefing: ReadableBriefing, setting) -> list[Job]:
    return [Job(ABOUT_JOB, about, (setting.site_name, setting.site_url, setting.licence))] + [
        Job((collection, record.id), table_row, (collection, record, setting.site_url))
        for collection, records in briefing.collections.items() for record in records.values()] + [
        Job((SOURCE_TEXTS, source.id), source_text, (source,)) for source in briefing.sources.values()]


class Tables(NamedTuple):
    """The whole briefing as tables: each table's rows, by name, in the order of `schema()`."""

    tables: dict[str, Table]
    rows: dict[str, list[tuple]]


def tables(results: dict[Hashable, Any]) -> Tables:
    """The jobs' results gathered into tables, in the order of the facts."""
    described = schema()
    rows: dict[str, list[tuple]] = {name: [] for name in described}
    for key, result in results.items():
        if key == ABOUT_JOB:
            continue
        collection, record_id = cast(tuple[str, str], key)
        if collection == SOURCE_TEXTS:
            rows[SOURCE_TEXTS].append((record_id, result))
            continue
        name = table_name(collection)
        rows[name].append(result.row)
        for long_name, long_rows in result.long:
            rows[long_name] += long_rows
        url = result.row[[column.name for column in described[name].columns].index("url")]
        rows[RECORDS].append((record_id, name, result.name, url))
        rows[CITATIONS] += [(len(rows[CITATIONS]) + number, name, record_id, *citation)
                            for number, citation in enumerate(result.citations, 1)]
    return Tables(described, rows)
