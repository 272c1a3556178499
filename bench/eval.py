"""`make eval`: how `draft` does on reports its rules were not written from.

The corpus, eval/corpus/SUBJECT/, holds small briefings' seeds (
seeds/sources.yml, seeds/sources/*.txt, seeds/facts/*.yml): each report with
the facts its curators annotated from it, the gold. eval/split.yml says, for
each subject, which reports are `dev` (read, tuned on) and which `test` (only
scored). A briefing grows one report at a time, so each subject is replayed
in date order (undated reports last, in file order): report r is drafted
onto the gold of the reports before it (citations of r and later reports
removed, records left with none dropped, and the references to them), with
r registered by its gold entry, and the proposals are compared with the gold
records that cite r, as the reports read so far and r support them (a field
only a later report, or on dev a test report, gives is not expected): those the briefing held before r ("known": a cite or an
update is expected) and those r brings ("new"). A cold start drafts each
report onto an empty briefing.

A proposal is right when a careful curator keeps it unedited: its name, and
each field the table scores (dates, places, participants, speaker and role,
titles, expansions), equal to the gold's. Prose and fields a draft marks
FILL IN are the curator's in any case. Kind, status, topics and channel are
shown per field but do not make a proposal wrong. With `--split dev` only the
dev reports are replayed (the briefing grows from them alone), so tuning never
reads a test report's gold.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

import yaml

from briefing import dates, pipeline, roundtrip
from briefing.add import without_date_line
from briefing.apply import apply
from briefing.draft import FILL_IN, UNSTATED, Proposal, draft
from briefing.problems import BadInput
from briefing.project import Project
from briefing.text import normalise

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "eval" / "corpus"
SPLIT = REPO / "eval" / "split.yml"
KINDS = ["officials", "organizations", "initiatives", "events", "statements", "discrepancies"]
# Per kind, the fields scored: those that make a proposal right, then those only shown.
RIGHT = {"officials": ("name", "titles"), "organizations": ("name",), "initiatives": ("name", "expansions"),
         "events": ("date", "place", "participants"), "statements": ("quote", "speaker", "speaker_role"),
         "discrepancies": ()}
SHOWN = {"officials": ("country", "aliases"), "organizations": ("acronym", "country"), "initiatives": ("acronym",),
         "events": ("kind", "status", "parent", "topics"), "statements": ("about", "channel", "event"),
         "discrepancies": ()}
# The targets, on test: (what, floor). The suite holds them as floors (tests/test_eval.py).
TARGETS = {"precision": 0.9, "dates wrong": 0, "participants exact": 0.9, "speaker right": 0.9,
           "statements recall": 0.7, "officials new recall": 0.85, "organizations new recall": 0.8,
           "initiatives new recall": 0.8, "events new recall": 0.75, "cold events recall": 0.6,
           "share right at confidence >= 0.8": 0.95, "drafts that apply cleanly": 1.0}
BINS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


# --- the corpus ---------------------------------------------------------------

@dataclass
class Subject:
    name: str
    root: Path
    entries: list[dict]                    # sources.yml entries, in replay order
    facts: dict[str, list[dict]]           # the gold, every report's
    split: dict[str, str]                  # source id -> "dev" or "test"

    def text(self, entry: dict) -> bytes:
        return (self.root / "seeds" / "sources" / entry["file"]).read_bytes()


def replay_order(entries: list[dict]) -> list[dict]:
    """Dated reports by their date (the earliest day they can be), then the undated, in file order."""
    def key(pair: tuple[int, dict]) -> tuple:
        index, entry = pair
        published = entry.get("published")
        return (0, dates.bounds(published)[0], index) if published else (1, (0, 0, 0), index)
    return [entry for _, entry in sorted(enumerate(entries), key=key)]


def read_split(path: Path = SPLIT) -> dict[str, dict[str, str]]:
    """{subject: {source id: "dev" | "test"}} from eval/split.yml, which lists
    for each subject (at the top level or under `subjects:`) its `dev` and `test` ids."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    subjects = data.get("subjects", data) if isinstance(data, dict) else {}
    found: dict[str, dict[str, str]] = {}
    for name, parts in subjects.items():
        if not isinstance(parts, dict):
            continue
        found[name] = {str(source): part for part in ("dev", "test") for source in parts.get(part) or []}
    return found


def load_subject(root: Path, split: dict[str, str]) -> Subject:
    seeds = root / "seeds"
    entries = (yaml.safe_load((seeds / "sources.yml").read_text("utf-8")) or {}).get("sources") or []
    facts: dict[str, list[dict]] = {}
    for path in sorted((seeds / "facts").glob("*.yml")):
        for collection, records in (yaml.safe_load(path.read_text("utf-8")) or {}).items():
            facts.setdefault(collection, []).extend(records or [])
    return Subject(root.name, root, replay_order(entries), facts, split)


# --- the briefing before a report ---------------------------------------------

def cites(obj: Any, source: str) -> bool:
    """Whether anything in a record cites `source`."""
    if isinstance(obj, dict):
        return any(isinstance(c, dict) and c.get("source") == source for c in obj.get("cite") or []) or any(
            cites(v, source) for k, v in obj.items() if k != "cite")
    if isinstance(obj, list):
        return any(cites(item, source) for item in obj)
    return False


def _strip(obj: Any, keep: Callable[[str], bool]) -> Any:
    """The record with only the citations of kept sources; items (titles,
    expansions, versions) left without citations go."""
    if isinstance(obj, dict):
        return {key: [c for c in value if keep(c.get("source"))] if key == "cite" and isinstance(value, list)
                else _strip(value, keep) for key, value in obj.items()}
    if isinstance(obj, list):
        items = [_strip(item, keep) for item in obj]
        return [i for i in items if not (isinstance(i, dict) and "cite" in i and not i["cite"] and "id" not in i)]
    return obj


def _quotes(record: dict) -> list[str]:
    found = [c["quote"] for c in record.get("cite") or []]
    for key in ("roles", "expansions"):
        for item in record.get(key) or []:
            found += [c["quote"] for c in item.get("cite") or []]
    return [normalise(q) for q in found]


def _unverifiable(record: dict) -> bool:
    """Drops the spellings no remaining quote gives; True when the name itself is one. A name
    the quotes spell only as an alias ('Maros Sefcovic' for 'Maroš Šefčovič') is named so."""
    quotes = _quotes(record)
    given = lambda value: any(normalise(value) in q for q in quotes)  # noqa: E731
    if "aliases" in record:
        record["aliases"] = [a for a in record.get("aliases") or [] if given(a)]
        spelled = [a for a in record["aliases"] if len(a.split()) > 1]
        if "name" in record and not given(record["name"]) and spelled:
            record["name"] = spelled[0]
            record["aliases"] = [a for a in record["aliases"] if a != spelled[0]]
    if record.get("acronym") and not given(record["acronym"]):
        record["acronym"] = None
    return "name" in record and not given(record["name"])


# Fields a citation can support that a record can be without: one the gold's curators said some citation
# supports, and no kept citation does, no report read so far gives. (Dates, places and people of an
# engagement are checked against the kept quotes themselves, below.)
OPTIONAL_CLAIMS = ("parent", "launched", "related", "organizations", "initiatives", "speaker", "speaker_role",
                   "about", "event", "channel")


def _claims(record: dict) -> set[str]:
    return {claim for c in record.get("cite") or [] if isinstance(c, dict) for claim in c.get("supports") or []}


def _unsupported_dropped(original: dict, record: dict) -> dict:
    """The stripped record without the optional fields only dropped citations supported."""
    for name in (_claims(original) - _claims(record)) & set(OPTIONAL_CLAIMS):
        if record.get(name):
            record[name] = [] if isinstance(record[name], list) else None
    return record


def restricted(facts: dict[str, list[dict]], kept: set[str]) -> dict[str, list[dict]]:
    """The facts as if only the `kept` sources had been read, still passing check:
    both the briefing a report is drafted onto and the gold it is scored against."""
    keep = kept.__contains__
    facts = {k: [_unsupported_dropped(r, _strip(copy.deepcopy(r), keep)) for r in v] for k, v in facts.items()}
    for collection in ("officials", "organizations", "initiatives"):
        facts[collection] = [r for r in facts.get(collection, []) if not _unverifiable(r)]
    while True:
        ids = {r["id"] for records in facts.values() for r in records}
        dropped = False
        for collection, records in facts.items():
            alive = []
            for record in records:
                gone = (collection not in ("topics", "officials") and "cite" in record and not record["cite"]) \
                    or (collection == "officials" and not record.get("roles") and not record.get("cite")) \
                    or (collection == "statements" and record.get("speaker") not in ids) \
                    or (collection == "discrepancies" and (record.get("subject") not in ids
                                                          or len(record.get("versions") or []) < 2))
                dropped |= gone
                if not gone:
                    alive.append(record)
            facts[collection] = alive
        ids = {r["id"] for records in facts.values() for r in records}
        for records in facts.values():
            for record in records:
                for key in ("participants", "organizations", "initiatives", "topics", "related", "about"):
                    if isinstance(record.get(key), list):
                        record[key] = [i for i in record[key] if i in ids]
                for key in ("parent", "launched", "event"):
                    if record.get(key) is not None and record[key] not in ids:
                        record[key] = None
                for role in record.get("roles") or []:
                    if role.get("organization") not in ids:
                        role["organization"] = None
                if "prose_from" in record:
                    record["prose_from"] = [s for s in record["prose_from"] if keep(s)]
        if not dropped:
            break
    names = {r["id"]: [n for n in [r["name"], r.get("acronym"), *(r.get("aliases") or [])] if n]
             for collection in ("officials", "organizations", "initiatives") for r in facts.get(collection, [])}
    for event in facts.get("events", []):
        for key in ("organizations", "initiatives"):
            told = " ".join(normalise(c["quote"]).casefold() for c in event["cite"] if key in (c.get("supports") or []))
            if key in event:
                event[key] = [i for i in event[key] or [] if any(normalise(n).casefold() in told for n in names.get(i, []))]
        supported = {claim for c in event["cite"] for claim in c.get("supports") or []}
        if event.get("date") and "date" not in supported:
            event.update(date=None, date_basis=None, date_note="No report read so far gives the date.")
        places = " ".join(normalise(c["quote"]).casefold() for c in event["cite"] if "place" in (c.get("supports") or []))
        if event.get("place") and not any(normalise(p).casefold() in places
                                          for p in (event["place"], event["place"].split(",")[0])):
            event["place"] = None
        said = " ".join(normalise(c["quote"]).casefold() for c in event["cite"]
                        if "participants" in (c.get("supports") or []))
        event["participants"] = [p for p in event.get("participants") or []
                                 if any(normalise(n).casefold() in said for n in names.get(p, []))]
    return {k: v for k, v in facts.items() if v}


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100000)


def drafted(subject: Subject, entry: dict, before: list[dict], cold: bool) -> tuple[list[Proposal], dict, list[str]]:
    """The draft of one report onto the gold of the reports `before` it (none, `cold`):
    (proposals, the facts it was drafted onto, the problems of applying the whole draft)."""
    read = [] if cold else before
    facts = restricted(subject.facts, {e["id"] for e in read})
    facts.setdefault("topics", copy.deepcopy(subject.facts.get("topics", [])))
    with tempfile.TemporaryDirectory(prefix="briefing-eval-") as folder:
        root = Path(folder)
        (root / "seeds" / "sources").mkdir(parents=True)
        (root / "seeds" / "facts").mkdir()
        for item in [*read, entry]:
            (root / "seeds" / "sources" / item["file"]).write_bytes(subject.text(item))
        (root / "seeds" / "sources.yml").write_text(_dump({"sources": [*read, entry]}), encoding="utf-8")
        (root / "seeds" / "facts" / "facts.yml").write_text(_dump({k: v for k, v in facts.items() if v}),
                                                          encoding="utf-8")
        project = Project(root)
        proposals = draft(pipeline.check(project), entry["id"])
        return proposals, facts, applied(project, entry["id"], proposals)


def _curated(value: Any, counter: Iterator[int]) -> Any:
    """A draft's value as a curator who keeps it leaves it: each FILL IN
    written (prose in words of their own, an unstated country given)."""
    if isinstance(value, dict):
        return {k: _curated(v, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_curated(v, counter) for v in value]
    if value == UNSTATED:
        return "US"
    if isinstance(value, str) and value.startswith(FILL_IN):
        return f"Summarised by the curator in words of their own, number {next(counter)}."
    return value


def applied(project: Project, source: str, proposals: list[Proposal]) -> list[str]:
    """The problems of applying the whole draft, every proposal kept and
    every FILL IN filled: none when the draft's proposals pass `check` as they are."""
    counter = iter(range(1, 100_000))
    kept = []
    for proposal in proposals:
        data = _curated(proposal.as_data(), counter)
        for evidence in data["evidence"]:
            evidence["quote"] = without_date_line(evidence["quote"])
        kept.append(data)
    path = project.seeds / "drafts" / f"{source}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(roundtrip.dump({"source": source, "proposals": kept, "prose": []}), encoding="utf-8")
    try:
        apply(project, path)
    except BadInput as bad:
        return [str(problem) for problem in bad.problems]
    return []


# --- scoring --------------------------------------------------------------------

def _names(record: dict) -> set[str]:
    return {normalise(str(n)).casefold() for n in [record.get("name"), record.get("acronym"),
                                                    *(record.get("aliases") or [])] if n}


def _titles(record: dict, source: Optional[str] = None) -> set[str]:
    return {normalise(r["title"]).casefold() for r in record.get("roles") or []
            if source is None or cites(r, source)}


def _expansions(record: dict, source: Optional[str] = None) -> set[str]:
    return {normalise(e["text"]).casefold() for e in record.get("expansions") or []
            if source is None or cites(e, source)}


def _bare(quote: str) -> str:
    """Quoted words without the marks and stops at their edges ('relationship,"' is 'relationship')."""
    return normalise(quote).strip(" \"“”‘’'.,;:").casefold()


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and value.startswith(FILL_IN))


def _same_text(a: Any, b: Any) -> bool:
    return normalise(str(a or "")).casefold() == normalise(str(b or "")).casefold()


@dataclass
class Pair:
    """A gold record and the proposal that finds it, if any, and how each field came out."""

    kind: str
    gold_id: str
    known: bool
    proposal: Optional[int] = None
    fields: dict[str, bool] = field(default_factory=dict)
    wrong_date: bool = False    # the proposal gives a date, and not the gold's (giving none is a miss, not wrong)
    detail: str = ""            # the proposal's values against the gold's, where they differ

    @property
    def right(self) -> bool:
        return self.proposal is not None and all(self.fields.get(f, True) for f in RIGHT[self.kind])


@dataclass
class Result:
    """One report's draft, scored."""

    subject: str
    source: str
    pairs: list[Pair]
    proposals: list[tuple[str, float, bool, str]]     # (kind, confidence, right, what it says)
    error: Optional[str] = None
    unapplied: list[str] = field(default_factory=list)  # the problems of applying the whole draft


def _ids(proposals: list[Proposal], gold: dict[str, list[dict]], source: str) -> dict[str, str]:
    """What each new officials', organizations' or initiatives' proposal is in the gold, by name."""
    found = {}
    for p in proposals:
        if p.action != "new" or p.collection not in ("officials", "organizations", "initiatives"):
            continue
        names = _names(p.fields)
        match = next((r for r in gold.get(p.collection, []) if names & _names(r) and cites(r, source)), None) or \
            next((r for r in gold.get(p.collection, []) if names & _names(r)), None)
        if match is not None:
            found[p.id] = match["id"]
    return found


def _compare(kind: str, p: Proposal, record: dict, before: Optional[dict], source: str,
             ids: dict[str, str]) -> dict[str, bool]:
    """How each scored field of the proposal (with the record as it stood before, for a cite) agrees with the gold."""
    f = p.fields
    ours = lambda values: {ids.get(v, v) for v in values or []}  # noqa: E731
    prior = before or {}
    out: dict[str, bool] = {}
    if kind == "officials":
        if p.action == "new":
            out["name"] = normalise(f.get("name", "")).casefold() in _names(record)
            titles = {normalise(r["title"]).casefold() for r in f.get("roles") or []}
            if _filled(f.get("country")):
                out["country"] = f.get("country") == record.get("country")
        else:
            titles = {normalise(t).casefold() for t in f.get("titles") or []}
        wanted = _titles(record, source) - _titles(prior)
        out["titles"] = titles <= _titles(record) and wanted <= titles | _titles(prior)
        if f.get("aliases"):
            out["aliases"] = {normalise(a).casefold() for a in f["aliases"]} <= _names(record)
    elif kind in ("organizations", "initiatives"):
        if p.action == "new":
            out["name"] = bool(_names({"name": f.get("name"), "acronym": f.get("acronym")}) & _names(record))
            if f.get("acronym") or record.get("acronym"):
                out["acronym"] = _same_text(f.get("acronym"), record.get("acronym"))
            if kind == "organizations" and _filled(f.get("country")):
                out["country"] = f.get("country") == record.get("country")
        if kind == "initiatives":
            texts = {normalise(e["text"]).casefold() for e in f.get("expansions") or []}
            if p.action == "new" and f.get("name") and f.get("acronym") and not texts:
                texts = {normalise(f["name"]).casefold()} - {normalise(f["acronym"]).casefold()}
            wanted = _expansions(record, source) - _expansions(prior)
            out["expansions"] = texts <= _expansions(record) | _names(record) and wanted <= texts | _expansions(prior)
    elif kind == "events":
        people = ours(f.get("participants")) | set(prior.get("participants") or [])
        out["participants"] = people == set(record.get("participants") or [])
        date = f.get("date") if "date" in f else prior.get("date")
        out["date"] = (date or None) == (record.get("date") or None)
        place = f.get("place") if "place" in f else prior.get("place")
        out["place"] = _same_text(place, record.get("place"))
        for name in ("kind", "status"):
            value = f.get(name, prior.get(name))
            if value is not None or record.get(name) is not None:
                out[name] = value == record.get(name, "held" if name == "status" else None)
        parent = f.get("parent", prior.get("parent"))
        if parent or record.get("parent"):
            out["parent"] = parent == record.get("parent")
        topics = ours(f.get("topics")) | set(prior.get("topics") or [])
        if topics or record.get("topics"):
            out["topics"] = topics == set(record.get("topics") or [])
    elif kind == "statements":
        if p.action == "new":
            out["quote"] = bool(f.get("quote")) and _bare(f["quote"]) == _bare(record.get("quote", ""))
            out["speaker"] = ids.get(f.get("speaker"), f.get("speaker")) == record.get("speaker")
            out["speaker_role"] = _same_text(f.get("speaker_role"), record.get("speaker_role"))
            for name in ("channel", "event"):
                if f.get(name) or record.get(name):
                    out[name] = (_same_text(f.get(name), record.get(name)) if name == "channel"
                                 else ids.get(f.get(name), f.get(name)) == record.get(name))
            if f.get("about") or record.get("about"):
                out["about"] = ours(f.get("about")) == set(record.get("about") or [])
    return out


def _finds(kind: str, p: Proposal, record: dict, known: bool, ids: dict[str, str]) -> bool:
    """Whether the proposal is about the gold record at all (found), right or not."""
    if kind == "discrepancies":
        return p.action == "discrepancy" and p.id == record.get("subject")
    if p.collection != kind or p.action == "discrepancy":
        return False
    if known:
        return p.action in ("cite", "update") and p.id == record["id"]
    if p.action != "new":
        return False
    if kind in ("officials", "organizations", "initiatives"):
        return ids.get(p.id) == record["id"]
    if kind == "events":
        # The same people (a wrong date does not hide it), or some of them at a time that can agree.
        people, theirs = {ids.get(v, v) for v in p.fields.get("participants") or []}, set(record.get("participants") or [])
        shared = len(people & theirs)
        return (shared >= 2 or shared == len(theirs) > 0) or \
            (shared >= 1 and _dates_meet(p.fields.get("date"), record.get("date")))
    if kind == "statements":
        words, curated = normalise(str(p.fields.get("quote", ""))), normalise(record.get("quote", ""))
        return bool(words) and (words in curated or curated in words)
    return False


def _dates_meet(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return True
    (a1, a2), (b1, b2) = dates.bounds(a), dates.bounds(b)
    return a1 <= b2 and b1 <= a2


def _match(edges: dict[int, list[int]]) -> dict[int, int]:
    """A largest one-to-one matching of gold records to proposals (augmenting
    paths): one proposal finds one record, not several."""
    owner: dict[int, int] = {}

    def claim(record: int, seen: set[int]) -> bool:
        for number in edges[record]:
            if number not in seen:
                seen.add(number)
                if number not in owner or claim(owner[number], seen):
                    owner[number] = record
                    return True
        return False

    for record in edges:
        claim(record, set())
    return {record: number for number, record in owner.items()}


def score(proposals: list[Proposal], gold: dict[str, list[dict]], before: dict[str, list[dict]], source: str,
          subject: str = "") -> Result:
    """The proposals against the gold records citing `source`; `before` is the
    briefing they were drafted onto (what a cite adds to)."""
    ids = _ids(proposals, gold, source)
    held = {r["id"]: r for records in before.values() for r in records}
    pairs: list[Pair] = []
    right_proposals: set[int] = set()
    used: set[int] = set()
    for kind in KINDS:
        wanted = [r for r in gold.get(kind, []) if cites(r, source)]
        known = [kind != "discrepancies" and r["id"] in held for r in wanted]
        compared: dict[tuple[int, int], dict[str, bool]] = {}
        for index, record in enumerate(wanted):
            for number, p in enumerate(proposals):
                if _finds(kind, p, record, known[index], ids):
                    compared[index, number] = _compare(kind, p, record, held.get(record["id"]), source, ids)
        # The right proposals first, then those that find a record without getting it right.
        right = {k for k, fields in compared.items() if all(fields.get(f, True) for f in RIGHT[kind])}
        first = _match({i: [n for (j, n) in right if j == i and n not in used] for i in range(len(wanted))})
        taken = set(first.values()) | used
        # Among those, the proposal with the most fields right first: two meetings of one person with two
        # others are told apart by their people, not by the order they were drafted in.
        second = _match({i: sorted((n for (j, n) in compared if j == i and n not in taken),
                                   key=lambda n, i=i: -sum(compared[i, n].values()))
                         for i in range(len(wanted)) if i not in first})
        for index, record in enumerate(wanted):
            number = first.get(index, second.get(index))
            pair = Pair(kind, record["id"], known[index], number, compared.get((index, number), {}) if number is not None
                        else {})
            if number is not None and kind == "events":
                pair.wrong_date = bool(proposals[number].fields.get("date")) and not pair.fields.get("date", True)
            if number is not None and not pair.right:
                ours = proposals[number].fields
                pair.detail = "; ".join(f"{name}: {ours.get(name)!r} for {record.get(name)!r}" for name in RIGHT[kind]
                                        if not pair.fields.get(name, True) and name in ("date", "place", "participants",
                                                                                         "speaker", "speaker_role"))
            pairs.append(pair)
            if number is not None:
                used.add(number)
                if kind == "events" and proposals[number].action == "new":
                    ids[proposals[number].id] = record["id"]  # what a statement's `event` names
                if pair.right:
                    right_proposals.add(number)
    # A new engagement's parent is a drafted visit: compared through the visit it was matched to.
    records = {r["id"]: r for r in gold.get("events", [])}
    for pair in pairs:
        if pair.kind == "events" and pair.proposal is not None and "parent" in pair.fields:
            parent = proposals[pair.proposal].fields.get("parent")
            pair.fields["parent"] = ids.get(parent, parent) == records[pair.gold_id].get("parent")
    said = []
    for number, p in enumerate(proposals):
        pair = next((q for q in pairs if q.proposal == number), None)
        what = f"{p.action} {p.collection}/{p.id}: {p.why}"
        if pair is None:
            what += " (matches nothing in the gold)"
        elif not pair.right:
            what += f" (for {pair.kind}/{pair.gold_id}, wrong: " + \
                ", ".join(f for f in RIGHT[pair.kind] if not pair.fields.get(f, True)) + ")"
        said.append((p.collection if p.action != "discrepancy" else "discrepancies", p.confidence,
                     number in right_proposals, what))
    return Result(subject, source, pairs, said)


# --- the run and the table ------------------------------------------------------

def run(split: str = "test", cold: bool = False, corpus: Path = CORPUS, split_file: Path = SPLIT,
        only: Optional[str] = None) -> list[Result]:
    """Each report of the split, drafted and scored. With `split="dev"` the
    briefing grows from dev reports alone; with "test", from all reports in date order."""
    parts = read_split(split_file)
    results = []
    for name in sorted(parts):
        subject = load_subject(corpus / name, parts[name])
        chain = [e for e in subject.entries if split == "test" or subject.split.get(e["id"]) == "dev"]
        for index, entry in enumerate(chain):
            if subject.split.get(entry["id"]) != split or only not in (None, entry["id"]):
                continue
            try:
                proposals, before, unapplied = drafted(subject, entry, chain[:index], cold)
            except BadInput as problems:
                results.append(Result(name, entry["id"], [], [], error="; ".join(map(str, problems.problems[:3]))))
                continue
            # The gold is what the reports read support, this one included; never a later (or, on dev, a
            # test) report's word.
            gold = restricted(subject.facts, {e["id"] for e in [*([] if cold else chain[:index]), entry]})
            result = score(proposals, gold, before, entry["id"], name)
            result.unapplied = unapplied
            results.append(result)
    return results


def _ratio(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.2f}" if total else "0/0"


def figures(results: Iterable[Result]) -> dict[str, Any]:
    """The measures the targets are set on."""
    results = list(results)
    pairs = [p for r in results for p in r.pairs]
    proposals = [p for r in results for p in r.proposals]
    out: dict[str, Any] = {}
    right = sum(1 for p in proposals if p[2])
    out["precision"] = (right, len(proposals))
    events = [p for p in pairs if p.kind == "events" and p.proposal is not None]
    out["dates wrong"] = sum(1 for p in events if p.wrong_date)
    out["participants exact"] = (sum(1 for p in events if p.fields.get("participants")), len(events))
    said = [p for p in pairs if p.kind == "statements"]
    found = [p for p in said if p.proposal is not None and p.fields.get("speaker") is not None]
    out["speaker right"] = (sum(1 for p in found if p.fields["speaker"]), len(found))
    out["statements recall"] = (sum(1 for p in said if p.right), len(said))
    for kind in ("officials", "organizations", "initiatives", "events"):
        new = [p for p in pairs if p.kind == kind and not p.known]
        out[f"{kind} new recall"] = (sum(1 for p in new if p.right), len(new))
    drafts = [r for r in results if not r.error]
    out["drafts that apply cleanly"] = (sum(1 for r in drafts if not r.unapplied), len(drafts))
    high = [p for p in proposals if p[1] >= 0.8]
    out["share right at confidence >= 0.8"] = (sum(1 for p in high if p[2]), len(high))
    return out


def meets(value: Any, target: float) -> bool:
    if isinstance(value, tuple):
        hits, total = value
        return total > 0 and hits / total >= target
    return value <= target


def table(results: list[Result], cold: Optional[list[Result]] = None, targets: bool = True) -> str:
    """The tables of one run; with `targets`, the issue's targets against it (and the cold start's engagements)."""
    lines = ["| kind | known: found | known: right | new: found | new: right | proposals right |",
             "| --- | --- | --- | --- | --- | --- |"]
    for kind in KINDS:
        pairs = [p for r in results for p in r.pairs if p.kind == kind]
        cells = []
        for known in (True, False):
            group = [p for p in pairs if p.known == known]
            cells += [_ratio(sum(1 for p in group if p.proposal is not None), len(group)),
                      _ratio(sum(1 for p in group if p.right), len(group))]
        made = [p for r in results for p in r.proposals if p[0] == kind]
        cells.append(_ratio(sum(1 for p in made if p[2]), len(made)))
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines += ["", "| field | right | of proposals that found a record |", "| --- | --- | --- |"]
    for kind in KINDS:
        for name in RIGHT[kind] + SHOWN[kind]:
            scored = [p.fields[name] for r in results for p in r.pairs if p.kind == kind and name in p.fields]
            if scored:
                lines.append(f"| {kind}: {name}{'' if name in RIGHT[kind] else ' (shown only)'} | "
                             f"{sum(scored)} | {len(scored)} |")
    lines += ["", "| confidence | proposals | right | share |", "| --- | --- | --- | --- |"]
    proposals = [p for r in results for p in r.proposals]
    for low, high in BINS:
        group = [p for p in proposals if low <= p[1] < high]
        lines.append(f"| {low:.1f}–{min(high, 1.0):.1f} | {len(group)} | {sum(1 for p in group if p[2])} | "
                     f"{sum(1 for p in group if p[2]) / len(group) if group else 0:.2f} |")
    measured = figures(results)
    if cold is not None:
        events = [p for r in cold for p in r.pairs if p.kind == "events"]
        measured["cold events recall"] = (sum(1 for p in events if p.right), len(events))
    lines += ["", "| target | measured | floor | met |", "| --- | --- | --- | --- |"] if targets else []
    for name, target in TARGETS.items() if targets else ():
        if name in measured:
            value = measured[name]
            shown = _ratio(*value) if isinstance(value, tuple) else str(value)
            lines.append(f"| {name} | {shown} | {'≥' if isinstance(value, tuple) else '≤'} {target} | "
                         f"{'met' if meets(value, target) else 'MISSED'} |")
    errors = [r for r in [*results, *(cold or [])] if r.error]
    reports = len({(r.subject, r.source) for r in results})
    lines += ["", f"{reports} reports; {sum(len(r.proposals) for r in results)} proposals"
              + (f"; {len(errors)} drafts could not be made: " + "; ".join(f"{r.source}: {r.error}" for r in errors)
                 if errors else "")]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="test")
    parser.add_argument("--only", help="one source id")
    parser.add_argument("--misses", action="store_true", help="list, per report, what was missed and what was wrong")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--split-file", type=Path, default=None)
    args = parser.parse_args(argv)
    split_file = args.split_file or args.corpus.parent / "split.yml"
    if not split_file.exists():
        print(f"{split_file}: no split file; the corpus is not there yet", file=sys.stderr)
        return 2
    results = run(args.split, False, args.corpus, split_file, args.only)
    cold = run(args.split, True, args.corpus, split_file, args.only)
    if args.json:
        measured = figures(results)
        measured["cold events recall"] = figures(cold)["events new recall"]
        print(json.dumps(measured, indent=1))
        return 0
    print(f"## Growing briefings, split {args.split}\n\n{table(results, cold)}\n\n"
          f"## Cold start (each report onto an empty briefing)\n\n{table(cold, targets=False)}")
    if args.misses:
        for result in results:
            print(f"\n### {result.subject}: {result.source}")
            for pair in result.pairs:
                if not pair.right:
                    state = "missed" if pair.proposal is None else "wrong " + ", ".join(
                        f for f, ok in pair.fields.items() if not ok)
                    print(f"- {'known' if pair.known else 'new'} {pair.kind}/{pair.gold_id}: {state}"
                          + (f" ({pair.detail})" if pair.detail else ""))
            for _, confidence, right, what in result.proposals:
                if not right:
                    print(f"- proposal {confidence:.2f} {what}")
            for problem in result.unapplied:
                print(f"- does not apply: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
