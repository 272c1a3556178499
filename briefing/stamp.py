"""What the last generation read and wrote, so that regenerating with nothing
changed costs a look at file metadata, not a build.

The stamp holds one digest of every input's path, size and modification time
(the seeds, the templates, this package, mkdocs.yml) and the build's date, the
list of files the generator wrote, and one digest of the same for them. It is
written after every generation: a result kept from an earlier one is what a
fresh run would give (`incremental.py`, checked by tests/test_incremental.py). Regeneration is
skipped only when both match: an edited input or a touched output, even one
put back by a failed build, makes the next run generate in full. This is the
test `make` and `ninja` use; a tool that rewrites a file keeping its size and
modification time to the nanosecond would defeat it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable, Optional

from .project import TEMPLATES, Project, shipped
from .write import is_plain_path, write_if_changed

STAMP = Path(".cache") / "generated-stamp.json"
PACKAGE = Path(__file__).resolve().parent


def _walk(folder: Path) -> Iterable[os.DirEntry]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                yield from _walk(Path(entry.path))
        else:
            yield entry


def _signature(entries: Iterable[tuple[str, Optional[os.stat_result]]]) -> str:
    digest = hashlib.sha256()
    for name, status in entries:
        seen = f"{status.st_size}:{status.st_mtime_ns}:{status.st_mode}" if status else "missing"
        digest.update(f"{name}\0{seen}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _stat(path) -> Optional[os.stat_result]:
    try:
        return os.lstat(path)
    except OSError:
        return None


def inputs(project: Project, generated: Iterable[Path] = ()) -> str:
    """The digest of everything a generation reads, less the files in
    `generated` (the schemas the generator itself writes into seeds/)."""
    left_out = {str(path) for path in generated}

    def listed():
        # Not files, but they change what is generated: the date, and the
        # title (mkdocs.yml may take it from the environment or another file).
        yield "build date", _Value(project.build_date.isoformat())
        yield "site name", _Value(project.site_name)
        yield "site description", _Value(project.site_description)
        yield "site url", _Value(project.site_url)
        yield "licence", _Value(project.licence)
        yield "site description", _Value(project.site_description)
        yield "report text", _Value(str(project.report_text))
        yield "mkdocs.yml", _stat(project.mkdocs_yml)
        for name, folder in (("seeds", project.seeds), ("templates", project.templates), ("package", PACKAGE),
                             ("shipped templates", shipped(TEMPLATES))):
            for entry in _walk(folder):
                if entry.path not in left_out:
                    yield f"{name}/{os.path.relpath(entry.path, folder)}", entry.stat(follow_symlinks=False)
    return _signature(listed())


class _Value:
    """Stands in for a stat result, so that a value enters the digest."""

    def __init__(self, value: str):
        self.st_size, self.st_mtime_ns, self.st_mode = value, 0, 0


def outputs(project: Project, written: Iterable[str]) -> str:
    """The digest of the files the generator wrote (paths inside the output folder)."""
    folder = str(project.output)
    return _signature((path, _stat(os.path.join(folder, path))) for path in sorted(written))


def unchanged(project: Project, inputs_digest: str) -> Optional[list[str]]:
    """The files the last generation wrote, if it read these very inputs and
    its files are still as it left them; else None."""
    try:
        stamp = json.loads((project.root / STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("inputs") != inputs_digest:
        return None
    files = stamp.get("files")
    if not isinstance(files, list) or not files or not all(isinstance(f, str) and is_plain_path(f) for f in files):
        return None
    return files if stamp.get("outputs") == outputs(project, files) else None


def save(project: Project, inputs_digest: str, written: Iterable[str]) -> None:
    """Records a generation known to equal a fresh one."""
    files = sorted(written)
    stamp = {"inputs": inputs_digest, "outputs": outputs(project, files), "files": files}
    try:
        write_if_changed(project.root / STAMP, (json.dumps(stamp, indent=0) + "\n").encode("utf-8"))
    except OSError:  # only a shortcut is lost: the next run generates in full
        forget(project)


def forget(project: Project) -> None:
    try:
        (project.root / STAMP).unlink(missing_ok=True)
    except OSError:
        pass
