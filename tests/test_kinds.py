"""The record-kind registry (`briefing/kinds.py`): every output reads it, so
adding a kind is its record type in model.py, one declaration and its
templates. The second test does just that, in a copy of the project, and
builds the site."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
import yaml

from briefing import apply, database
from briefing.kinds import KINDS, OWN_WORDS, search_named
from briefing.model import COLLECTIONS, Prose
from briefing.shapes import fields_of
from briefing.tables import schema
from conftest import run_build


def test_every_list_of_the_model_is_declared_once_in_order():
    assert list(KINDS) == list(COLLECTIONS)
    for collection, kind in KINDS.items():
        assert kind.collection == collection
        assert kind.record is COLLECTIONS[collection]


def test_own_words_are_the_models_prose_fields_in_one_list():
    expected = {collection: tuple(spec.name for spec in fields_of(cls) if spec.shape.has(Prose))
                for collection, cls in COLLECTIONS.items()}
    assert OWN_WORDS == {collection: fields for collection, fields in expected.items() if fields}
    assert OWN_WORDS["events"] == ("title", "summary")
    assert OWN_WORDS["discrepancies"] == ("description",)
    # What `apply` reviews as possibly stale: the own words of the kinds that record `prose_from`.
    assert apply.PROSE == {"initiatives": ("description",), "events": ("title", "summary")}


def test_what_the_database_indexes_and_presents_is_a_column_of_its_table():
    tables = schema()
    presented = database.presented()
    assert set(presented) <= set(tables)
    for table, how in presented.items():
        columns = {column.name for column in tables[table].columns}
        named = {*how.full_text, *how.facets, *how.array_facets, *filter(None, (how.label, how.sort))}
        assert named <= columns, f"{table}: no column {sorted(named - columns)}"
    # Each kind's table has its full-text index, as do the citations and the reports' texts.
    assert {KINDS[c].table_name for c in KINDS} | {"citations", "source_texts"} \
        <= {table for table, how in presented.items() if how.full_text}


def test_search_suggests_the_names_of_kinds_with_a_page_and_a_name():
    assert [kind.collection for kind in search_named()] == ["officials", "organizations", "initiatives", "topics"]
    for kind in search_named():
        assert kind.folder and kind.has("name")


# A new kind, as a developer would add it: a record type and its list in
# model.py, one declaration in kinds.py, a template for its pages and one for
# its index.
RECORD_TYPE = '''

@dataclass(kw_only=True)
class Venue:
    id: Slug = required("Slug naming the venue.")
    name: Annotated[str, Verbatim()] = required("Name as a source writes it.")
    description: Annotated[str, Prose()] = required("What the place is, in your own words.")
    cite: Citations = required("Citations naming the venue.")
    origin: Origin = origin_field()


# --- files ---'''
LIST = '''    venues: list[Venue] = doc("Where engagements took place.", default_factory=list)
'''
DECLARATION = '''    Kind("venues", "venue", "Venues", "Where engagements took place.",
         folder="venues", template="venue", jsonld="Place", mentioned=Mentioned.AS_NAME, search_names=5,
         database=InDatabase(full_text=("name", "description"), facets=("name",), label="name"),
         derived=(back("sources", SOURCES, lambda b, r: b.sources_of(r)),)),
'''
PAGE = """# {{ record.name }}

{{ ctx.cited_prose(record.description, record, record.cite) }}
"""
INDEX = """# {{ title }}

{% for venue in b.collections["venues"].values() %}
- {{ ctx.link(venue) }}
{% endfor %}
"""
VENUES = """# yaml-language-server: $schema=../facts.schema.json
venues:
  - id: washington-dc
    name: Washington DC
    description: The capital of the United States, where the Foreign Secretary held his talks.
    cite:
      - source: ani-misri-colby-kapoor
        quote: "Misri's visit to Washington DC follows Prime Minister Narendra Modi's visit to the US in February this year"
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_a_kind_is_one_declaration_and_its_templates(project):
    package = project / "briefing"
    _edit(package / "model.py", "\n\n# --- files ---", RECORD_TYPE)
    _edit(package / "model.py", '''    discrepancies: list[Discrepancy] = doc("Where the sources disagree.", default_factory=list)
''', '''    discrepancies: list[Discrepancy] = doc("Where the sources disagree.", default_factory=list)
''' + LIST)
    _edit(package / "kinds.py", "\n)\n# Every kind by its collection", "\n" + DECLARATION + ")\n# Every kind by its collection")
    (project / "templates" / "venue.md.j2").write_text(PAGE, encoding="utf-8")
    (project / "templates" / "venues_index.md.j2").write_text(INDEX, encoding="utf-8")
    (project / "seeds" / "facts" / "venues.yml").write_text(VENUES, encoding="utf-8")

    result = run_build(project, "build")
    assert result.code == 0, result.err

    # Its page and its index, built by MkDocs, with its note quoting the report.
    site = project / "site"
    page = (site / "venues" / "washington-dc.html").read_text(encoding="utf-8")
    assert '<h1 id="washington-dc">Washington DC' in page
    assert "The capital of the United States" in page
    assert "“Misri's visit to Washington DC follows" in page
    assert '"@type":"Place"' in page
    assert 'href="washington-dc.html"' in (site / "venues" / "index.html").read_text(encoding="utf-8")
    # Its data, with what is derived about it, and its table.
    record = yaml.safe_load((site / "data" / "venues" / "washington-dc.yml").read_text(encoding="utf-8"))
    assert record["sources"] == ["ani-misri-colby-kapoor"]
    assert record["url"] == "venues/washington-dc.html"
    assert [v["id"] for v in json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))["venues"]] \
        == ["washington-dc"]
    with open(site / "data" / "venues.csv", encoding="utf-8-sig", newline="") as table:
        rows = list(csv.DictReader(table))
    assert [(row["id"], row["name"], row["sources"]) for row in rows] \
        == [("washington-dc", "Washington DC", "ani-misri-colby-kapoor")]
    # The database: its table with its full-text index, and Datasette's facets and label for it.
    connection = sqlite3.connect(site / "data" / "briefing.db")
    try:
        assert connection.execute("SELECT v.id FROM venues_fts JOIN venues v ON v.rowid = venues_fts.rowid "
                                  "WHERE venues_fts MATCH 'capital'").fetchall() == [("washington-dc",)]
    finally:
        connection.close()
    described = json.loads((site / "data" / "briefing.metadata.json").read_text(encoding="utf-8"))
    venues = described["databases"]["briefing"]["tables"]["venues"]
    assert (venues["facets"], venues["label_column"]) == (["name"], "name")
    # Search's "Did you mean" knows its names, after the kinds before it.
    script = (site / "assets" / "search-names.js").read_text(encoding="utf-8")
    names = json.loads(script.partition(" = ")[2].rstrip().removesuffix(";"))
    assert names[-1] == [["Washington DC"], "venues/washington-dc.html"]
    # The facts files' schema, made from the model, holds the new list.
    assert "venues" in json.loads((project / "seeds" / "facts.schema.json").read_text(encoding="utf-8"))["properties"]
    # The report's page lists what it supports, the new record among them.
    source = (site / "sources" / "ani-misri-colby-kapoor.html").read_text(encoding="utf-8")
    assert "../venues/washington-dc.html" in source

