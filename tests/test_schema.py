"""The JSON Schema generated from the model matches the committed one and the facts."""

from __future__ import annotations

import json

import jsonschema
import yaml

from briefing.schema import schemas
from conftest import ROOT


def test_committed_schemas_are_current():
    for name, text in schemas().items():
        assert (ROOT / "seeds" / name).read_text("utf-8") == text, f"seeds/{name} is stale: run build.py build"


def test_facts_files_validate_against_the_schema_and_name_it():
    facts_schema = json.loads(schemas()["facts.schema.json"])
    for path in sorted((ROOT / "seeds" / "facts").glob("*.yml")):
        text = path.read_text("utf-8")
        assert text.startswith("# yaml-language-server: $schema=../facts.schema.json\n"), path.name
        jsonschema.validate(yaml.safe_load(text), facts_schema)
    sources_text = (ROOT / "seeds" / "sources.yml").read_text("utf-8")
    assert sources_text.startswith("# yaml-language-server: $schema=sources.schema.json\n")
    jsonschema.validate(yaml.safe_load(sources_text), json.loads(schemas()["sources.schema.json"]))


def test_the_schema_rejects_what_the_loader_rejects():
    facts_schema = json.loads(schemas()["facts.schema.json"])
    validator = jsonschema.Draft202012Validator(facts_schema)
    assert list(validator.iter_errors({"events": [{"id": "Bad Id"}]}))
    assert list(validator.iter_errors({"officials": [{"id": "x", "name": "X", "country": "India", "roles": []}]}))
    assert list(validator.iter_errors({"colour": []}))
