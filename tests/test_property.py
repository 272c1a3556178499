"""Property tests: random valid corpora build; random damage never crashes.

A valid corpus is drawn from scratch: source documents of random words, and
facts whose names and quotes are cut from those documents and whose prose
uses other words, so that every check can pass. Damage is done to the
shipped facts, as text (a line lost, a stray character, bad indentation) or
as data (a value of another type, a key misspelt, an id changed).

The pipeline runs in-process; only a couple of examples run MkDocs.
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
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import pipeline
from briefing.problems import BadInput
from briefing.project import Project
from briefing.routes import PAGE_FOLDERS
from briefing.write import generated_files
from conftest import ROOT, copy_project, run_build

_spec = importlib.util.spec_from_file_location("briefing_cli", ROOT / "build.py")
cli = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cli)

# The same examples on every run, so that the suite is stable. To explore
# further, BRIEFING_EXPLORE=N runs N times as many examples, at random.
EXPLORE = int(os.environ.get("BRIEFING_EXPLORE", "0") or 0)
SETTINGS = dict(deadline=None, database=None, derandomize=not EXPLORE, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])


# Hundreds of examples, a couple of them built with MkDocs.
pytestmark = pytest.mark.slow


def examples(count: int) -> int:
    return count * max(1, EXPLORE)

# Words of the source documents, some of them markup; names and quotes are cut from them.
SOURCE_WORDS = ["minister", "met", "the", "secretary", "in", "Delhi", "on", "Tuesday", "trade", "talks",
                "agreed", "Ambassador", "O'Neil", "defence", "<b>bold</b>", "*starred*", "{{ x }}",
                "[link](javascript:x)", "#tag", "caf\u00e9", "\u201cquoted\u201d", "2025", "no", "yes",
                "null", "&amp;", "|", "\u2014", "Energy", "Council", "of", "and", "for", "a"]
# The curator's own words: none occurs in a source, so no run of them is copied.
PROSE_WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "<script>x</script>",
               "_under_", "`tick`", "~~strike~~", "==mark==", "{% raw %}", "$dollar", "100%", "\\back"]
# Source words that give a date: a quote that supports an engagement's date holds one.
DATE_WORDS = ["Tuesday", "2025"]
KINDS = ["visit", "meeting", "call", "talks"]
INITIATIVE_KINDS = ["initiative", "framework", "dialogue"]


# --- valid corpora ---------------------------------------------------------------


@st.composite
def dates(draw):
    """(date, date_basis, date_note) that the checks accept."""
    year = draw(st.integers(1950, 2090))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    shape = draw(st.sampled_from(["day", "month", "year", "span", "inferred", "derived", "none"]))
    if shape == "day":
        return f"{year}-{month:02d}-{day:02d}", "stated", None
    if shape == "month":
        return f"{year}-{month:02d}", draw(st.sampled_from([None, "stated"])), None
    if shape == "year":
        return f"{year}", "stated", None
    if shape == "span":
        length = draw(st.integers(0, 40))
        end_day = min(28, day + length)
        end_month = month if day + length <= 28 else min(12, month + 1)
        return f"{year}-{month:02d}-{day:02d}/{year}-{end_month:02d}-{end_day:02d}", "stated", None
    if shape == "inferred":
        return f"{year}?-{month:02d}-{day:02d}", "inferred", "The year is implied."
    if shape == "derived":
        return f"{year}-{month:02d}-{day:02d}", "derived", "From the weekday; the report is dated 28 March 2025."
    return None, None, "No source dates it."


def prose(draw, low=1, high=10) -> str:
    return " ".join(draw(st.lists(st.sampled_from(PROSE_WORDS), min_size=low, max_size=high))).capitalize()


@st.composite
def corpora(draw):
    """(sources: {file: text}, sources.yml data, [facts file data]) of a valid corpus."""
    documents = []
    for index in range(draw(st.integers(1, 3))):
        words = draw(st.lists(st.sampled_from(SOURCE_WORDS), min_size=12, max_size=60))
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(DATE_WORDS)))  # each dates something
        documents.append((f"source-{index}", f"{index:03d}.txt", words))

    def quote(low=2, high=8):
        """A citation of a run of words in one document, and those words."""
        source_id, _, words = draw(st.sampled_from(documents))
        start = draw(st.integers(0, len(words) - low))
        end = draw(st.integers(start + low, min(len(words), start + high)))
        text = " ".join(words[start:end])
        return {"source": source_id, "quote": text}, words[start:end]

    def dated_quote(supports: list[str]) -> dict:
        """A citation of a run of words around a word that gives a date."""
        source_id, _, words = draw(st.sampled_from(documents))
        at = draw(st.sampled_from([i for i, word in enumerate(words) if word in DATE_WORDS]))
        start = draw(st.integers(max(0, at - 3), at))
        end = draw(st.integers(max(at + 1, start + 2), max(at + 1, start + 2) + 3))
        return {"source": source_id, "quote": " ".join(words[start:min(end, len(words))]), "supports": supports}

    def part_of(words) -> str:
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, min(len(words), start + 4)))
        return " ".join(words[start:end])

    ids = iter(draw(st.lists(st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True),
                             min_size=60, max_size=60, unique=True)))

    def new_id(prefix: str) -> str:
        return f"{prefix}-{next(ids)}"

    sources = []
    for source_id, file, words in documents:
        published, _, _ = draw(dates())
        sources.append({"id": source_id, "file": file,
                        "sha256": hashlib.sha256((" ".join(words) + "\n").encode("utf-8")).hexdigest(),
                        "title": prose(draw), "outlet": draw(st.sampled_from([None, "Outlet <i>"])),
                        "published": published, "published_note": None, "dateline": None})

    topics = [{"id": new_id("topic"), "name": draw(st.sampled_from(["Trade", "Energy & power", "<Security>", "yes"])),
               **({"description": prose(draw)} if draw(st.booleans()) else {})}
              for _ in range(draw(st.integers(0, 3)))]
    organizations = []
    for _ in range(draw(st.integers(0, 3))):
        cite, words = quote()
        record = {"id": new_id("org"), "name": part_of(words), "cite": [cite]}
        if draw(st.booleans()):
            record["acronym"] = part_of(words)
        if organizations and draw(st.booleans()):
            record["parent"] = draw(st.sampled_from(organizations))["id"]
        record["country"] = draw(st.sampled_from([None, "IN", "US", "NO"]))
        organizations.append(record)
    officials = []
    for _ in range(draw(st.integers(0, 4))):
        cite, words = quote()
        role = {"title": part_of(words), "cite": [cite]}
        if organizations and draw(st.booleans()):
            role["organization"] = draw(st.sampled_from(organizations))["id"]
        officials.append({"id": new_id("person"), "name": part_of(words), "country": draw(st.sampled_from(["IN", "US"])),
                          "roles": [role], "aliases": [part_of(words)] if draw(st.booleans()) else []})
    # The quote of an official's title names them: it can support their taking part.
    named_in = {official["id"]: official["roles"][0]["cite"][0] for official in officials}
    events = []
    for _ in range(draw(st.integers(0, 5))):
        date, basis, note = draw(dates())
        cite, _ = quote()
        record = {"id": new_id("event"), "title": prose(draw, 1, 6), "kind": draw(st.sampled_from(KINDS)),
                  "date": date, "date_basis": basis, "date_note": note, "summary": prose(draw),
                  "cite": [cite]}
        if officials:
            record["participants"] = draw(st.lists(st.sampled_from([o["id"] for o in officials]), unique=True, max_size=3))
        if organizations:
            record["organizations"] = draw(st.lists(st.sampled_from([o["id"] for o in organizations]), unique=True, max_size=2))
        if topics:
            record["topics"] = draw(st.lists(st.sampled_from([t["id"] for t in topics]), unique=True, max_size=2))
        if events and draw(st.booleans()):
            record["parent"] = draw(st.sampled_from(events))["id"]  # an earlier event: no cycle
        if draw(st.booleans()):
            cite, words = quote()
            record["place"] = part_of(words)
            record["cite"].append({**cite, "supports": ["place"]})
        # Each claim cited: the date by a quote that gives one, the participants by quotes naming them.
        if date is not None:
            record["cite"].append(dated_quote(["date"]))
        for participant in record.get("participants", []):
            cite = {**named_in[participant], "supports": ["participants"]}
            if cite not in record["cite"]:
                record["cite"].append(cite)
        events.append(record)
    initiatives = []
    for _ in range(draw(st.integers(0, 3))):
        cite, words = quote()
        record = {"id": new_id("plan"), "name": part_of(words), "kind": draw(st.sampled_from(INITIATIVE_KINDS)),
                  "description": prose(draw), "cite": [cite]}
        if draw(st.booleans()):
            expansion_cite, expansion_words = quote()
            record["acronym"] = part_of(words)
            record["expansions"] = [{"text": part_of(expansion_words), "cite": [expansion_cite]}]
        if events and draw(st.booleans()):
            record["launched"] = draw(st.sampled_from(events))["id"]
        if initiatives and draw(st.booleans()):
            record["related"] = [draw(st.sampled_from(initiatives))["id"]]
        initiatives.append(record)
    for event in events:
        if initiatives and draw(st.booleans()):
            event["initiatives"] = [draw(st.sampled_from(initiatives))["id"]]
    statements = []
    speakers = [o["id"] for o in officials + organizations]
    for _ in range(draw(st.integers(0, 3)) if speakers else 0):
        cite, words = quote()
        record = {"id": new_id("said"), "speaker": draw(st.sampled_from(speakers)), "quote": part_of(words),
                  "cite": [cite]}
        if events and draw(st.booleans()):
            record["event"] = draw(st.sampled_from(events))["id"]
        statements.append(record)
    discrepancies = []
    subjects = [r["id"] for r in officials + organizations + initiatives + events + statements]
    for _ in range(draw(st.integers(0, 2)) if subjects else 0):
        versions = []
        for _ in range(2):
            cite, words = quote()
            versions.append({"value": part_of(words), "cite": [cite]})
        discrepancies.append({"id": new_id("differ"), "subject": draw(st.sampled_from(subjects)),
                              "field": "title", "description": prose(draw), "versions": versions})

    collections = {"topics": topics, "officials": officials, "organizations": organizations,
                   "initiatives": initiatives, "events": events, "statements": statements,
                   "discrepancies": discrepancies}
    # Spread over one to three files, in any order.
    files = [dict() for _ in range(draw(st.integers(1, 3)))]
    for name, records in collections.items():
        if records or draw(st.booleans()):
            files[draw(st.integers(0, len(files) - 1))][name] = records
    files = [f for f in files if f] or [{"topics": []}]
    texts = {file: " ".join(words) + "\n" for _, file, words in documents}
    return texts, {"sources": sources}, files


def write_corpus(root: Path, corpus) -> None:
    texts, sources, files = corpus
    seeds = root / "seeds"
    for folder in ["sources", "facts"]:
        shutil.rmtree(seeds / folder, ignore_errors=True)
        (seeds / folder).mkdir(parents=True)
    for name, text in texts.items():
        (seeds / "sources" / name).write_text(text, encoding="utf-8")
    (seeds / "sources.yml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for index, data in enumerate(files):
        (seeds / "facts" / f"part-{index}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """One project copy that each example's seeds replace in turn."""
    return copy_project(tmp_path_factory.mktemp("property") / "project")


LINK = re.compile(r"\]\(([^()\s#]+\.md)(?:#[^()\s]*)?\)")


def assert_every_implied_page_exists(root: Path, corpus) -> None:
    """Every record has its page and data file in generated/, no stale page
    is left there, and every link between pages leads to a page, generated
    (in generated/) or hand-written (in content/)."""
    output, content = root / "generated", root / "content"
    generated = generated_files(output)
    texts, sources, files = corpus
    records = {"sources": sources["sources"]}
    for data in files:
        for name, items in data.items():
            records.setdefault(name, []).extend(items)

    def page_exists(page: str) -> bool:
        return (output / page).is_file() or (content / page).is_file()

    for collection, folder in PAGE_FOLDERS.items():
        assert (output / folder / "index.md").is_file()
        wanted = {f"{folder}/{r['id']}.md" for r in records.get(collection, [])}
        present = {p for p in generated if p.startswith(f"{folder}/") and p != f"{folder}/index.md"
                   and p.endswith(".md") and p.count("/") == 1}
        assert present == wanted, (collection, present ^ wanted)  # every page, and no stale one
        for page in wanted:
            assert (output / page).is_file(), page
    data = json.loads((output / "data" / "briefing.json").read_text("utf-8"))
    for collection, items in data.items():
        assert len(items) == len(records.get(collection, []))
        for item in items:
            page = item["url"].split("#")[0]
            assert (output / (page[:-5] + ".md")).is_file(), item["url"]
            assert (output / "data" / collection / f"{item['id']}.yml").is_file()
        wanted = {f"data/{collection}/{r['id']}.yml" for r in records.get(collection, [])}
        present = {p for p in generated if p.startswith(f"data/{collection}/") and p.endswith(".yml")}
        assert present == wanted, (collection, present ^ wanted)
    # Every link between pages leads to a page.
    for page in generated:
        if page.endswith(".md"):
            text = (output / page).read_text("utf-8")
            for target in LINK.findall(text):
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
                assert page_exists(resolved), f"{page} links to {target}"


@settings(max_examples=examples(40), **SETTINGS)
@given(corpus=corpora())
def test_random_valid_corpora_generate_every_page(workspace, corpus):
    content = snapshot(workspace / "content")
    write_corpus(workspace, corpus)
    try:
        generated = pipeline.generate(Project(workspace))
    except BadInput as bad:  # show the problems, not just their count
        raise AssertionError(bad.report()) from None
    # The output folder holds exactly what this corpus generates, whatever
    # the examples before it generated; content/ is never written.
    assert sorted(generated_files(workspace / "generated")) == generated.files
    assert_every_implied_page_exists(workspace, corpus)
    assert snapshot(workspace / "content") == content


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@settings(max_examples=2, **SETTINGS)
@given(corpus=corpora())
def test_random_valid_corpora_build_a_site(tmp_path_factory, corpus):
    root = copy_project(tmp_path_factory.mktemp("site") / "project")
    write_corpus(root, corpus)
    result = run_build(root, "build", timeout=300)
    assert result.code == 0, result.err
    data = json.loads((root / "site" / "data" / "briefing.json").read_text("utf-8"))
    for items in data.values():
        for item in items:
            assert (root / "site" / item["url"].split("#")[0]).is_file(), item["url"]


# --- damaged facts ------------------------------------------------------------------

SEED_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "seeds").rglob("*.yml"))
PRISTINE = {name: (ROOT / name).read_bytes() for name in SEED_FILES}
IDS = sorted({m for text in PRISTINE.values() for m in re.findall(rb"id: ([a-z0-9-]+)", text)})
NASTY = ["", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system ", "!tag ",
         "\t", "'", '"', "#", "? ", "|", ">", "---\n", "...\n", "\x00", "\ufeff", "%YAML 1.2\n", "<<: ",
         "null", "~", "yes", "no", "2025-01-01", "-1e9", "0x1F", "    ", "\n", "\r", "\u2028", "\\",
         "@", "`", "%", "{{", "}}", "x" * 300, "é", "\U0001F600"]


@st.composite
def text_damage(draw):
    """One of the seed files with a few lines or characters damaged."""
    name = draw(st.sampled_from(SEED_FILES))
    text = PRISTINE[name].decode("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        action = draw(st.sampled_from(["drop", "twice", "swap", "insert", "indent", "dedent", "cut", "truncate",
                                       "id", "bytes"]))
        if action == "drop":
            del lines[at]
        elif action == "twice":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "insert":
            line = lines[at]
            column = draw(st.integers(0, len(line)))
            lines[at] = line[:column] + draw(st.sampled_from(NASTY)) + line[column:]
        elif action == "indent":
            lines[at] = " " * draw(st.integers(1, 3)) + lines[at]
        elif action == "dedent":
            lines[at] = lines[at][draw(st.integers(1, 3)):]
        elif action == "cut":
            line = lines[at]
            start = draw(st.integers(0, len(line)))
            lines[at] = line[:start] + line[draw(st.integers(start, len(line))):]
        elif action == "truncate":
            lines = lines[:at]
        elif action == "id" and IDS:
            lines[at] = re.sub(r"[a-z0-9]+(-[a-z0-9]+)+", draw(st.sampled_from(IDS)).decode(), lines[at], count=1)
        text = "\n".join(lines)
    data = text.encode("utf-8")
    if draw(st.booleans()) and draw(st.booleans()) and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80"])) + data[at:]
    return {name: data}


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, path + (index,))


ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["", " ", "2025-02-29", "2025-13", "0000", "2025-05-27/2025-05-01",
                                           "9999-12-31", "-2025", "2025-21", "2025-XX", "Y170000002", "1985-04-12T23:20",
                                           "../../x", "/etc/passwd", "a" * 500, "<script>", "{{ x }}"]),
    st.dates(), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from([i.decode() for i in IDS]),
)


@st.composite
def data_damage(draw):
    """One of the facts files with a few values replaced, keys misspelt or items repeated."""
    name = draw(st.sampled_from([n for n in SEED_FILES if "/facts/" in n or n.endswith("sources.yml")]))
    data = yaml.safe_load(PRISTINE[name])
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = draw(st.sampled_from(["value", "value", "drop", "rename", "repeat"]))
        if action == "value":
            parent[last] = draw(ODD_VALUES)
        elif action == "drop":
            del parent[last]
        elif action == "rename" and isinstance(last, str):
            parent[last[:-1] or "x"] = parent.pop(last)
        elif action == "repeat" and isinstance(parent, list):
            parent.append(parent[last])
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=draw(st.booleans()))
    return {name: text.encode("utf-8")}


@pytest.fixture(scope="module")
def damaged(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("damaged") / "project")


def check_damaged(root: Path, damage: dict[str, bytes]) -> None:
    for name, data in PRISTINE.items():
        (root / name).write_bytes(damage.get(name, data))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(root), "check"])  # any exception fails the test
    # Either is right: some damage leaves valid facts (a line repeated in a
    # list, an optional field dropped or a value that still fits), and what
    # passes must then render; the rest must be reported as located problems.
    assert code in (0, 2), err.getvalue()
    if code == 2:
        *problems, summary = err.getvalue().strip().splitlines()
        assert problems and ("found; nothing was written." in summary or summary.startswith("stopped after"))
        for problem in problems:
            assert re.match(r"^seeds/[^:]+(:\d+)?: \S", problem), problem
    else:
        # What passes the checks must render.
        pipeline.render(pipeline.check(Project(root)), Project(root))


@settings(max_examples=examples(80), **SETTINGS)
@given(damage=text_damage())
def test_damaged_text_is_reported_never_a_crash(damaged, damage):
    check_damaged(damaged, damage)


@settings(max_examples=examples(50), **SETTINGS)
@given(damage=data_damage())
def test_damaged_values_are_reported_never_a_crash(damaged, damage):
    check_damaged(damaged, damage)
