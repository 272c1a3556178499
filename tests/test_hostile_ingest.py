"""Issue 25's attacks on `add` and `apply`, each a test: a careless or hostile
hand loses no data, hangs nothing, and gets `file:line: message`, exit 2."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefing import roundtrip, seedfiles
from briefing.add import Refused, add
from briefing.apply import apply
from briefing.problems import BadInput
from briefing.project import Project
from conftest import ROOT, run_build

REPORT = ("New Delhi, Jun 3 (PTI) Foreign Secretary Vikram Misri met US Ambassador-designate Sergio Gor in New "
          "Delhi today and discussed the Bilateral Trade Agreement (BTA).\n")
QUOTE = "Foreign Secretary Vikram Misri met US Ambassador-designate Sergio Gor"


def seeds_bytes(project: Path) -> dict[Path, bytes]:
    """Every file of the project but the lock: what an attack must leave as it was."""
    return {p: p.read_bytes() for p in project.rglob("*")
            if p.is_file() and not p.is_symlink() and ".site-lock" not in p.parts and "__pycache__" not in p.parts}


def registered(project: Path, name: str = "report.txt") -> tuple[Path, str]:
    """A report added to the project, and its id."""
    (project.parent / name).write_text(REPORT, encoding="utf-8")
    return project.parent / name, add(Project(project), project.parent / name, "pti-gor")


def draft_file(project: Path, proposals: list[dict], source: str = "pti-gor", text: str | None = None) -> Path:
    path = project / "seeds" / "drafts" / "pti-gor.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else roundtrip.dump({"source": source, "proposals": proposals}), "utf-8")
    return path


def cite_misri(quote: str = QUOTE, **extra) -> dict:
    return {"action": "cite", "collection": "officials", "id": "vikram-misri", "fields": {},
            "evidence": [{"source": "pti-gor", "quote": quote}], **extra}


def refused(result, *words: str) -> None:
    assert result.code == 2, (result.code, result.err)
    assert "Traceback" not in result.err, result.err
    for word in words:
        assert word in result.err, result.err


# --- high -----------------------------------------------------------------------------


@pytest.mark.parametrize("collection", ["../sources", "../../mkdocs", "/tmp/briefing-attack", "sources"])
def test_a_collection_is_one_of_the_facts_never_a_path(project, collection):
    registered(project)
    proposal = {"action": "new", "collection": collection, "id": "x", "fields": {"name": "x"},
                "evidence": [{"source": "pti-gor", "quote": QUOTE}]}
    path = draft_file(project, [proposal])
    before = seeds_bytes(project)
    result = run_build(project, "apply", str(path))
    refused(result, "proposals[1].collection", "is not one of: topics, officials")
    assert seeds_bytes(project) == before
    assert not Path("/tmp/briefing-attack.yml").exists()


def _enospc_on(call: int):
    """A stand-in for the synced write that finds the disk full at its `call`th use."""
    real, calls = seedfiles._write_synced, []

    def write(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) >= call:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)
    return write


@pytest.mark.parametrize("call", [1, 2, 3])
def test_apply_on_a_full_disk_changes_nothing(project, monkeypatch, call):
    registered(project)
    path = draft_file(project, [cite_misri(), {
        "action": "new", "collection": "topics", "id": "trade-talks", "fields": {"name": "Trade talks"},
        "evidence": []}])
    before = seeds_bytes(project)
    monkeypatch.setattr(seedfiles, "_write_synced", _enospc_on(call))
    with pytest.raises(OSError, match="No space"):
        apply(Project(project), path)
    assert seeds_bytes(project) == before
    assert not list((project / "seeds").rglob(".*.new")) and not list((project / "seeds").rglob(".*.old"))
    monkeypatch.undo()
    apply(Project(project), path)  # and nothing is left that blocks doing it again


@pytest.mark.parametrize("call", [1, 2])
def test_add_on_a_full_disk_leaves_no_copy_and_an_intact_registry(project, tmp_path, monkeypatch, call):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    before = seeds_bytes(project)
    monkeypatch.setattr(seedfiles, "_write_synced", _enospc_on(call))
    with pytest.raises(OSError, match="No space"):
        add(Project(project), tmp_path / "report.txt")
    assert seeds_bytes(project) == before
    assert not (project / "seeds" / "sources" / "report.txt").exists()
    monkeypatch.undo()
    assert add(Project(project), tmp_path / "report.txt")  # nothing left behind blocks adding it again


def test_a_rename_that_fails_midway_puts_every_file_back(project, monkeypatch):
    registered(project)
    path = draft_file(project, [cite_misri(), {
        "action": "new", "collection": "topics", "id": "trade-talks", "fields": {"name": "Trade talks"},
        "evidence": []}])
    before = seeds_bytes(project)
    real, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 3:  # the journal, then the first file: the second fails
            raise OSError(errno.EIO, "Input/output error")
        real(source, target)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError):
        apply(Project(project), path)
    monkeypatch.undo()
    assert seeds_bytes(project) == before, calls


def _unshare_works() -> bool:
    if not shutil.which("unshare"):
        return False
    done = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                          capture_output=True)
    return done.returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="cannot mount a tmpfs here (unshare -rm)")
@pytest.mark.parametrize("command", ["add", "apply"])
def test_add_and_apply_on_a_really_full_disk_leave_seeds_intact(project, tmp_path, command):
    """seeds/ on a tmpfs with a few hundred bytes left: the write fails for real."""
    mount = tmp_path / "disk"
    mount.mkdir()
    registered(project)
    path = draft_file(project, [cite_misri()])
    (project.parent / "other.txt").write_text(REPORT.replace("Jun 3", "Jun 4"), encoding="utf-8")
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text("utf-8").replace("      seeds: seeds\n", f"      seeds: {mount}/seeds\n"), "utf-8")
    assert Project(project).seeds == mount / "seeds", mkdocs.read_text("utf-8")
    args = ["add", str(project.parent / "other.txt")] if command == "add" else ["apply", str(mount / "seeds/drafts/pti-gor.yml")]
    script = f"""
set -e
mount -t tmpfs -o size=512k tmpfs {mount}
cp -r {project / 'seeds'} {mount}/seeds
find {mount}/seeds -type f -exec sha256sum {{}} + | sort > {tmp_path}/before
dd if=/dev/zero of={mount}/filler bs=1k count=4096 2>/dev/null || true
rm -f {mount}/filler.small; dd if=/dev/zero of={mount}/filler.small bs=1 count=64 2>/dev/null || true
set +e
{sys.executable} {project / 'build.py'} --root {project} {' '.join(args)} > {tmp_path}/out 2> {tmp_path}/err
echo $? > {tmp_path}/code
rm -f {mount}/filler {mount}/filler.small
find {mount}/seeds -type f -exec sha256sum {{}} + | sort > {tmp_path}/after
{sys.executable} {project / 'build.py'} --root {project} {' '.join(args)} > {tmp_path}/out2 2> {tmp_path}/err2
echo $? > {tmp_path}/code2
"""
    del path
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    err = (tmp_path / "err").read_text()
    assert (tmp_path / "code").read_text().strip() == "1", err
    assert "No space left on device" in err and "seeds/ is as it was" in err and "Traceback" not in err
    assert (tmp_path / "before").read_text() == (tmp_path / "after").read_text()
    # With room again, the same command succeeds: nothing left behind blocks it.
    assert (tmp_path / "code2").read_text().strip() == "0", (tmp_path / "err2").read_text()


def test_an_alias_bomb_in_a_draft_is_refused_before_it_grows(project):
    registered(project)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9))
    path = draft_file(project, [], text=bomb + "source: pti-gor\nproposals: []\n")
    refused(run_build(project, "apply", str(path)), "pti-gor.yml:1:", "anchors and aliases")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/proc/self/status"])
@pytest.mark.parametrize("command", ["add", "apply"])
def test_a_device_or_a_file_of_proc_is_not_read(project, device, command):
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    before = seeds_bytes(project)
    result = run_build(project, command, device)
    refused(result, device)
    assert "not a regular file" in result.err or "changed size while it was read" in result.err, result.err
    assert seeds_bytes(project) == before


# --- medium ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["add", "apply"])
def test_a_fifo_is_refused_at_once(project, tmp_path, command):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    result = run_build(project, command, str(fifo), timeout=120)  # a hang would fail here, not block the suite
    refused(result, "not a regular file")


def test_a_long_id_is_refused_where_it_is_made(project, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    before = seeds_bytes(project)
    refused(run_build(project, "add", str(tmp_path / "report.txt"), "--id", "a" * 300), "is not a slug of at most 80")
    assert seeds_bytes(project) == before
    registered(project)
    proposal = {"action": "new", "collection": "topics", "id": "b" * 300, "fields": {"name": "B"}, "evidence": []}
    refused(run_build(project, "apply", str(draft_file(project, [proposal]))), "proposals[1].id", "at most 80")
    # An id typed by hand into the facts is refused by check, with its line.
    topics = project / "seeds" / "facts" / "topics.yml"
    topics.write_text(topics.read_text("utf-8") + f"  - id: {'c' * 300}\n    name: C\n", "utf-8")
    refused(run_build(project, "check"), "seeds/facts/topics.yml:", "a slug of at most 80 characters")


def test_generated_ids_stay_under_the_cap(project, tmp_path):
    long_name = "-".join(["word"] * 23) + ".txt"  # 118 characters: a name add takes, an id too long
    (tmp_path / long_name).write_text(REPORT, encoding="utf-8")
    source_id = add(Project(project), tmp_path / long_name)
    assert len(source_id) <= 80 and not source_id.endswith("-")


def _racing(project: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    running = [subprocess.Popen([sys.executable, str(project / "build.py"), "--root", str(project), *c],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for c in commands]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=300), *p.communicate()) for p in running]


@pytest.mark.parametrize("trial", range(3))
def test_two_adds_at_once_lose_nothing(project, tmp_path, trial):
    reports = []
    for number in range(2):
        report = tmp_path / f"report-{number}.txt"
        report.write_text(REPORT.replace("Jun 3", f"Jun {number + 3}"), encoding="utf-8")
        reports.append(report)
    done = _racing(project, [["add", str(r), "--id", f"race-{i}"] for i, r in enumerate(reports)])
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    ids = {s["id"] for s in yaml.safe_load((project / "seeds/sources.yml").read_text("utf-8"))["sources"]}
    assert {"race-0", "race-1"} <= ids
    assert run_build(project, "check").code == 0


def test_two_applies_at_once_lose_nothing(project):
    registered(project)
    first = draft_file(project, [cite_misri()])
    second = first.with_name("second.yml")
    second.write_text(roundtrip.dump({"source": "pti-gor", "proposals": [{
        "action": "cite", "collection": "officials", "id": "vikram-misri", "fields": {},
        "evidence": [{"source": "pti-gor", "quote": "discussed the Bilateral Trade Agreement (BTA)"}]}]}), "utf-8")
    done = _racing(project, [["apply", str(first)], ["apply", str(second)]])
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    officials = (project / "seeds/facts/officials.yml").read_text("utf-8")
    assert QUOTE in officials and "discussed the Bilateral Trade Agreement (BTA)" in officials


def test_a_dangling_symlink_in_seeds_sources_is_refused(project, tmp_path):
    outside = tmp_path / "outside.txt"
    (project / "seeds" / "sources" / "report.txt").symlink_to(outside)
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    result = run_build(project, "add", str(tmp_path / "report.txt"))
    refused(result, "seeds/sources/report.txt is a symbolic link")
    assert not outside.exists()


def test_a_seeds_sources_folder_that_is_a_link_is_refused(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "seeds" / "sources", elsewhere)
    (project / "seeds" / "sources").symlink_to(elsewhere)
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    refused(run_build(project, "add", str(tmp_path / "report.txt")), "is a symbolic link")


@pytest.mark.parametrize("text, where", [
    ("sources:\n  - id: a\n    file: [unclosed\n", "seeds/sources.yml:4: YAML syntax"),
    ("sources: 12\n", "seeds/sources.yml:1: sources: expected a list"),
    ("sources:\n  - just text\n", "seeds/sources.yml:2: sources[0]: expected an entry"),
    ("- a list\n", "seeds/sources.yml:1: expected a mapping"),
    ("sources:\n\t- id: a\n", "seeds/sources.yml:2:"),
    ("sources: []\nsources: []\n", "seeds/sources.yml:2: YAML: found duplicate key \"sources\""),
])
def test_a_malformed_sources_yml_is_file_line_message(project, tmp_path, text, where):
    (project / "seeds" / "sources.yml").write_text(text, encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    before = seeds_bytes(project)
    refused(run_build(project, "add", str(tmp_path / "report.txt")), where)
    assert seeds_bytes(project) == before


@pytest.mark.parametrize("text, where", [
    ("source: pti-gor\nproposals: [unclosed\n", "pti-gor.yml:3: YAML syntax"),
    ("source: pti-gor\nproposals: 7\n", "pti-gor.yml:2: proposals: expected a list"),
    ("source: pti-gor\nproposals:\n  - 7\n", "pti-gor.yml:3: proposals[1]: expected a proposal"),
    ("source: pti-gor\nproposals:\n  - action: cite\n", "proposals[1].collection: nothing is not one of"),
    ("- just\n- a list\n", "pti-gor.yml:1: a draft is a mapping"),
    ("", "pti-gor.yml:1: the file is empty"),
    ("source: pti-gor\nproposals:\n  - action: cite\n    collection: officials\n    id: vikram-misri\n"
     "    fields: [1]\n    evidence: [{quote: 3}]\n", "proposals[1].fields: expected a mapping"),
    ("source: pti-gor\nproposals:\n  - {action: cite, collection: officials, id: Vikram Misri}\n",
     "proposals[1].id: 'Vikram Misri' is not a slug"),
    ("source: pti-gor\nproposals:\n  - {action: cite, collection: officials, id: vikram-misri, "
     "evidence: [{source: pti-gor}]}\n", "proposals[1].evidence[1]: expected source"),
    ("\ufeffsource: pti-gor\nproposals: {\n", "YAML syntax"),
    ("source: pti-gor\nproposals:\n  - !!python/object/apply:os.system [echo attacked]\n",
     "pti-gor.yml:3: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"),
    ("source: pti-gor\nproposals:\n  - {action: cite, collection: officials, id: vikram-misri, fields: {[1]: 2}}\n",
     "proposals[1].fields.[1]: not a field of officials"),
    ("source: pti-gor\nproposals:\n  - {action: !!int one, collection: officials, id: vikram-misri}\n",
     "proposals[1].action: 'one' is not one of"),
])
def test_a_malformed_draft_is_file_line_message(project, text, where):
    registered(project)
    path = draft_file(project, [], text=text)
    before = seeds_bytes(project)
    refused(run_build(project, "apply", str(path)), where)
    assert seeds_bytes(project) == before


def test_an_unknown_action_is_refused(project):
    registered(project)
    country = (project / "seeds/facts/officials.yml").read_bytes()
    proposal = {"action": "obliterate", "collection": "officials", "id": "vikram-misri", "fields": {"country": "US"},
                "evidence": []}
    refused(run_build(project, "apply", str(draft_file(project, [proposal]))),
            "proposals[1].action: 'obliterate' is not one of: new, cite, update, discrepancy")
    assert (project / "seeds/facts/officials.yml").read_bytes() == country


@pytest.mark.parametrize("next_command", ["apply", "check"])
def test_an_interrupted_apply_is_rolled_back_on_the_next_run(project, next_command):
    """A crash after the files were renamed into place, before the change was
    done: whatever runs next puts the old files back, and says so."""
    registered(project)
    officials = project / "seeds/facts/officials.yml"
    path = draft_file(project, [cite_misri()])
    before = seeds_bytes(project)
    crash = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from briefing import seedfiles
from briefing.project import Project
project = Project(Path({str(project)!r}))
with seedfiles.changing(project, "apply") as change:
    change.write(Path({str(officials)!r}), b"officials: [half written\\n")
    change.write(project.seeds / "facts" / "new.yml", b"topics: []\\n")
    change.commit()
    os._exit(9)  # killed: the journal stays
"""
    assert subprocess.run([sys.executable, "-c", crash]).returncode == 9
    assert officials.read_bytes() == b"officials: [half written\n"
    result = run_build(project, *(["apply", str(path)] if next_command == "apply" else ["check"]))
    assert result.code == 0, result.err
    assert "note: an interrupted apply was rolled back (seeds/facts/new.yml, seeds/facts/officials.yml as they " \
           "were before it)" in result.err
    assert not (project / "seeds" / seedfiles.JOURNAL).exists() and not (project / "seeds/facts/new.yml").exists()
    if next_command == "check":
        assert seeds_bytes(project) == before
    else:
        assert QUOTE in officials.read_text("utf-8")


def test_a_journal_naming_other_files_is_not_followed(project):
    (project / "seeds" / seedfiles.JOURNAL).write_text(
        '{"command": "apply", "files": [{"path": "../mkdocs.yml", "existed": false}]}', "utf-8")
    mkdocs = (project / "mkdocs.yml").read_bytes()
    (project.parent / "report.txt").write_text(REPORT, encoding="utf-8")
    result = run_build(project, "add", str(project.parent / "report.txt"))
    refused(result, "names files a change never writes")
    assert (project / "mkdocs.yml").read_bytes() == mkdocs


# --- low --------------------------------------------------------------------------------


def test_an_empty_id_is_refused(project, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    refused(run_build(project, "add", str(tmp_path / "report.txt"), "--id", ""), "--id '' is not a slug")


def test_a_folder_passed_to_add_is_refused_clearly(project, tmp_path):
    result = run_build(project, "add", str(tmp_path))
    refused(result, "is a folder, not a file", "nothing was written")
    assert "site/" not in result.err


def test_a_byte_order_mark_does_not_hide_the_date_line(project, tmp_path):
    (tmp_path / "report.txt").write_bytes(b"\xef\xbb\xbf" + b" date 2025-12-09 NEW DELHI: India and the US met.\n")
    source_id = add(Project(project), tmp_path / "report.txt")
    entry = next(s for s in yaml.safe_load((project / "seeds/sources.yml").read_text("utf-8"))["sources"]
                 if s["id"] == source_id)
    assert (entry["published"], entry["dateline"]) == ("2025-12-09", "NEW DELHI")


@pytest.mark.parametrize("name", ["back\\slash.txt", ".hidden.txt", "tab\there.txt", "x" * 130 + ".txt"])
def test_a_file_name_check_would_refuse_is_refused_at_add(project, tmp_path, name):
    (tmp_path / name).write_text(REPORT, encoding="utf-8")
    before = seeds_bytes(project)
    with pytest.raises(Refused, match="file name"):
        add(Project(project), tmp_path / name)
    assert seeds_bytes(project) == before


@pytest.mark.parametrize("character, name", [
    ("\\0", "U+0000 (NUL)"), ("\\x01", "U+0001"), ("\\e", "U+001B (escape)"), ("\\x7f", "U+007F (delete)"),
    ("\\u202e", "U+202E (right-to-left override)"),
])
def test_control_and_bidi_characters_in_curated_text_are_refused_by_check(project, character, name):
    topics = project / "seeds" / "facts" / "topics.yml"
    topics.write_text(topics.read_text("utf-8") + f'  - id: sneaky\n    name: "Trade{character} talks"\n', "utf-8")
    result = run_build(project, "check")
    refused(result, "seeds/facts/topics.yml:", "topics[sneaky].name", name)


def test_apply_of_a_draft_that_is_not_there_says_so(project):
    result = run_build(project, "apply", "seeds/drafts/nothing.yml")
    refused(result, "nothing.yml: there is no such draft")
    assert "Errno" not in result.err


def test_badinput_is_raised_not_printed_in_process(project):
    """The library says what is wrong as a value (BadInput), for any caller."""
    with pytest.raises(BadInput) as bad:
        apply(Project(project), project / "seeds" / "drafts" / "nothing.yml")
    assert "no such draft" in bad.value.report()
