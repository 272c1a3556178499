"""Hostile and broken input, safe output, nothing lost.

Broken curated input ends with exit status 2 and one `file:line: field:
message` line per problem, in bounded memory, without a traceback. (How
quickly is for `make bench` to measure: no test here holds a stopwatch.)
No id, file name, stamp entry or symbolic link makes the build read or
write outside its outputs: generated/ (the generated pages and data),
site/ and the schemas beside the seeds. content/ holds hand-written pages
and is never written. A generation that fails leaves generated/ and the
schemas as they were; a build that fails (MkDocs, a strict warning, the
copy into site/) leaves site/ the last good one; two builds at once do not
mix; two builds of the same input give the same bytes.

Most tests call the pipeline in-process (tests/test_check.py runs build.py
as a user would); the few that need MkDocs share the builds made once.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from briefing import load, pipeline, stamp, write
from briefing.problems import MAX_PROBLEMS, BadInput
from briefing.project import Project
from briefing.routes import PAGE_FOLDERS
from conftest import ROOT, copy_project, run_build

_spec = importlib.util.spec_from_file_location("briefing_cli", ROOT / "build.py")
cli = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cli)

FACTS = "seeds/facts/zz-test.yml"
# `file:line: field: message` or, for a problem with the whole file, `file:line: message`.
LOCATED = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+): (?P<rest>.+)$")


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.strip().splitlines()


def check(root: Path, command: str = "check") -> Outcome:
    """build.py in-process: an exception other than the ones it reports
    would escape here and fail the test, as a traceback would."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(root), command])
    return Outcome(code, out.getvalue(), err.getvalue())


def assert_bad(outcome: Outcome, file: str, line: int | None, field: str | None, words: str) -> None:
    """Exit 2, every problem located, and one naming this place
    (`line` or `field` None: any)."""
    assert outcome.code == 2, outcome.err or outcome.out
    assert "Traceback" not in outcome.err
    *problems, summary = outcome.lines
    # The summary counts the problems, or says the check stopped at MAX_PROBLEMS.
    assert problems and (summary.endswith("found; nothing was written.") or summary.startswith("stopped after")), outcome.err
    matching = []
    for problem in problems:
        located = LOCATED.match(problem)
        assert located or re.match(r"^seeds/[^:]+: ", problem), f"not located: {problem}"
        if not located:
            continue
        if located["file"] == file and (line is None or int(located["line"]) == line) \
                and (field is None or located["rest"].startswith(f"{field}: ")):
            matching.append(problem)
    assert matching, f"no problem at {file}:{line}: {field} in:\n{outcome.err}"
    assert any(words in p for p in matching), f"{words!r} not in:\n{outcome.err}"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A project holding only the seeds: all that `check` reads."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    return root


def put(root: Path, text: str, name: str = "zz-test.yml") -> Path:
    path = root / "seeds" / "facts" / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# An event whose field values the cases below replace, line by line.
EVENT_LINES = [
    ("events", "events:"),
    ("id", "  - id: test-meeting"),
    ("title", "    title: A test meeting"),
    ("kind", "    kind: meeting"),
    ("date", '    date: "2025-05-28"'),
    ("summary", "    summary: Two people met for a test."),
    ("participants", "    participants: [vikram-misri]"),
    ("cite", "    cite:"),
    ("cite.source", "      - source: ani-misri-colby-kapoor"),
    # Names the participant and gives a date, as the claims it supports need.
    ("cite.quote", '        quote: "Washington DC [US], May 30 (ANI): Foreign Secretary Vikram Misri met"'),
    ("cite.supports", "        supports: [date, participants]"),
]
# The line of the first extra line `event()` appends.
EXTRA = len(EVENT_LINES) + 1


def event(extra: str = "", drop: tuple = (), **values: str) -> str:
    """The test event with some values replaced (`cite` replaces the whole
    citation list), some fields dropped and extra lines at the end (line EXTRA)."""
    lines = []
    for key, line in EVENT_LINES:
        if key in drop or (key.startswith("cite.") and "cite" in values):
            continue
        if key in values:
            indent = line[:len(line) - len(line.lstrip(" -"))]
            line = f"{indent}{key}: {values[key]}"
        lines.append(line)
    return "\n".join(lines) + "\n" + extra


def test_the_event_the_cases_change_is_valid(seeds):
    shipped = re.search(r"(\d+) events", check(seeds).out)
    put(seeds, event())
    outcome = check(seeds)
    assert outcome.code == 0, outcome.err
    assert f"{int(shipped[1]) + 1} events" in outcome.out


# --- a wrong type in every kind of field -------------------------------------

WRONG_TYPES = [
    # text
    ("title", "[a, b]", "expected text, got a list"),
    ("title", "{a: b}", "expected text, got a mapping"),
    ("title", "42", "expected text, got a number"),
    ("title", "4.5", "expected text, got a number"),
    ("title", "yes", "expected text, got a true/false value"),
    ("title", "2025-05-28", "expected text, got a date"),
    ("title", "null", "is required and must not be empty"),
    ("title", '""', "must not be empty"),
    ("title", "!!binary aGVsbG8=", "expected text, got tag:yaml.org,2002:binary"),
    # text with a pattern
    ("id", "Test Meeting", "'Test Meeting' is not a slug"),
    ("id", "../../etc/passwd", "is not a slug"),
    # a choice
    ("kind", "[meeting]", "'a collection' is not one of"),
    ("kind", "meting", "(did you mean 'meeting'?)"),
    ("kind", "true", "'true' is not one of"),
    # an EDTF date
    ("date", "[2025]", "expected text, got a list"),
    ("date", "2025.5", "expected text, got a number"),
    ("date", '"2025-05-27/"', "'2025-05-27/' is an EDTF form this briefing does not read"),
    ("date", '"2025-05-29/2025-05-27"', "the interval ends before it starts"),
    ("date", '"2025-02-29"', "is not a valid EDTF date"),
    # a list of references
    ("participants", "vikram-misri", "expected a list"),
    ("participants", "{vikram-misri: yes}", "expected a list"),
    # a list of records
    ("cite", "[]", "needs at least one item"),
    ("cite", "ani-misri-colby-kapoor", "expected a list"),
]


@pytest.mark.parametrize("field, value, words", WRONG_TYPES, ids=[f"{f}={v}" for f, v, _ in WRONG_TYPES])
def test_a_wrong_type_in_each_kind_of_field(seeds, field, value, words):
    put(seeds, event(**{field: value}))
    line = [key for key, _ in EVENT_LINES].index(field) + 1
    record = "Test Meeting" if value == "Test Meeting" else "../../etc/passwd" if "passwd" in value else "test-meeting"
    assert_bad(check(seeds), FACTS, line, f"events[{record}].{field}", words)


NESTED_WRONG_TYPES = [
    ("participants", "[[vikram-misri]]", "participants[0]", "expected text, got a list"),
    ("cite", "[ani-misri-colby-kapoor]", "cite[0]", "expected a mapping of field: value"),
    ("cite", "[{source: [x], quote: y}]", "cite[0].source", "expected text, got a list"),
]


@pytest.mark.parametrize("field, value, path, words", NESTED_WRONG_TYPES)
def test_a_wrong_type_inside_a_list(seeds, field, value, path, words):
    put(seeds, event(**{field: value}))
    line = [key for key, _ in EVENT_LINES].index(field) + 1
    assert_bad(check(seeds), FACTS, line, f"events[test-meeting].{path}", words)


@pytest.mark.parametrize("text, line, field, words", [
    ("topics: {id: x, name: y}\n", 1, "topics", "expected a list"),
    ("- topics\n- events\n", 1, None, "expected a mapping of field: value"),
    ("just some text\n", 1, None, "expected a mapping of field: value"),
    ("topics: [civil-nuclear]\n", 1, "topics[0]", "expected a mapping of field: value"),
    ("officials:\n  - id: x\n    name: Vikram Misri\n    country: India\n    roles: []\n", 4,
     "officials[x].country", "is not an ISO 3166-1 alpha-2 code"),
    # Norway: YAML 1.1 reads NO as false.
    ("officials:\n  - id: x\n    name: Vikram Misri\n    country: NO\n    roles: []\n", 4,
     "officials[x].country", "expected text, got a true/false value (put it in quotes if it is text)"),
    ("officials:\n  - id: x\n    name: Vikram Misri\n    country: IN\n    roles: []\n", 5,
     "officials[x].roles", "needs at least one item"),
])
def test_wrong_types_in_files_and_other_records(seeds, text, line, field, words):
    put(seeds, text)
    assert_bad(check(seeds), FACTS, line, field, words)


def test_a_wrong_type_in_a_source(seeds):
    sources = seeds / "seeds" / "sources.yml"
    text = sources.read_text("utf-8")
    sources.write_text(text.replace("sha256: f3e482c2", "sha256: F3E482C2", 1)
                       .replace('published: "2025-05-30"', "published: [2025]", 1), encoding="utf-8")
    outcome = check(seeds)
    line = text.splitlines().index("    sha256: f3e482c2e547e9c03c16efafbb87818ef6e8a8415a2d059f5bd8ba46dc8420dd") + 1
    assert_bad(outcome, "seeds/sources.yml", line, "sources[ani-misri-colby-kapoor].sha256", "64 lower-case hexadecimal digits")
    assert_bad(outcome, "seeds/sources.yml", line + 3, "sources[ani-misri-colby-kapoor].published", "expected text, got a list")


# --- missing, unknown and misread fields -------------------------------------


def test_a_missing_required_field(seeds):
    put(seeds, event(drop=("title", "summary")))
    outcome = check(seeds)
    assert_bad(outcome, FACTS, 2, "events[test-meeting].title", "is required but missing")
    assert_bad(outcome, FACTS, 2, "events[test-meeting].summary", "is required but missing")


def test_an_unknown_list_suggests_the_right_one(seeds):
    put(seeds, "event:\n  - id: x\n")
    assert_bad(check(seeds), FACTS, 1, "event", "unknown field (did you mean 'events'?)")


@pytest.mark.parametrize("key, what", [
    ("yes", "a true/false value"),
    ("on", "a true/false value"),
    ("No", "a true/false value"),
    ("2025-05-28", "a date"),
    ("12", "a number"),
    ("~", "nothing (null)"),
])
def test_a_key_yaml_reads_as_another_type(seeds, key, what):
    put(seeds, event(extra=f"    {key}: x\n"))
    assert_bad(check(seeds), FACTS, EXTRA, f"events[test-meeting].{key}",
               f"this key is read by YAML as {what}; put it in quotes")


def test_a_key_that_is_a_list(seeds):
    put(seeds, event(extra="    ? [a, b]\n    : c\n"))
    assert_bad(check(seeds), FACTS, EXTRA, "events[test-meeting]", "a key must be a plain name, not a list or mapping")
    put(seeds, "? [topics, events]\n: []\n")
    assert_bad(check(seeds), FACTS, 1, None, "a key must be a plain name")


def test_a_key_given_twice(seeds):
    put(seeds, event(extra="    title: Another title\n"))
    assert_bad(check(seeds), FACTS, EXTRA, "events[test-meeting].title", "appears twice in the same mapping")


@pytest.mark.parametrize("value", ["!!python/object/apply:os.system 'touch {marker}'",
                                   "!!python/object/apply:os.system ['touch {marker}']"])
def test_a_python_tag_is_never_run(seeds, tmp_path, value):
    marker = tmp_path / "pwned"
    put(seeds, event(title=value.format(marker=marker)))
    assert_bad(check(seeds), FACTS, 3, "events[test-meeting].title", "expected text, got")
    assert not marker.exists()


def test_control_characters_in_a_value_stay_on_one_line_and_inert(seeds):
    """A value quoted in a message may hold line breaks or a terminal's escape
    sequences: each problem is still one line, and prints them as escapes."""
    put(seeds, 'topics:\n  - id: "a\\nb\\r\\e[2J\\u202e"\n    name: x\n    colour: 1\n')
    outcome = check(seeds)
    assert_bad(outcome, FACTS, 2, "topics[a\\u000ab\\u000d\\u001b[2J\\u202e].id", "is not a slug")
    assert_bad(outcome, FACTS, 4, None, "unknown field")
    assert len(outcome.lines) == 3
    assert not re.search("[\x00-\x09\x0b-\x1f\u202e]", outcome.err)


# --- ids and references --------------------------------------------------------


def test_duplicate_ids_across_lists_and_files(seeds):
    put(seeds, "topics:\n  - id: vikram-misri\n    name: A topic named like an official\n")
    outcome = check(seeds)
    assert_bad(outcome, "seeds/facts/officials.yml", None, "officials[vikram-misri].id",
               f"duplicate id: already used in topics at {FACTS}:2")


REFERENCES = [
    (event(extra="    parent: misri-washington-visit\n"), EXTRA, "events[test-meeting].parent",
     "unknown events id 'misri-washington-visit' (did you mean 'misri-washington-visit-2025-05'?)"),
    (event(extra="    initiatives: [quadd]\n"), EXTRA, "events[test-meeting].initiatives[0]",
     "unknown initiatives id 'quadd' (did you mean 'quad'?)"),
    (event(extra="    topics: [tradee]\n"), EXTRA, "events[test-meeting].topics[0]", "(did you mean 'trade'?)"),
    (event(extra="    organizations: [white-hose]\n"), EXTRA, "events[test-meeting].organizations[0]",
     "(did you mean 'white-house'?)"),
    (event(participants="[elbridge-colbi]"), 7, "events[test-meeting].participants[0]",
     "(did you mean 'elbridge-colby'?)"),
    (event(cite="[{source: ani-misri-colby-kapur, quote: Elbridge Colby}]"), 8,
     "events[test-meeting].cite[0].source", "unknown sources id 'ani-misri-colby-kapur' (did you mean 'ani-misri-colby-kapoor'?)"),
    ("statements:\n  - id: s\n    speaker: elbridge-colbi\n    quote: Elbridge Colby\n"
     "    cite: [{source: ani-misri-colby-kapoor, quote: Elbridge Colby}]\n", 3, "statements[s].speaker",
     "unknown officials or organizations id 'elbridge-colbi' (did you mean 'elbridge-colby'?)"),
    ("statements:\n  - id: s\n    speaker: elbridge-colby\n    event: no-such-event\n    quote: Elbridge Colby\n"
     "    cite: [{source: ani-misri-colby-kapoor, quote: Elbridge Colby}]\n", 4, "statements[s].event",
     "unknown events id 'no-such-event'"),
    ("organizations:\n  - id: o\n    name: Department\n    parent: us-state-departmnt\n"
     "    cite: [{source: ani-misri-colby-kapoor, quote: Department}]\n", 4, "organizations[o].parent",
     "(did you mean 'us-state-department'?)"),
    ("discrepancies:\n  - id: d\n    subject: elbridge-colbi\n    field: title\n    description: They differ.\n"
     "    versions:\n      - {value: a, cite: [{source: ani-misri-colby-kapoor, quote: Colby}]}\n"
     "      - {value: b, cite: [{source: ani-misri-colby-kapoor, quote: Colby}]}\n", 3, "discrepancies[d].subject",
     "unknown officials or organizations or initiatives or events or statements id 'elbridge-colbi'"),
]


@pytest.mark.parametrize("text, line, field, words", REFERENCES, ids=[r[2] for r in REFERENCES])
def test_a_reference_to_an_unknown_id(seeds, text, line, field, words):
    put(seeds, text)
    assert_bad(check(seeds), FACTS, line, field, words)


def test_a_parent_cycle(seeds):
    put(seeds, event(extra="    parent: test-meeting\n"))
    assert_bad(check(seeds), FACTS, EXTRA, "events[test-meeting].parent", "parent cycle: test-meeting → test-meeting")
    second = event(extra="    parent: test-meeting\n", id="other-meeting", drop=("events",))
    put(seeds, event(extra="    parent: other-meeting\n") + second)
    outcome = check(seeds)
    assert_bad(outcome, FACTS, None, None, "parent cycle:")
    assert len([line for line in outcome.lines if "parent cycle" in line]) == 1  # reported once, not per member


@pytest.mark.parametrize("values, field, words", [
    ({"date": '"2025-05-28"', "extra": "    date_basis: inferred\n    date_note: a guess\n"}, "date",
     "an inferred date must be marked uncertain"),
    ({"date": '"2025-05-28"', "extra": "    date_basis: derived\n"}, "date_note", "a derived date needs a date_note"),
    ({"date": "null"}, "date", "an unknown date needs a date_note"),
])
def test_dates_that_make_no_sense(seeds, values, field, words):
    extra = values.pop("extra", "")
    put(seeds, event(extra=extra, **values))
    assert_bad(check(seeds), FACTS, None, f"events[test-meeting].{field}", words)


def test_a_statement_not_in_its_source(seeds):
    put(seeds, "statements:\n  - id: s\n    speaker: elbridge-colby\n    quote: We agreed on everything.\n"
               "    cite: [{source: ani-misri-colby-kapoor, quote: Elbridge Colby}]\n")
    assert_bad(check(seeds), FACTS, 4, "statements[s].quote", "the statement is not found in its cited sources")


@pytest.mark.parametrize("claim", ["date", "participants"])
def test_a_claim_cited_by_a_quote_that_is_not_text(seeds, claim):
    """A quote left empty (or of another type) in a citation that supports a
    claim is a located problem, like any other, not a crash."""
    put(seeds, event(cite=f"[{{source: ani-misri-colby-kapoor, quote: null, supports: [{claim}]}}]"))
    assert_bad(check(seeds), FACTS, 8, "events[test-meeting].cite[0].quote", "")


# --- YAML that is broken or hostile ---------------------------------------------


@pytest.mark.parametrize("text, line, words", [
    ("topics:\n  - id: \"x\n", 3, "YAML syntax"),
    ("topics:\n  - id: x\n   name: y\n", 3, "YAML syntax"),
    ("topics:\n\t- id: x\n", 2, "a tab character; YAML indents with spaces only"),
    ("topics:\n  - id: x\n\tname: y\n", 3, "a tab character; YAML indents with spaces only"),
    ("topics: []\n---\nevents: []\n", 2, "expected a single document"),
    ("topics:\n  - id: x\n    name: \"a\x07b\"\n", 3, "control characters are not allowed"),
    # Refused as too deep to parse, or as lists where records belong,
    # depending on the PyYAML build; located on line 1 either way.
    ("topics: " + "[" * 5000 + "]" * 5000 + "\n", 1, ""),
])
def test_broken_yaml(seeds, text, line, words):
    (seeds / "seeds" / "facts" / "zz-test.yml").write_text(text, encoding="utf-8")
    assert_bad(check(seeds), FACTS, line, None, words)


BILLION_LAUGHS = """\
topics:
  - id: lol
    name: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    description: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: [*g, *g, *g, *g, *g, *g, *g, *g, *g]
"""


@pytest.mark.parametrize("text, line", [
    (BILLION_LAUGHS, 3),
    ("base: &base {kind: meeting}\n" + event(extra="    <<: *base\n"), 1),
])
def test_anchors_and_aliases_are_refused(seeds, text, line):
    put(seeds, text)
    assert_bad(check(seeds), FACTS, line, None, "anchors and aliases (&name, *name) are not allowed")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "---\n...\n"])
def test_an_empty_facts_file(seeds, text):
    (seeds / "seeds" / "facts" / "zz-test.yml").write_text(text, encoding="utf-8")
    assert_bad(check(seeds), FACTS, 1, None, "the file is empty")


def test_a_facts_file_that_is_not_utf8(seeds):
    data = b"topics:\n  - id: cafe\n    name: Caf\xe9\n"
    (seeds / "seeds" / "facts" / "zz-test.yml").write_bytes(data)
    assert_bad(check(seeds), FACTS, 3, None, f"the file is not UTF-8 text (byte {data.index(0xe9)})")


def test_no_facts_files(seeds):
    shutil.rmtree(seeds / "seeds" / "facts")
    outcome = check(seeds)
    assert outcome.code == 2 and outcome.lines == [
        "seeds/facts: not found; create this folder with a facts file, such as facts/briefing.yml holding `officials: []`",
        "1 problem found; nothing was written."]


def test_no_sources_file(seeds):
    (seeds / "seeds" / "sources.yml").unlink()
    outcome = check(seeds)
    # One problem: the references to sources cannot be judged without the file.
    assert outcome.code == 2 and outcome.lines == [
        "seeds/sources.yml: not found; create it holding `sources: []`; `briefing add REPORT` registers reports there",
        "1 problem found; nothing was written."]


def test_a_folder_named_like_a_facts_file(seeds):
    (seeds / "seeds" / "facts" / "zz-test.yml").mkdir()
    assert_bad(check(seeds), FACTS, 1, None, "is not a regular file")


def test_a_fifo_named_like_a_facts_file_or_source_does_not_hang(project):
    """Opening a FIFO would wait for a writer for ever; it is never opened.
    Run as a subprocess, so that a regression fails instead of hanging."""
    os.mkfifo(project / "seeds" / "facts" / "zz-test.yml")
    source = project / "seeds" / "sources" / "004_c06c7c6ac62dfbef.txt"
    source.unlink()
    os.mkfifo(source)
    result = run_build(project, "check", timeout=120)
    assert result.code == 2, result.err
    assert f"{FACTS}:1: is not a regular file" in result.err
    assert "sources[misri-hosts-hooker].file: seeds/sources/004_c06c7c6ac62dfbef.txt is not a regular file" in result.err


# --- sizes: bounded time and memory --------------------------------------------

MEASURE = """\
import contextlib, io, json, resource, sys
sys.path.insert(0, sys.argv[1])
import runpy
cli = runpy.run_path(sys.argv[1] + "/build.py", run_name="measured")
err = io.StringIO()
with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
    code = cli["main"](["--root", sys.argv[2], "check"])
# The high-water mark of this process's own memory. (ru_maxrss would also
# count what the test process held when it forked this one.)
try:
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) // 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"code": code, "peak_mb": peak, "err": err.getvalue()}))
"""


def measure_check(root: Path) -> dict:
    """`check` in a fresh process, and its peak memory (MB)."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(ROOT), str(root)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def baseline_mb(tmp_path_factory) -> int:
    root = tmp_path_factory.mktemp("baseline") / "project"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    measured = measure_check(root)
    assert measured["code"] == 0, measured["err"]
    return measured["peak_mb"]


def test_a_facts_file_of_50_mb(seeds, baseline_mb):
    line = b"  - {id: topic, name: A topic named again and again, description: Said again and again.}\n"
    with (seeds / "seeds" / "facts" / "zz-test.yml").open("wb") as out:
        out.write(b"topics:\n")
        out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    measured = measure_check(seeds)
    assert measured["code"] == 2
    assert f"{FACTS}:1: the file is 52,428," in measured["err"] and f"the limit is {load.MAX_FILE_BYTES:,}" in measured["err"]
    assert measured["peak_mb"] < baseline_mb + 20, measured


def test_a_file_just_under_the_limit_with_a_million_tiny_values(seeds, baseline_mb):
    """Composing YAML costs memory per value: too many are refused while the
    file is scanned, before any is held."""
    text = "topics: [" + "a," * (load.MAX_FILE_BYTES // 2 - 10) + "]\n"
    put(seeds, text)
    measured = measure_check(seeds)
    assert measured["code"] == 2
    assert f"{FACTS}:1: too many values" in measured["err"]
    assert measured["peak_mb"] < baseline_mb + 40, measured


@pytest.mark.slow  # two million values to read
def test_values_are_counted_across_files(seeds):
    """Many files each under the limits cannot add up to an unbounded check."""
    per_file = load.MAX_FILE_VALUES - 100
    for index in range(load.MAX_VALUES // per_file + 1):
        put(seeds, event(id=f"e-{index}", extra="    topics: [" + ",".join(["a"] * per_file) + "]\n"), f"zz-{index}.yml")
    outcome = check(seeds)
    assert outcome.code == 2
    last = f"seeds/facts/zz-{load.MAX_VALUES // per_file}.yml:"
    assert any(line.startswith(last) and "too many values" in line for line in outcome.lines), outcome.err[-500:]


def test_too_many_problems_stop_the_check(seeds):
    put(seeds, "events:\n" + "".join(f"  - {{id: e{index}, title: T}}\n" for index in range(3000)))
    outcome = check(seeds)
    assert outcome.code == 2
    assert len(outcome.lines) == MAX_PROBLEMS + 1
    assert outcome.lines[-1].startswith(f"stopped after {MAX_PROBLEMS} problems")


def test_many_unknown_references_among_many_ids_stay_quick(seeds):
    """A suggestion (did you mean) is looked for among the known ids; with
    thousands of them and hundreds of misses, that must not take minutes."""
    topics = "".join(f"  - {{id: topic-number-{i}, name: Topic {i}}}\n" for i in range(1500))
    put(seeds, "topics:\n" + topics + event(extra="    topics: [" + ",".join(
        f"topic-numbr-{i}" for i in range(1000)) + "]\n"))
    outcome = check(seeds)
    assert outcome.code == 2
    assert "topic-numbr-0' (did you mean 'topic-number-0'?)" in outcome.err
    # Suggestions stop after the first 100 problems, whatever the count of
    # misses: that bounds the work (`make bench` times it; no stopwatch here).
    assert len([line for line in outcome.lines if "did you mean" in line]) == 100


# --- source documents -----------------------------------------------------------

SOURCE = "000_ba747a4f61cc4038.txt"
SOURCE_ID = "ani-misri-colby-kapoor"


def set_sha256(root: Path, data: bytes) -> None:
    sources = root / "seeds" / "sources.yml"
    text = sources.read_text("utf-8")
    old = re.search(r"sha256: (\w+)", text).group(1)  # the first source's
    sources.write_text(text.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")


def source_line(root: Path, field: str) -> int:
    lines = (root / "seeds" / "sources.yml").read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith(f"{field}:"))


def test_a_source_that_is_not_utf8(seeds):
    data = (seeds / "seeds" / "sources" / SOURCE).read_bytes().replace(b"Colby", b"Colb\xff", 1)
    (seeds / "seeds" / "sources" / SOURCE).write_bytes(data)
    set_sha256(seeds, data)
    assert_bad(check(seeds), "seeds/sources.yml", source_line(seeds, "file"), f"sources[{SOURCE_ID}].file",
               "is not UTF-8 text")


def test_a_deleted_source(seeds):
    (seeds / "seeds" / "sources" / SOURCE).unlink()
    assert_bad(check(seeds), "seeds/sources.yml", source_line(seeds, "file"), f"sources[{SOURCE_ID}].file",
               f"no file '{SOURCE}' in seeds/sources/")


@pytest.mark.parametrize("name", ["../sources.yml", "/etc/passwd", "facts/../sources.yml", "..", "sub/000.txt"])
def test_a_source_file_name_cannot_leave_the_sources_folder(seeds, name):
    sources = seeds / "seeds" / "sources.yml"
    sources.write_text(sources.read_text("utf-8").replace(f"file: {SOURCE}", f"file: '{name}'"), encoding="utf-8")
    assert_bad(check(seeds), "seeds/sources.yml", source_line(seeds, "file"), f"sources[{SOURCE_ID}].file",
               "must be a plain file name inside seeds/sources/")


def test_a_source_symlinked_from_outside_is_refused(seeds, tmp_path):
    outside = tmp_path / "outside.txt"
    shutil.copy(seeds / "seeds" / "sources" / SOURCE, outside)  # the same bytes: only the link is wrong
    (seeds / "seeds" / "sources" / SOURCE).unlink()
    (seeds / "seeds" / "sources" / SOURCE).symlink_to(outside)
    assert_bad(check(seeds), "seeds/sources.yml", source_line(seeds, "file"), f"sources[{SOURCE_ID}].file",
               "is a symbolic link to a file outside seeds/sources/")


def test_a_sources_folder_symlinked_from_outside_is_refused(seeds, tmp_path):
    shutil.move(seeds / "seeds" / "sources", tmp_path / "elsewhere")
    (seeds / "seeds" / "sources").symlink_to(tmp_path / "elsewhere")
    assert_bad(check(seeds), "seeds/sources.yml", None, None, "seeds/sources/ is a symbolic link to a folder outside seeds/")


def test_a_source_that_is_a_folder_or_too_large(seeds):
    (seeds / "seeds" / "sources" / SOURCE).unlink()
    (seeds / "seeds" / "sources" / SOURCE).mkdir()
    assert_bad(check(seeds), "seeds/sources.yml", None, f"sources[{SOURCE_ID}].file", "is not a regular file")
    (seeds / "seeds" / "sources" / SOURCE).rmdir()
    with (seeds / "seeds" / "sources" / SOURCE).open("wb") as sparse:
        sparse.truncate(50 * 1024 * 1024)
    assert_bad(check(seeds), "seeds/sources.yml", None, f"sources[{SOURCE_ID}].file", "the limit is 2,097,152")


def test_facts_symlinked_from_outside_are_refused_and_from_inside_read(seeds, tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text("topics:\n  - id: from-outside\n    name: Outside\n", encoding="utf-8")
    (seeds / "seeds" / "facts" / "zz-test.yml").symlink_to(outside)
    assert_bad(check(seeds), FACTS, 1, None, "is a symbolic link to a file outside seeds/")

    (seeds / "seeds" / "facts" / "zz-test.yml").unlink()
    (seeds / "seeds" / "more").mkdir()
    (seeds / "seeds" / "more" / "topics.yml").write_text(outside.read_text("utf-8").replace("outside", "inside"))
    (seeds / "seeds" / "facts" / "zz-test.yml").symlink_to(Path("..") / "more" / "topics.yml")
    outcome = check(seeds)
    assert outcome.code == 0, outcome.err
    assert "17 topics" in outcome.out


def test_a_sources_file_symlinked_from_outside_is_refused(seeds, tmp_path):
    shutil.move(seeds / "seeds" / "sources.yml", tmp_path / "sources.yml")
    (seeds / "seeds" / "sources.yml").symlink_to(tmp_path / "sources.yml")
    assert_bad(check(seeds), "seeds/sources.yml", 1, None, "is a symbolic link to a file outside seeds/")


# --- safe output: data files and paths ------------------------------------------

HOSTILE = "key: value\n- item\n!!python/object:os.system {}\n&a *a <<: {{ x }} </script> \u2028\u0085 '\" #"


def test_hostile_text_reads_back_exactly_from_the_data_files(project):
    """YAML and JSON data files hold text as text: it loads back unchanged."""
    put(project, event(date="null", title=json.dumps(HOSTILE.replace("\n", " ")), summary=json.dumps(HOSTILE[::-1]),
                       extra=f"    date_note: {json.dumps(HOSTILE)}\n"))
    outputs = pipeline.render(pipeline.check(Project(project)), Project(project))
    record = yaml.safe_load(outputs["data/events/test-meeting.yml"])
    assert record["date_note"] == HOSTILE and record["summary"] == HOSTILE[::-1]
    data = json.loads(outputs["data/briefing.json"])
    published = next(e for e in data["events"] if e["id"] == "test-meeting")
    assert published["date_note"] == HOSTILE and published["title"] == HOSTILE.replace("\n", " ")
    page = outputs["events/test-meeting.md"].decode("utf-8")
    front = yaml.safe_load(page.split("---\n")[1])
    assert "<" not in front["title"] and "\n" not in front["title"]


@pytest.fixture
def generated(project: Path) -> Path:
    """A project copy with its pages generated into generated/ (no MkDocs)."""
    pipeline.generate(Project(project))
    return project


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def untouched(folder: Path) -> dict[str, tuple]:
    """Every entry of a folder with what a write would change: its bytes (or
    where a link points) and its modification time."""
    found = {}
    for path in sorted(folder.rglob("*")):
        status = path.lstat()
        what = os.readlink(path) if path.is_symlink() else path.read_bytes() if path.is_file() else "folder"
        found[path.relative_to(folder).as_posix()] = (what, status.st_mtime_ns)
    return found


# What a build writes besides the output folder, the site and the schemas:
# its stamp, its lock and its scratch folder (all ignored by git).
BUILD_OWN = {"generated", "site", ".cache", ".site-lock", write.SCRATCH}


def outside_outputs(root: Path) -> dict[str, tuple]:
    """Every file of the project a build must leave alone: all but generated/,
    site/, the schemas beside the seeds and the build's own stamp and lock.
    (A build of a clone also compiles its Python: __pycache__ is left out.)"""
    schemas = {path.relative_to(root).as_posix() for path in pipeline.schema_files(Project(root))}
    holding = {posixpath.dirname(path) for path in schemas}  # a file written into a folder changes its time
    return {path: (seen[0], None) if path in holding else seen for path, seen in untouched(root).items()
            if path.split("/")[0] not in BUILD_OWN and path not in schemas and "__pycache__" not in path.split("/")}


def unbuilt_copy(root: Path, destination: Path) -> Path:
    """A copy of a built project's inputs, without what its builds wrote
    (the same input, even if the working tree changed since it was built)."""
    shutil.copytree(root, destination, symlinks=True,
                    ignore=lambda folder, names: BUILD_OWN & set(names) if Path(folder) == root else set())
    return destination


def no_staging_left(root: Path) -> bool:
    return not list(root.glob(".site-staging-*"))


def test_generating_writes_only_into_generated_and_the_schemas(project):
    """Generation (a first one, and one that writes, rewrites and removes
    pages) changes nothing but generated/, the schemas beside the seeds and
    its own stamp; content/ holds hand-written pages only and is not written."""
    schemas = pipeline.schema_files(Project(project))
    for path in schemas:
        path.unlink(missing_ok=True)
    before = outside_outputs(project)
    pipeline.generate(Project(project))
    assert {path: path.read_bytes() for path in schemas} == schemas
    assert (project / "generated" / "index.md").is_file()
    assert (project / "generated" / "events" / "misri-colby-meeting.md").is_file()
    assert outside_outputs(project) == before
    rename_an_event(project)
    before = outside_outputs(project)
    generation = pipeline.generate(Project(project))
    assert "events/misri-colby-meeting.md" in generation.report.removed
    assert "events/misri-colby-talks.md" in generation.report.written
    assert outside_outputs(project) == before
    assert sorted(write.generated_files(project / "generated")) == generation.files


@pytest.mark.parametrize("folder", ["events", "data/events"])
def test_a_symlinked_folder_in_generated_is_never_written_through(project, tmp_path, folder):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.md").write_text("not the generator's\n", encoding="utf-8")
    link = project / "generated" / folder
    link.parent.mkdir(parents=True)
    link.symlink_to(elsewhere)
    before, outside, content = untouched(elsewhere), outside_outputs(project), untouched(project / "content")
    with pytest.raises(BadInput) as bad:
        pipeline.generate(Project(project))
    assert f"generated/{folder}/" in bad.value.report()
    assert "would be written outside the output folder" in bad.value.report()
    assert untouched(elsewhere) == before
    # Refused before anything is written: the output folder holds only the link.
    assert sorted(p.relative_to(project / "generated").as_posix() for p in (project / "generated").rglob("*")) \
        == {"events": ["events"], "data/events": ["data", "data/events"]}[folder]
    assert outside_outputs(project) == outside
    assert untouched(project / "content") == content


def test_links_left_in_generated_are_replaced_or_left_never_followed(generated, tmp_path):
    """A page of generated/ replaced by a link to a file outside, a stale link
    to a file and one to a folder: the generator replaces the first (the link,
    not its target) and follows none."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    for name in ["page.md", "stale.md", "folder/kept.md"]:
        (outside / name).write_text(f"{name}: keep me\n", encoding="utf-8")
    output = generated / "generated"
    page = output / "events" / "misri-colby-meeting.md"
    good = page.read_bytes()
    page.unlink()
    page.symlink_to(outside / "page.md")
    (output / "stale.md").symlink_to(outside / "stale.md")
    (output / "events" / "old").symlink_to(outside / "folder")
    before = untouched(outside)
    generation = pipeline.generate(Project(generated))
    assert not page.is_symlink() and page.read_bytes() == good
    assert "stale.md" not in generation.files and "events/old" not in generation.files  # not handed to MkDocs
    assert untouched(outside) == before
    rename_an_event(generated)  # removes the page and others around the links
    pipeline.generate(Project(generated))
    assert not page.exists()
    assert untouched(outside) == before


# --- a damaged stamp ----------------------------------------------------------------


@pytest.fixture
def renders(monkeypatch) -> list:
    """Counts the generations that render (those the stamp does not skip)."""
    calls, original = [], pipeline.render_each
    monkeypatch.setattr(pipeline, "render_each", lambda *a, **k: calls.append(1) or original(*a, **k))
    return calls


@pytest.fixture
def victims(generated: Path, tmp_path: Path) -> dict[Path, tuple]:
    """Files a hostile stamp might name, inside the project and out of it."""
    paths = [generated / "victim.txt", tmp_path / "absolute-victim.txt", generated / "seeds" / "sources.yml",
             generated / "content" / "about.md"]
    for path in paths[:2]:
        path.write_text("keep me\n", encoding="utf-8")
    return {path: (path.read_bytes(), path.lstat().st_mtime_ns) for path in paths}


def as_they_were(victims: dict[Path, tuple]) -> bool:
    return all(path.exists() and (path.read_bytes(), path.lstat().st_mtime_ns) == seen
               for path, seen in victims.items())


HOSTILE_ENTRIES = ["../victim.txt", "{absolute}", "events/../../victim.txt", "../seeds/sources.yml",
                   "../content/about.md", "./index.md", "events//x.md", "", "..", {"not": "a path"}, 42, None]


@pytest.mark.parametrize("entry", HOSTILE_ENTRIES, ids=[repr(e) for e in HOSTILE_ENTRIES])
def test_a_stamp_listing_paths_outside_generated_is_not_obeyed(generated, victims, renders, entry):
    """The stamp lists the generated files: the plugin hands them to MkDocs
    when it skips generation. An entry that is not a plain path inside
    generated/, even in a stamp otherwise consistent with the files it
    names, makes the next generation run in full; nothing outside generated/
    is read into the site, touched or removed."""
    project = Project(generated)
    path = generated / stamp.STAMP
    genuine = json.loads(path.read_text("utf-8"))
    assert pipeline.generate(project).files == genuine["files"] and renders == []  # the stamp works
    if entry == "{absolute}":
        entry = str(next(iter(p for p in victims if not p.is_relative_to(generated))))
    files = genuine["files"] + [entry]
    damaged = {**genuine, "files": files}
    if all(isinstance(f, str) for f in files):  # consistent with the files it names, victims included
        damaged["outputs"] = stamp.outputs(project, files)
    path.write_text(json.dumps(damaged), encoding="utf-8")
    outside, content = outside_outputs(generated), untouched(generated / "content")
    generation = pipeline.generate(project)
    assert renders == [1]
    assert generation.files == genuine["files"]
    assert as_they_were(victims)
    assert outside_outputs(generated) == outside
    assert untouched(generated / "content") == content
    assert json.loads(path.read_text("utf-8"))["files"] == genuine["files"]  # the stamp is whole again
    assert pipeline.generate(project).files == genuine["files"] and renders == [1]


@pytest.mark.parametrize("damage", ["not json", "a list", "no files", "files not a list", "empty files",
                                    "a folder", "a link outside"])
def test_a_damaged_stamp_makes_the_next_generation_run_in_full(generated, victims, renders, damage):
    project = Project(generated)
    path = generated / stamp.STAMP
    genuine = json.loads(path.read_text("utf-8"))
    path.unlink()
    victim = next(p for p in victims if not p.is_relative_to(generated))
    if damage == "a folder":
        path.mkdir()
        (path / "inside").write_text("kept\n", encoding="utf-8")
    elif damage == "a link outside":
        path.symlink_to(victim)
    else:
        text = {"not json": '{"inputs": ', "a list": json.dumps([genuine]),
                "no files": json.dumps({k: v for k, v in genuine.items() if k != "files"}),
                "files not a list": json.dumps({**genuine, "files": {f: 1 for f in genuine["files"]}}),
                "empty files": json.dumps({**genuine, "files": []})}[damage]
        path.write_text(text, encoding="utf-8")
    output, content = untouched(generated / "generated"), untouched(generated / "content")
    generation = pipeline.generate(project)
    assert renders == [1]
    assert generation.files == genuine["files"]
    assert as_they_were(victims)
    assert untouched(generated / "generated") == output  # nothing changed: nothing rewritten
    assert untouched(generated / "content") == content
    pipeline.generate(project)
    if damage == "a folder":  # no stamp can be saved there: each generation runs in full
        assert renders == [1, 1] and (path / "inside").read_text("utf-8") == "kept\n"
    else:  # the stamp is saved again, as a file of its own, and works
        assert renders == [1] and not path.is_symlink()
        assert json.loads(path.read_text("utf-8"))["files"] == genuine["files"]


# --- hand-written pages ------------------------------------------------------------


def add_hand_written_pages(content: Path) -> None:
    """Hand-written pages beside generated ones: in a record folder, nested
    deeper, in a folder only generated files use, and dot-files."""
    mine = {"events/my-notes.md": b"# Notes\n", "officials/extra/deep.md": b"deep\n", ".hidden.md": b"hidden\n",
            "data/events/mine.yml": b"id: mine\n", "events/.notes.md.swp": b"\x00swap\n",
            "assets/.keep": b""}
    for path, data in mine.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_bytes(data)


def test_hand_written_pages_are_never_touched_by_generation(generated):
    """content/ is never written, however much the generated pages change:
    every hand-written file keeps its bytes and its modification time while
    the generated pages beside them (in generated/) come and go."""
    content = generated / "content"
    add_hand_written_pages(content)
    before = untouched(content)
    shutil.copytree(generated / "seeds", generated.parent / "seeds-before")
    # Remove every event but one: their pages go, from generated/ only.
    facts = generated / "seeds" / "facts"
    (facts / "events.yml").write_text(event(), encoding="utf-8")
    for name in ["statements.yml", "discrepancies.yml"]:
        (facts / name).unlink()
    text = (facts / "initiatives.yml").read_text("utf-8")
    (facts / "initiatives.yml").write_text(re.sub(r"\n    launched: .*", "", text), encoding="utf-8")
    generation = pipeline.generate(Project(generated))
    assert "events/misri-colby-meeting.md" in generation.report.removed
    assert not (generated / "generated" / "events" / "misri-colby-meeting.md").exists()
    assert (generated / "generated" / "events" / "test-meeting.md").is_file()
    assert untouched(content) == before
    # And back: every page written again, content/ still as it was.
    shutil.rmtree(generated / "seeds")
    shutil.copytree(generated.parent / "seeds-before", generated / "seeds")
    pipeline.generate(Project(generated))
    assert (generated / "generated" / "events" / "misri-colby-meeting.md").is_file()
    assert untouched(content) == before


def test_a_hand_written_page_may_not_take_the_path_of_a_generated_one(two_builds, tmp_path):
    """A hand-written page with the path of a generated one (a page the
    generator always makes, or the page of a record added since) is an
    MkDocs build error (the plugin's, so plain `mkdocs build` gives it too):
    exit 1, naming each page; content/ and site/ are as they were."""
    root = tmp_path / "project"
    shutil.copytree(two_builds[0], root, symlinks=True)
    (root / "content" / "timeline.md").write_text("# My own timeline\n", encoding="utf-8")
    page = root / "content" / "officials" / "test-official.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# My notes on a future official\n", encoding="utf-8")
    before = untouched(root / "content"), snapshot(root / "site")
    put(root, """\
        officials:
          - id: test-official
            name: Elbridge Colby
            country: US
            roles:
              - title: Under Secretary
                cite:
                  - source: ani-misri-colby-kapoor
                    quote: Under Secretary of Defence Elbridge Colby
        """)
    build = start_build(root)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 1, err
    assert "a hand-written file has the path of a generated one" in err, err
    assert "content/officials/test-official.md" in err and "content/timeline.md" in err, err
    assert "site/ is as the last good build left it" in err
    assert "Traceback" not in err
    assert untouched(root / "content") == before[0]
    assert snapshot(root / "site") == before[1]
    assert no_staging_left(root)


# --- nothing lost: a failure half-way ------------------------------------------------


def rename_an_event(root: Path) -> None:
    """A change that writes new pages, rewrites others and removes some."""
    for path in (root / "seeds" / "facts").glob("*.yml"):
        text = path.read_text("utf-8")
        path.write_text(text.replace("misri-colby-meeting", "misri-colby-talks"), encoding="utf-8")


@dataclass
class Renamed:
    writes: int  # how many files generating the renamed event writes into a generated project
    output: dict[str, bytes]  # generated/ after that generation, as a clean one leaves it


@pytest.fixture
def renamed(generated: Path, tmp_path: Path) -> Renamed:
    """Renaming the event in a copy of the generated project (the same input)."""
    root = tmp_path / "clean"
    shutil.copytree(generated, root, symlinks=True)
    rename_an_event(root)
    original, calls = write._replace, []
    # The stamp is a cache, written last; failing to write it fails nothing.
    write._replace = lambda path, data, scratch=None: (".cache" not in path.parts and calls.append(path),
                                                       original(path, data, scratch))
    try:
        pipeline.generate(Project(root))
    finally:
        write._replace = original
    assert len(calls) > 10
    assert all(path.is_relative_to(root / "generated") for path in calls)  # the schemas are unchanged
    return Renamed(len(calls), snapshot(root / "generated"))


@pytest.mark.parametrize("when", ["first", "second", "middle", "last", "removal"])
def test_a_failure_half_way_through_writing_changes_nothing(generated, monkeypatch, renamed, when):
    """Whatever write fails (the disk fills up), generated/, the schemas and
    content/ are left exactly as the last good generation left them, and
    site/ is not built: on the first write, the second, one in the middle,
    the last, or a removal. The next build goes through."""
    rename_an_event(generated)
    before = {folder: untouched(generated / folder) for folder in ["generated", "content", "seeds"]}
    fail_at = {"first": 1, "second": 2, "middle": renamed.writes // 2, "last": renamed.writes}.get(when)
    original, calls = write._replace, []

    def failing(path, data, scratch=None):
        if ".cache" not in path.parts:  # the stamp, a cache whose loss fails nothing
            calls.append(path)
            if len(calls) == fail_at:
                raise OSError(28, "No space left on device")
        original(path, data, scratch)

    if when == "removal":  # after every write, removing the renamed event's old page fails
        monkeypatch.setattr(Path, "unlink", _failing_unlink(Path.unlink))
    else:
        monkeypatch.setattr(write, "_replace", failing)
    outcome = check(generated, "build")
    assert outcome.code == 1, outcome.err
    assert ("cannot remove" if when == "removal" else "No space left on device") in outcome.err
    assert "site/ is as the last good build left it" in outcome.err
    assert "Traceback" not in outcome.err
    for folder, seen in before.items():
        # Every file as it was, bytes and modification time: those written
        # are put back themselves (a folder's time changes as files come and go).
        now = untouched(generated / folder)
        assert now.keys() == seen.keys(), folder
        assert {p: now[p] for p in now if now[p][0] != "folder"} == {p: seen[p] for p in seen if seen[p][0] != "folder"}
    assert untouched(generated / "content") == before["content"]
    assert not (generated / "site").exists()  # as before: never built
    assert not list((generated / write.SCRATCH).glob("*/*"))  # nothing kept is left behind
    monkeypatch.undo()
    pipeline.generate(Project(generated))  # and the next generation goes through
    assert snapshot(generated / "generated") == renamed.output


def test_the_journal_keeps_the_files_themselves(tmp_path):
    """What a write replaces or removes is kept by a link in the scratch
    folder, not as bytes in memory (the last database and data file, 70 MB
    at 10,000 engagements): undone, each file is the one that was there
    (the same inode and modification time), a new one is gone; closed,
    nothing kept is left."""
    scratch, folder = tmp_path / write.SCRATCH, tmp_path / "generated"
    (folder / "events").mkdir(parents=True)
    replaced, removed, new = folder / "index.md", folder / "events" / "gone.md", folder / "events" / "new.md"
    for path in (replaced, removed):
        path.write_bytes(b"as it was")
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    was = {path: path.stat() for path in (replaced, removed)}
    journal = write.Journal(scratch)
    for path in (replaced, removed, new):
        journal.remember(path, folder)
    assert not any(isinstance(kept, bytes) for kept in journal.before.values())
    write._replace(replaced, b"changed", scratch)
    removed.unlink()
    write._replace(new, b"new", scratch)
    journal.undo()
    for path, status in was.items():
        now = path.stat()
        assert (path.read_bytes(), now.st_ino, now.st_mtime_ns) == (b"as it was", status.st_ino, status.st_mtime_ns)
    assert not new.exists()
    journal.remember(replaced, folder)
    write._replace(replaced, b"changed", scratch)
    journal.close()  # the change stands
    assert replaced.read_bytes() == b"changed" and list(scratch.iterdir()) == []


def _failing_unlink(original):
    def unlink(self, missing_ok=False):
        if self.suffix == ".md" and "misri-colby-meeting" in self.name:
            raise OSError(13, "cannot remove")
        return original(self, missing_ok=missing_ok)
    return unlink


KILL_AT = """\
import os, sys
sys.path.insert(0, sys.argv[1])
from briefing import pipeline, write
from briefing.project import Project
original, calls = write._replace, []
def dying(path, data, scratch=None):
    calls.append(path)
    if len(calls) == int(sys.argv[3]):
        os._exit(9)  # no clean-up of any kind, as with kill -9 or a power cut
    original(path, data, scratch)
write._replace = dying
pipeline.generate(Project(__import__("pathlib").Path(sys.argv[2])))
"""


@pytest.mark.parametrize("when", ["first", "fifth", "middle", "last"])
def test_a_generation_killed_half_way_is_repaired_by_the_next(generated, renamed, when):
    """Killed outright, a generation cannot undo anything: it leaves
    generated/ half-written. The next generation makes it exactly what a
    clean one makes, and content/ is untouched throughout."""
    rename_an_event(generated)
    content = untouched(generated / "content")
    kill_at = {"first": 1, "fifth": 5, "middle": renamed.writes // 2, "last": renamed.writes}[when]
    done = subprocess.run([sys.executable, "-c", KILL_AT, str(generated), str(generated), str(kill_at)], timeout=300)
    assert done.returncode == 9
    assert snapshot(generated / "generated") != renamed.output  # half-written
    pipeline.generate(Project(generated))
    assert snapshot(generated / "generated") == renamed.output
    assert untouched(generated / "content") == content


# --- nothing lost: MkDocs failing, two builds at once, reproducible builds ------------

EPOCH = "1748563200"  # 2025-05-30


def build_env(**extra: str) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, **extra}


def start_build(root: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(root / "build.py"), "--root", str(root), "build"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=build_env(**env))


@dataclass
class TwoBuilds:
    first: Path
    second: Path
    outside: dict[str, tuple]  # what the first held outside its outputs before it was built

    def __getitem__(self, index: int) -> Path:
        return (self.first, self.second)[index]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> TwoBuilds:
    """The same input built in two folders at once, with different hash seeds."""
    first = copy_project(tmp_path_factory.mktemp("first") / "project")
    second = copy_project(tmp_path_factory.mktemp("second") / "elsewhere" / "other-name")
    outside = outside_outputs(first)
    builds = [start_build(first, PYTHONHASHSEED="1"), start_build(second, PYTHONHASHSEED="2")]
    for build in builds:
        out, err = build.communicate(timeout=300)
        assert build.returncode == 0, err
    return TwoBuilds(first, second, outside)


def test_two_builds_of_the_same_input_are_byte_identical(two_builds):
    first, second = two_builds
    for folder in ["site", "generated", "content"]:
        a, b = snapshot(first / folder), snapshot(second / folder)
        assert a.keys() == b.keys(), folder
        differing = [path for path in a if a[path] != b[path]]
        assert not differing, f"{folder}: {differing[:10]}"
        assert folder == "content" or len(a) > 100


def test_a_build_writes_only_generated_site_and_the_schemas(two_builds):
    """build.py build (generation, then MkDocs through the plugin) leaves
    every other file of the project as it was, and no staging folder."""
    assert outside_outputs(two_builds.first) == two_builds.outside
    assert no_staging_left(two_builds.first) and no_staging_left(two_builds.second)


def test_a_failing_mkdocs_build_leaves_content_and_site_as_they_were(two_builds, tmp_path):
    """MkDocs runs after generated/ is written; when it fails, site/ is still
    the last good build's and content/ is untouched. generated/ holds what the
    new input generates: it is a cache of the input, not the product."""
    root = tmp_path / "project"
    shutil.copytree(two_builds[0], root, symlinks=True)
    before = untouched(root / "content"), snapshot(root / "site")
    rename_an_event(root)
    # A failure inside MkDocs' build, after generation (an unknown plugin
    # would be refused by check, before anything is written).
    (root / "failing_hook.py").write_text("from mkdocs.exceptions import PluginError\n\n\n"
                                          "def on_post_build(config):\n"
                                          "    raise PluginError('no-such-plugin failed')\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - failing_hook.py\n", encoding="utf-8")
    build = start_build(root)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 1, err
    assert "no-such-plugin" in err and "mkdocs build failed" in err and "Traceback" not in err
    assert "site/ is as the last good build left it" in err
    assert untouched(root / "content") == before[0]
    assert snapshot(root / "site") == before[1]
    assert no_staging_left(root)
    assert (root / "generated" / "events" / "misri-colby-talks.md").is_file()
    assert not (root / "generated" / "events" / "misri-colby-meeting.md").exists()


def test_a_warning_fails_the_strict_build_and_keeps_the_last_good_site(two_builds, tmp_path):
    """A broken link in a hand-written page is a warning, which fails the
    strict build: site/ stays the last good one, with its pages and without
    the broken one."""
    root = tmp_path / "project"
    shutil.copytree(two_builds[0], root, symlinks=True)
    site = snapshot(root / "site")
    (root / "content" / "broken.md").write_text("# Broken\n\nA link to [nowhere](nowhere.md).\n", encoding="utf-8")
    content = untouched(root / "content")
    rename_an_event(root)  # a change the failed build must not publish
    build = start_build(root)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 1, err
    assert "nowhere.md" in err, err
    assert "site/ is as the last good build left it" in err
    assert snapshot(root / "site") == site
    assert not (root / "site" / "broken.html").exists()
    assert untouched(root / "content") == content
    assert no_staging_left(root)


# A hook that fails MkDocs' Nth write of a page (a full disk while MkDocs
# writes the site it will publish into site/).
FAIL_SITE_WRITE = """\
from mkdocs import utils
original, calls = utils.write_file, []
def failing(content, output_path):
    calls.append(output_path)
    if len(calls) == {at}:
        raise OSError(28, "No space left on device", output_path)
    original(content, output_path)
utils.write_file = failing
"""


@pytest.mark.parametrize("at", [1, 3])
def test_a_failure_writing_into_site_leaves_the_last_good_site(two_builds, tmp_path, at):
    """The disk fills up while MkDocs writes the site: site/ is the last good one."""
    root = tmp_path / "project"
    shutil.copytree(two_builds[0], root, symlinks=True)
    before = untouched(root / "content"), snapshot(root / "site")
    rename_an_event(root)
    (root / "fail_site_write.py").write_text(FAIL_SITE_WRITE.replace("{at}", str(at)), encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text + "\nhooks:\n  - fail_site_write.py\n", encoding="utf-8")
    build = start_build(root)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 1, err
    assert "No space left on device" in err, err
    assert "site/ is as the last good build left it" in err
    assert snapshot(root / "site") == before[1]
    assert untouched(root / "content") == before[0]
    assert no_staging_left(root)
    config.write_text(text, encoding="utf-8")  # and the next build goes through
    build = start_build(root)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    assert (root / "site" / "events" / "misri-colby-talks.html").is_file()
    assert not (root / "site" / "events" / "misri-colby-meeting.html").exists()


def test_a_failure_writing_into_site_is_reported_without_a_traceback(two_builds, tmp_path):
    """Like any other failure, a full disk while the site is written is one
    line of error naming the file, not MkDocs' Python traceback."""
    root = tmp_path / "project"
    shutil.copytree(two_builds[0], root, symlinks=True)
    rename_an_event(root)
    (root / "fail_site_write.py").write_text(FAIL_SITE_WRITE.replace("{at}", "1"), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - fail_site_write.py\n", encoding="utf-8")
    build = start_build(root)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 1 and "No space left on device" in err, err
    assert "Traceback" not in err
    assert f"{root / 'site'}/" in err and ".site-staging-" not in err  # the file, where it was to go


# A MkDocs hook that holds the first build to reach it until the test says
# go; any other build goes on. "generating": inside the plugin's generation,
# which holds the project's lock (the hook wraps the stamp's look-up, the
# first thing a generation does under the lock); "in mkdocs": after it, while
# MkDocs reads generated/ and builds the site, the lock free.
PAUSE_HOOK = """\
import pathlib, time
from briefing import stamp

HERE = pathlib.Path(__file__).resolve().parent


def pause():
    try:
        (HERE / "paused").touch(exist_ok=False)
    except FileExistsError:
        return
    for _ in range(3000):  # five minutes at most
        if (HERE / "go").exists():
            return
        time.sleep(0.1)


if "{where}" == "generating":
    unchanged = stamp.unchanged

    def held(*args, **kwargs):
        pause()
        return unchanged(*args, **kwargs)

    stamp.unchanged = held
else:
    def on_pre_build(config, **kwargs):
        pause()
"""


@pytest.mark.parametrize("where", ["generating", "in mkdocs"])
def test_two_builds_at_once_one_waits_for_nothing(two_builds, tmp_path, where):
    """A build started while another generates exits at once with status 1;
    the other finishes, and the site is as if it had run alone. The first is
    held inside MkDocs' generation, lock and all, until the second has
    ended, so that they overlap. Started while the first is past generating
    (in MkDocs, the lock free), the second may go through or stop at the
    lock; either way neither waits, and the site is as if built once."""
    root = unbuilt_copy(two_builds[0], tmp_path / "project")
    (root / "pause_hook.py").write_text(PAUSE_HOOK.replace("{where}", where), encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("\nhooks:\n", "\nhooks:\n  - pause_hook.py\n", 1) if "\nhooks:\n" in text
                      else text + "\nhooks:\n  - pause_hook.py\n", encoding="utf-8")
    first, second = start_build(root), None
    try:
        for _ in range(3000):  # until the first is inside MkDocs (five minutes at most)
            if (root / "paused").exists() or first.poll() is not None:
                break
            time.sleep(0.1)
        assert first.poll() is None and (root / "paused").exists(), first.communicate(timeout=300)
        second = start_build(root)
        # Were it to wait for the lock, it would wait until this safety net: the first holds it till "go".
        _, second_err = second.communicate(timeout=120)
    finally:
        if second is not None and second.poll() is None:
            second.kill()  # it waited: see the TimeoutExpired above
            second.communicate()
        (root / "go").touch()
        _, first_err = first.communicate(timeout=300)
    busy = "another build of this project is running" in second_err and "nothing was written" in second_err
    if where == "generating":
        assert second.returncode == 1, second_err
        assert busy, second_err
    else:
        assert second.returncode == 0 or (second.returncode == 1 and busy), second_err
    assert first.returncode == 0, first_err
    assert "Traceback" not in first_err + second_err
    assert snapshot(root / "site") == snapshot(two_builds[0] / "site")
    assert snapshot(root / "generated") == snapshot(two_builds[0] / "generated")
    assert no_staging_left(root)


HOLD_LOCK = """\
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from briefing import pipeline
from briefing.project import Project
with pipeline.locked(Project(Path(sys.argv[2]))):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_build_while_another_holds_the_lock_fails_fast(generated):
    before = untouched(generated / "content"), untouched(generated / "generated")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(ROOT), str(generated)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        # Waiting for the lock would wait for ever (the holder keeps it till
        # told): a generous limit makes that a failure instead of a hang.
        attempt = []
        thread = threading.Thread(target=lambda: attempt.append(check(generated, "build")), daemon=True)
        thread.start()
        thread.join(timeout=120)
        assert attempt, "the build waited for the lock instead of failing at once"
        outcome = attempt[0]
        assert outcome.code == 1
        assert f"another build of this project is running (process {holder.pid})" in outcome.err
        assert "Traceback" not in outcome.err
        # The MkDocs plugin calls pipeline.generate, which takes the same lock.
        with pytest.raises(pipeline.Busy):
            pipeline.generate(Project(generated))
        assert check(generated).code == 0  # checking writes nothing and needs no lock
    finally:
        holder.communicate("")
    assert (untouched(generated / "content"), untouched(generated / "generated")) == before
    pipeline.generate(Project(generated))  # released with its process


def test_the_lock_is_reentrant_in_one_thread_only(project):
    import threading

    project_ = Project(project)
    with pipeline.locked(project_):
        with pipeline.locked(project_):  # build() holds it around generate()
            pass
        failures = []
        thread = threading.Thread(target=lambda: failures.append(_try_lock(project_)))
        thread.start()
        thread.join()
        assert failures == ["busy"]
    assert _try_lock(project_) == "ok"


def _try_lock(project: Project) -> str:
    try:
        with pipeline.locked(project):
            return "ok"
    except pipeline.Busy:
        return "busy"


def test_the_lock_lives_where_git_ignores_it(project):
    with pipeline.locked(Project(project)):
        pass
    assert (project / pipeline.LOCK_FOLDER / pipeline.LOCK_FILE).exists()
    done = subprocess.run(["git", "check-ignore", "-q", "--no-index", f"{pipeline.LOCK_FOLDER}/{pipeline.LOCK_FILE}"],
                          cwd=ROOT)
    assert done.returncode == 0, f"{pipeline.LOCK_FOLDER}/ is not ignored by .gitignore"


def test_every_generated_page_lies_in_a_folder_the_checks_know(generated):
    """The path checks above rely on pages living in these folders only: the
    pages a generation writes, not the table that names the folders, are
    looked at, and each record's page is in its collection's folder."""
    known = {"officials", "organizations", "initiatives", "events", "topics", "sources"}
    output = Project(generated).output
    pages = [p.relative_to(output).as_posix() for p in output.rglob("*.md") if p.parent.name != "includes"]
    assert {page.split("/")[0] for page in pages if "/" in page} <= known
    data = json.loads((output / "data" / "briefing.json").read_text("utf-8"))
    for collection, folder in PAGE_FOLDERS.items():
        assert data[collection]
        for record in data[collection]:
            assert f"{folder}/{record['id']}.md" in pages, (collection, record["id"])
