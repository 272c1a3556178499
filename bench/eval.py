"""`make eval`: how much of a report's curated facts `draft` finds, leave one out.

For each shipped report: a copy of the project without that report (its
citations removed from every record; records left with none dropped, and
every reference to them), then `add` the report again and `draft` it, and
compare the proposals with the curated facts that cite it. Prints recall
per kind, precision overall, the share of evidence quotes found verbatim in
the report, and whether any prose field was filled from the report.

    python bench/eval.py [--only SOURCE_ID] [--json] [--misses]

With --misses, also lists per report the curated records no proposal
matched and the proposals that matched no curated record.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from briefing import pipeline
from briefing.add import add
from briefing.draft import UNFILLED, dates_overlap, draft
from briefing.project import Project
from briefing.text import normalise

REPO = Path(__file__).resolve().parent.parent
KINDS = ["officials", "organizations", "initiatives", "events", "statements", "discrepancies"]
TARGETS = {"officials": 0.8, "organizations": 0.8, "initiatives": 0.8, "events": 0.7, "statements": 0.6}
PROSE = {"events": ("title", "summary"), "initiatives": ("description",), "discrepancies": ("description",)}


def _cites(obj: Any, source: str) -> bool:
    """Whether anything in a record cites `source`."""
    if isinstance(obj, dict):
        return any(c.get("source") == source for c in obj.get("cite") or []) or any(
            _cites(v, source) for k, v in obj.items() if k != "cite")
    if isinstance(obj, list):
        return any(_cites(item, source) for item in obj)
    return False


def _strip(obj: Any, source: str) -> Any:
    """The record without citations of `source`; items (titles, expansions,
    versions) left without citations go."""
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if key == "cite" and isinstance(value, list):
                out[key] = [c for c in value if c.get("source") != source]
            else:
                out[key] = _strip(value, source)
        return out
    if isinstance(obj, list):
        items = [_strip(item, source) for item in obj]
        return [i for i in items if not (isinstance(i, dict) and "cite" in i and not i["cite"]
                                         and "id" not in i)]
    return obj


def _quotes(record: dict) -> list[str]:
    found = [c["quote"] for c in record.get("cite") or []]
    for key in ("roles", "expansions"):
        for item in record.get(key) or []:
            found += [c["quote"] for c in item.get("cite") or []]
    return [normalise(q) for q in found]


def _unverifiable(record: dict) -> bool:
    """Drops the spellings no remaining quote gives; True when the name itself is one."""
    quotes = _quotes(record)
    given = lambda value: any(normalise(value) in q for q in quotes)  # noqa: E731
    if "aliases" in record:
        record["aliases"] = [a for a in record.get("aliases") or [] if given(a)]
    if record.get("acronym") and not given(record["acronym"]):
        record["acronym"] = None
    return "name" in record and "cite" in record and not given(record["name"])


def without(facts: dict[str, list[dict]], source: str) -> dict[str, list[dict]]:
    """The facts as if `source` had never been read, still passing check."""
    facts = {k: [_strip(r, source) for r in v] for k, v in facts.items()}
    for collection in ("officials", "organizations", "initiatives"):
        facts[collection] = [r for r in facts.get(collection, []) if not _unverifiable(r)]
    while True:
        ids = {r["id"] for records in facts.values() for r in records}
        dropped = False
        for collection, records in facts.items():
            kept = []
            for record in records:
                gone = (collection not in ("topics", "officials") and "cite" in record and not record["cite"]) \
                    or (collection == "officials" and not record.get("roles")) \
                    or (collection == "statements" and record.get("speaker") not in ids) \
                    or (collection == "discrepancies" and (record.get("subject") not in ids
                                                          or len(record.get("versions") or []) < 2))
                dropped |= gone
                if not gone:
                    kept.append(record)
            facts[collection] = kept
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
                    record["prose_from"] = [s for s in record["prose_from"] if s != source]
        if not dropped:
            break
    officials = {o["id"]: [o["name"], *(o.get("aliases") or [])] for o in facts.get("officials", [])}
    for event in facts.get("events", []):
        supported = {claim for c in event["cite"] for claim in c.get("supports") or []}
        if event.get("date") and "date" not in supported:
            event.update(date=None, date_basis=None, date_note="No remaining report gives the date.")
        places = " ".join(normalise(c["quote"]).casefold() for c in event["cite"] if "place" in (c.get("supports") or []))
        if event.get("place") and not any(normalise(p).casefold() in places
                                          for p in (event["place"], event["place"].split(",")[0])):
            event["place"] = None
        said = " ".join(c["quote"].casefold() for c in event["cite"] if "participants" in (c.get("supports") or []))
        event["participants"] = [p for p in event.get("participants") or []
                                 if any(n.casefold() in said for n in officials.get(p, []))]
    return facts


def evaluate(source_id: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        root.mkdir()
        for name in ["mkdocs.yml", "seeds", "templates", "content", "overrides"]:
            (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, root / name)
        registry = yaml.safe_load((root / "seeds" / "sources.yml").read_text("utf-8"))
        entry = next(s for s in registry["sources"] if s["id"] == source_id)
        document = root / "seeds" / "sources" / entry["file"]
        report = Path(folder) / entry["file"]
        shutil.move(document, report)
        registry["sources"] = [s for s in registry["sources"] if s["id"] != source_id]
        (root / "seeds" / "sources.yml").write_text(yaml.safe_dump(registry, sort_keys=False, allow_unicode=True),
                                                  encoding="utf-8")
        gold: dict[str, list[dict]] = {}
        facts: dict[str, list[dict]] = {}
        for path in sorted((root / "seeds" / "facts").glob("*.yml")):
            for collection, records in (yaml.safe_load(path.read_text("utf-8")) or {}).items():
                facts.setdefault(collection, []).extend(records or [])
                gold.setdefault(collection, []).extend(copy.deepcopy(r) for r in records or [] if _cites(r, source_id))
            path.unlink()
        reduced = without(facts, source_id)
        (root / "seeds" / "facts" / "facts.yml").write_text(yaml.safe_dump(reduced, sort_keys=False, allow_unicode=True),
                                                          encoding="utf-8")
        project = Project(root)
        pipeline.check(project)  # the reduced facts must pass, or the comparison means nothing
        add(project, report, source_id)
        briefing = pipeline.check(project)
        proposals = draft(briefing, source_id)
        text = normalise(briefing.corpus.texts[source_id])
    speakers = {r["id"]: _names(r) for c in ("officials", "organizations") for r in facts.get(c, [])}
    return score(gold, proposals, text, {e["id"]: e for e in reduced.get("events", [])}, speakers)


def _names(record: dict) -> set[str]:
    return {normalise(n).casefold() for n in [record.get("name"), record.get("acronym"), *(record.get("aliases") or [])] if n}


def _event_matches(proposal, event: dict, kept: dict[str, dict]) -> bool:
    """Whether the proposal gets the engagement's participants and date
    right: a new record with the same people and a date that agrees (or
    none, where none is curated); a cite or update of the record itself,
    with the people and date the record then has (what the reduced facts
    kept, plus what the proposal adds)."""
    fields = proposal.fields
    if proposal.action == "new":
        people, date = set(fields.get("participants") or []), fields.get("date")
    elif proposal.id == event["id"] and proposal.id in kept:
        record = kept[proposal.id]
        people = set(record.get("participants") or []) | set(fields.get("participants") or [])
        date = fields.get("date") or record.get("date")
    else:
        return False
    return people == set(event.get("participants") or []) and bool(date) == bool(event.get("date")) \
        and dates_overlap(date, event.get("date"))


def _statement_matches(proposal, statement: dict, speakers: dict[str, set[str]], drafted: dict[str, set[str]]) -> bool:
    """The same quoted words (one within the other), credited to the same
    speaker: the curated record's, or a new one the draft names the same way."""
    words, curated = normalise(str(proposal.fields.get("quote", ""))), normalise(statement["quote"])
    if not words or not (words in curated or curated in words):
        return False
    speaker = proposal.fields.get("speaker")
    return speaker == statement["speaker"] or bool(drafted.get(speaker, set()) & speakers.get(statement["speaker"], set()))


def _pairs(edges: dict[int, list[int]]) -> dict[int, int]:
    """A largest one-to-one matching of curated records to proposals
    (augmenting paths): one proposal finds one record, not several."""
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


def score(gold: dict[str, list[dict]], proposals: list, text: str, kept: dict[str, dict],
          speakers: dict[str, set[str]]) -> dict:
    """Recall per kind and precision overall. `kept` holds the reduced
    facts' engagements by id (what a cite or update adds to); `speakers`
    the names of every curated official and organization, by id."""
    found: dict[str, tuple[int, int]] = {}
    matched: set[int] = set()
    missed: list[str] = []
    drafted = {p.id: _names(p.fields) for p in proposals if p.action == "new"}
    for kind in KINDS:
        wanted = gold.get(kind, [])
        edges: dict[int, list[int]] = {}
        for index, record in enumerate(wanted):
            edges[index] = []
            for number, proposal in enumerate(proposals):
                if kind == "discrepancies":
                    ok = proposal.action == "discrepancy" and proposal.id == record.get("subject")
                elif proposal.collection != kind or proposal.action == "discrepancy":
                    ok = False  # a disagreement about a record does not find it
                elif kind == "events":
                    ok = _event_matches(proposal, record, kept)
                elif kind == "statements":
                    ok = _statement_matches(proposal, record, speakers, drafted)
                elif proposal.action == "new":
                    # A new record is found by what it is called, not by a slug that happens to agree.
                    ok = any(normalise(str(proposal.fields.get(k) or "")).casefold() in _names(record)
                             for k in ("name", "acronym"))
                else:
                    ok = proposal.id == record["id"]
                if ok:
                    edges[index].append(number)
        pairs = _pairs(edges)
        matched.update(pairs.values())
        missed += [f"{kind}/{record['id']}" for index, record in enumerate(wanted) if index not in pairs]
        found[kind] = (len(pairs), len(wanted))
    quotes = [e["quote"] for p in proposals for e in p.evidence]
    verbatim = sum(1 for q in quotes if normalise(q) in text)
    copied = [p.id for p in proposals if p.action == "new"
              for name in PROSE.get(p.collection, ()) if name in p.fields and p.fields[name] != UNFILLED]
    unmatched = [f"{p.action} {p.collection}/{p.id}: {p.why}" for n, p in enumerate(proposals) if n not in matched]
    return {"recall": found, "proposals": len(proposals), "matched": len(matched),
            "quotes": len(quotes), "verbatim": verbatim, "prose_copied": copied,
            "missed": missed, "unmatched": unmatched}


def table(results: dict[str, dict]) -> str:
    lines = ["| kind | found | curated | recall | target |", "| --- | --- | --- | --- | --- |"]
    for kind in KINDS:
        hits = sum(r["recall"][kind][0] for r in results.values())
        total = sum(r["recall"][kind][1] for r in results.values())
        recall = hits / total if total else 1.0
        target = TARGETS.get(kind)
        lines.append(f"| {kind} | {hits} | {total} | {recall:.2f} | "
                     f"{'—' if target is None else ('met' if recall >= target else 'MISSED') + f' (≥ {target})'} |")
    proposals = sum(r["proposals"] for r in results.values())
    matched = sum(r["matched"] for r in results.values())
    quotes = sum(r["quotes"] for r in results.values())
    verbatim = sum(r["verbatim"] for r in results.values())
    copied = [c for r in results.values() for c in r["prose_copied"]]
    lines += ["", f"- precision overall: {matched}/{proposals} = {matched / max(proposals, 1):.2f} (target ≥ 0.8)",
              f"- evidence quotes verbatim in the report: {verbatim}/{quotes}",
              f"- prose fields filled from a report: {len(copied)}"]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--only", help="one source id")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list what each report's draft missed and made up")
    args = parser.parse_args(argv)
    registry = yaml.safe_load((REPO / "seeds" / "sources.yml").read_text("utf-8"))
    ids = [s["id"] for s in registry["sources"] if args.only in (None, s["id"])]
    results = {source_id: evaluate(source_id) for source_id in ids}
    print(json.dumps(results, indent=1) if args.json else table(results))
    if args.misses and not args.json:
        for source_id, result in results.items():
            print(f"\n## {source_id}\n- missed: " + ("".join(f"\n  - {m}" for m in result["missed"]) or "none")
                  + "\n- matched nothing curated: " + ("".join(f"\n  - {u}" for u in result["unmatched"]) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
