"""A JSON Schema of the curated-facts format, generated from the model.

Facts files name it in a `# yaml-language-server: $schema=...` comment, so an
editor with a YAML language server validates them while they are typed.
"""

from __future__ import annotations

import json

from .model import FactsFile, NonEmpty, Pattern, SourcesFile
from .shapes import Shape, fields_of


def _shape_schema(shape: Shape, defs: dict) -> dict:
    if shape.kind == "text":
        schema: dict = {"type": "string", "minLength": 1}
        pattern = shape.has(Pattern)
        if pattern:
            schema["pattern"] = pattern.regex
    elif shape.kind == "choice":
        schema = {"enum": list(shape.choices)}
    elif shape.kind == "list":
        schema = {"type": "array", "items": _shape_schema(shape.element, defs)}
        if shape.has(NonEmpty):
            schema["minItems"] = 1
    else:
        assert shape.record is not None
        name = shape.record.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first, so recursion terminates
            defs[name] = _record_schema(shape.record, defs)
        schema = {"$ref": f"#/$defs/{name}"}
    if shape.optional:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def _record_schema(cls: type, defs: dict) -> dict:
    properties = {}
    for spec in fields_of(cls):
        properties[spec.name] = {**_shape_schema(spec.shape, defs), "description": spec.doc}
    schema = {"type": "object", "additionalProperties": False, "properties": properties}
    required = [spec.name for spec in fields_of(cls) if spec.required]
    if required:
        schema["required"] = required
    doc = (cls.__doc__ or "").strip()
    if doc and not doc.startswith(cls.__name__ + "("):
        schema["description"] = doc
    return schema


def file_schema(file_cls: type, title: str) -> dict:
    defs: dict = {}
    top = _record_schema(file_cls, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": "Generated from briefing/model.py by the build; do not edit by hand.",
        **top,
        "$defs": dict(sorted(defs.items())),
    }


# File name beside the seeds → schema text.
def schemas() -> dict[str, str]:
    def text(schema: dict) -> str:
        return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

    return {
        "facts.schema.json": text(file_schema(FactsFile, "Briefing curated facts (seeds/facts/*.yml)")),
        "sources.schema.json": text(file_schema(SourcesFile, "Briefing sources (seeds/sources.yml)")),
    }
