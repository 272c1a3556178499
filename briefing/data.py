"""The published data: every record with what the briefing derives about it,
in one JSON file (a line a record) and a YAML file a record."""

from __future__ import annotations

from typing import Any, Hashable, cast

from . import dates, spans
from .datatext import json_line, yaml_text
from .incremental import Job
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


def _span(field: str, span: spans.Span) -> dict:
    """An EDTF field's first and last possible day and its precision (see spans.py)."""
    return {f"{field}_start": span.start, f"{field}_end": span.end, f"{field}_precision": span.precision}


def derived(b: ReadableBriefing, collection: str, record) -> dict:
    """Back-references published beside a record's own fields."""
    ids = lambda items: [item.id for item in items]  # noqa: E731
    rid = record.id
    if collection == "officials":
        return {"events": ids(b.events_of.get(rid, [])),
                "counterparts": ids(b.counterparts(rid)),
                "initiatives": ids(b.initiatives_of(rid)),
                "statements": ids(b.statements_of.get(rid, [])),
                "sources": ids(b.sources_of(record))}
    if collection == "organizations":
        return {"officials": ids(b.officials_of.get(rid, [])),
                "events": ids(b.events_of.get(rid, []))}
    if collection == "initiatives":
        return {"events": ids(b.events_of.get(rid, [])),
                "officials": ids(b.officials_of.get(rid, [])),
                "sources": ids(b.sources_of(record))}
    if collection == "events":
        span = spans.of_event(record)
        return {"children": ids(b.children(record)),
                "statements": ids(b.statements_of.get(rid, [])),
                **_span("date", span),
                "date_display": spans.words(span, record.date),
                "date_qualifier": dates.qualifier(record.date, record.date_basis),
                "sources": ids(b.sources_of(record))}
    if collection == "topics":
        return {"events": ids(b.events_of.get(rid, [])),
                "initiatives": ids(b.initiatives_of(rid))}
    if collection == "sources":
        facts = b.facts_from.get(rid, [])
        return {**_span("published", spans.of(record.published)),
                "cited_by": sorted({f"{f.collection}/{f.record_id}" for f in facts}),
                "facts": b.claims_from(rid), "corroborated": b.corroborated(rid)}
    return {}


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
    files[DATA_FILE] = ("{" + ",\n".join(json_line(collection) + ":[\n" + ",\n".join(found) + "\n]"
                                         for collection, found in lines.items()) + "}\n").encode("utf-8")
    return files
