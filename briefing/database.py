"""The SQLite database: a table per list with a row per record, link tables
for what an engagement, a statement or an initiative refers to, every
citation, and full-text indexes (FTS5) over titles, summaries and quotes.
`datasette data/briefing.db` opens it as it is (Datasette is a test
dependency, not a runtime one).

It follows Datasette's habits: a list's values are JSON arrays (Datasette
offers them as facets), references are foreign keys (it links them), and
each full-text index is an external-content FTS5 table named after its table
(`events_fts` for `events`), which gives that table a search box.

The bytes are the same for the same briefing: the database is made in
memory, with a fixed page size, rows inserted in the order of the facts,
then compacted (VACUUM) and serialised. The file's header records the SQLite
library's version, so builds with another SQLite may differ in those bytes.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .model import COLLECTIONS, Ref
from .routes import DATABASE_FILE
from .shapes import fields_of
from .tables import Tables

PAGE_SIZE = 4096
# Link tables: (table, owner collection, its column, the owner's list field, the column of each item, its collection).
LINKS = [
    ("event_participants", "events", "event_id", "participants", "official_id", "officials"),
    ("event_organizations", "events", "event_id", "organizations", "organization_id", "organizations"),
    ("event_initiatives", "events", "event_id", "initiatives", "initiative_id", "initiatives"),
    ("event_topics", "events", "event_id", "topics", "topic_id", "topics"),
    ("statement_about", "statements", "statement_id", "about", "official_id", "officials"),
    ("initiative_related", "initiatives", "initiative_id", "related", "related_id", "initiatives"),
]
# Full-text indexes: table, its columns.
FULL_TEXT = [
    ("events", ("title", "summary")),
    ("statements", ("quote",)),
    ("citations", ("quote",)),
    ("sources", ("title",)),
    ("initiatives", ("name", "description")),
]


def name(identifier: str) -> str:
    """An SQL identifier, quoted (`date`, `kind` and others are key words)."""
    return '"' + identifier.replace('"', '""') + '"'


def _references(collection: str) -> dict[str, str]:
    """Columns that hold the id of one record of one other list: column -> list."""
    found = {}
    for spec in fields_of(COLLECTIONS[collection]):
        ref = spec.shape.has(Ref)
        if spec.shape.kind == "text" and ref is not None and len(ref.collections) == 1:
            found[spec.name] = ref.collections[0]
    return found


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _create_list_table(connection: sqlite3.Connection, collection: str, columns: list[str], rows: list) -> None:
    references = _references(collection)
    lines = []
    for column in columns:
        values = [entry.row.get(column) for entry in rows]
        kind = "INTEGER" if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values) else "TEXT"
        line = f"{name(column)} {kind}"
        if column == "id":
            line += " PRIMARY KEY"
        elif column in references and references[column] in COLLECTIONS:
            line += f" REFERENCES {name(references[column])}({name('id')})"
        lines.append(line)
    connection.execute(f"CREATE TABLE {name(collection)} (\n  " + ",\n  ".join(lines) + "\n)")
    connection.executemany(
        f"INSERT INTO {name(collection)} VALUES ({', '.join('?' * len(columns))})",
        ([_value(entry.row.get(column)) for column in columns] for entry in rows))


def _create(connection: sqlite3.Connection, found: Tables) -> None:
    for collection, rows in found.rows.items():
        _create_list_table(connection, collection, found.columns[collection], rows)
    for table, owner, owner_column, field, item_column, target in LINKS:
        if owner not in found.rows or target not in found.rows:
            continue
        connection.execute(
            f"CREATE TABLE {name(table)} (\n"
            f"  {name(owner_column)} TEXT NOT NULL REFERENCES {name(owner)}(\"id\"),\n"
            f"  {name(item_column)} TEXT NOT NULL REFERENCES {name(target)}(\"id\"),\n"
            f"  \"position\" INTEGER NOT NULL,\n"
            f"  PRIMARY KEY ({name(owner_column)}, \"position\")\n)")
        connection.execute(f"CREATE INDEX {name(table + '_' + item_column)} ON {name(table)}({name(item_column)})")
        connection.executemany(f"INSERT INTO {name(table)} VALUES (?, ?, ?)",
                               ((entry.row["id"], item, position)
                                for entry in found.rows[owner] for position, item in enumerate(entry.row[field], 1)))
    if "officials" in found.rows:
        connection.execute(
            "CREATE TABLE \"official_roles\" (\n"
            "  \"official_id\" TEXT NOT NULL REFERENCES \"officials\"(\"id\"),\n"
            "  \"position\" INTEGER NOT NULL,\n"
            "  \"title\" TEXT NOT NULL,\n"
            "  \"organization_id\" TEXT REFERENCES \"organizations\"(\"id\"),\n"
            "  PRIMARY KEY (\"official_id\", \"position\")\n)")
        connection.execute("CREATE INDEX \"official_roles_organization_id\" ON \"official_roles\"(\"organization_id\")")
        connection.executemany("INSERT INTO \"official_roles\" VALUES (?, ?, ?, ?)",
                               ((entry.row["id"], position, title, organization)
                                for entry in found.rows["officials"]
                                for position, (title, organization) in enumerate(entry.roles, 1)))
    connection.execute(
        "CREATE TABLE \"citations\" (\n"
        "  \"id\" INTEGER PRIMARY KEY,\n"
        "  \"collection\" TEXT NOT NULL,\n"
        "  \"record_id\" TEXT NOT NULL,\n"
        "  \"claim\" TEXT NOT NULL,\n"
        "  \"source_id\" TEXT NOT NULL REFERENCES \"sources\"(\"id\"),\n"
        "  \"quote\" TEXT NOT NULL\n)")
    connection.execute("CREATE INDEX \"citations_record\" ON \"citations\"(\"collection\", \"record_id\")")
    connection.execute("CREATE INDEX \"citations_source_id\" ON \"citations\"(\"source_id\")")
    connection.executemany("INSERT INTO \"citations\" VALUES (?, ?, ?, ?, ?, ?)",
                           ((number, *citation) for number, citation in enumerate(found.citations, 1)))
    for table, columns in FULL_TEXT:
        if table != "citations" and table not in found.rows:
            continue
        fts = name(f"{table}_fts")
        listed = ", ".join(name(column) for column in columns)
        connection.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content={name(table)})")
        connection.execute(f"INSERT INTO {fts}(rowid, {listed}) SELECT rowid, {listed} FROM {name(table)} ORDER BY rowid")
        connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")


def database_bytes(found: Tables) -> bytes:
    """The database file's bytes."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        connection.execute("PRAGMA user_version = 1")
        connection.execute("BEGIN")
        _create(connection, found)
        connection.execute("COMMIT")
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        assert not broken, f"the database has references that lead nowhere: {broken[:5]}"
        connection.execute("VACUUM")
        return connection.serialize()
    finally:
        connection.close()


def database_files(found: Tables) -> dict[str, bytes]:
    return {DATABASE_FILE: database_bytes(found)}
