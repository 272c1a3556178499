"""`apply`: the proposals a curator kept in a draft, merged into seeds/facts/.

The draft is read as data from a closed set: an action of four, a
collection of the facts, an id that is a slug, fields of the record's own
type; no path comes from it. Every problem is named by the draft, the
proposal's number (from 1, as the review page numbers them) and the field,
all at once, before anything is written.

New records are appended to the file holding their list, fields in our
layout (the model's order, citations last), a blank line before each; citations, titles, aliases,
expansions and dates are added to existing records in place. The files are
edited round-trip (`roundtrip.py`): the curator's comments, order and
formatting stay as they were everywhere else. A proposal already applied is
said to be there and changes nothing. All or nothing: the merged facts must
pass `check`, or every file is put back (`seedfiles.py`).
"""

from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from . import pipeline, roundtrip, seedfiles
from .add import without_date_line
from .draft import FILL_IN, UNSTATED
from .kinds import KINDS, OWN_WORDS
from .load import read_node
from .model import COLLECTIONS, MAX_ID_LENGTH, SLUG_REGEX, Claim, FactsFile, Role
from .problems import BadInput, Problem
from .project import Project
from .shapes import fields_of
from .text import normalise

ACTIONS = ("new", "cite", "update", "discrepancy")
FACTS = tuple(spec.name for spec in fields_of(FactsFile))
PROPOSAL_KEYS = ("action", "collection", "id", "fields", "evidence", "confidence", "why")
# Of each kind of record whose prose records the sources it was written from
# (`prose_from`), the fields written in the curator's words: what a report may make stale.
PROSE = {collection: own for collection, own in OWN_WORDS.items() if KINDS[collection].has("prose_from")}
SCHEMA_LINE = "# yaml-language-server: $schema=../facts.schema.json\n"
CLAIMS = set(Claim.__args__)  # type: ignore[attr-defined]


@dataclass
class Proposal:
    """One proposal of a draft, as read: numbered from 1, with its line."""

    number: int
    line: int
    action: str
    collection: str
    id: str
    fields: dict
    evidence: list[dict]

    @property
    def name(self) -> str:
        return f"proposals[{self.number}]"


@dataclass
class ProseReview:
    """A record whose prose the report may make stale, kept by the curator:
    its prose as they left it, to be recorded as written from the report."""

    number: int
    line: int
    collection: str
    id: str
    fields: dict


@dataclass
class Draft:
    path: str
    source: str
    proposals: list[Proposal]
    prose: list[ProseReview]


@dataclass
class Applied:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)  # proposals already applied: nothing to do
    stale: list[str] = field(default_factory=list)    # records whose prose may now be stale, not reviewed
    reviewed: list[str] = field(default_factory=list)  # prose reviewed: the report added to prose_from
    notes: list[str] = field(default_factory=list)


# --- reading the draft --------------------------------------------------------


# The tags a draft's values may carry: YAML's own, as `draft` writes them.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


def _tagged(node: yaml.Node) -> list[yaml.Node]:
    """The nodes carrying any other tag (`!!python/object`, `!!binary`)."""
    found, stack = [], [node]
    while stack:
        node = stack.pop()
        if node.tag not in PLAIN_TAGS:
            found.append(node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
    return found


def _plain(node: yaml.Node) -> Any:
    """A checked node as plain data (anchors were refused before it was
    composed, other tags than YAML's own by `_tagged`)."""
    if isinstance(node, yaml.MappingNode):
        return {str(_plain(key)): _plain(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    try:
        value = yaml.SafeLoader("").construct_object(node)  # a scalar: its YAML type
    except (yaml.YAMLError, ValueError):  # "!!int x": not what its tag says, so the text it is
        return node.value
    return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else value


def _mapping(node: yaml.Node) -> dict[str, yaml.Node]:
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def read_draft(project: Project, path: Path) -> Draft:
    """The draft, checked against its closed sets; BadInput with every problem."""
    display = project.display(path)
    problems: list[Problem] = []
    if not path.exists() and not path.is_symlink():
        raise BadInput([Problem(display, 0, "", "there is no such draft; `draft ID` writes seeds/drafts/ID.yml")])
    node = read_node(path, display, problems)  # a regular file, capped; anchors refused before they expand
    if node is None:
        raise BadInput(problems)
    if not isinstance(node, yaml.MappingNode):
        raise BadInput([Problem(display, _line(node), "", "a draft is a mapping of `source:` and `proposals:`")])
    tagged = _tagged(node)
    if tagged:
        raise BadInput([Problem(display, _line(t), "", f"the tag {t.tag} is not allowed: a draft holds plain "
                                                       "text, numbers, lists and mappings") for t in tagged])
    top = _mapping(node)

    def problem(at: yaml.Node, where: str, message: str) -> None:
        problems.append(Problem(display, _line(at), where, message))

    for key, _ in node.value:
        if getattr(key, "value", None) not in ("source", "proposals", "prose"):
            problem(key, str(getattr(key, "value", "?")), "unknown key of a draft; it holds source, proposals and prose")
    source = _plain(top["source"]) if "source" in top else None
    if not isinstance(source, str) or not re.fullmatch(SLUG_REGEX, source):
        problem(top.get("source", node), "source", "the id of the report drafted (a slug) is required")
    proposals = [p for number, item in enumerate(_items(top.get("proposals"), "proposals", problem), start=1)
                 if (p := _proposal(item, number, problem)) is not None]
    reviews = [r for number, item in enumerate(_items(top.get("prose"), "prose", problem), start=1)
               if (r := _review(item, number, problem)) is not None]
    if problems:
        raise BadInput(problems)
    assert isinstance(source, str)
    return Draft(display, source, proposals, reviews)


def _items(node: Optional[yaml.Node], name: str, problem) -> list[yaml.Node]:
    if node is None or (isinstance(node, yaml.ScalarNode) and not node.value):
        return []
    if not isinstance(node, yaml.SequenceNode):
        problem(node, name, "expected a list")
        return []
    return node.value


def _choice(fields: dict[str, yaml.Node], key: str, where: str, allowed: tuple, owner: yaml.Node, problem) -> str:
    node = fields.get(key)
    value = _plain(node) if node is not None else None
    if value not in allowed:
        got = f"'{value}'" if isinstance(value, str) else "nothing" if value is None else "not a name"
        problem(node or owner, f"{where}.{key}", f"{got} is not one of: {', '.join(allowed)}")
        return ""
    return str(value)


def _slug(fields: dict[str, yaml.Node], key: str, where: str, owner: yaml.Node, problem) -> str:
    node = fields.get(key)
    value = _plain(node) if node is not None else None
    if not isinstance(value, str) or not re.fullmatch(SLUG_REGEX, value):
        shown = f"'{value[:40]}…'" if isinstance(value, str) and len(value) > 40 else repr(value)
        problem(node or owner, f"{where}.{key}", f"{shown} is not a slug of at most {MAX_ID_LENGTH} characters "
                                                 "(lower-case letters, digits and single hyphens)")
        return ""
    return value


def _proposal(node: yaml.Node, number: int, problem) -> Optional[Proposal]:
    where = f"proposals[{number}]"
    if not isinstance(node, yaml.MappingNode):
        problem(node, where, "expected a proposal: action, collection, id, fields, evidence")
        return None
    keys = _mapping(node)
    for key in keys:
        if key not in PROPOSAL_KEYS:
            problem(keys[key], f"{where}.{key}", f"unknown key of a proposal; one of: {', '.join(PROPOSAL_KEYS)}")
    action = _choice(keys, "action", where, ACTIONS, node, problem)
    collection = _choice(keys, "collection", where, FACTS, node, problem)
    record_id = _slug(keys, "id", where, node, problem)
    fields = _plain(keys["fields"]) if "fields" in keys else {}
    if fields is None:
        fields = {}
    if not isinstance(fields, dict) or not all(isinstance(k, str) for k in fields):
        problem(keys["fields"], f"{where}.fields", "expected a mapping of field: value")
        fields = {}
    evidence = _evidence(keys.get("evidence"), f"{where}.evidence", problem)
    for name, message in _misshapen(action, fields):
        problem(keys.get("fields", node), f"{where}.fields.{name}", message)
    if not (action and collection and record_id):
        return None
    return Proposal(number, _line(node), action, collection, record_id, fields, evidence or [])


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _misshapen(action: str, fields: dict) -> list[tuple[str, str]]:
    """The fields apply reads item by item, if they are not as the draft writes them."""
    found = []
    if "titles" in fields and not _texts(fields["titles"]):
        found.append(("titles", "expected a list of titles, each as the report writes it"))
    for name, key in (("expansions", "text"), ("roles", "title")):
        items = fields.get(name)
        if name in fields and not (isinstance(items, list) and all(
                isinstance(item, dict) and isinstance(item.get(key), str) for item in items)):
            found.append((name, f"expected a list of mappings, each with its {key}"))
    for item in fields.get("expansions") or [] if not found else []:
        if not isinstance(item.get("cite") or [], list) or not all(
                isinstance(c, dict) and isinstance(c.get("source"), str) and isinstance(c.get("quote"), str)
                for c in item.get("cite") or []):
            found.append(("expansions", "each expansion cites source: ID and quote: the report's words"))
    if action == "discrepancy":
        if not isinstance(fields.get("field"), str) or not isinstance(fields.get("value"), str):
            found.append(("field", "a discrepancy gives the field (a name) and the report's value (text)"))
        recorded = fields.get("recorded")
        if recorded is not None and not _texts(recorded):
            found.append(("recorded", "expected a list of the readings recorded"))
    return found


def _evidence(node: Optional[yaml.Node], where: str, problem) -> Optional[list[dict]]:
    found = []
    for index, item in enumerate(_items(node, where, problem), start=1):
        value = _plain(item)
        if not (isinstance(value, dict) and isinstance(value.get("source"), str)
                and isinstance(value.get("quote"), str) and value["quote"].strip()):
            problem(item, f"{where}[{index}]", "expected source: ID and quote: the report's words")
            continue
        supports = value.get("supports") or []
        if not isinstance(supports, list) or not all(isinstance(s, str) and s in CLAIMS for s in supports):
            problem(item, f"{where}[{index}].supports", f"expected a list of fields among: {', '.join(sorted(CLAIMS))}")
            continue
        found.append({"source": value["source"], "quote": value["quote"], "supports": supports})
    return found


def _review(node: yaml.Node, number: int, problem) -> Optional[ProseReview]:
    where = f"prose[{number}]"
    if not isinstance(node, yaml.MappingNode):
        problem(node, where, "expected a record to review: collection, id and its prose")
        return None
    keys = _mapping(node)
    collection = _choice(keys, "collection", where, tuple(PROSE), node, problem)
    record_id = _slug(keys, "id", where, node, problem)
    fields = {}
    for key, value in keys.items():
        if key in ("collection", "id", "evidence", "prose_from"):
            continue
        if key not in PROSE.get(collection, ()):
            problem(value, f"{where}.{key}", f"not prose of {collection or 'this record'}; "
                                             f"edit {' and '.join(PROSE.get(collection, ('its prose',)))} only")
            continue
        text = _plain(value)
        if not isinstance(text, str) or not text.strip():
            problem(value, f"{where}.{key}", "expected text in your own words")
            continue
        fields[key] = text
    if not (collection and record_id):
        return None
    return ProseReview(number, _line(node), collection, record_id, fields)


# --- what a proposal asks ------------------------------------------------------


def _unfilled(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and value.startswith(FILL_IN))


def _values(value: Any, where: str) -> list[tuple[str, Any]]:
    """Every value inside a proposal's fields, with its path."""
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _values(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [found for number, item in enumerate(value) for found in _values(item, f"{where}[{number}]")]
    return [(where, value)]


def _unfinished(draft: Draft) -> list[Problem]:
    """Prose still to write, facts the report does not give, fields a record does not have."""
    problems = []

    def problem(where: str, message: str) -> None:
        problems.append(Problem(draft.path, proposal.line, f"{proposal.name}.{where}", message))

    for proposal in draft.proposals:
        fields = proposal.fields

        if proposal.action == "new":
            for own in OWN_WORDS.get(proposal.collection, ()):
                if own in fields and _unfilled(fields[own]):
                    problem(f"fields.{own}", "still to be written in your own words; fill it in or delete the proposal")
        if proposal.action == "discrepancy":
            if _unfilled(fields.get("description")):
                problem("fields.description", "describe the disagreement in your own words, or delete the proposal")
        else:
            known = {spec.name for spec in fields_of(COLLECTIONS[proposal.collection])} - {"id"}
            if proposal.action != "new":
                known |= {"titles"} if proposal.collection == "officials" else set()
            for key in fields:
                if key not in known:
                    problem(f"fields.{key}", f"not a field of {proposal.collection}")
        for where, value in _values(fields, "fields"):
            if value == UNSTATED:
                problem(where, "the report does not give it: supply it, or delete the proposal")
        for index, evidence in enumerate(proposal.evidence, start=1):
            if evidence["source"] != draft.source:
                problem(f"evidence[{index}].source", f"'{evidence['source']}' is not the report drafted "
                                                     f"('{draft.source}')")
    return problems


# --- the facts files ----------------------------------------------------------


def _said(value: str, quote: str) -> bool:
    return normalise(value).casefold() in normalise(quote).casefold()


def _cite(evidence: dict) -> dict:
    """A citation from evidence: the page's date line is no part of a quote."""
    cite: dict[str, Any] = {"source": evidence["source"], "quote": roundtrip.quoted(without_date_line(evidence["quote"]))}
    if evidence.get("supports"):
        cite["supports"] = roundtrip.inline(list(evidence["supports"]))
    return cite


def _layout(cls: type) -> list[str]:
    """The order of a record's fields in our files: the model's (what the
    schema lists), but that the citations come last and `prose_from` right
    after the prose it is about, as the curator writes them."""
    order = [spec.name for spec in fields_of(cls) if spec.name not in ("cite", "prose_from")]
    if any(spec.name == "prose_from" for spec in fields_of(cls)):
        last_prose = max(order.index(name) for name in ("title", "summary", "description") if name in order)
        order.insert(last_prose + 1, "prose_from")
    return order + ["cite"] if any(spec.name == "cite" for spec in fields_of(cls)) else order


def _bare(cite: Any) -> dict:
    """A citation of an item (a title, an expansion, a version): it supports
    that item itself, so it names no fields."""
    return {"source": cite["source"], "quote": roundtrip.quoted(str(cite["quote"]))}


def _ordered(collection_or_cls: Any, values: dict) -> dict:
    """A new record's fields in our layout."""
    cls = COLLECTIONS[collection_or_cls] if isinstance(collection_or_cls, str) else collection_or_cls
    return {name: values[name] for name in _layout(cls) if name in values}


class _Facts:
    """The facts files, read round-trip once checked, and which changed."""

    def __init__(self, project: Project):
        self.project = project
        self.folder = project.seeds / "facts"
        self.files: dict[Path, Any] = {}
        for path in sorted(self.folder.glob("*.yml")):
            problems: list[Problem] = []
            if read_node(path, project.display(path), problems) is None:  # regular, capped, no anchors, valid YAML
                raise BadInput(problems)
            self.files[path] = roundtrip.load_checked(path, project.display(path))
        self.changed: set[Path] = set()
        self.created: set[Path] = set()
        self.appended: dict[Path, list[str]] = {}

    def records(self):
        for path, data in self.files.items():
            if not isinstance(data, dict):
                continue
            for collection, records in data.items():
                for record in records or []:
                    if isinstance(record, dict):
                        yield path, collection, record

    def find(self, collection: Optional[str], record_id: str) -> Optional[tuple[Path, str, Any]]:
        return next(((path, found, record) for path, found, record in self.records()
                     if record.get("id") == record_id and (collection is None or found == collection)), None)

    def append(self, collection: str, record: dict) -> None:
        path = next((p for p, d in self.files.items() if isinstance(d, dict) and collection in d), None)
        if path is None:
            # A collection no file holds yet: a file of its own, named from the closed set.
            assert collection in FACTS
            path = self.folder / f"{collection}.yml"
            self.files[path] = {collection: []}
            self.created.add(path)
        data = self.files[path]
        if data.get(collection) is None:
            data[collection] = []
        data[collection].append(copy.deepcopy(record))  # never one object twice: no anchors
        self.changed.add(path)
        self.appended.setdefault(path, []).append(record["id"])

    def text(self, path: Path) -> str:
        lines = roundtrip.dump(self.files[path]).split("\n")
        for record_id in self.appended.get(path, ()):
            # Records are separated by a blank line, as the curator's are
            # (but the first of a list, which follows its key).
            at = lines.index(next(line for line in lines if line.lstrip() == f"- id: {record_id}"))
            if at and lines[at - 1].strip() and not lines[at - 1].endswith(":"):
                lines.insert(at, "")
        return (SCHEMA_LINE if path in self.created else "") + "\n".join(lines)


def _insert(record: Any, name: str, value: Any, cls: type) -> None:
    """Sets a field of an existing record, a new one at its place in our layout."""
    if name in record:
        record[name] = value
        return
    order = _layout(cls)
    position = sum(1 for key in record if key in order and order.index(key) < order.index(name)) \
        if name in order else len(record)
    if hasattr(record, "insert"):
        record.insert(position, name, value)
    else:
        record[name] = value


def _add_cites(target: Any, cites: list[dict]) -> bool:
    """Adds the citations `target` lacks; whether any was added."""
    if target.get("cite") is None:
        target["cite"] = []
    added = False
    for cite in cites:
        same = next((c for c in target["cite"] if c.get("source") == cite["source"] and c.get("quote") == cite["quote"]),
                    None)
        if same is None:
            target["cite"].append(copy.deepcopy(cite))
            added = True
        elif cite.get("supports"):
            more = [s for s in cite["supports"] if s not in (same.get("supports") or [])]
            if more:
                same["supports"] = roundtrip.inline(list(same.get("supports") or []) + more)
                added = True
    return added


def _all_cites(record: Any) -> list[dict]:
    """Every citation in a record: its own, its titles', its expansions'."""
    found = list(record.get("cite") or [])
    for key in ("roles", "expansions", "versions"):
        for item in record.get(key) or []:
            found += list(item.get("cite") or [])
    return found


# --- applying -------------------------------------------------------------------


class _Applier:
    def __init__(self, draft: Draft, facts: _Facts, applied: Applied):
        self.draft, self.facts, self.applied = draft, facts, applied
        self.problems: list[Problem] = []
        self.touched: dict[tuple[str, str], Proposal] = {}  # the record each proposal made or changed
        # The records that cited the report before this apply: a new one among them is there already.
        self.cited = {(collection, record.get("id")) for _, collection, record in facts.records()
                      if any(c.get("source") == draft.source for c in _all_cites(record))}

    def problem(self, proposal: Proposal, where: str, message: str) -> None:
        self.problems.append(Problem(self.draft.path, proposal.line, f"{proposal.name}{where}", message))

    def cites(self, proposal: Proposal, value: Optional[str] = None) -> list[dict]:
        """The proposal's evidence as citations; with `value`, only those whose quote gives it."""
        return [_cite(e) for e in proposal.evidence if value is None or _said(value, e["quote"])]

    def apply(self, proposal: Proposal) -> None:
        label = f"{proposal.collection}/{proposal.id}"
        {"new": self.new, "cite": self.update, "update": self.update, "discrepancy": self.discrepancy}[
            proposal.action](proposal, label)

    def new(self, proposal: Proposal, label: str) -> None:
        existing = self.facts.find(None, proposal.id)
        if existing is not None:
            path, collection, _ = existing
            if (proposal.collection, proposal.id) in self.cited:
                self.applied.present.append(label)
                return
            self.problem(proposal, ".id", f"'{proposal.id}' is taken by {collection}/{proposal.id} in "
                                          f"{self.facts.project.display(path)}; choose another id, or cite that record")
            return
        fields = copy.deepcopy(proposal.fields)
        cites = self.cites(proposal)
        if proposal.collection == "officials":
            used: list[dict] = []
            roles = []
            for role in fields.get("roles") or []:
                own = self.cites(proposal, role.get("title") or "") or cites
                used += own
                roles.append(_ordered(Role, {"organization": None, **role, "cite": [_bare(c) for c in own]}))
            fields["roles"] = roles
            # Evidence no title needs still names the official: none is dropped.
            fields["cite"] = [c for c in cites if c not in used]
            if not fields["cite"]:
                del fields["cite"]
        elif proposal.collection == "topics":
            if cites:
                self.applied.notes.append(f"{label}: a topic holds no citations; its evidence stays in the draft")
        else:
            fields["cite"] = cites
        if proposal.collection in PROSE:
            fields["prose_from"] = roundtrip.inline([self.draft.source])
        record = _ordered(proposal.collection, {"id": proposal.id, **fields})
        self.facts.append(proposal.collection, record)
        self.touched[(proposal.collection, proposal.id)] = proposal
        self.applied.added.append(label)

    def update(self, proposal: Proposal, label: str) -> None:
        found = self.facts.find(proposal.collection, proposal.id)
        if found is None:
            self.problem(proposal, ".id", f"no {proposal.collection} record '{proposal.id}' to {proposal.action}")
            return
        path, _, record = found
        cls = COLLECTIONS[proposal.collection]
        changed = False
        titles = proposal.fields.get("titles") or []
        used = [c for title in titles for c in self.cites(proposal, title)]
        if proposal.collection == "topics":
            if proposal.evidence:
                self.applied.notes.append(f"{label}: a topic holds no citations; its evidence stays in the draft")
        else:  # what a title's citations hold, the record need not hold again
            changed |= _add_cites(record, [c for c in self.cites(proposal) if c not in used])
        for name, value in proposal.fields.items():
            if name == "titles":
                for title in value:
                    changed |= self.title(proposal, record, title)
            elif name == "expansions":
                for expansion in value or []:
                    changed |= self.expansion(record, expansion)
            elif isinstance(record.get(name), list) and isinstance(value, list):
                more = [v for v in value if v not in record[name]]
                record[name] += copy.deepcopy(more)
                changed |= bool(more)
            elif record.get(name) != value or name not in record:
                _insert(record, name, copy.deepcopy(value), cls)
                changed = True
        if not changed:
            self.applied.present.append(label)
            return
        self.facts.changed.add(path)
        self.touched[(proposal.collection, proposal.id)] = proposal
        self.applied.changed.append(label)

    def title(self, proposal: Proposal, record: Any, title: str) -> bool:
        cites = self.cites(proposal, title)
        if not cites:
            self.problem(proposal, ".fields.titles", f"no evidence quote gives the title '{title}'")
            return False
        if record.get("roles") is None:
            record["roles"] = []
        role = next((r for r in record["roles"] if r.get("title") == title), None)
        if role is not None:
            return _add_cites(role, [_bare(c) for c in cites])
        record["roles"].append({"title": title, "organization": None, "cite": [_bare(c) for c in cites]})
        return True

    def expansion(self, record: Any, expansion: dict) -> bool:
        cites = [_bare(_cite(c)) for c in expansion.get("cite") or []]
        if record.get("expansions") is None:
            _insert(record, "expansions", [], COLLECTIONS["initiatives"])
        known = next((e for e in record["expansions"] if e.get("text") == expansion.get("text")), None)
        if known is not None:
            return _add_cites(known, cites)
        record["expansions"].append({"text": expansion.get("text"), "cite": cites})
        return True

    def discrepancy(self, proposal: Proposal, label: str) -> None:
        found = self.facts.find(proposal.collection, proposal.id)
        if found is None:
            self.problem(proposal, ".id", f"no {proposal.collection} record '{proposal.id}' the report disagrees with")
            return
        _, _, subject = found
        what, value = str(proposal.fields["field"]), proposal.fields["value"]
        recorded = proposal.fields.get("recorded") or []
        recorded = recorded if isinstance(recorded, list) else [recorded]
        for _, _, existing in self.facts.records():
            if existing.get("subject") == proposal.id and existing.get("field") == what and any(
                    v.get("value") == value for v in existing.get("versions") or []):
                self.applied.present.append(f"discrepancies about {label}")
                return
        versions = []
        for reading in recorded:
            # A reading is cited by the quotes that give it, and only by them.
            cites = [_bare(c) for c in _all_cites(subject)
                     if isinstance(c.get("quote"), str) and _said(str(reading), c["quote"])]
            if not cites:
                self.problem(proposal, ".fields.recorded", f"no citation of {label} gives '{reading}'; "
                                                          "cite it there first, or delete the proposal")
                continue
            versions.append({"value": str(reading), "cite": list({c["quote"]: c for c in cites}.values())})
        cites = [_bare(c) for c in self.cites(proposal, value)]
        if not cites:
            self.problem(proposal, ".fields.value", f"no evidence quote gives '{value}'")
            return
        versions.append({"value": value, "cite": cites})
        record_id = re.sub(r"[^a-z0-9]+", "-", f"{proposal.id}-{what}".lower()).strip("-")[:MAX_ID_LENGTH - 4]
        record_id = record_id.rstrip("-")
        taken = {record.get("id") for _, _, record in self.facts.records()}
        base, number = record_id, 2
        while record_id in taken:
            record_id, number = f"{base}-{number}", number + 1
        self.facts.append("discrepancies", _ordered("discrepancies", {
            "id": record_id, "subject": proposal.id, "field": what, "description": proposal.fields.get("description"),
            "versions": versions}))
        self.touched[("discrepancies", record_id)] = proposal
        self.applied.added.append(f"discrepancies/{record_id}")

    def review(self, review: ProseReview) -> None:
        """A record's prose kept by the curator: written from the report now."""
        found = self.facts.find(review.collection, review.id)
        where = f"prose[{review.number}]"
        if found is None:
            self.problems.append(Problem(self.draft.path, review.line, f"{where}.id",
                                         f"no {review.collection} record '{review.id}'"))
            return
        path, _, record = found
        changed = False
        for name, text in review.fields.items():
            if record.get(name) != text:
                record[name] = text
                changed = True
        written_from = record.get("prose_from")
        if written_from is not None and self.draft.source not in written_from:
            written_from.append(self.draft.source)
            changed = True
        if changed:
            self.facts.changed.add(path)
            self.applied.reviewed.append(f"{review.collection}/{review.id}")

    def stale(self) -> None:
        """Records the report now feeds whose prose was written from others."""
        for (collection, record_id), _ in self.touched.items():
            if collection not in PROSE:
                continue
            found = self.facts.find(collection, record_id)
            if found is None:
                continue
            written_from = found[2].get("prose_from")
            cited = {c.get("source") for c in _all_cites(found[2])}
            if written_from and self.draft.source in cited and self.draft.source not in written_from:
                self.applied.stale.append(f"{collection}/{record_id}")


def _from_draft(draft: Draft, touched: dict[tuple[str, str], Proposal], problems: list[Problem]) -> list[Problem]:
    """The problems check finds in what was merged, named by the proposal
    that made the record: `draft:line: proposals[N]: events[x].cite[0].quote: …`."""
    mapped = []
    for problem in problems:
        head = re.match(r"(\w+)\[([^\]]+)\]", problem.field)
        proposal = touched.get((head.group(1), head.group(2))) if head else None
        if proposal is None:
            mapped.append(problem)
        else:
            mapped.append(Problem(draft.path, proposal.line, f"{proposal.name}: {problem.field}", problem.message))
    return mapped


def _unquoted(draft: Draft, text: Optional[str]) -> list[Problem]:
    """Evidence the report does not hold, word for word."""
    if text is None:
        return [Problem(draft.path, 0, "source", f"no registered report '{draft.source}'; `add` it first")]
    said = normalise(text)
    return [Problem(draft.path, proposal.line, f"{proposal.name}.evidence[{index}].quote",
                    f"not found in report '{draft.source}': \"{evidence['quote'][:80]}\"")
            for proposal in draft.proposals for index, evidence in enumerate(proposal.evidence, start=1)
            if evidence["source"] == draft.source and normalise(evidence["quote"]) not in said]


def apply(project: Project, draft_path: Path) -> Applied:
    """Merges the draft's proposals; raises BadInput (nothing changed) when
    the draft has problems, all of them, or the merged facts do not pass `check`."""
    draft = read_draft(project, draft_path)
    applied = Applied()
    with seedfiles.changing(project, "apply") as change:
        briefing = pipeline.check(project)  # the facts as they are must pass: a problem there is not the draft's
        facts = _Facts(project)
        applier = _Applier(draft, facts, applied)
        for proposal in draft.proposals:
            applier.apply(proposal)
        for review in draft.prose:
            applier.review(review)
        problems = _unfinished(draft) + _unquoted(draft, briefing.corpus.texts.get(draft.source)) + applier.problems
        if problems:
            raise BadInput(problems)
        applier.stale()
        if not facts.changed:
            return applied
        for path in sorted(facts.changed):
            change.write(path, facts.text(path).encode("utf-8"))
        change.commit()
        try:
            pipeline.check(project)
        except BadInput as bad:
            raise BadInput(_from_draft(draft, applier.touched, bad.problems)) from None
    return applied
