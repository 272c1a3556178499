"""Stage 5, write: only files whose bytes change, each replaced atomically.

Unchanged files are left alone so that `mkdocs serve` does not rebuild for
nothing. A manifest beside the pages lists what the generator wrote, so that
pages whose record is gone are removed and hand-written pages never are.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .problems import BadInput, Problem
from .project import Project

# A dot-file, so MkDocs neither publishes nor watches it as a page.
MANIFEST = ".generated.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def read_manifest(folder: Path) -> set[str]:
    try:
        return set(json.loads((folder / MANIFEST).read_text("utf-8")))
    except (OSError, ValueError):
        return set()


def write_outputs(project: Project, outputs: dict[str, bytes], extra: dict[Path, bytes] | None = None) -> WriteReport:
    """Writes `outputs` (paths relative to content/) and `extra` (absolute paths)."""
    folder = project.content
    previous = read_manifest(folder)
    clashes = [Problem(project.display(folder / path), 0, "",
                       "a hand-written file has the path of a generated page; rename the record or move the file")
               for path in sorted(outputs) if path not in previous and (folder / path).exists()]
    if clashes:
        raise BadInput(clashes)

    report = WriteReport()
    for path, data in sorted(outputs.items()):
        if write_if_changed(folder / path, data):
            report.written.append(path)
        else:
            report.unchanged += 1
    for path, data in (extra or {}).items():
        if write_if_changed(path, data):
            report.written.append(project.display(path))
    for path in sorted(previous - outputs.keys()):
        target = folder / path
        if target.is_file():
            target.unlink()
            report.removed.append(path)
            _remove_empty_parents(target.parent, folder)
    write_if_changed(folder / MANIFEST, (json.dumps(sorted(outputs), indent=0) + "\n").encode("utf-8"))
    return report


def sync_tree(staged: Path, target: Path) -> WriteReport:
    """Makes `target` hold exactly the files of `staged`, writing only changes."""
    report = WriteReport()
    wanted = {p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file()}
    for path in sorted(wanted):
        if write_if_changed(target / path, (staged / path).read_bytes()):
            report.written.append(path)
        else:
            report.unchanged += 1
    if target.is_dir():
        for existing in sorted(target.rglob("*")):
            relative = existing.relative_to(target).as_posix()
            if existing.is_file() and relative not in wanted:
                existing.unlink()
                report.removed.append(relative)
                _remove_empty_parents(existing.parent, target)
    return report


def _remove_empty_parents(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_relative_to(stop) and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
