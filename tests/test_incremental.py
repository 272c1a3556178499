"""Incremental regeneration gives what a fresh generation gives.

Under `mkdocs serve` the generator keeps a session between edits (the files
read, the records found sound, the pages rendered with the records each one
shows) and re-renders only the pages it thinks an edit changed. Whatever it
keeps, its output must be byte for byte the output of a fresh generation of
the same input. These tests generate once through a session, then apply a
random sequence of valid edits to the seeds and templates, and after every
edit compare the session's output with a fresh generation's.

Edits are made as a curator would: the YAML files are read as plain data,
changed and written back (only the files that changed, with a later
modification time, as an editor saving them would leave them).

Two corpora: the shipped one, and a small synthetic one from bench/corpus.py.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import difflib
import functools
import io
import json
import os
import pickle
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import typing
from pathlib import Path
from typing import Callable, Iterator, Optional

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from bench.corpus import make_project
from briefing import model, pipeline
from briefing.incremental import CACHE, Memo, code_version
from briefing.problems import BadInput
from briefing.project import Project
from briefing.readable import ReadableBriefing
from briefing.routes import PAGE_FOLDERS
from briefing.stamp import STAMP
from conftest import copy_project

# --- adapters: the generator's API, in one place -------------------------------
# Only this block (and the imports of pipeline and Project above) touches
# the generator's API: the session, the check, the two
# generations. When the API changes, only they need to follow.


def new_session() -> pipeline.Session:
    """What a process keeps between generations, as under `mkdocs serve`."""
    return pipeline.Session()


def check(root: Path) -> None:
    """Loads and verifies the seeds; raises BadInput if they are invalid."""
    pipeline.check(Project(root))


def fresh(root: Path) -> dict[str, bytes]:
    """Every generated file, by path, from a generation with nothing kept."""
    project = Project(root)
    return pipeline.render(pipeline.check(project), project)


def incremental(root: Path, session: pipeline.Session) -> dict[str, bytes]:
    """Every generated file, by path, from a generation through `session`
    into the output folder (which holds the texts the session keeps only the
    digests of), read back."""
    project = Project(root)
    pipeline.generate(project, session=session)
    return output_files(project.output)


def output_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def from_cache(root: Path, session: Optional[pipeline.Session] = None) -> dict[str, bytes]:
    """Every generated file, by path, from a generation through a new session
    (or `session`, if not yet filled) that finds only what the last
    generation left in .cache/, as a new process does."""
    return incremental(root, session or pipeline.Session())


def jobs_of(session: pipeline.Session) -> set:
    """The keys of the jobs the session keeps: one per output file or part of one."""
    return set(session.memo.jobs.kept)


def rerun(root: Path, session: pipeline.Session) -> tuple[set, dict[str, bytes], dict[str, set]]:
    """A generation through `session`: the keys of the jobs it ran again (a
    job kept from the last generation keeps its entry; one run again gets a
    new one), its files, and what the memo had no answer to, by kind (the
    files read, the records verified)."""
    kept = dict(session.memo.jobs.kept)
    session.memo.count()
    files = generated(incremental, root, session)
    assert session.memo.jobs.ran + session.memo.jobs.reused == len(session.memo.jobs.kept)
    return ({key for key, entry in session.memo.jobs.kept.items() if kept.get(key) is not entry}, files,
            session.memo.unknown)


# A generation in a process of its own, as a command-line build makes it,
# finding what the last process left in .cache/: it prints the keys of the
# jobs it ran again (whose entry is not the one left there), how many it
# kept, and what the memo had no answer to, as JSON.
_PROCESS = """
import json, sys
from briefing import pipeline
from briefing.incremental import CACHE, Memo
from briefing.project import Project
project = Project(sys.argv[1])
before = Memo.load(project.root / CACHE).jobs.kept
session = pipeline.Session()
pipeline.generate(project, session=session)
jobs = session.memo.jobs
again = [key for key, entry in jobs.kept.items() if before.get(key) != entry]
unknown = {kind: sorted(keys) for kind, keys in session.memo.unknown.items()}
print(json.dumps({"again": again, "jobs": len(jobs.kept), "ran": jobs.ran, "unknown": unknown}))
"""


def _tuples(value):
    return tuple(map(_tuples, value)) if isinstance(value, list) else value


def rerun_in_a_process(root: Path, seed: int) -> tuple[set, dict[str, bytes], dict[str, set]]:
    """As `rerun`, in a new process (with its own hash seed) that reads
    only what the last one left in .cache/."""
    done = subprocess.run([sys.executable, "-c", _PROCESS, str(root)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONHASHSEED": str(seed)}, timeout=600)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    again = {_tuples(key) for key in found["again"]}
    assert found["ran"] == len(again)
    return again, output_files(Project(root).output), \
        {kind: {_tuples(key) for key in keys} for kind, keys in found["unknown"].items()}


# The singular a per-record job's key names its record's collection by (a calendar, a feed entry).
_COLLECTION_OF = {"event": "events", "official": "officials", "source": "sources"}


def record_of(key: tuple) -> Optional[tuple[str, str]]:
    """The record a job is about, (collection, id); None for a job about many
    (an index page, the book, the whole data set)."""
    _, what = key
    if isinstance(what, tuple):
        collection, record_id = what
        return _COLLECTION_OF.get(collection, collection), record_id
    folder, _, name = str(what).rpartition("/")
    collection = next((c for c, f in PAGE_FOLDERS.items() if f == folder), None)
    return (collection, name.removesuffix(".md")) if collection and name != "index.md" else None


# --- settings --------------------------------------------------------------------

# The same examples on every run (as in test_property.py), so that the suite
# is stable; BRIEFING_EXPLORE=N runs N times as many examples, at random.
EXPLORE = int(os.environ.get("BRIEFING_EXPLORE", "0") or 0)
# No "explain" phase: it traces every line run, many times over, for minutes.
SETTINGS = dict(deadline=None, database=None, derandomize=not EXPLORE, print_blob=True,
                phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# A fixed build date: a run that crosses midnight must not see two dates.
BUILD_EPOCH = "1748563200"  # 2025-05-30
# Synthetic corpus: small, so that a generation takes a fraction of a second.
SYNTHETIC_ENGAGEMENTS = 16
SYNTHETIC_SEED = 3
MAX_STEPS = 6
# How much of the first differing file a failure shows.
DIFF_LINES = 60


def examples(count: int) -> int:
    return count * max(1, EXPLORE)


@pytest.fixture(scope="module", autouse=True)
def fixed_build_date():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        yield


# --- workspaces ----------------------------------------------------------------


@functools.cache
def _synthetic_original() -> Path:
    """The synthetic project, made once per test run and copied per example."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-incremental-"))
    atexit.register(shutil.rmtree, folder, True)
    make_project(folder / "project", SYNTHETIC_ENGAGEMENTS, seed=SYNTHETIC_SEED)
    return folder / "project"


def _copy_synthetic(destination: Path) -> Path:
    shutil.copytree(_synthetic_original(), destination,
                    ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    return destination


CORPORA: dict[str, Callable[[Path], Path]] = {"shipped": copy_project, "synthetic": _copy_synthetic}


@contextlib.contextmanager
def workspace(corpus: str) -> Iterator[Path]:
    """A throw-away copy of a project (one per example: hypothesis forbids
    function-scoped fixtures in @given)."""
    with tempfile.TemporaryDirectory(prefix="briefing-incremental-") as folder:
        yield CORPORA[corpus](Path(folder) / "project")


# --- editing the seeds as data ---------------------------------------------------

SCHEMA_LINE = "# yaml-language-server"
# libyaml where PyYAML has it, as the loader does: ten times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block YAML as typed by hand: no anchors or aliases (the loader refuses
    them), keys in their order, long lines unwrapped."""

    def ignore_aliases(self, data) -> bool:
        return True


def _later(path: Path, before: int) -> None:
    """A modification time later than `before` by a second at least: caches
    keyed by file times (the session's, Jinja's) cannot miss the edit."""
    after = path.stat().st_mtime_ns
    moment = max(after, before + 1_000_000_000)
    os.utime(path, ns=(moment, moment))


def write_file(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    _later(path, before)


class Seeds:
    """seeds/sources.yml and seeds/facts/*.yml as plain data. Records are
    changed in place; `save()` writes back the files that changed."""

    def __init__(self, root: Path):
        self.root = root
        self.data: dict[Path, dict] = {}
        self.headers: dict[Path, str] = {}
        self.saved: dict[Path, Optional[dict]] = {}  # as last written; None: not yet
        for path in [root / "seeds" / "sources.yml", *sorted((root / "seeds" / "facts").glob("*.yml"))]:
            text = path.read_text("utf-8")
            first = text.split("\n", 1)[0]
            self.headers[path] = first + "\n" if first.startswith(SCHEMA_LINE) else ""
            self.data[path] = yaml.load(text, Loader=_Loader) or {}
            self.saved[path] = copy.deepcopy(self.data[path])

    def records(self, collection: str) -> list[dict]:
        return [record for path in self.data for record in self.data[path].get(collection) or []]

    def ids(self, collection: str) -> list[str]:
        return sorted(record["id"] for record in self.records(collection))

    def record(self, collection: str, record_id: str) -> dict:
        return next(r for r in self.records(collection) if r["id"] == record_id)

    def add(self, collection: str, record: dict, new_file: Optional[str] = None) -> Path:
        """Appends `record` to the first file holding `collection`, or to a new file."""
        path = None if new_file else next((p for p, d in self.data.items() if collection in d), None)
        if path is None:
            path = self.root / "seeds" / "facts" / (new_file or f"{collection}-added.yml")
            self.data.setdefault(path, {})
            self.headers.setdefault(path, f"{SCHEMA_LINE}: $schema=../facts.schema.json\n")
            self.saved.setdefault(path, None)
        if self.data[path].get(collection) is None:
            self.data[path][collection] = []
        self.data[path][collection].append(record)
        return path

    def remove(self, collection: str, record_id: str) -> None:
        for data in self.data.values():
            if data.get(collection):
                data[collection] = [r for r in data[collection] if r["id"] != record_id]

    def save(self) -> list[str]:
        """Writes the files whose data changed; their names, relative to the project."""
        written = []
        for path, data in self.data.items():
            if data == self.saved[path]:
                continue
            text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                             default_flow_style=False, width=1 << 20)
            write_file(path, self.headers[path] + text)
            self.saved[path] = copy.deepcopy(data)
            written.append(str(path.relative_to(self.root)))
        return written

    # --- what records refer to ---

    def ancestors(self, collection: str, record_id: Optional[str]) -> list[str]:
        """`record_id` and the parents above it (events or organizations)."""
        parents = {r["id"]: r.get("parent") for r in self.records(collection)}
        found = []
        while record_id is not None and record_id not in found:
            found.append(record_id)
            record_id = parents.get(record_id)
        return found

    def with_children(self) -> list[str]:
        """The events other events name as their parent (visits with meetings)."""
        return sorted({e["parent"] for e in self.records("events") if e.get("parent")})

    def parents_allowed(self, collection: str, record_id: str) -> list[str]:
        """The records `record_id` may take as its parent without a cycle."""
        return [other for other in self.ids(collection) if record_id not in self.ancestors(collection, other)]

    def event_citations(self) -> list[tuple[str, str, tuple]]:
        """Every (source, quote, what it supports) an event cites: verbatim,
        so reusable by a new event; of the claims, only those a new event can
        keep true whatever it is (a date, its participants: see `nameable`)."""
        return sorted({(c["source"], c["quote"], tuple(x for x in c.get("supports") or []
                                                       if x in ("date", "participants")))
                       for e in self.records("events") for c in e["cite"]})

    def nameable(self, cites: list[dict]) -> list[str]:
        """The officials named (by name or alias) in the quotes among `cites`
        that support participants: who may take part (see verify.py)."""
        said = " ".join(c["quote"].casefold() for c in cites if "participants" in (c.get("supports") or []))
        return [o["id"] for o in self.records("officials")
                if any(n.casefold() in said for n in [o["name"], *(o.get("aliases") or [])])]

    def names(self) -> list[str]:
        """Names prose may mention (and so link): officials', organizations',
        initiatives'; short ones, that cannot make a run of words copied from
        a source (an initiative may be named by a whole sentence of one)."""
        return sorted({r["name"] for c in ("officials", "organizations", "initiatives") for r in self.records(c)
                       if len(r["name"].split()) <= SHORT_NAME_WORDS})


# --- the curator's own words -----------------------------------------------------------

# Made-up words: no source holds them, so prose of them copies no run of words
# (verify.py refuses prose sharing a run of 8 words with a source); a name
# mentioned among them has at most this many words. Few and fixed, so that
# hypothesis shrinks a failing example quickly.
SHORT_NAME_WORDS = 4
TITLES = ["Zorblat quimble meeting", "Frandish glompy talks", "Wuzzle trevian call", "Plorx snerdle visit",
          "Vexilant brumple roundtable", "Quaxon dribbet consultations"]
SENTENCES = ["Zorblat quimble frandish glompy", "Wuzzle trevian plorx snerdle vexilant",
             "Brumple quaxon dribbet zorblat", "Quimble wuzzle glompy plorx trevian"]
EVENT_KINDS = list(typing.get_args(model.EventKind))
COUNTRIES = ["IN", "US", "JP", "GB", "FR", "AU"]
# (date, date_basis, date_note): each valid under verify.py's date rules.
DATES = [
    (None, None, "No report gives a date for the zorblat meeting."),
    ("2025-03-17", "stated", None),
    ("2025-06", "stated", None),
    ("2025-05-28", "stated", None),
    ("2024-11-02", "stated", None),
    ("2025-05-27/2025-05-29", "stated", None),
    ("2025?-03-28", "inferred", "The quimble report gives the day and month; the year is implied."),
    ("2025-05-29", "derived", "Worked out from the weekday a plorx report dated 30 May 2025 gives."),
]


def title() -> st.SearchStrategy[str]:
    return st.sampled_from(TITLES)


def prose(seeds: Seeds) -> st.SearchStrategy[str]:
    """A sentence of made-up words, sometimes naming a record (which the page links)."""
    named = st.one_of(st.none(), st.sampled_from(seeds.names()))
    return st.tuples(st.sampled_from(SENTENCES), named).map(
        lambda parts: f"{parts[0]} {parts[1]} quaxon." if parts[1] else f"{parts[0]}.")


def parent_of_new(seeds: Seeds) -> st.SearchStrategy[Optional[str]]:
    """A parent for a new or moved event: as often a visit that has meetings
    already (whose pages list each other) as any event or none."""
    return parents(seeds.with_children(), seeds.ids("events"))


def parents(visits: list[str], allowed: list[str]) -> st.SearchStrategy[Optional[str]]:
    choices = [st.none()] + [st.sampled_from(found) for found in (allowed, [v for v in visits if v in allowed]) if found]
    return st.one_of(*reversed(choices))


def toggle(items: list, item) -> str:
    """Removes `item` from `items` if there, else appends it; says which."""
    if item in items:
        items.remove(item)
        return "removed"
    items.append(item)
    return "added"


def _set_date(event: dict, when: tuple) -> None:
    event["date"], event["date_basis"], event["date_note"] = when


# --- edits -------------------------------------------------------------------------------
# Each edit draws what it needs from the seeds as they are now, changes them,
# and says what it did. Every edit leaves the facts valid: one that does not
# is a bug here, and the test fails with the checker's report.

Edit = Callable[[Seeds, st.DataObject, int], str]
EDITS: dict[str, Edit] = {}


def edit(function: Edit) -> Edit:
    EDITS[function.__name__] = function
    return function


def draw(data: st.DataObject, strategy: st.SearchStrategy, what: str):
    return data.draw(strategy, label=what)


@edit
def add_event(seeds: Seeds, data: st.DataObject, step: int) -> str:
    drawn = draw(data, st.fixed_dictionaries({
        "title": title(),
        "kind": st.sampled_from(EVENT_KINDS),
        "summary": prose(seeds),
        "when": st.sampled_from(DATES),
        "parent": parent_of_new(seeds),
        "participants": st.lists(st.sampled_from(seeds.ids("officials")), unique=True, max_size=4),
        "topics": st.lists(st.sampled_from(seeds.ids("topics")), unique=True, max_size=3),
        "initiatives": st.lists(st.sampled_from(seeds.ids("initiatives")), unique=True, max_size=2),
        "cite": st.lists(st.sampled_from(seeds.event_citations()), min_size=1, max_size=2, unique=True),
        "new_file": st.booleans(),
    }), "new event")
    cites = [{"source": source, "quote": quote, **({"supports": list(claims)} if claims else {})}
             for source, quote, claims in drawn["cite"]]
    event = {"id": f"zorblat-event-{step}", "title": drawn["title"], "kind": drawn["kind"],
             "summary": drawn["summary"]}
    # A date needs a quote that gives one; participants need naming in a quote.
    dated = any("date" in c.get("supports", []) for c in cites)
    _set_date(event, drawn["when"] if dated else DATES[0])
    named = seeds.nameable(cites)
    event.update({"parent": drawn["parent"], "participants": [p for p in drawn["participants"] if p in named],
                  "topics": drawn["topics"], "initiatives": drawn["initiatives"], "cite": cites})
    path = seeds.add("events", event, f"added-{step}.yml" if drawn["new_file"] else None)
    return f"add event {event['id']} (parent {event['parent']}) to {path.name}"


@edit
def remove_event(seeds: Seeds, data: st.DataObject, step: int) -> str:
    """Removes an event, and what refers to it: its children move up to its
    parent, its statements and the initiatives it launched let go of it, and
    the discrepancies about it go."""
    event_id = draw(data, st.sampled_from(seeds.ids("events")), "event to remove")
    parent = seeds.record("events", event_id).get("parent")
    seeds.remove("events", event_id)
    for event in seeds.records("events"):
        if event.get("parent") == event_id:
            event["parent"] = parent
    for statement in seeds.records("statements"):
        if statement.get("event") == event_id:
            statement["event"] = None
    for initiative in seeds.records("initiatives"):
        if initiative.get("launched") == event_id:
            initiative["launched"] = None
    for discrepancy in seeds.records("discrepancies"):
        if discrepancy["subject"] == event_id:
            seeds.remove("discrepancies", discrepancy["id"])
    return f"remove event {event_id}"


@edit
def change_event_parent(seeds: Seeds, data: st.DataObject, step: int) -> str:
    event_id, parent = draw(data, st.sampled_from(seeds.ids("events")).flatmap(lambda e: st.tuples(
        st.just(e), parents(seeds.with_children(), seeds.parents_allowed("events", e)))),
        "event, new parent")
    seeds.record("events", event_id)["parent"] = parent
    return f"event {event_id}: parent {parent}"


def _toggle_in_event(seeds: Seeds, data: st.DataObject, field: str, collection: str) -> str:
    event_id, item = draw(data, st.tuples(st.sampled_from(seeds.ids("events")),
                                          st.sampled_from(seeds.ids(collection))), f"event, {field[:-1]}")
    event = seeds.record("events", event_id)
    done = toggle(event.setdefault(field, []), item)
    return f"event {event_id}: {done} {field[:-1]} {item}"


@edit
def change_event_participants(seeds: Seeds, data: st.DataObject, step: int) -> str:
    """Takes a participant out, or adds one its quotes name (see verify.py)."""
    def choices(event_id: str) -> list[str]:
        event = seeds.record("events", event_id)
        return sorted(set(event.get("participants") or []) | set(seeds.nameable(event["cite"])))

    events = [e for e in seeds.ids("events") if choices(e)]
    if not events:
        return "no participant to change"
    event_id, official = draw(data, st.sampled_from(events).flatmap(lambda e: st.tuples(
        st.just(e), st.sampled_from(choices(e)))), "event, participant")
    event = seeds.record("events", event_id)
    return f"event {event_id}: {toggle(event.setdefault('participants', []), official)} participant {official}"


@edit
def change_event_topics(seeds: Seeds, data: st.DataObject, step: int) -> str:
    return _toggle_in_event(seeds, data, "topics", "topics")


@edit
def change_event_initiatives(seeds: Seeds, data: st.DataObject, step: int) -> str:
    return _toggle_in_event(seeds, data, "initiatives", "initiatives")


@edit
def change_event_date(seeds: Seeds, data: st.DataObject, step: int) -> str:
    event_id = draw(data, st.sampled_from(seeds.ids("events")), "event")
    event = seeds.record("events", event_id)
    # Only a quote that supports the date may date the event (see verify.py).
    dated = any("date" in (c.get("supports") or []) for c in event["cite"])
    when = draw(data, st.sampled_from(DATES if dated else DATES[:1]), "date")
    _set_date(event, when)
    return f"event {event_id}: date {when[0]} ({when[1]})"


def _set_field(seeds: Seeds, data: st.DataObject, collection: str, name: str, values: st.SearchStrategy) -> str:
    """Sets one field of a record drawn from `collection` to a value drawn from `values`."""
    record_id, value = draw(data, st.tuples(st.sampled_from(seeds.ids(collection)), values),
                            f"{collection[:-1]}, {name}")
    seeds.record(collection, record_id)[name] = value
    return f"{collection[:-1]} {record_id}: {name} {value!r}"


@edit
def change_event_title(seeds: Seeds, data: st.DataObject, step: int) -> str:
    return _set_field(seeds, data, "events", "title", title())


@edit
def change_event_summary(seeds: Seeds, data: st.DataObject, step: int) -> str:
    return _set_field(seeds, data, "events", "summary", prose(seeds))


@edit
def add_topic(seeds: Seeds, data: st.DataObject, step: int) -> str:
    name, description, tagged = draw(data, st.tuples(
        title(), st.one_of(st.none(), prose(seeds)), st.one_of(st.none(), st.sampled_from(seeds.ids("events")))),
        "topic name, description, event tagged")
    topic_id = f"zorblat-topic-{step}"
    seeds.add("topics", {"id": topic_id, "name": name, "description": description})
    if tagged:
        seeds.record("events", tagged).setdefault("topics", []).append(topic_id)
    return f"add topic {topic_id} {name!r}, tagging event {tagged}"


@edit
def rename_topic(seeds: Seeds, data: st.DataObject, step: int) -> str:
    return _set_field(seeds, data, "topics", "name", title())


@edit
def describe_topic(seeds: Seeds, data: st.DataObject, step: int) -> str:
    return _set_field(seeds, data, "topics", "description", st.one_of(st.none(), prose(seeds)))


@edit
def remove_topic(seeds: Seeds, data: st.DataObject, step: int) -> str:
    topic_id = draw(data, st.sampled_from(seeds.ids("topics")), "topic to remove")
    seeds.remove("topics", topic_id)
    for event in seeds.records("events"):
        if topic_id in event.get("topics", []):
            event["topics"].remove(topic_id)
    return f"remove topic {topic_id}"


@edit
def change_official_country(seeds: Seeds, data: st.DataObject, step: int) -> str:
    official_id, country = draw(data, st.tuples(st.sampled_from(seeds.ids("officials")), st.sampled_from(COUNTRIES)),
                                "official, country")
    seeds.record("officials", official_id)["country"] = country
    return f"official {official_id}: country {country}"


@edit
def change_role_organization(seeds: Seeds, data: st.DataObject, step: int) -> str:
    def choices(official_id: str):
        roles = len(seeds.record("officials", official_id)["roles"])
        return st.tuples(st.just(official_id), st.integers(0, roles - 1),
                         st.one_of(st.none(), st.sampled_from(seeds.ids("organizations"))))
    official_id, index, organization = draw(
        data, st.sampled_from(seeds.ids("officials")).flatmap(choices), "official, role, organization")
    role = seeds.record("officials", official_id)["roles"][index]
    role["organization"] = organization
    return f"official {official_id}: role {role['title']!r} of organization {organization}"


def _alias_choices(official: dict) -> list[str]:
    """The official's aliases, and the words of their name that a quote cited
    for them holds (aliases must occur in one): each may be toggled."""
    quotes = [c["quote"] for role in official["roles"] for c in role["cite"]]
    words = [w for w in official["name"].split() if len(w) > 2 and any(w in q for q in quotes)]
    return sorted(set(official.get("aliases") or []) | set(words) - {official["name"]})


@edit
def change_official_alias(seeds: Seeds, data: st.DataObject, step: int) -> str:
    officials = [o for o in seeds.ids("officials") if _alias_choices(seeds.record("officials", o))]
    if not officials:
        return "no alias to change"
    official_id, alias = draw(data, st.sampled_from(officials).flatmap(lambda o: st.tuples(
        st.just(o), st.sampled_from(_alias_choices(seeds.record("officials", o))))), "official, alias")
    official = seeds.record("officials", official_id)
    aliases = official.setdefault("aliases", []) or []
    official["aliases"] = aliases
    done = toggle(aliases, alias)
    # An alias may be what names the official in an event's quotes: keep it then.
    if any(official_id in (e.get("participants") or []) and official_id not in seeds.nameable(e["cite"])
           for e in seeds.records("events")):
        toggle(aliases, alias)
        return f"official {official_id}: alias {alias!r} kept, an engagement's quote names them by it"
    return f"official {official_id}: {done} alias {alias!r}"


@edit
def change_organization_country(seeds: Seeds, data: st.DataObject, step: int) -> str:
    organization_id, country = draw(data, st.tuples(
        st.sampled_from(seeds.ids("organizations")), st.one_of(st.none(), st.sampled_from(COUNTRIES))),
        "organization, country")
    seeds.record("organizations", organization_id)["country"] = country
    return f"organization {organization_id}: country {country}"


@edit
def change_organization_parent(seeds: Seeds, data: st.DataObject, step: int) -> str:
    organization_id, parent = draw(data, st.sampled_from(seeds.ids("organizations")).flatmap(lambda o: st.tuples(
        st.just(o), st.one_of(st.none(), st.sampled_from(seeds.parents_allowed("organizations", o))))),
        "organization, parent")
    seeds.record("organizations", organization_id)["parent"] = parent
    return f"organization {organization_id}: parent {parent}"


@edit
def change_initiative_description(seeds: Seeds, data: st.DataObject, step: int) -> str:
    return _set_field(seeds, data, "initiatives", "description", prose(seeds))


@edit
def change_initiative_related(seeds: Seeds, data: st.DataObject, step: int) -> str:
    ids = seeds.ids("initiatives")
    if len(ids) < 2:
        return "no initiatives to relate"
    initiative_id, other = draw(data, st.sampled_from(ids).flatmap(lambda i: st.tuples(
        st.just(i), st.sampled_from([o for o in ids if o != i]))), "initiative, related")
    initiative = seeds.record("initiatives", initiative_id)
    return f"initiative {initiative_id}: {toggle(initiative.setdefault('related', []), other)} related {other}"


@edit
def change_initiative_launched(seeds: Seeds, data: st.DataObject, step: int) -> str:
    initiative_id, event_id = draw(data, st.tuples(
        st.sampled_from(seeds.ids("initiatives")), st.one_of(st.none(), st.sampled_from(seeds.ids("events")))),
        "initiative, launched by")
    seeds.record("initiatives", initiative_id)["launched"] = event_id
    return f"initiative {initiative_id}: launched by {event_id}"


@edit
def change_statement_event(seeds: Seeds, data: st.DataObject, step: int) -> str:
    if not seeds.ids("statements"):
        return "no statement to change"
    statement_id, event_id = draw(data, st.tuples(
        st.sampled_from(seeds.ids("statements")), st.one_of(st.none(), st.sampled_from(seeds.ids("events")))),
        "statement, event")
    seeds.record("statements", statement_id)["event"] = event_id
    return f"statement {statement_id}: event {event_id}"


@edit
def change_source_title(seeds: Seeds, data: st.DataObject, step: int) -> str:
    return _set_field(seeds, data, "sources", "title", title())


_HEADING = re.compile(r"^(#{1,6} )", re.MULTILINE)


@edit
def edit_template(seeds: Seeds, data: st.DataObject, step: int) -> str:
    """Appends a Markdown comment to a template, or adds a word to its first heading."""
    folder = seeds.root / "templates"
    name, how = draw(data, st.tuples(st.sampled_from(sorted(p.name for p in folder.glob("*.j2"))),
                                     st.sampled_from(["comment", "heading"])), "template, how")
    path = folder / name
    text = path.read_text("utf-8")
    if how == "heading" and _HEADING.search(text):
        text = _HEADING.sub(lambda m: f"{m.group(1)}Revised ", text, count=1)
    else:
        how = "comment"
        text = text + ("" if text.endswith("\n") else "\n") + f"<!-- edit {step} -->\n"
    write_file(path, text)
    return f"template {name}: {how}"


EDIT_NAMES = sorted(EDITS)
# How often each edit is drawn, relative to the others: the edits that change
# which records refer to which (where a page's dependencies hide) weigh more.
WEIGHTS = {"add_event": 4, "change_event_parent": 3, "remove_event": 2, "change_event_participants": 2,
           "change_statement_event": 2, "change_initiative_launched": 2}
# Most weighty first: hypothesis shrinks a choice toward the front of the list.
DRAWN_EDITS = [name for name in sorted(EDIT_NAMES, key=lambda n: -WEIGHTS.get(n, 1))
               for _ in range(WEIGHTS.get(name, 1))]


# --- comparing ---------------------------------------------------------------------


def generated(function: Callable[..., dict[str, bytes]], *args) -> dict[str, bytes]:
    """Invalid facts here mean an edit above is wrong: say so, with the report."""
    try:
        return function(*args)
    except BadInput as bad:
        raise AssertionError("an edit left the facts invalid (a bug in this test's edits):\n"
                             + bad.report()) from None


def differences(got: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    return sorted(path for path in got.keys() | expected.keys() if got.get(path) != expected.get(path))


def _text(content: Optional[bytes]) -> list[str]:
    return [] if content is None else content.decode("utf-8", "replace").splitlines()


def assert_same(root: Path, generation: Callable[[Path], dict[str, bytes]], after: str) -> None:
    got = generated(generation, root)
    expected = generated(fresh, root)
    differing = differences(got, expected)
    if not differing:
        return
    listed = "\n".join(
        f"  {path}" + (" (missing from the incremental output)" if path not in got else
                       " (only in the incremental output)" if path not in expected else "")
        for path in differing)
    first = differing[0]
    diff = list(difflib.unified_diff(_text(expected.get(first)), _text(got.get(first)),
                                     f"fresh/{first}", f"incremental/{first}", lineterm=""))
    if len(diff) > DIFF_LINES:
        diff = diff[:DIFF_LINES] + [f"… ({len(diff) - DIFF_LINES} more diff lines)"]
    raise AssertionError(
        f"after {after}, incremental regeneration differs from a fresh one in {len(differing)} file(s):\n"
        f"{listed}\n{first}, fresh (-) against incremental (+):\n" + "\n".join(diff))


def through(session: pipeline.Session) -> Callable[[Path], dict[str, bytes]]:
    """A generation through `session`, as under `mkdocs serve`."""
    return functools.partial(incremental, session=session)


def run_edits(root: Path, data: st.DataObject, generation: Callable[[Path], dict[str, bytes]]) -> None:
    """The first generation, then edits, each followed by a comparison."""
    assert_same(root, generation, "the first generation")
    seeds = Seeds(root)
    steps = draw(data, st.integers(1, MAX_STEPS), "steps")
    for step in range(1, steps + 1):
        name = draw(data, st.sampled_from(DRAWN_EDITS), f"edit {step}")
        did = EDITS[name](seeds, data, step)
        files = seeds.save()
        note(f"step {step}: {did}" + (f" (wrote {', '.join(files)})" if files else ""))
        assert_same(root, generation, f"step {step} ({did})")


# --- tests -------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=examples(15), **SETTINGS)
@given(data=st.data())
def test_incremental_matches_fresh_shipped(data):
    with workspace("shipped") as root:
        run_edits(root, data, through(new_session()))


@pytest.mark.slow
@settings(max_examples=examples(15), **SETTINGS)
@given(data=st.data())
def test_incremental_matches_fresh_synthetic(data):
    with workspace("synthetic") as root:
        run_edits(root, data, through(new_session()))


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(CORPORA))
@settings(max_examples=examples(10), **SETTINGS)
@given(data=st.data())
def test_incremental_across_processes_matches_fresh(corpus, data):
    """Each generation a new session that knows only what the last one left
    in .cache/: what a command-line build after an edit does."""
    with workspace(corpus) as root:
        run_edits(root, data, from_cache)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(CORPORA))
@pytest.mark.parametrize("name", EDIT_NAMES)
@settings(max_examples=examples(3), **SETTINGS)
@given(data=st.data())
def test_each_edit_keeps_the_facts_valid(name, corpus, data):
    """Each edit on its own, twice over: the facts still pass the checks (so a
    failure of the tests above is the session's, never an edit's)."""
    with workspace(corpus) as root:
        seeds = Seeds(root)
        for step in (1, 2):
            did = EDITS[name](seeds, data, step)
            seeds.save()
            note(f"step {step}: {did}")
            try:
                check(root)
            except BadInput as bad:
                raise AssertionError(f"{did} left the facts invalid:\n{bad.report()}") from None


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_rewriting_the_seeds_unchanged_keeps_the_output(corpus, tmp_path):
    """Read and written back as data, the seeds give the same output: the
    edits above change only what they mean to."""
    root = CORPORA[corpus](tmp_path / "project")
    before = generated(fresh, root)
    seeds = Seeds(root)
    for path in seeds.saved:
        seeds.saved[path] = None  # every file counts as changed
    assert seeds.save()
    assert differences(generated(fresh, root), before) == []


NEW_MEETING = f"""{SCHEMA_LINE}: $schema=../facts.schema.json
events:
  - id: zorblat-quimble-meeting
    title: Zorblat quimble meeting
    kind: meeting
    summary: Frandish glompy wuzzle trevian plorx snerdle.
    date: "2025-05-28"
    date_basis: stated
    parent: misri-washington-visit-2025-05
    participants:
      - vikram-misri
    cite:
      - source: misri-visit-wrap-up
        quote: "Foreign Secretary Vikram Misri concluded a productive three-day visit to the United States from May 27 to 29"
        supports: [date, participants]
"""


def test_new_meeting_in_a_visit_updates_its_siblings(tmp_path):
    """A meeting added to a visit appears under "Other meetings in …" on the
    pages of the visit's other meetings, through the session too."""
    root = copy_project(tmp_path / "project")
    session = through(new_session())
    assert_same(root, session, "the first generation")
    write_file(root / "seeds" / "facts" / "zz-new-meeting.yml", NEW_MEETING)
    assert_same(root, session, "adding a meeting to misri-washington-visit-2025-05")


# --- how much is reused -------------------------------------------------------------


def related(seeds: Seeds, event_id: str) -> set[tuple[str, str]]:
    """The records an event's pages name, and those whose pages name it: what
    it names, its parent and meetings, the sources it cites."""
    event = seeds.record("events", event_id)
    found = {("events", event_id)}
    for field, collection in [("participants", "officials"), ("organizations", "organizations"),
                              ("initiatives", "initiatives"), ("topics", "topics")]:
        found |= {(collection, record_id) for record_id in event.get(field) or []}
    found |= {("events", event["parent"])} if event.get("parent") else set()
    found |= {("events", child["id"]) for child in seeds.records("events") if child.get("parent") == event_id}
    found |= {("sources", cite["source"]) for cite in event["cite"]}
    found |= {("statements", s["id"]) for s in seeds.records("statements") if s.get("event") == event_id}
    return found


@pytest.mark.parametrize("across", [False, True], ids=["one session", "each generation a new process"])
def test_an_edit_reruns_only_the_jobs_that_depend_on_it(across, tmp_path):
    """Reuse, counted, in one session and from one process to the next
    (through .cache/, each with another hash seed): the seeds written back
    unchanged run no job again and verify no record again; a new summary for
    one engagement reads only its file again, verifies only that record
    again, runs again the jobs of the records it is related to (its own,
    its parent's, its participant's, initiative's, topic's and source's) and
    the lists over many records, and keeps the other 275 of 304; no report
    is read again, and, from one process to the next, no output file read
    back to compare."""
    root = copy_project(tmp_path / "project")
    session = new_session()
    if across:
        everything, _, _ = rerun_in_a_process(root, 1)
        again_of: Callable[[int], tuple[set, dict[str, bytes], dict[str, set]]] = \
            functools.partial(rerun_in_a_process, root)
    else:
        incremental(root, session)
        everything = jobs_of(session)
        again_of = lambda _: rerun(root, session)  # noqa: E731
    assert len(everything) == 304

    seeds = Seeds(root)
    for path in seeds.saved:
        seeds.saved[path] = None  # every file counts as changed
    assert seeds.save()
    again, _, unknown = again_of(2)
    assert again == set()
    assert unknown.get("seeds") == {"seeds/sources.yml", *(f"seeds/facts/{p.name}" for p in (root / "seeds" / "facts").glob("*.yml"))}
    assert unknown.keys() <= {"seeds", "written"} and not unknown.get("written")

    event = "lynch-india-visit-2025-03"
    seeds.record("events", event)["summary"] = SENTENCES[0] + "."
    assert seeds.save() == ["seeds/facts/events.yml"]
    again, files, unknown = again_of(3)
    assert {record_of(key) for key in again} - {None} == related(seeds, event) == {
        ("events", event), ("events", "india-us-trade-negotiations"), ("officials", "brendan-lynch"),
        ("initiatives", "bta"), ("topics", "trade"), ("sources", "uni-misri-landau-call")}
    lists = {key for key in again if record_of(key) is None}
    assert lists == {("pages", "index.md"), ("pages", "timeline.md"), ("pages", "notes.md"), ("pages", "book.md"),
                     ("pages", "events/index.md"), ("pages", "officials/index.md"), ("pages", "initiatives/index.md"),
                     ("pages", "topics/index.md"), ("data", "collections"), ("feed", "feed"), ("exports", "exports.md")}
    assert (len(again), len(everything - again)) == (29, 275)
    assert unknown == {"seeds": {"seeds/facts/events.yml"}, "sound": {("events", event)}}
    assert differences(files, generated(fresh, root)) == []


@pytest.mark.parametrize("across", [False, True], ids=["one session", "each generation a new process"])
def test_a_page_changed_in_the_output_folder_is_made_again(across, tmp_path):
    """A session keeps a page as the digest of its text, not the text, which
    its file holds (125 MB at 10,000 engagements), in memory and in .cache/:
    a page edited or removed by hand in the output folder is made again by
    the next generation, its job alone run again, in one session and from
    one process to the next, as a fresh generation makes it."""
    root = copy_project(tmp_path / "project")
    session = new_session()
    incremental(root, session)
    digests = [entry.result for entry in session.memo.jobs.kept.values() if entry.text]
    assert len(digests) > 80 and {len(digest) for digest in digests} == {32}
    output = Project(root).output
    edited, removed = output / "index.md", sorted((output / PAGE_FOLDERS["events"]).glob("*.md"))[0]
    edited.write_text("Changed by hand.\n", encoding="utf-8")
    removed.unlink()
    if across:  # made again as they were: the jobs' entries are the same, so counted by the files looked at
        done = subprocess.run([sys.executable, "-c", _PROCESS, str(root)], capture_output=True, text=True, timeout=600)
        found = json.loads(done.stdout.splitlines()[-1])
        assert found["ran"] == 2 and found["unknown"]["written"] == sorted(map(str, (removed, edited)))
        files = output_files(output)
    else:
        again, files, _ = rerun(root, session)
        assert again == {("pages", "index.md"), ("pages", removed.relative_to(output).as_posix())}
    assert differences(files, generated(fresh, root)) == []


class _Hostile:
    """Unpickled, it would run a shell command that leaves `marker`."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {shlex.quote(str(self.marker))}",)


def test_a_hostile_cache_is_read_as_data(tmp_path):
    """.cache/memo.pickle is the build's own, but a copy of a project may
    bring one: one that names a function to call is refused, nothing it
    names runs, and the build runs every job afresh; so is a job's result
    that names one, in a memo otherwise sound, and that job runs again."""
    root = copy_project(tmp_path / "project")
    marker = tmp_path / "ran"
    hostile = pickle.dumps(code_version()) + pickle.dumps({}) + pickle.dumps({("pages", "index.md"): _Hostile(marker)})
    (root / CACHE).parent.mkdir()
    (root / CACHE).write_bytes(hostile)
    session = new_session()
    expected = generated(fresh, root)
    assert differences(generated(from_cache, root, session), expected) == []
    assert not marker.exists() and session.memo.jobs.reused == 0 and session.memo.jobs.ran == 304
    read = io.BytesIO(hostile)  # what reading it as pickle does: the command runs
    pickle.load(read), pickle.load(read), pickle.load(read)
    assert marker.exists()

    marker.unlink()
    memo = Memo.load(root / CACHE)
    pickled = next(entry for entry in memo.jobs.kept.values() if not entry.text)  # not a page's text
    pickled.result = pickle.dumps(_Hostile(marker))
    with open(root / CACHE, "wb") as file:
        memo.dump(file)
    (root / STAMP).unlink()  # so that the generation is not skipped as unchanged
    session = new_session()
    assert differences(generated(from_cache, root, session), expected) == []
    assert not marker.exists() and (session.memo.jobs.ran, session.memo.jobs.reused) == (1, 303)


def test_jobs_read_only_what_the_protocol_names(tmp_path):
    """Templates are not type-checked: what every job asked of the briefing in
    a generation (templates included) is among the names of
    `readable.ReadableBriefing`, which mypy checks the Python side against."""
    root = CORPORA["synthetic"](tmp_path / "project")
    session = new_session()
    incremental(root, session)
    asked = {question[1][0] for kept in session.memo.jobs.kept.values() for question in kept.questions}
    named = {name for name in vars(ReadableBriefing) if not name.startswith("_")}
    assert len(asked) > 40
    assert asked - named == set()
