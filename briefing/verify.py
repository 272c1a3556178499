"""Stage 2, verify: what no single record can check alone.

Ids are unique, references resolve, source files are the ones recorded,
every quote occurs in its source, every verbatim field occurs in a quote,
prose is the curator's own, and dates make sense.
"""

from __future__ import annotations

import hashlib
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from . import dates
from .incremental import UNKNOWN, Memo
from .load import Loaded, is_link, outside
from .model import Citation, Event, Prose, Ref, Source, Verbatim
from .problems import MAX_PROBLEMS, Problem, Problems, TooManyProblems, did_you_mean
from .shapes import FieldSpec, fields_of
from .text import normalise, word_runs, words

# A run of this many words shared with a source means a prose field copied it.
COPIED_RUN_WORDS = 8
# A source document is a report, not a book; reading and indexing one costs
# memory in proportion to its size. (The shipped ones are about 3 kB.)
MAX_SOURCE_BYTES = 2 * 1024 * 1024
# How many problems of a check may carry a suggestion (did you mean …?).
SUGGESTIONS = 100


@dataclass
class Corpus:
    """The verified sources' texts, keyed by source id, and what `check`
    warns about without refusing (prose that may have gone stale)."""

    texts: dict[str, str] = field(default_factory=dict)
    normalised: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Visit:
    """One field value met while walking a record."""

    owner: Any             # the object holding the field
    spec: FieldSpec
    value: Any
    path: str
    cites: tuple           # the nearest enclosing citation list
    item: Optional[int] = None  # the value's place in its list, which has a line of its own

    @property
    def line(self) -> int:
        return _line(self.owner, self.spec.name if self.item is None else f"{self.spec.name}[{self.item}]")


def walk(obj, path: str, cites: tuple = ()) -> Iterator[Visit]:
    own = getattr(obj, "cite", None)
    if own:
        cites = tuple(own)
    for spec in fields_of(type(obj)):
        value = getattr(obj, spec.name)
        here = f"{path}.{spec.name}"
        if spec.shape.kind == "list":
            for index, item in enumerate(value):
                if spec.shape.element.kind == "record":
                    yield from walk(item, f"{here}[{index}]", cites)
                else:
                    yield Visit(obj, FieldSpec(spec.name, spec.shape.element, False, ""), item, f"{here}[{index}]", cites,
                                index)
        elif spec.shape.kind == "record" and value is not None:
            yield from walk(value, here, cites)
        elif value is not None:
            yield Visit(obj, spec, value, here, cites)


def citations(visits) -> tuple[Citation, ...]:
    """The citations met in a walk over a record."""
    return tuple(v.owner for v in visits if isinstance(v.owner, Citation) and v.spec.name == "source")


def _line(obj, name: str) -> int:
    origin = getattr(obj, "origin", None)
    return origin.of(name) if origin else 0


def _file(obj) -> str:
    origin = getattr(obj, "origin", None)
    return origin.file if origin else ""


def source_texts(memo: Memo) -> dict[str, str]:
    """Each source's text, by id, as the memo last read it."""
    return {str(source_id): answer[0] for source_id, (_, answer) in memo.kept("source").items()}


def verify(loaded: Loaded, seeds: Path, memo: Optional[Memo] = None) -> tuple[Corpus, Problems]:
    """The problems verification finds, at most as many as the loader left room
    for; `problems.truncated` says when it stopped early. With a `memo`, what
    an earlier check found (in this process or, through .cache/, the last) is
    not checked again: the source texts whose files did not change, the
    records found sound (while no id went away and no text changed) and the
    prose found to be the curator's own (while no text changed)."""
    problems = Problems(limit=max(0, MAX_PROBLEMS - len(loaded.problems)))
    corpus = Corpus()
    try:
        corpus = _read_sources(loaded.collections["sources"], seeds, problems, memo)
        _verify(loaded, corpus, problems, memo or Memo())
    except TooManyProblems:
        pass
    return corpus, problems


def _verify(loaded: Loaded, corpus: Corpus, problems: Problems, memo: Memo) -> None:
    index = _check_ids(loaded, problems)
    # The texts checked against, by their sources' recorded SHA-256 (each text was found to have it).
    texts = frozenset((source.id, source.sha256) for source in loaded.collections["sources"]
                      if source.id in corpus.texts)
    ids = frozenset(i for found in index.values() for i in found)
    against = memo.recall("verified", "ids", texts)
    if against is UNKNOWN or not ids >= against:  # a text changed, or an id a record named went away
        memo.forget("sound")
    memo.remember("verified", "ids", texts, ids)
    own_words = memo.recall("verified", "own words", texts)
    if own_words is UNKNOWN:
        own_words = set()
    prose: list[Visit] = []
    checked: list[tuple[Any, str, int, str]] = []  # records checked now, with the problems they had

    for collection, records in loaded.collections.items():
        for record in records:
            # Problems are the same wherever in a file a record stands; a sound record has none.
            if memo.recall("sound", (collection, record.id), record) is not UNKNOWN:
                continue
            before = len(problems)
            base = f"{collection}[{record.id}]"
            visits = list(walk(record, base))
            all_cites = citations(visits)
            for visit in visits:
                if visit.spec.shape.has(Prose):
                    if visit.value not in own_words:
                        prose.append(visit)
                else:
                    _check_value(visit, all_cites, loaded, index, corpus, problems)
            if isinstance(record, Event):
                _check_event_date(record, base, problems)
            checked.append((record, base, len(problems) - before, collection))
    copied = _check_prose(prose, corpus, problems)
    own_words.update(v.value for v in prose if v.path not in copied)
    memo.remember("verified", "own words", texts, own_words)
    copied_in = {path.split("].", 1)[0] + "]" for path in copied}
    for record, base, found, collection in checked:
        if not found and base not in copied_in:
            memo.remember("sound", (collection, record.id), record, True)
    _check_parents(loaded.collections["events"], problems)
    # Claims read other records (a participant's names), so they are checked
    # every time, not kept with a record found sound; they cost little.
    for collection, records in loaded.collections.items():
        for record in records:
            if record.id is not None:
                _check_claims(record, f"{collection}[{record.id}]", index, problems)
                corpus.warnings.extend(_stale_prose(record, f"{collection}[{record.id}]"))
    for discrepancy in loaded.collections["discrepancies"]:
        _check_readings(discrepancy, problems)
        if len(discrepancy.versions) < 2:
            problems.append(Problem(_file(discrepancy), _line(discrepancy, "versions"),
                                    f"discrepancies[{discrepancy.id}].versions", "a discrepancy needs at least two versions"))


# A discrepancy about one of these gives, in each version, words a source
# writes: each is verified in its version's quotes, like the field itself.
VERBATIM_FIELDS = ("name", "acronym", "expansion", "title", "alias", "aliases", "spelling")


def _check_readings(discrepancy, problems: list[Problem]) -> None:
    if discrepancy.field not in VERBATIM_FIELDS:
        return  # described in the curator's words ("date (whether the visit was over)"): not a reading
    for number, version in enumerate(discrepancy.versions):
        quotes = [normalise(c.quote).casefold() for c in version.cite if isinstance(c.quote, str)]
        if version.value and quotes \
                and not any(normalise(version.value).casefold() in q for q in quotes):
            problems.append(Problem(_file(version), _line(version, "value"),
                                    f"discrepancies[{discrepancy.id}].versions[{number}].value",
                                    f"'{version.value}' occurs in no quote cited for this version; "
                                    "cite the words that give it"))


def _read_sources(sources: list[Source], seeds: Path, problems: list[Problem], memo: Optional[Memo] = None) -> Corpus:
    """Reads each source document, refusing any path that is not a regular
    file inside seeds/sources/: `file` is a plain name, and no symbolic link
    may lead the build outside the seeds."""
    corpus = Corpus()
    folder = (seeds / "sources").resolve()
    if sources and outside(seeds / "sources", seeds):
        first = sources[0]
        problems.append(Problem(_file(first), _line(first, "file"), f"sources[{first.id}].file",
                                "seeds/sources/ is a symbolic link to a folder outside seeds/; "
                                "keep the source documents inside seeds/"))
        return corpus
    for source in sources:
        if source.id is None or source.file is None or source.sha256 is None:
            continue
        where = (_file(source), _line(source, "file"), f"sources[{source.id}].file")
        if Path(source.file).name != source.file or source.file in (".", "..") or "\\" in source.file:
            problems.append(Problem(*where, f"'{source.file}' must be a plain file name inside seeds/sources/"))
            continue
        path = folder / source.file
        # `folder` is resolved and `file` a plain name: only a link can lead out.
        if is_link(path) and outside(path, folder):
            problems.append(Problem(*where, f"'{source.file}' is a symbolic link to a file outside seeds/sources/; "
                                            "copy the document in instead"))
            continue
        try:
            status = path.stat()
        except OSError:
            listed = [p.name for p in folder.iterdir()] if folder.is_dir() else []
            problems.append(Problem(*where, f"no file '{source.file}' in seeds/sources/{did_you_mean(source.file, listed)}"))
            continue
        if not stat.S_ISREG(status.st_mode):
            problems.append(Problem(*where, f"seeds/sources/{source.file} is not a regular file"))
            continue
        if status.st_size > MAX_SOURCE_BYTES:
            problems.append(Problem(*where, f"seeds/sources/{source.file} is {status.st_size:,} bytes; "
                                            f"the limit is {MAX_SOURCE_BYTES:,}"))
            continue
        seen = (source.file, status.st_size, status.st_mtime_ns, status.st_ino, source.sha256)
        kept = memo.recall("source", source.id, seen) if memo is not None else UNKNOWN
        if kept is not UNKNOWN:
            corpus.texts[source.id], corpus.normalised[source.id] = kept
            continue
        try:
            with path.open("rb") as stream:
                data = stream.read(MAX_SOURCE_BYTES + 1)
        except OSError as error:
            problems.append(Problem(*where, f"cannot read seeds/sources/{source.file}: {error.strerror}"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != source.sha256:
            problems.append(Problem(_file(source), _line(source, "sha256"), f"sources[{source.id}].sha256",
                                    f"the file's SHA-256 is {digest}: the source changed since it was recorded"))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[:error.start].count(b"\n") + 1
            problems.append(Problem(*where, f"seeds/sources/{source.file} is not UTF-8 text "
                                            f"(byte {error.start}, line {line}); convert it to UTF-8"))
            continue
        corpus.texts[source.id] = text
        corpus.normalised[source.id] = normalise(text)
        if memo is not None:
            memo.remember("source", source.id, seen, (text, corpus.normalised[source.id]))
    if memo is not None:  # a source no longer listed, or not read, is not kept
        for gone in memo.kept("source").keys() - corpus.texts.keys():
            memo.forget("source", gone)
    return corpus


def _check_ids(loaded: Loaded, problems: list[Problem]) -> dict[str, dict[str, object]]:
    """Ids are unique across all collections, so a reference is never ambiguous."""
    index: dict[str, dict[str, object]] = {name: {} for name in loaded.collections}
    first_seen: dict[str, tuple[str, object]] = {}
    for collection, records in loaded.collections.items():
        for record in records:
            if record.id is None:
                continue
            if record.id in first_seen:
                other_collection, other = first_seen[record.id]
                problems.append(Problem(_file(record), _line(record, "id"), f"{collection}[{record.id}].id",
                                        f"duplicate id: already used in {other_collection} at {_file(other)}:{_line(other, 'id')}"))
                continue
            first_seen[record.id] = (collection, record)
            index[collection][record.id] = record
    return index


def _check_value(visit: Visit, all_cites: tuple, loaded: Loaded, index, corpus: Corpus, problems) -> None:
    owner, shape, value = visit.owner, visit.spec.shape, visit.value
    where = (_file(owner), visit.line, visit.path)
    ref = shape.has(Ref)
    if ref:
        if not any(value in index[c] for c in ref.collections):
            if not any(value in loaded.seen_ids[c] or c in loaded.unreadable for c in ref.collections):
                # Suggestions cost time; past the first problems they are left out.
                known = [i for c in ref.collections for i in index[c]] if len(problems) < SUGGESTIONS else []
                problems.append(Problem(*where, f"unknown {' or '.join(ref.collections)} id '{value}'{did_you_mean(value, known)}"))
        return
    if isinstance(owner, Citation) and visit.spec.name == "quote":
        text = corpus.normalised.get(owner.source)
        if text is not None and normalise(value) not in text:
            problems.append(Problem(*where, f"quote not found in source '{owner.source}': \"{_clip(value)}\""))
        return
    if visit.spec.name == "quote" and visit.cites:
        # A statement's words must be in one of the sources reporting them.
        texts = [corpus.normalised.get(c.source) for c in visit.cites]
        if all(t is not None for t in texts) and not any(normalise(value) in (t or "") for t in texts):
            problems.append(Problem(*where, f"the statement is not found in its cited sources: \"{_clip(value)}\""))
        return
    if shape.has(Verbatim):
        # A record's own names may be given by any of its quotes (its own
        # citations, or its titles'); an item's (a title, an expansion) by its own.
        own = visit.cites if not hasattr(owner, "id") else ()
        quotes = [normalise(c.quote) for c in own or all_cites if c.quote]
        if not any(normalise(value) in q for q in quotes):
            problems.append(Problem(*where, f"'{value}' does not occur in any quote cited for it; cite the words a source uses"))
        return


def _check_prose(visits: list[Visit], corpus: Corpus, problems) -> set[str]:
    """Prose is in the curator's own words: no run of COPIED_RUN_WORDS words
    may come from a source. Each source's words are read once, against one
    table of every prose run, so the cost grows with the corpus, not with
    prose fields × sources."""
    readers: dict[tuple[str, ...], list[int]] = {}
    for number, visit in enumerate(visits):
        for run in word_runs(visit.value, COPIED_RUN_WORDS):
            readers.setdefault(run, []).append(number)
    if not readers:
        return set()
    starts = {run[0] for run in readers}
    copied: dict[int, tuple[str, tuple[str, ...]]] = {}  # visit → its first source, and a run copied from it
    for source_id, text in corpus.texts.items():
        found = words(text)
        for i in range(len(found) - COPIED_RUN_WORDS + 1):
            if found[i] in starts:
                run = tuple(found[i:i + COPIED_RUN_WORDS])
                for number in readers.get(run, ()):
                    if number not in copied or copied[number][0] == source_id and run < copied[number][1]:
                        copied[number] = (source_id, run)
    for number, (source_id, run) in copied.items():
        visit = visits[number]
        problems.append(Problem(_file(visit.owner), visit.line, visit.path,
                                f"copies words from source '{source_id}' (\"{' '.join(run)}…\"); "
                                "write it in your own words or quote it"))
    return {visits[number].path for number in copied}


# A date in words: a day or month name, a weekday, "today", a year, "the 11th", a numeric date.
DATE_WORDS = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"today|yesterday|tomorrow|tonight|this (?:morning|afternoon|evening)|(?:this|last|next) (?:week|month|year)|"
    r"(?:19|20)\d\d|the \d{1,2}(?:st|nd|rd|th)|"
    r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\b", re.IGNORECASE)
# A day or month with its year, as a derived date's note must give the report's date.
DATED = re.compile(r"\b(?:\d{1,2}(?:[-–]\d{1,2})? \w+|\w+ \d{1,2}(?:[-–]\d{1,2})?,?) (?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b")


def _named(names: list[str], quotes: list[str]) -> bool:
    """Whether any of `names` occurs in any of the quotes, whatever the case."""
    wanted = [normalise(n).casefold() for n in names if n]
    return any(name in quote for name in wanted for quote in quotes)


def _check_claims(record, base: str, index: dict[str, dict[str, Any]], problems: list[Problem]) -> None:
    """Each citation supports fields its record has; what a quote is said to
    support, it supports: a participant is named in it, a place occurs in it,
    a date is written in it. A stated field no citation supports is an error."""
    claims = getattr(type(record), "claims", ())
    # A quote that is not text is reported where it was read; nothing is claimed by it.
    cited = [c for c in getattr(record, "cite", None) or [] if isinstance(c.quote, str)]
    for number, citation in enumerate(cited):
        for position, name in enumerate(citation.supports):
            if name not in claims:
                problems.append(Problem(_file(citation), _line(citation, "supports"),
                                        f"{base}.cite[{number}].supports[{position}]",
                                        f"'{name}' is not a field of this record a quote can support; "
                                        f"use one of: {', '.join(claims) or 'none'}"))
    for visit in walk(record, base):
        owner = visit.owner
        if isinstance(owner, Citation) and owner.supports and visit.spec.name == "source" \
                and not any(owner is c for c in cited):
            problems.append(Problem(_file(owner), _line(owner, "supports"), visit.path.rsplit(".", 1)[0] + ".supports",
                                    "a title's, expansion's or version's citation supports that item itself; "
                                    "leave out supports"))
    if not isinstance(record, Event):
        return

    def supporting(name: str) -> list[tuple[int, Citation]]:
        return [(n, c) for n, c in enumerate(cited) if name in c.supports]

    def missing(name: str, what: str) -> None:
        problems.append(Problem(_file(record), _line(record, name), f"{base}.{name}",
                                f"no citation supports the {what}; add `supports: [{name}]` to the citation "
                                f"whose quote gives it"))

    def quotes(name: str) -> list[str]:
        return [normalise(c.quote).casefold() for _, c in supporting(name)]

    if record.date is not None and "date" not in record.origin.invalid:
        if not supporting("date"):
            missing("date", "date")
        for number, citation in supporting("date"):
            if not DATE_WORDS.search(citation.quote):
                problems.append(Problem(_file(citation), _line(citation, "quote"), f"{base}.cite[{number}].quote",
                                        "supports the date but gives none (no day, month, weekday, year or 'today')"))
        if record.date_basis == "derived" and record.date_note and not DATED.search(record.date_note):
            problems.append(Problem(_file(record), _line(record, "date_note"), f"{base}.date_note",
                                    "a derived date's note names the report date it is derived from "
                                    "(for example: the report is dated 28 March 2025)"))
    if record.participants:
        if not supporting("participants"):
            missing("participants", "participants")
        else:
            said = quotes("participants")
            for position, official_id in enumerate(record.participants):
                official = index["officials"].get(official_id)
                if official is not None and not _named([official.name, *official.aliases], said):
                    problems.append(Problem(_file(record), _line(record, f"participants[{position}]"),
                                            f"{base}.participants[{position}]",
                                            f"{official.name} is named (by name or alias) in no quote that supports "
                                            f"participants"))
    if record.place:
        if not supporting("place"):
            missing("place", "place")
        elif not _named([record.place, record.place.split(",")[0]], quotes("place")):
            problems.append(Problem(_file(record), _line(record, "place"), f"{base}.place",
                                    f"'{record.place}' occurs in no quote that supports the place"))
    if supporting("organizations"):
        said = quotes("organizations")
        for position, organization_id in enumerate(record.organizations):
            organization = index["organizations"].get(organization_id)
            if organization is not None and not _named(
                    [organization.name, organization.acronym or "", *organization.aliases], said):
                problems.append(Problem(_file(record), _line(record, f"organizations[{position}]"),
                                        f"{base}.organizations[{position}]",
                                        f"{organization.name} is named in no quote that supports organizations"))


def _stale_prose(record, base: str) -> list[Problem]:
    """Prose written from some sources may be stale once the record cites another."""
    written_from = getattr(record, "prose_from", None)
    if not written_from:
        return []
    fields = "title and summary" if isinstance(record, Event) else "description"
    new = sorted({c.source for c in citations(walk(record, base))} - set(written_from))
    if not new:
        return []
    reports = f"report {new[0]}" if len(new) == 1 else f"reports {', '.join(new)}"
    verb = "was" if fields == "description" else "were"
    return [Problem(_file(record), _line(record, "prose_from"), f"{base}.prose_from",
                    f"warning: cites {reports}, which its {fields} {verb} not written from; review "
                    f"{'it' if fields == 'description' else 'them'}, then add the "
                    f"{'report' if len(new) == 1 else 'reports'} to prose_from")]


def _check_event_date(event: Event, path: str, problems: list[Problem]) -> None:
    def report(name: str, message: str) -> None:
        problems.append(Problem(_file(event), _line(event, name), f"{path}.{name}", message))

    if "date" in event.origin.invalid:
        return
    if event.date is None:
        if event.date_basis is not None:
            report("date_basis", "an event without a date has no date basis")
        if not event.date_note:
            report("date", "an unknown date needs a date_note saying why it is missing")
        return
    if event.date_basis in ("derived", "inferred") and not event.date_note:
        report("date_note", f"a {event.date_basis} date needs a date_note saying how")
    if event.date_basis == "inferred" and not dates.is_uncertain(event.date):
        report("date", "an inferred date must be marked uncertain in EDTF (for example 2025?-03-28)")


def _check_parents(events: list[Event], problems: list[Problem]) -> None:
    parents = {e.id: e.parent for e in events}
    reported: set[str] = set()
    for event in events:
        seen: list[str] = []
        current: Optional[str] = event.id
        while current is not None and current not in seen:
            seen.append(current)
            current = parents.get(current)
        if current is not None and current == event.id and event.id not in reported:
            reported.update(seen)
            problems.append(Problem(_file(event), _line(event, "parent"), f"events[{event.id}].parent",
                                    f"parent cycle: {' → '.join(seen + [event.id])}"))


def _clip(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


def check(seeds: Path, root: Path, memo: Optional[Memo] = None) -> tuple[Loaded, Optional[Corpus], list[Problem]]:
    """Load and verify; the problems of both stages together. `memo`
    carries what an earlier check found."""
    from .load import load_seeds

    loaded = load_seeds(seeds, root, memo)
    if loaded.problems.truncated:
        return loaded, None, loaded.problems
    corpus, problems = verify(loaded, seeds, memo)
    found = Problems(loaded.problems, limit=MAX_PROBLEMS)
    found.extend(problems)
    found.truncated = problems.truncated
    return loaded, corpus, found
