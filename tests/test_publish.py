"""Publishing into site/: a whole folder renamed into place, never file by
file, so that a build killed at any moment leaves site/ old or new."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import publish, write
from conftest import copy_project

EPOCH = "1748563200"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_publish_puts_the_staged_folder_in_place_keeping_the_dates_of_unchanged_files(tmp_path):
    site = tree(tmp_path / "site", {"index.html": "home", "gone.html": "old", "a/b.html": "b"})
    os.utime(site / "index.html", ns=(1_000_000_000, 1_000_000_000))
    staged = publish.staging_folder(site)
    tree(staged, {"index.html": "home", "a/b.html": "b, changed", "new.html": "new"})
    report = publish.publish(staged, site)
    assert snapshot(site) == {"index.html": b"home", "a/b.html": b"b, changed", "new.html": b"new"}
    assert (site / "index.html").stat().st_mtime_ns == 1_000_000_000
    assert (report.written, report.removed, report.unchanged) == (["a/b.html", "new.html"], ["gone.html"], 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_data_file_is_published_as_a_link_and_stays_as_published_when_the_generator_replaces_it(
        tmp_path, monkeypatch):
    output = tree(tmp_path / "generated", {"data/a.json": "first", "data/b.csv": "b"})
    # The site as a copy published it, a while ago.
    site = tree(tmp_path / "site", {"data/a.json": "first", "data/b.csv": "b"})
    os.utime(site / "data/b.csv", ns=(1_000_000_000, 1_000_000_000))
    generated_time = (output / "data/b.csv").stat().st_mtime_ns

    def linked(name: str, into: Path, dirty: bool = False) -> None:
        publish.LinkedFile(name, str(output), str(into), False).copy_file(dirty)

    write._replace(output / "data/a.json", b"second")
    staged = publish.staging_folder(site)
    for name in ("data/a.json", "data/b.csv"):
        linked(name, staged)
    assert (staged / "data/a.json").stat().st_ino == (output / "data/a.json").stat().st_ino
    report = publish.publish(staged, site)
    assert (report.written, report.unchanged) == (["data/a.json"], 1)
    assert snapshot(site) == {"data/a.json": b"second", "data/b.csv": b"b"}
    # The unchanged file keeps its time in site/, and the generated one its own.
    assert (site / "data/b.csv").stat().st_mtime_ns == 1_000_000_000
    assert (output / "data/b.csv").stat().st_mtime_ns == generated_time
    # The generator replaces a file it changes: what was published stays as it was.
    write._replace(output / "data/a.json", b"third")
    assert (site / "data/a.json").read_text() == "second"
    # Under serve --dirty a replaced file is linked again over the old one, leaving nothing beside it.
    linked("data/a.json", site, dirty=True)
    linked("data/b.csv", site, dirty=True)
    assert snapshot(site) == {"data/a.json": b"third", "data/b.csv": b"b"}

    # Where the folders cannot share a file, it is copied.
    def cannot_link(source, target):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cannot_link)
    copied = tmp_path / "elsewhere"
    linked("data/a.json", copied)
    assert (copied / "data/a.json").read_text() == "third"
    assert (copied / "data/a.json").stat().st_ino != (output / "data/a.json").stat().st_ino


def test_a_first_publish_renames_the_staged_folder_into_place(tmp_path):
    site = tmp_path / "out" / "site"
    staged = tree(publish.staging_folder(site), {"index.html": "home"})
    publish.publish(staged, site)
    assert snapshot(site) == {"index.html": b"home"} and not staged.exists()


def test_a_symlinked_site_is_refused_and_what_it_points_to_left_alone(tmp_path):
    elsewhere = tree(tmp_path / "elsewhere", {"mine.html": "not the site's"})
    site = tmp_path / "site"
    site.symlink_to(elsewhere)
    staged = tree(publish.staging_folder(site), {"index.html": "home"})
    with pytest.raises(OSError, match="symbolic link"):
        publish.publish(staged, site)
    assert snapshot(elsewhere) == {"mine.html": b"not the site's"} and site.is_symlink()


def test_a_folder_linked_inside_the_old_site_is_removed_as_a_link(tmp_path):
    elsewhere = tree(tmp_path / "elsewhere", {"mine.html": "not the site's"})
    site = tree(tmp_path / "site", {"index.html": "home"})
    (site / "events").symlink_to(elsewhere)
    publish.publish(tree(publish.staging_folder(site), {"index.html": "new"}), site)
    assert snapshot(site) == {"index.html": b"new"}
    assert snapshot(elsewhere) == {"mine.html": b"not the site's"}


def test_staging_folders_left_by_a_kill_are_removed_by_the_next_run(tmp_path):
    site = tree(tmp_path / "site", {"index.html": "home"})
    left = [tree(tmp_path / f"{publish.STAGING_PREFIX}{n}", {"index.html": "half"}) for n in "ab"]
    staged = publish.staging_folder(site)
    assert not any(path.exists() for path in left)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", staged.name])


def test_where_two_folders_cannot_be_swapped_two_renames_do_and_a_kill_between_is_repaired(tmp_path, monkeypatch):
    """Without renameat2's exchange (another system, a file system without
    it): a process killed between the two renames leaves site/ missing and
    the old site aside, and the next run puts it back before anything else."""
    site = tree(tmp_path / "site", {"index.html": "old"})
    monkeypatch.setattr(publish, "_RENAME_EXCHANGE", 1 << 30)  # a flag no kernel knows: EINVAL
    publish.publish(tree(publish.staging_folder(site), {"index.html": "new"}), site)
    assert snapshot(site) == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    # As the first rename of a killed swap leaves it:
    site.rename(tmp_path / f"{publish.PREVIOUS_PREFIX}site")
    tree(tmp_path / f"{publish.STAGING_PREFIX}x", {"index.html": "newer"})
    publish.staging_folder(site)
    assert snapshot(site) == {"index.html": b"new"}


# A MkDocs hook that stops the build at a point of its publishing into site/
# and waits there to be killed: the test sees the file "publishing" appear.
KILL_HOOK = """\
import pathlib, sys
from briefing import publish

HERE = pathlib.Path(__file__).resolve().parent


def wait_to_be_killed():
    (HERE / "publishing").touch()
    sys.stdin.read()  # the test never writes to it: only SIGKILL ends this


exchange = publish._exchange
if "{when}" == "before the swap":
    def stopping(a, b):
        wait_to_be_killed()
        exchange(a, b)
elif "{when}" == "after the swap":
    def stopping(a, b):
        exchange(a, b)
        wait_to_be_killed()
else:  # while the old site is removed
    def stopping(a, b):
        exchange(a, b)
        (a / "index.html").unlink()
        wait_to_be_killed()
publish._exchange = stopping
"""


def build(root: Path, **popen) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.Popen([sys.executable, str(root / "build.py"), "--root", str(root), "build"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **popen)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    out, err = build(root).communicate(timeout=600)
    assert (root / "site" / "index.html").is_file(), err
    return root


@pytest.mark.slow
@pytest.mark.parametrize("when", ["before the swap", "after the swap", "while the old site is removed"])
def test_a_build_killed_while_publishing_leaves_site_all_old_or_all_new(built, tmp_path, when):
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    old = snapshot(root / "site")
    topic = root / "seeds" / "facts" / "zz-topic.yml"
    topic.write_text("topics:\n  - id: killed-build-topic\n    name: Killed build topic\n", encoding="utf-8")
    (root / "kill_hook.py").write_text(KILL_HOOK.replace("{when}", when), encoding="utf-8")
    config = root / "mkdocs.yml"
    plain = config.read_text("utf-8")
    config.write_text(plain + "\nhooks:\n  - kill_hook.py\n", encoding="utf-8")

    killed = build(root, stdin=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 600
        while not (root / "publishing").exists():
            assert killed.poll() is None, killed.communicate()
            assert time.monotonic() < deadline, "the build never reached its publishing"
            time.sleep(0.1)
    finally:
        os.killpg(killed.pid, signal.SIGKILL)
        killed.communicate()
    now = snapshot(root / "site")
    config.write_text(plain, encoding="utf-8")
    out, err = build(root).communicate(timeout=600)
    new = snapshot(root / "site")
    assert "topics/killed-build-topic.html" in new and new != old, err
    assert now in (old, new), when
    assert now == (old if when == "before the swap" else new)
    assert not list(root.glob(".site-staging-*")) and not list(root.glob(".site-previous-*"))


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs, where the machine lets this process mount one (else an
    injected ENOSPC stands in: see test_robustness.py's FAIL_SITE_WRITE)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


@pytest.mark.slow
def test_a_full_disk_while_mkdocs_writes_the_site_is_one_line_and_keeps_the_last_good_site(built, tmp_path, small_disk):
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    (small_disk / "site").mkdir()
    (small_disk / "site" / "index.html").write_text("the last good site\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_dir: site", f"site_dir: {small_disk / 'site'}"),
                      encoding="utf-8")
    out, err = build(root).communicate(timeout=600)
    assert "No space left on device" in err, err
    assert "Traceback" not in err and "site/ is as the last good build left it" in err
    assert f"{small_disk / 'site'}/" in err  # the file, named where it was to be published
    assert snapshot(small_disk / "site") == {"index.html": b"the last good site\n"}
    assert sorted(p.name for p in small_disk.iterdir()) == ["site"]  # no staging folder left


GENERATION_FAILS = """\
from briefing import write
def failing(path, data, scratch=None):
    raise OSError(28, "No space left on device", str(path))
write._replace = failing
"""


@pytest.mark.slow
def test_a_full_disk_while_plain_mkdocs_generates_is_one_line(built, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    (root / "seeds" / "facts" / "zz-topic.yml").write_text("topics:\n  - id: full-disk-topic\n    name: Full disk\n",
                                                            encoding="utf-8")
    (root / "fail_hook.py").write_text(GENERATION_FAILS, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - fail_hook.py\n", encoding="utf-8")
    old = snapshot(root / "site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert snapshot(root / "site") == old
