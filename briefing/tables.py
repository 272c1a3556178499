"""The lists as tables: a row per record, for the spreadsheets (`sheets.py`)
and the SQLite database (`database.py`), made by the same jobs.

A row holds the record's own fields (a list as a list; an official's titles
as "title (organization)", an acronym's expansions, a discrepancy's
versions), what the briefing derives about it (as in `briefing.json`), the
ids of the sources it cites, and its URL. Citations go to a table of their
own, one row per citation of each claim: the long form.
"""

from __future__ import annotations

from typing import Any, Hashable, NamedTuple, Optional, cast

from .data import derived
from .incremental import Job
from .model import COLLECTIONS
from .shapes import fields_of

# The jobs' key for the list of collections, empty ones too (each is a table).
COLLECTIONS_JOB = "collections"
# The columns of the citations table, in order.
CITATION_COLUMNS = ("collection", "record", "claim", "source", "quote")


class TableRow(NamedTuple):
    """What one record gives the tables: its row, its citations as
    (claim, source, quote), and, for an official, each title as (title,
    organization id)."""

    row: dict[str, Any]
    citations: list[tuple[str, str, str]]
    roles: list[tuple[str, Optional[str]]]


def _item_text(b, item) -> str:
    """A nested record (a title, an expansion, a version) as one line of text."""
    if hasattr(item, "title"):  # an official's title
        organization = item.organization and b.organizations[item.organization].name
        return f"{item.title} ({organization})" if organization else item.title
    return str(getattr(item, "text", None) or getattr(item, "value", ""))


def table_row(b, collection: str, record) -> TableRow:
    """A record's row and citations: a job."""
    row: dict[str, Any] = {}
    for spec in fields_of(type(record)):
        value = getattr(record, spec.name)
        if spec.name == "cite":
            continue  # in the citations table
        if spec.shape.kind == "list" and spec.shape.element.kind == "record":
            row[spec.name] = [_item_text(b, item) for item in value]
        else:
            row[spec.name] = list(value) if isinstance(value, list) else value
    more = derived(b, collection, record)
    if hasattr(record, "cite") and "sources" not in more:
        row["sources"] = [source.id for source in b.sources_of(record)]
    row.update(more)
    row["url"] = b.url(collection, record.id)
    citations = [(claim, citation.source, citation.quote)
                 for claim, cited in b.claims(record).items() for citation in cited]
    roles = [(role.title, role.organization) for role in getattr(record, "roles", [])]
    return TableRow(row, citations, roles)


def collection_names(b) -> list[str]:
    """Every collection, empty ones too: a job."""
    return list(b.collections.keys())


def table_jobs(briefing, setting) -> list[Job]:
    return [Job(COLLECTIONS_JOB, collection_names)] + [
        Job((collection, record.id), table_row, (collection, record))
        for collection, records in briefing.collections.items() for record in records.values()]


class Tables(NamedTuple):
    """The whole briefing as tables: the rows of each list, by collection;
    its columns; and every citation as (collection, record, claim, source, quote)."""

    rows: dict[str, list[TableRow]]
    columns: dict[str, list[str]]
    citations: list[tuple[str, str, str, str, str]]


def model_columns(collection: str) -> list[str]:
    """The columns of an empty list: its own fields, and its URL."""
    return [spec.name for spec in fields_of(COLLECTIONS[collection]) if spec.name != "cite"] + ["url"]


def tables(results: dict[Hashable, Any]) -> Tables:
    """The jobs' results gathered into tables, in the order of the facts."""
    rows: dict[str, list[TableRow]] = {collection: [] for collection in results[COLLECTIONS_JOB]}
    citations = []
    for key, result in results.items():
        if key == COLLECTIONS_JOB:
            continue
        collection, record_id = cast(tuple[str, str], key)
        rows[collection].append(result)
        citations += [(collection, record_id, *citation) for citation in result.citations]
    columns = {collection: list(found[0].row) if found else model_columns(collection)
               for collection, found in rows.items()}
    return Tables(rows, columns, citations)
