"""The SQLite database: every table of `tables.py` with its foreign keys,
full-text indexes (FTS5) over every kind of record, the citations and the
reports' texts, and Datasette's metadata beside it
(`datasette briefing.db -m briefing.metadata.json`; Datasette is a test
dependency, not a runtime one): the title, description, licence and
source, each table's and column's description, default facets, and canned
queries (who met whom, an official's engagements by month, the claims each
report supports).

It follows Datasette's habits: a list of ids is a JSON array (Datasette
offers it as a facet), references are foreign keys (it links them; one that
may lead to a record of any kind leads to `records`), and each full-text
index is an external-content FTS5 table named after its table
(`engagements_fts` for `engagements`), which gives that table a search box.

The bytes are the same for the same briefing: the database is made with a
fixed page size, rows inserted in the order of the facts, then compacted
(VACUUM INTO), its header saying nothing of the writes or the library that
made it. Another SQLite may lay the pages out
otherwise, so builds with another version may differ.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

from .kinds import KINDS, InDatabase
from .routes import DATABASE_FILE, DATABASE_METADATA_FILE, EXPORTS_PAGE, absolute, url_of
from .tables import CITATIONS, RECORDS, SOURCE_TEXTS, Table, Tables

PAGE_SIZE = 4096
# Datasette names a database after its file.
DATABASE_NAME = DATABASE_FILE.rpartition("/")[2].partition(".")[0]
INTEGERS = {"position", "facts", "corroborated"}
# How the tables of the whole briefing are indexed and presented; each
# kind's table and lists are as its declaration says (`kinds.py`).
OF_THE_WHOLE = {
    CITATIONS: InDatabase(full_text=("quote",), facets=("table_name", "claim", "source_id")),
    RECORDS: InDatabase(facets=("table_name",), label="name"),
    SOURCE_TEXTS: InDatabase(full_text=("text",)),
}


def presented() -> dict[str, InDatabase]:
    """How each table is indexed and presented, by table, where it is."""
    found: dict[str, InDatabase] = {}
    for kind in KINDS.values():
        found[kind.table_name] = kind.database
        for field, how in kind.lists_in_database:
            found[kind.list_table(field)] = how
    return found | OF_THE_WHOLE


def full_text(found: Tables) -> dict[str, tuple[str, ...]]:
    """The full-text indexes, in the order of the tables: table, its columns."""
    how = presented()
    return {table: how[table].full_text for table in found.tables if table in how and how[table].full_text}


def facets(how: InDatabase) -> list:
    """What Datasette offers first on a table: its facets, a list of ids as an array facet."""
    return [*how.facets, *({"array": column} for column in how.array_facets)]
QUERIES = {
    "who_met_whom": {
        "title": "Who met whom",
        "description": "Each pair of officials who took part in the same engagements held, with how many and "
                       "which; leave the official empty for every pair.",
        "sql": """select a.official_id, a.name, a.country_name,
  b.official_id as counterpart_id, b.name as counterpart, b.country_name as counterpart_country,
  count(*) as engagements, json_group_array(e.id) as engagement_ids
from engagement_participants a
join engagement_participants b on b.engagement_id = a.engagement_id and b.official_id != a.official_id
join engagements e on e.id = a.engagement_id
where e.status = 'held' and (:official = '' or a.official_id = :official)
group by a.official_id, b.official_id
order by engagements desc, a.name, b.name""",
    },
    "engagements_by_month": {
        "title": "An official's engagements by month",
        "description": "How many engagements an official took part in each month (by the first day the date "
                       "may be; a year-only date counts under its year, an undated one under 'undated').",
        "sql": """select case when e.date_start is null then 'undated'
    when e.date_precision in ('year', 'years') then substr(e.date_start, 1, 4)
    else substr(e.date_start, 1, 7) end as month,
  count(*) as engagements, json_group_array(e.id) as engagement_ids
from engagement_participants p
join engagements e on e.id = p.engagement_id
where p.official_id = :official
group by month
order by month""",
    },
    "claims_by_report": {
        "title": "Claims by report",
        "description": "What each report supports: every record it is cited for, with the claims; leave the "
                       "report empty for every report.",
        "sql": """select c.source_id, s.title as report, c.table_name, c.record_id, r.name,
  json_group_array(distinct c.claim) as claims
from citations c
join sources s on s.id = c.source_id
join records r on r.id = c.record_id
where :source = '' or c.source_id = :source
group by c.source_id, c.record_id
order by c.source_id, c.table_name, r.name""",
    },
}


def name(identifier: str) -> str:
    """An SQL identifier, quoted (`date`, `kind` and others are key words)."""
    return '"' + identifier.replace('"', '""') + '"'


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _create_table(connection: sqlite3.Connection, table: Table, rows: list[tuple]) -> None:
    lines = []
    for column in table.columns:
        integer = column.name in INTEGERS or (table.name == CITATIONS and column.name == "id")
        line = f"{name(column.name)} {'INTEGER' if integer else 'TEXT'}"
        if column.references:
            line += f" REFERENCES {name(column.references)}({name('id')})"
        lines.append(line)
    names = [column.name for column in table.columns]
    key = ["id"] if "id" in names else names[:2] if "position" in names else names[:1]
    lines.append(f"PRIMARY KEY ({', '.join(map(name, key))})")
    connection.execute(f"CREATE TABLE {name(table.name)} (\n  " + ",\n  ".join(lines) + "\n)")
    for column in table.columns:
        if column.references and column.name not in key[:1]:
            connection.execute(f"CREATE INDEX {name(table.name + '_' + column.name)} "
                               f"ON {name(table.name)}({name(column.name)})")
    connection.executemany(f"INSERT INTO {name(table.name)} VALUES ({', '.join('?' * len(names))})",
                           ([_value(value) for value in row] for row in rows))


def _create(connection: sqlite3.Connection, found: Tables) -> None:
    for table_name, table in found.tables.items():
        _create_table(connection, table, found.rows[table_name])
    for table_name, columns in full_text(found).items():
        fts = name(f"{table_name}_fts")
        listed = ", ".join(name(column) for column in columns)
        connection.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content={name(table_name)})")
        connection.execute(f"INSERT INTO {fts}(rowid, {listed}) "
                           f"SELECT rowid, {listed} FROM {name(table_name)} ORDER BY rowid")
        connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")


# What a file's header says of the writes made to it and of the SQLite that
# made them (the change counter, the counter its page count is valid for,
# and the library's version number): zeros, as in a database serialised from
# memory, so that the same briefing gives the same bytes.
_WRITES_IN_HEADER = ((24, 4), (92, 8))


def database_bytes(found: Tables) -> bytes:
    """The database file's bytes. It is made in a temporary file (SQLite
    keeps a few MB of it in memory), compacted into another (VACUUM INTO),
    and only that one is read: made in memory, compacted and serialised, it
    was held three times at once (150 MB at 10,000 engagements). No journal
    and no syncing: the files are thrown away should anything fail."""
    with tempfile.TemporaryDirectory(prefix="briefing-db-") as folder:
        compacted = Path(folder) / DATABASE_FILE.rpartition("/")[2]
        connection = sqlite3.connect(Path(folder) / "made.db", isolation_level=None)
        try:
            connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA user_version = 1")
            connection.execute("BEGIN")
            _create(connection, found)
            connection.execute("COMMIT")
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            assert not broken, f"the database has references that lead nowhere: {broken[:5]}"
            connection.execute("VACUUM INTO ?", (str(compacted),))
        finally:
            connection.close()
        with open(compacted, "r+b") as file:
            for offset, size in _WRITES_IN_HEADER:
                file.seek(offset)
                file.write(bytes(size))
        return compacted.read_bytes()


class About(NamedTuple):
    """What the metadata says of the whole: from mkdocs.yml."""

    site_name: str
    site_url: str
    licence: str


# Said where mkdocs.yml does not say under what terms the briefing is published.
NO_LICENCE = "not stated by the publisher (copyright in mkdocs.yml)"


def metadata(found: Tables, about: About) -> dict:
    """Datasette's metadata for the database."""
    tables: dict[str, dict] = {}
    presentation = presented()
    for table_name, table in found.tables.items():
        entry: dict[str, Any] = {"description": table.description,
                                 "columns": {column.name: column.description for column in table.columns}}
        how = presentation.get(table_name, InDatabase())
        if facets(how):
            entry["facets"] = facets(how)
        if how.label:
            entry["label_column"] = how.label
        if how.sort:
            entry["sort"] = how.sort
        tables[table_name] = entry
    exports = absolute(url_of(EXPORTS_PAGE), about.site_url) if about.site_url else ""
    whole: dict[str, Any] = {
        "title": about.site_name,
        "description": "Every record of the briefing, each fact with the report and the words that support it: "
                       "engagements, who took part on which side, officials and their titles, organizations, "
                       "initiatives, topics, statements, where the reports disagree, and the reports themselves. "
                       "Dates come with their first and last possible day and their precision.",
        "license": about.licence or NO_LICENCE,
        "source": "The news reports in the sources table, each quoted verbatim and checked at every build",
    }
    if exports:
        whole["source_url"] = exports
    whole["databases"] = {DATABASE_NAME: {"tables": tables, "queries": QUERIES}}
    return whole


def database_files(found: Tables, about: About) -> dict[str, bytes]:
    text = json.dumps(metadata(found, about), ensure_ascii=False, indent=2) + "\n"
    return {DATABASE_FILE: database_bytes(found), DATABASE_METADATA_FILE: text.encode("utf-8")}
