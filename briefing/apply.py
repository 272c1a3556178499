"""`apply`: the proposals a curator kept in a draft, merged into seeds/facts/.

New records are appended to the file holding their list; citations,
aliases, titles and dates are added to existing records in place. The
files are edited round-trip (`roundtrip.py`): the curator's comments, order
and formatting stay as they were everywhere else. All or nothing: the
merged facts must pass `check`, or every file is put back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from . import pipeline, roundtrip
from .draft import FILL_IN, UNSTATED
from .problems import BadInput, Problem
from .project import Project

# The fields of a new record the curator writes in their own words.
OWN_WORDS = {"events": ("title", "summary"), "initiatives": ("description",), "discrepancies": ("description",),
             "officials": ("country",), "topics": ("description",)}
SCHEMA_LINE = "# yaml-language-server: $schema=../facts.schema.json\n"


@dataclass
class Applied:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # records whose prose may now be stale


def _unfilled(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and value.startswith(FILL_IN))


def _values(value: Any, where: str = "") -> list[tuple[str, Any]]:
    """Every value inside a proposal's fields, with its path."""
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _values(item, f"{where}.{key}" if where else str(key))]
    if isinstance(value, list):
        return [found for number, item in enumerate(value) for found in _values(item, f"{where}[{number}]")]
    return [(where, value)]


class _Facts:
    """The facts files, loaded round-trip, and which changed."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files = {path: roundtrip.load(path) for path in sorted(folder.glob("*.yml"))}
        self.before: dict[Path, Optional[str]] = {path: path.read_text("utf-8") for path in self.files}
        self.changed: set[Path] = set()

    def find(self, collection: str, record_id: str) -> Optional[Any]:
        for path, data in self.files.items():
            for record in (data or {}).get(collection) or []:
                if record.get("id") == record_id:
                    self.changed.add(path)
                    return record
        return None

    def append(self, collection: str, record: dict) -> Path:
        path = next((p for p, d in self.files.items() if d and collection in d), None)
        if path is None:
            path = self.folder / f"{collection}.yml"
            self.files[path] = {collection: []}
            self.before[path] = None
        data = self.files[path]
        if data.get(collection) is None:
            data[collection] = []
        data[collection].append(record)
        self.changed.add(path)
        return path

    def write(self) -> None:
        for path in sorted(self.changed):
            text = roundtrip.dump(self.files[path])
            if self.before.get(path) is None:
                text = SCHEMA_LINE + text
            path.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        for path in self.changed:
            before = self.before.get(path)
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(before, encoding="utf-8")


def _cites(evidence: list[dict]) -> list[dict]:
    return [{k: v for k, v in e.items() if k in ("source", "quote", "supports")} for e in evidence]


def apply(project: Project, draft_path: Path) -> Applied:
    """Merges the draft's proposals; raises BadInput (nothing changed) when
    a prose field is unfilled or the merged facts do not pass `check`."""
    draft = roundtrip.load(draft_path) or {}
    proposals = draft.get("proposals") or []
    display = project.display(draft_path)
    problems = []
    for index, proposal in enumerate(proposals):
        fields = proposal.get("fields") or {}
        if proposal.get("action") == "new":
            for name in OWN_WORDS.get(proposal.get("collection"), ()):
                if name in fields and _unfilled(fields[name]):
                    problems.append(Problem(display, 0, f"proposals[{index}].fields.{name}",
                                            "still to be written in your own words; fill it in or delete the proposal"))
        if proposal.get("action") == "discrepancy" and _unfilled(fields.get("description")):
            problems.append(Problem(display, 0, f"proposals[{index}].fields.description",
                                    "describe the disagreement in your own words, or delete the proposal"))
        problems += [Problem(display, 0, f"proposals[{index}].fields.{where}",
                             "the report does not give it: supply it, or delete the proposal")
                     for where, value in _values(fields) if value == UNSTATED]
    if problems:
        raise BadInput(problems)

    facts = _Facts(project.seeds / "facts")
    applied = Applied()
    for proposal in proposals:
        action, collection, record_id = proposal["action"], proposal["collection"], proposal["id"]
        fields = dict(proposal.get("fields") or {})
        cites = _cites(list(proposal.get("evidence") or []))
        if action == "new":
            record = _new_record(collection, record_id, fields, cites)
            facts.append(collection, record)
            applied.added.append(f"{collection}/{record_id}")
            continue
        if action == "discrepancy":
            recorded = fields.get("recorded") or []
            subject = facts.find(collection, record_id)
            old_cites = list(subject.get("cite") or []) if subject is not None else []
            facts.append("discrepancies", {
                "id": f"{record_id}-{fields.get('field', 'value')}-{draft.get('source', 'report')}",
                "subject": record_id, "field": fields.get("field", "value"),
                "description": fields["description"],
                "versions": [{"value": recorded[0] if recorded else "as recorded", "cite": old_cites[:1]},
                             {"value": fields.get("value"), "cite": cites}]})
            applied.added.append(f"discrepancies about {collection}/{record_id}")
            continue
        existing = facts.find(collection, record_id)
        if existing is None:
            raise BadInput([Problem(display, 0, f"proposals[{record_id}].id", f"no {collection} record '{record_id}'")])
        record = existing
        if cites:
            if record.get("cite") is None:
                record["cite"] = []
            for cite in cites:
                if not any(c.get("source") == cite["source"] and c.get("quote") == cite["quote"] for c in record["cite"]):
                    record["cite"].append(cite)
        for name, value in fields.items():
            if name == "titles":
                for title in value:
                    record.setdefault("roles", []).append({"title": title, "organization": None, "cite": cites[:1]})
            elif name in ("aliases", "participants") and isinstance(value, list):
                if record.get(name) is None:
                    record[name] = []
                record[name] += [v for v in value if v not in record[name]]
            else:
                record[name] = value
        if record.get("prose_from") is not None and any(c["source"] not in record["prose_from"] for c in cites):
            applied.stale.append(f"{collection}/{record_id}")
        applied.changed.append(f"{collection}/{record_id}")

    facts.write()
    try:
        pipeline.check(project)
    except BaseException:  # BadInput above all: the merged facts do not pass
        facts.restore()
        raise
    return applied


def _new_record(collection: str, record_id: str, fields: dict, cites: list[dict]) -> dict:
    record: dict[str, Any] = {"id": record_id}
    if collection == "officials":
        roles = fields.pop("roles", [])
        record.update(fields)
        record["roles"] = [{**role, "cite": cites[:1]} for role in roles]
        return record
    if collection == "statements":
        record.update(fields)
        record["cite"] = cites
        return record
    record.update(fields)
    record["cite"] = cites
    if collection in ("events", "initiatives"):
        record["prose_from"] = sorted({c["source"] for c in cites})
    return record
