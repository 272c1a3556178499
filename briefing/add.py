"""`add`: a new report copied into seeds/sources/ and registered in
seeds/sources.yml, with only what its own text states about itself."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

from . import dates, roundtrip, seedfiles
from .load import Unreadable, is_link, read_node, read_regular
from .model import MAX_ID_LENGTH, SLUG_REGEX
from .problems import BadInput, Problem
from .project import Project
from .verify import MAX_SOURCE_BYTES

_MONTH = "|".join(name[:3] + (name[3:] and f"(?:{name[3:]})?") for name in dates.MONTH_NAMES)
_MONTHS = {name.lower()[:3]: number for number, name in enumerate(dates.MONTH_NAMES, start=1)}
# "date 2025-05-28" at the top of a document.
_DATE_LINE = re.compile(r"\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
# "Posted on October 21, 2025", "Published: 21 Oct 2025", "Updated on Tuesday, Oct. 21, 2025".
_POSTED = re.compile(
    rf"\b(?:Posted|Published|Updated)(?:\s+on)?:?\s+(?:[A-Z][a-z]+day,?\s+)?"
    rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?,?\s+(?P<year2>\d{{4}}))\b")
# A wire dateline: "Washington DC [US], May 30 (ANI):", "Washington/New Delhi, Mar 28 (UNI)",
# "BEIJING, Dec. 3 (Xinhua) --".
_DATELINE = re.compile(
    rf"(?P<place>[A-Z][\w .'/\[\]-]{{1,60}}?),\s+(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})"
    r"(?:,\s*(?P<year>\d{4}))?\s+\((?P<outlet>[A-Z][A-Za-z]{1,9})\)")
# A place alone before the first words: "NEW DELHI:", "Washington –", "CENTURION -", or a line "Washington:".
_PLACE_LEAD = re.compile(
    r"(?P<place>[A-Z][A-Z .'/-]{1,40}?|[A-Z][a-z]+(?:[ /][A-Z][a-z]+){0,3})"
    r"(?:\s*:\s*$|\s*:\s+(?=[A-Z\"“‘'])|\s+[–—-]{1,2}\s+(?=[A-Z\"“‘']))", re.MULTILINE)
# News agencies, named in a dateline or credited at the end: "(IANS)", "(With inputs from PTI)".
AGENCIES = ("ANI", "PTI", "UNI", "IANS", "AFP", "AP", "Reuters", "Xinhua", "Kyodo", "Yonhap", "TASS", "WAM",
            "SPA", "APP", "BSS", "Bernama", "Anadolu", "dpa", "EFE", "ANSA", "Trend", "Azertac", "KUNA", "QNA")
_AGENCY = "|".join(AGENCIES)
_CREDIT = re.compile(rf"\(\s*(?:with inputs from\s+)?(?P<outlet>{_AGENCY})\s*\)", re.IGNORECASE)
# An outlet's name: "SABC News", "The Hindu Times", "News.Az", "Report.az".
# Each word is bounded, so a try costs the same wherever it starts: a text of
# a million capitals is read in linear time.
_OUTLET = (r"(?:[A-Z][\w&]{0,30}\.[A-Za-z]{2,4}"
           r"|(?:[A-Z][\w&]{0,30}\s){0,3}(?:News|Times|Post|Herald|Tribune|Agency|Daily|Journal|Today|Wire|Online))")
# Where a report names the outlet it appeared in: a credit at its start, a
# sign-off line at its end, what was said or told to it.
_NAMED_OUTLETS = [
    ("the credit at its start", re.compile(rf"\A\s*(?:By|Source:)\s+(?P<outlet>{_OUTLET}|{_AGENCY})\s*$", re.MULTILINE)),
    ("the sign-off at its end", re.compile(rf"(?:\A|\n)[ \t]*(?P<outlet>{_OUTLET})\s*\Z")),
    ("the words", re.compile(rf"\b(?i:told|telling|speaking to|in an interview with|exclusively to)\s+"
                             rf"(?P<outlet>{_OUTLET})\b")),
    ("the words", re.compile(rf"\b(?P<outlet>{_OUTLET})\s+(?:has learnt|has learned|understands|reports|reported)\b")),
]
# Capitalised words that are titles or places' qualifiers, not names.
_NOT_NAMES = {"the", "a", "an", "foreign", "secretary", "minister", "prime", "president", "deputy", "under",
              "state", "of", "for", "and", "us", "u.s.", "ambassador", "spokesperson", "ministry", "department",
              "external", "affairs", "general", "chief", "senior", "vice", "national", "security", "adviser",
              "advisor", "mr", "ms", "dr", "shri", "on", "in", "at", "today", "earlier", "according", "to",
              "political", "economic", "defence", "defense", "commerce", "trade", "policy", "home", "finance"}
# Words of a file name that say nothing of the report.
_NOISE = {"report", "reports", "article", "news", "story", "copy", "text", "final", "draft", "txt", "the"}
_HEAD = 800  # a report states what it says about itself in its first lines


class Refused(Exception):
    """The document cannot be added; nothing was written."""


@dataclass
class Metadata:
    published: Optional[str]
    published_note: str
    outlet: Optional[str]
    dateline: Optional[str]


def body_start(text: str) -> int:
    """Where a report's own words begin: after a leading byte-order mark and
    date line ("date 2025-05-28"), which are the page's, not the report's."""
    start = 1 if text.startswith("\ufeff") else 0
    line = _DATE_LINE.match(text, start)
    return line.end() if line else start


def without_date_line(quote: str) -> str:
    """A quote without the page's date line it may begin with: the report's words only."""
    return quote[body_start(quote):].strip() or quote


def _iso(year: str, month: str, day: str) -> Optional[str]:
    number = _MONTHS.get(month[:3].lower())
    if number is None or not 1 <= int(day) <= 31:
        return None
    value = f"{year}-{number:02d}-{int(day):02d}"
    return value if dates.invalid(value) is None else None


def _outlet(text: str, dateline: Optional[re.Match]) -> tuple[Optional[str], str]:
    """The outlet the text names, and how."""
    if dateline:
        return dateline.group("outlet"), "the dateline"
    tail = text.rstrip()[-200:]
    credit = _CREDIT.search(tail)
    if credit and not tail[credit.end():].strip():
        return next(a for a in AGENCIES if a.lower() == credit.group("outlet").lower()), "the credit at its end"
    credit = _CREDIT.search(text[:_HEAD])
    if credit:
        return next(a for a in AGENCIES if a.lower() == credit.group("outlet").lower()), "a credit"
    for how, pattern in _NAMED_OUTLETS:
        found = pattern.search(tail if how.startswith("the sign-off") else text)
        if found:
            words = f' "{_clip(found.group(0).strip())}"' if how == "the words" else ""
            return found.group("outlet").strip(), how + words
    return None, ""


def _clip(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


def read_metadata(text: str) -> Metadata:
    """What the text states about itself; None for what it does not state."""
    start = body_start(text)
    line = _DATE_LINE.match(text, 1 if text.startswith("\ufeff") else 0)
    head = text[start:start + _HEAD]
    found = _DATELINE.search(head)
    outlet, how = _outlet(text[start:], found)
    place = found.group("place").strip() if found else None
    if place is None:
        lead = _PLACE_LEAD.search(head)
        place = lead.group("place").strip() if lead else None
    said = [f"the outlet from {how}"] if outlet else []
    if line:
        note = f'The text opens with "date {line.group(1)}"'
        if found:
            note += f' and the dateline "{found.group("month")} {found.group("day")} ({found.group("outlet")})"'
        return Metadata(line.group(1), note + (f"; {said[0]}." if said and not found else "."), outlet, place)
    posted = _POSTED.search(head)
    if posted:
        year, month, day = (posted.group("year"), posted.group("month"), posted.group("day")) if posted.group("year") \
            else (posted.group("year2"), posted.group("month2"), posted.group("day2"))
        published = _iso(year, month, day)
        if published:
            return Metadata(published, f'The text says "{posted.group(0)}"' + (f"; {said[0]}." if said else "."),
                            outlet, place)
    if found:
        published = _iso(found.group("year"), found.group("month"), found.group("day")) if found.group("year") else None
        if published:
            return Metadata(published, "The dateline gives the day, month and year.", outlet, place)
        # The year is left out unless the text states it: no guess.
        return Metadata(None, f'The dateline gives "{found.group("month")} {found.group("day")}" without a year; '
                              "add the year (marked uncertain, with a note) if the text implies one.", outlet, place)
    return Metadata(None, "The text gives no publication date" + (f"; {said[0]}." if said else "."), outlet, place)


def _words(text: str) -> list[str]:
    """The words of a text as they may stand in a slug: "Šefčovič" as "sefcovic"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", plain.lower())


def _name_words(stem: str, metadata: Metadata) -> list[str]:
    """The words of a file name a person would keep: no date, no hash or
    counter, nothing the outlet already says, no word like 'report'."""
    taken = set(_words(metadata.outlet or ""))
    kept = []
    for word in _words(re.sub(r"\d{4}-\d{2}-\d{2}|\d{8}", " ", stem)):
        hashed = len(word) >= 6 and any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
        if word.isdigit() or hashed or word in _NOISE or word in taken or word[:3] in _MONTHS and len(word) <= 9:
            continue
        kept.append(word)
    return kept


def _join(words: list[str], limit: int = MAX_ID_LENGTH) -> str:
    """Words joined by hyphens, whole words only, at most `limit` characters."""
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > limit:
            break
        out = joined
    return out


def _names(text: str) -> list[str]:
    """The first two names the report's first sentence gives: "Vikram Misri"."""
    sentence = re.split(r"(?<=[.!?])\s", text[body_start(text):][:_HEAD].strip(), maxsplit=1)[0]
    names, run = [], []
    for word in re.findall(r"[\w'.-]+", sentence) + [""]:
        if word[:1].isupper() and word.lower() not in _NOT_NAMES:
            run.append(word.strip(".'"))
        elif run:
            names.append(" ".join(run))
            run = []
    # A person's or a country's name is most often two words or more: those first.
    return sorted((name for name in names if len(name) > 2), key=lambda name: " " not in name)[:2]


def suggested_id(metadata: Metadata, stem: str, text: str = "") -> str:
    """An id a person would choose: the outlet, what the file is called (or
    the place, or who the report names first), the date; each once."""
    place = re.sub(r"\[.*?\]", "", metadata.dateline or "")
    what = _name_words(stem, metadata) or _words(place) or _words(" ".join(_names(text)))
    date = [metadata.published] if metadata.published else []
    words = _join(_words(metadata.outlet or "")[:2] + what[:5], MAX_ID_LENGTH - 11)
    return "-".join(filter(None, [words, *date])) or "report"


def neutral_title(metadata: Metadata, stem: str, text: str = "") -> str:
    """A title of the curator's kind, from what the text states (never its
    headline): who published it, where from, when; else what the file is
    called, or who the report names first."""
    named = " ".join(_name_words(stem, metadata)).capitalize()
    who = f"{metadata.outlet} report" if metadata.outlet else f"{named} report" if named else "Report"
    place = metadata.dateline.title() if metadata.dateline and metadata.dateline.isupper() else metadata.dateline
    where = f" from {place}" if place else ""
    when = f", {dates.human(metadata.published)}" if metadata.published else ""
    if where or when or named or metadata.outlet:
        return f"{who}{where}{when}"
    names = _names(text)
    return f"Report naming {' and '.join(names)}" if names else "Report without outlet, place, date or names"


def _registry(project: Project, path: Path) -> Any:
    """seeds/sources.yml, checked before it is parsed round-trip: every
    problem as file:line: message."""
    display = project.display(path)
    problems: list[Problem] = []
    node = read_node(path, display, problems)
    if node is not None and not isinstance(node, yaml.MappingNode):
        problems.append(Problem(display, node.start_mark.line + 1, "", "expected a mapping with `sources:`"))
    elif node is not None:
        for key, value in node.value:
            if getattr(key, "value", None) != "sources" or (isinstance(value, yaml.ScalarNode) and not value.value):
                continue
            if not isinstance(value, yaml.SequenceNode):
                problems.append(Problem(display, value.start_mark.line + 1, "sources", "expected a list of entries"))
                continue
            problems += [Problem(display, item.start_mark.line + 1, f"sources[{number}]",
                                 "expected an entry of id, file, sha256, title, …")
                         for number, item in enumerate(value.value) if not isinstance(item, yaml.MappingNode)]
    if problems:
        raise BadInput(problems)
    registry = roundtrip.load_checked(path, display)
    if registry.get("sources") is None:
        registry["sources"] = []
    return registry


def _document(document: Path) -> tuple[bytes, str]:
    why = seedfiles.plain_name(document.name)
    if why:
        raise Refused(f"{document}: {why}; rename the document")
    try:
        data = read_regular(document, MAX_SOURCE_BYTES, "a source")
    except Unreadable as unreadable:
        raise Refused(f"{document} {unreadable}; a source is a regular file of UTF-8 text") from None
    if not data.strip():
        raise Refused(f"{document} is empty")
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(f"{document} is not UTF-8 text (byte {error.start}); convert it to UTF-8 first") from None


def add(project: Project, document: Path, record_id: Optional[str] = None) -> str:
    """Copies `document` into seeds/sources/ and registers it; returns its id.
    Refuses, writing nothing, what cannot be a source."""
    if record_id is not None and not re.fullmatch(SLUG_REGEX, record_id):
        raise Refused(f"--id '{_clip(record_id)}' is not a slug of at most {MAX_ID_LENGTH} characters "
                      "(lower-case letters, digits and single hyphens)")
    data, text = _document(document)
    digest = hashlib.sha256(data).hexdigest()
    sources_yml = project.seeds / "sources.yml"
    folder = project.seeds / "sources"
    if is_link(folder):
        raise Refused(f"{project.display(folder)} is a symbolic link; keep the source documents in seeds/")
    with seedfiles.changing(project, "add") as change:
        if not sources_yml.is_file():
            raise Refused(f"no {project.display(sources_yml)}: is {project.root} a briefing project?")
        registry = _registry(project, sources_yml)
        entries = list(registry["sources"])
        for entry in entries:
            if entry.get("sha256") == digest:
                raise Refused(f"{document} is already registered, as source '{entry.get('id')}' "
                              f"({entry.get('file')})")
        metadata = read_metadata(text)
        record_id = record_id or suggested_id(metadata, document.stem, text)
        if any(entry.get("id") == record_id for entry in entries):
            raise Refused(f"the id '{record_id}' is taken; choose another with --id")
        name = document.name
        target = folder / name
        if is_link(target):
            raise Refused(f"seeds/sources/{name} is a symbolic link; remove it, or rename the document")
        if target.exists():
            raise Refused(f"seeds/sources/{name} exists and holds other bytes; rename the document")
        registry["sources"].append({
            "id": record_id, "file": name, "sha256": digest, "title": neutral_title(metadata, document.stem, text),
            "outlet": metadata.outlet, "published": metadata.published,
            "published_note": metadata.published_note, "dateline": metadata.dateline})
        change.write(target, data)
        change.write(sources_yml, roundtrip.dump(registry).encode("utf-8"))
        change.commit()
    return record_id
