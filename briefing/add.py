"""`add`: a new report copied into seeds/sources/ and registered in
seeds/sources.yml, with only what its own text states about itself."""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import dates, roundtrip
from .model import SLUG_REGEX
from .project import Project
from .verify import MAX_SOURCE_BYTES

# "date 2025-05-28" at the top of a document.
_DATE_LINE = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
# A dateline: "Washington DC [US], May 30 (ANI):" or "Washington/New Delhi, Mar 28 (UNI)".
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w .'/\[\]-]{1,60}?),\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?\s+\((?P<outlet>[A-Z]{2,6})\)")
# A dateline on a line of its own: "Washington:".
_PLACE_LINE = re.compile(r"^\s*([A-Z][\w .'/-]{1,40}):\s*$", re.MULTILINE)
# An agency named alone, in brackets: "(PTI)".
_AGENCY = re.compile(r"\((ANI|PTI|UNI|IANS|AFP|AP|Reuters)\)")
_MONTHS = {name.lower()[:3]: number for number, name in enumerate(dates.MONTH_NAMES, start=1)}


class Refused(Exception):
    """The document cannot be added; nothing was written."""


@dataclass
class Metadata:
    published: Optional[str]
    published_note: str
    outlet: Optional[str]
    dateline: Optional[str]


def read_metadata(text: str) -> Metadata:
    """What the text states about itself; None for what it does not state."""
    head = text.strip()[:600]
    found = _DATELINE.search(head)
    outlet = found.group("outlet") if found else None
    if outlet is None:
        agency = _AGENCY.search(head)
        outlet = agency.group(1) if agency else None
    place = found.group("place").strip() if found else None
    if place is None:
        alone = _PLACE_LINE.search(text[:800])
        place = alone.group(1).strip() if alone else None
    line = _DATE_LINE.match(text.strip())
    if line:
        note = f'The text opens with "date {line.group(1)}"' + (
            f' and the dateline "{found.group("month")} {found.group("day")} ({outlet})".' if found else ".")
        return Metadata(line.group(1), note, outlet, place)
    if found and found.group("month")[:3].lower() in _MONTHS:
        month, day = _MONTHS[found.group("month")[:3].lower()], int(found.group("day"))
        if found.group("year"):
            return Metadata(f"{found.group('year')}-{month:02d}-{day:02d}",
                            "The dateline gives the day, month and year.", outlet, place)
        # The year is left out unless the text states it: no guess.
        return Metadata(None, f'The dateline gives "{found.group("month")} {found.group("day")}" without a year; '
                              "add the year (marked uncertain, with a note) if the text implies one.", outlet, place)
    return Metadata(None, "The text gives no publication date.", outlet, place)


def neutral_title(metadata: Metadata, name: str) -> str:
    """A title of the curator's kind, from what the text states (never its
    headline); the file's name where it states nothing."""
    who = f"{metadata.outlet} report" if metadata.outlet else "Report"
    when = f" of {dates.human(metadata.published)}" if metadata.published else ""
    where = f" from {metadata.dateline}" if metadata.dateline else ""
    return f"{who}{where}{when}" if when or where else f"{who} in {name}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def add(project: Project, document: Path, record_id: Optional[str] = None) -> str:
    """Copies `document` into seeds/sources/ and registers it; returns its id.
    Refuses, writing nothing, what cannot be a source."""
    sources_yml = project.seeds / "sources.yml"
    try:
        size = document.stat().st_size
    except OSError as error:
        raise Refused(f"{document}: cannot read it ({error.strerror})") from None
    if size > MAX_SOURCE_BYTES:
        raise Refused(f"{document} is {size:,} bytes; a source may hold {MAX_SOURCE_BYTES:,}")
    data = document.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(f"{document} is not UTF-8 text (byte {error.start}); convert it to UTF-8 first") from None
    digest = hashlib.sha256(data).hexdigest()
    if not sources_yml.is_file():
        raise Refused(f"no {project.display(sources_yml)}: is {project.root} a briefing project?")
    registry = roundtrip.load(sources_yml)
    if registry.get("sources") is None:
        registry["sources"] = []
    entries = list(registry["sources"])
    for entry in entries:
        if entry.get("sha256") == digest:
            raise Refused(f"{document} is already registered, as source '{entry.get('id')}' ({entry.get('file')})")
    metadata = read_metadata(text)
    record_id = record_id or _slug("-".join(filter(None, [metadata.outlet, metadata.published,
                                                          document.stem])))[:60].strip("-") or "source"
    if not re.fullmatch(SLUG_REGEX, record_id):
        raise Refused(f"'{record_id}' is not a slug: lower-case letters, digits and single hyphens")
    if any(entry.get("id") == record_id for entry in entries):
        raise Refused(f"the id '{record_id}' is taken; choose another with --id")
    name = document.name
    target = project.seeds / "sources" / name
    if target.exists():
        raise Refused(f"seeds/sources/{name} exists and holds other bytes; rename the document")
    entry = {"id": record_id, "file": name, "sha256": digest, "title": neutral_title(metadata, name),
             "outlet": metadata.outlet, "published": metadata.published,
             "published_note": metadata.published_note, "dateline": metadata.dateline}
    registry["sources"].append(entry)
    text_out = roundtrip.dump(registry)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(document, target)
    try:
        sources_yml.write_text(text_out, encoding="utf-8")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return record_id
