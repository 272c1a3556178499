"""The record-kind registry (`briefing/kinds.py`): every output reads it, so
adding a kind is its record type in model.py, one declaration and its
templates. `test_a_kind_is_one_declaration_and_its_templates` does just
that, in a copy of the project, and builds the site; the last tests count
the branches on a kind's name left outside the ingest modules, in the
package and in the templates."""

from __future__ import annotations

import ast
import csv
import json
import sqlite3
from pathlib import Path

import jinja2
import jinja2.nodes
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



# --- what the registry keeps out of the other modules --------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
TEMPLATES = PACKAGE.parent / "templates"
# The modules that read and change the curated facts (the ingest side): they
# name the lists the files hold, as the files do. `model.py` defines the
# lists; `load.py` and `verify.py` read and check them; `add.py`, `draft.py`,
# `draftrules.py`, `draftfile.py`, `review.py` (a draft's page), `apply.py`,
# `roundtrip.py` and `seedfiles.py` propose and write facts; `scaffold.py`
# writes a new briefing's empty lists and `schema.py` the files' JSON Schemas.
# And `kinds.py`, the registry, where each kind is declared.
INGEST = {"model.py", "load.py", "verify.py", "add.py", "draft.py", "draftrules.py", "draftfile.py", "review.py",
          "apply.py", "roundtrip.py", "seedfiles.py", "scaffold.py", "schema.py", "kinds.py"}
# The other modules, together, branch on a kind at most this often (issue 26's target).
MOST_BRANCHES = 3


def _kind_names() -> set[str]:
    return set(KINDS) | {kind.table_name for kind in KINDS.values()}


def branches_on_kinds(source: str, names: set[str], types: set[str]) -> list[tuple[int, str]]:
    """Where a module decides by a record's kind: it compares with a kind's
    name (`collection == "events"`, `name in ("officials", "topics")`), keys a
    dict by one (`{"engagements": …}`), matches one in a `case`, or tests a
    record's type (`isinstance(record, Event)`). Naming a kind as an argument
    (`b.url("events", id)`) reads that kind; it decides nothing."""

    def named(node) -> bool:
        if isinstance(node, ast.Constant):
            return node.value in names
        return isinstance(node, (ast.Tuple, ast.List, ast.Set)) and any(named(e) for e in node.elts)

    def typed(node) -> bool:
        if isinstance(node, ast.Name):
            return node.id in types
        return isinstance(node, ast.Tuple) and any(typed(e) for e in node.elts)

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(named(side) for side in (node.left, *node.comparators)):
            found.append((node.lineno, "compares with a kind's name"))
        elif isinstance(node, ast.Dict) and any(key is not None and named(key) for key in node.keys):
            found.append((node.lineno, "keys a dict by a kind's name"))
        elif isinstance(node, ast.match_case) and isinstance(node.pattern, ast.MatchValue) \
                and named(node.pattern.value):
            found.append((node.pattern.lineno, "matches a kind's name"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance" \
                and len(node.args) == 2 and typed(node.args[1]):
            found.append((node.lineno, "tests a record's type"))
    return sorted(found)


def template_branches_on_kinds(source: str, names: set[str]) -> list[tuple[int, str]]:
    """Where a template decides by a kind's name: `{% if kind == "officials" %}`,
    `{{ x if collection in ("events", "topics") }}`."""
    def named(node) -> bool:
        if isinstance(node, jinja2.nodes.Const):
            return node.value in names
        return isinstance(node, (jinja2.nodes.Tuple, jinja2.nodes.List)) and any(named(e) for e in node.items)

    found = []
    for node in jinja2.Environment().parse(source).find_all(jinja2.nodes.Compare):
        if named(node.expr) or any(named(operand.expr) for operand in node.ops):
            found.append((node.lineno, "compares with a kind's name"))
    return sorted(found)


def test_the_checker_finds_each_way_of_branching_on_a_kind():
    source = '''
def f(collection, record, table):
    if collection == "events": pass
    if table in ("engagements", "x"): pass
    labels = {"officials": "person"}
    match collection:
        case "topics": pass
    if isinstance(record, (Event, int)): pass
    b.url("events", record.id)
    KINDS["statements"].anchor(record.id)
    if collection == "participants": pass
'''
    assert [line for line, _ in branches_on_kinds(source, _kind_names(), {"Event"})] == [3, 4, 5, 7, 8]
    template = '''{% if kind == "officials" %}a{% endif %}
{{ "x" if collection in ("events", "y") else "z" }}
{{ ctx.link_to("events", id) }}{% if kind == "participants" %}b{% endif %}
'''
    assert [line for line, _ in template_branches_on_kinds(template, _kind_names())] == [1, 2]


def test_outside_the_ingest_modules_at_most_three_branches_on_a_kind():
    types = {cls.__name__ for cls in COLLECTIONS.values()}
    found = [f"briefing/{path.name}:{line}: {what}" for path in sorted(PACKAGE.glob("*.py")) if path.name not in INGEST
             for line, what in branches_on_kinds(path.read_text(encoding="utf-8"), _kind_names(), types)]
    # The templates format: each kind's words are in its own template, and the shared ones decide nothing by kind.
    found += [f"templates/{path.name}:{line}: {what}" for path in sorted(TEMPLATES.glob("*.j2"))
              for line, what in template_branches_on_kinds(path.read_text(encoding="utf-8"), _kind_names())]
    assert len(found) <= MOST_BRANCHES, "\n".join(found)
    assert INGEST <= {path.name for path in PACKAGE.glob("*.py")}, "an ingest module named here is gone"
