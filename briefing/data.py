"""The published data: every record with what the briefing derives about it,
in one JSON file (a line a record) and a YAML file a record."""

from __future__ import annotations

import io
from typing import Any, Hashable, cast

from .datatext import json_line, yaml_text
from .incremental import Job
from .kinds import KINDS
from .readable import ReadableBriefing
from .routes import DATA_FILE, data_file_of
from .shapes import fields_of


def plain(obj: Any) -> Any:
    """A model object as plain data, in field order, without internal fields."""
    if isinstance(obj, list):
        return [plain(item) for item in obj]
    if hasattr(obj, "__dataclass_fields__"):
        return {spec.name: plain(getattr(obj, spec.name)) for spec in fields_of(type(obj))}
    return obj


def derived(b: ReadableBriefing, collection: str, record) -> dict:
    """What the briefing derives about a record, published beside its own
    fields: its kind's back-references and values (`kinds.Derived`), an
    EDTF field's span as its first and last possible day and its precision
    (see spans.py)."""
    found: dict = {}
    for item in KINDS[collection].derived:
        value = item.of(b, record)
        if item.span:
            found.update({f"{item.name}_start": value.start, f"{item.name}_end": value.end,
                          f"{item.name}_precision": value.precision})
        else:
            found[item.name] = value
    return found


def record_texts(b: ReadableBriefing, collection: str, record) -> tuple[str, bytes]:
    """A record's line of the JSON file, and its YAML file: a job. Beside its
    own fields and what is derived: `claims`, each claim with the ids of the
    sources supporting it, and `url`."""
    data = {**plain(record), **derived(b, collection, record), "claims": b.claim_sources(record),
            "url": b.url(collection, record.id)}
    return json_line(data), yaml_text(data).encode("utf-8")


def collection_names(b: ReadableBriefing) -> list[str]:
    """Every collection, empty ones too: each is a key of the JSON file. A job."""
    return list(b.collections.keys())


COLLECTIONS_JOB = "collections"


def data_jobs(briefing: ReadableBriefing, setting) -> list[Job]:
    return [Job(COLLECTIONS_JOB, collection_names)] + [
        Job((collection, record.id), record_texts, (collection, record))
        for collection, records in briefing.collections.items() for record in records.values()]


def data_files(results: dict[Hashable, Any]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    lines: dict[str, list[str]] = {collection: [] for collection in results[COLLECTIONS_JOB]}
    for key, result in results.items():
        if key == COLLECTIONS_JOB:
            continue
        collection, record_id = cast(tuple[str, str], key)
        line, yaml_bytes = result
        lines[collection].append(line)
        files[data_file_of(collection, record_id)] = yaml_bytes
    files[DATA_FILE] = _whole(lines)
    return files


def _whole(lines: dict[str, list[str]]) -> bytes:
    """The whole briefing's JSON, each collection's list a record a line,
    encoded line by line as it is written: joined as text, then encoded, it
    was held four times over (100 MB more at 10,000 engagements, the peak of
    a serve session)."""
    out = io.BytesIO()
    out.write(b"{")
    for number, (collection, found) in enumerate(lines.items()):
        if number:
            out.write(b",\n")
        out.write((json_line(collection) + ":[\n").encode("utf-8"))
        for index, line in enumerate(found):
            if index:
                out.write(b",\n")
            out.write(line.encode("utf-8"))
        out.write(b"\n]")
    out.write(b"}\n")
    return out.getvalue()
