"""The record-kind registry (`briefing/kinds.py`): every output reads it, so
adding a kind is its record type in model.py, one declaration and its
templates. The second test does just that, in a copy of the project, and
builds the site."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from briefing import apply
from briefing.kinds import KINDS, OWN_WORDS
from briefing.model import COLLECTIONS, Prose
from briefing.shapes import fields_of
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
         folder="venues", template="venue", jsonld="Place", mentioned=Mentioned.AS_NAME,
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
    # The facts files' schema, made from the model, holds the new list.
    assert "venues" in json.loads((project / "seeds" / "facts.schema.json").read_text(encoding="utf-8"))["properties"]
    # The report's page lists what it supports, the new record among them.
    source = (site / "sources" / "ani-misri-colby-kapoor.html").read_text(encoding="utf-8")
    assert "../venues/washington-dc.html" in source

