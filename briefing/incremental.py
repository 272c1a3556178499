"""Regenerating only what an edit changed, with output equal to a fresh run:
the one home of change detection between generations, in one process or across
processes (through `.cache/`).

Every stage asks the `Memo` first: reading a facts file, reading and
verifying a report or a record, comparing an output file with what it should
hold. Each answer is kept with a token of what it was worked out from (a
file's size, modification time and inode; the record itself) and used only
while the token is the same. The jobs are its richest questions.

Every output is made by jobs (a page, a record's data file), each a
function of the briefing and of arguments given to it. A job runs against a
`Recorder`: a stand-in for the briefing that notes each question the job asks
(a view called, an index looked up by key, a whole collection walked) with a
fingerprint of the answer it got. At the next generation a job is run again
only when its arguments changed or some question, asked again of the new
briefing, gets an answer with another fingerprint; otherwise its last result
is kept. A job sees the briefing only through its recorder, so nothing it
depends on escapes the record: its result is what a fresh run would give,
by construction (the verifying traces of build systems such as Shake and
Salsa). `tests/test_incremental.py` checks it against fresh runs, in one
process and across processes.

A question is keyed by what it names, not by the objects it was asked with:
a record given as an argument by its collection and id, so that a trace means
the same in another process. Asked again, the question is put with the new
briefing's record of that id. That is sound because a job only ever holds a
record it was given (its arguments) or was told (an answer), and both are
compared by fingerprint, contents and all: a record that changed has already
made the job run again where it came in. Answers are kept as fingerprints,
never as objects, so a session holds no earlier briefing alive.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import enum
import functools
import hashlib
import io
import pickle
import re
import sys
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, Hashable, Iterable, Iterator, Optional, TypeGuard

from .model import COLLECTIONS
from .parallel import map_shared

_MISSING = object()
# The answer "an index": a lookup that gives a mapping is noted as this, not
# the mapping's contents, since each question then asked of the mapping is
# noted on its own (asking `collections["events"]` is not reading every event).
_MAPPING = object()

PACKAGE = Path(__file__).resolve().parent

_COLLECTION_OF = {record_type: name for name, record_type in COLLECTIONS.items()}
_SCALARS = (int, float, bool, bytes, datetime.date, Path)


class Unkeyable(Exception):
    """An argument of a question that has no key meaning the same in another
    generation: the job that asked it is never kept."""


# --- fingerprints -------------------------------------------------------------


def _same(value: Any) -> Any:
    return value


class _Fingerprints:
    """Fingerprints of values, equal where the values are equal (and in the
    same order): a dataclass by its compared fields, a mapping by its items in
    order, a set whatever its order. A dataclass (a record, a citation, the
    setting) is fingerprinted once however many answers hold it: nothing
    changes the briefing's values once it is built."""

    def __init__(self) -> None:
        # id → (a reference to the value, fingerprint), for this generation
        # and the last (a session keeps the records of files not edited). The
        # reference is weak where it can be, so that a view's answer (a
        # report's sentences, a lead) is let go with the page that asked for
        # it; an id is taken to be its value's only while the value lives.
        self._once: dict[int, tuple[Callable[[], Any], bytes]] = {}
        self._last: dict[int, tuple[Callable[[], Any], bytes]] = {}
        self._fields_of: dict[type, Any] = {}  # a dataclass's compared fields; None: not one

    def next_generation(self) -> None:
        """Forgets the values the last generation held and this one did not."""
        self._last, self._once = self._once, {}

    def let_go(self) -> None:
        """Forgets the fingerprints of values no longer alive."""
        self._once = {key: kept for key, kept in self._once.items() if kept[0]() is not None}

    def of(self, value: Any) -> bytes:
        digest = hashlib.blake2b(digest_size=16)
        self._feed(digest, value)
        return digest.digest()

    def _dataclass(self, value: Any, names: tuple[str, ...]) -> bytes:
        kept = self._once.get(id(value))
        if kept is not None and kept[0]() is value:
            return kept[1]
        kept = self._last.get(id(value))
        if kept is not None and kept[0]() is value:
            self._once[id(value)] = kept
            return kept[1]
        digest = hashlib.blake2b(digest_size=16)
        digest.update(b"D" + type(value).__qualname__.encode())
        for name in names:
            self._feed(digest, getattr(value, name))
        try:
            reference: Callable[[], Any] = weakref.ref(value)
        except TypeError:  # a type with __slots__ and no weak references: held
            reference = functools.partial(_same, value)
        self._once[id(value)] = (reference, digest.digest())
        return self._once[id(value)][1]

    def _feed(self, digest: Any, value: Any) -> None:  # noqa: C901 - one branch per kind of value
        # The commonest kinds first, strings and plain lists (of ids, of
        # records) without a call for each string: a cold build at 1,000
        # engagements feeds 400,000 values.
        kind = type(value)
        if kind is str:
            encoded = value.encode("utf-8", "surrogatepass")
            digest.update(b"s%d:%s" % (len(encoded), encoded))
            return
        names = self._fields_of.get(kind, _MISSING)
        if names is _MISSING:
            names = self._fields_of[kind] = (
                tuple(spec.name for spec in dataclasses.fields(kind) if spec.compare)
                if dataclasses.is_dataclass(kind) else None)
        if names is not None:
            digest.update(self._dataclass(value, names))
        elif value is None:
            digest.update(b"N")
        elif kind is list or kind is tuple:
            digest.update(b"%s%d[" % (kind.__name__.encode(), len(value)))
            for item in value:
                if type(item) is str:
                    encoded = item.encode("utf-8", "surrogatepass")
                    digest.update(b"s%d:%s" % (len(encoded), encoded))
                else:
                    self._feed(digest, item)
        elif isinstance(value, (list, tuple)):
            digest.update(b"%s%d[" % (type(value).__name__.encode(), len(value)))
            for item in value:
                self._feed(digest, item)
        elif isinstance(value, Mapping):
            digest.update(b"M%d{" % len(value))
            for key, item in value.items():
                self._feed(digest, key)
                self._feed(digest, item)
        elif isinstance(value, (set, frozenset)):
            digest.update(b"S%d{" % len(value))
            if all(type(item) is str for item in value):
                self._feed(digest, sorted(value))
            else:
                for item in sorted(self.of(item) for item in value):
                    digest.update(item)
        elif value is _MISSING:
            digest.update(b"?missing")
        elif value is _MAPPING:
            digest.update(b"?mapping")
        elif isinstance(value, enum.Enum):
            digest.update(b"E" + type(value).__qualname__.encode() + b"." + value.name.encode())
        elif isinstance(value, _SCALARS) or isinstance(value, str):
            text = f"{type(value).__qualname__}:{value!r}".encode("utf-8", "surrogatepass")
            digest.update(b"v%d:" % len(text))
            digest.update(text)
        elif isinstance(value, re.Pattern):
            self._feed(digest, ("re", value.pattern, value.flags))
        elif hasattr(value, "__dict__") and not callable(value):
            # Another class (the mention finder): by its public attributes, which
            # its equality reads.
            digest.update(b"O" + type(value).__qualname__.encode())
            self._feed(digest, {name: item for name, item in sorted(vars(value).items())
                                if not name.startswith("_")})
        else:
            raise Unkeyable(f"no fingerprint for {type(value).__qualname__}")


# --- questions, keyed -------------------------------------------------------------

# A question, as a key: what was asked (a view's name, or the path of
# attribute and keys to an index), how, and of which arguments, each by its key.
Question = tuple


def key_of(value: Any) -> Hashable:
    """A key for an argument that means the same in another generation and process."""
    if value is None or type(value) is str:
        return value
    if type(value) in _COLLECTION_OF:
        return ("record", _COLLECTION_OF[type(value)], value.id)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(key_of(item) for item in value))
    if isinstance(value, (int, float, bool)):
        return (type(value).__name__, value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _ByValue(value)  # a part of a record (a citation): asked again as it was
    raise Unkeyable(f"no key for an argument of type {type(value).__qualname__}")


class _ByValue:
    """An argument that is plain data, keyed by its fingerprint and kept whole."""

    __slots__ = ("value", "fingerprint")

    def __init__(self, value: Any):
        self.value, self.fingerprint = value, _Fingerprints().of(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByValue) and other.fingerprint == self.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __getstate__(self) -> tuple:
        return (self.value, self.fingerprint)

    def __setstate__(self, state: tuple) -> None:
        self.value, self.fingerprint = state


def value_of(briefing: Any, key: Hashable) -> Any:
    """The argument a key stands for, in `briefing`; KeyError where it has none."""
    if key is None or type(key) is str:
        return key
    if isinstance(key, _ByValue):
        return key.value
    assert isinstance(key, tuple)
    kind = key[0]
    if kind == "record":
        return briefing.collections[key[1]][key[2]]
    if kind in ("list", "tuple"):
        items = [value_of(briefing, item) for item in key[1]]
        return items if kind == "list" else tuple(items)
    return key[1]


def _ask(briefing: Any, question: Question) -> Any:
    """Asks `briefing` a question a recorder noted; _MISSING where it has no answer."""
    how, path = question[0], question[1]
    try:
        target = briefing
        for step, part in enumerate(path):
            target = getattr(target, part) if step == 0 else target[part]
        if how == "value":
            return _MAPPING if isinstance(target, Mapping) else target
        if how == "call":
            positional = [value_of(briefing, key) for key in question[2]]
            keywords = {name: value_of(briefing, key) for name, key in question[3]}
            return target(*positional, **keywords)
        if how == "item":
            value = target.get(value_of(briefing, question[2]), _MISSING)
            return _MAPPING if isinstance(value, Mapping) else value
        if how == "len":
            return len(target)
        return target  # "all": the mapping itself, compared item by item, in order
    except (AttributeError, KeyError, IndexError, TypeError, ValueError):
        return _MISSING


class Answers:
    """The fingerprint of each question's answer in one generation: asked
    once, however many jobs ask it or depend on it."""

    def __init__(self, briefing: Any, fingerprints: _Fingerprints) -> None:
        self.briefing = briefing
        self.fingerprints = fingerprints
        self._known: dict[Question, bytes] = {}
        self._questions: dict[Question, Question] = {}

    def got(self, question: Question, answer: Any) -> bytes:
        """The fingerprint of `answer`, which a job just got for `question`."""
        known = self._known.get(question)
        if known is None:
            known = self._known[question] = self.fingerprints.of(answer)
        return known

    def shared(self, question: Question) -> Question:
        """The one copy of `question` this generation keeps: traces share it
        (in memory and in .cache/, where pickle writes it once)."""
        return self._questions.setdefault(question, question)

    def now(self, question: Question) -> bytes:
        """The fingerprint of the answer `question` gets now, asked again."""
        known = self._known.get(question)
        if known is None:
            try:
                known = self.got(question, _ask(self.briefing, question))
            except Unkeyable:  # an answer of a kind it never had: no fingerprint (16 bytes) equals this
                known = self._known[question] = b"changed"
        return known


class Trace:
    """The questions one job asked, each once, with its answer's fingerprint;
    `keyed` is False if one of them has no key (the job is then never kept)."""

    __slots__ = ("_answers", "_asked", "keyed")

    def __init__(self, answers: Answers):
        self._answers = answers
        self._asked: dict[Question, bytes] = {}
        self.keyed = True

    def note(self, question: Question, answer: Any) -> None:
        """Notes a question with its answer; asked again, it is answered alike."""
        if self.keyed and question not in self._asked:
            try:
                self._asked[self._answers.shared(question)] = self._answers.got(question, answer)
            except Unkeyable:
                self.keyed = False

    def questions(self) -> tuple[Question, ...]:
        return tuple(self._asked)

    def answers(self) -> bytes:
        return answered(self._asked.values())


def answered(fingerprints: Iterable[bytes]) -> bytes:
    """One digest of a job's answers, in the order it asked: a trace keeps
    this, not a fingerprint per question (a tenth of a session's memory at
    10,000 engagements)."""
    return hashlib.blake2b(b"".join(fingerprints), digest_size=16).digest()


_MAPPINGS: dict[type, bool] = {}


def _is_mapping(value: Any) -> TypeGuard[Mapping]:
    """isinstance(value, Mapping), known by type: asked of every answer a job gets."""
    kind = type(value)
    found = _MAPPINGS.get(kind)
    if found is None:
        found = _MAPPINGS[kind] = isinstance(value, Mapping)
    return found


class Recorder:
    """Stands in for the briefing in one job, noting every question asked of it."""

    # A name asked once is kept in the instance's __dict__: asked again (a
    # page asks `collection_holding` dozens of times), it is found there
    # without coming back here. Its question was noted the first time.
    __slots__ = ("_briefing", "_trace", "__dict__")

    def __init__(self, briefing: Any, trace: Trace):
        self._briefing = briefing
        self._trace = trace

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._briefing, name, _MISSING)
        path = (name,)
        if value is _MISSING:
            self._trace.note(("value", path), _MISSING)
            raise AttributeError(name)
        if _is_mapping(value):
            found: Any = _RecordedMapping(value, path, self._trace)
        elif callable(value):
            found = _RecordedCall(value, path, self._trace)
        else:
            self._trace.note(("value", path), value)
            found = value
        self.__dict__[name] = found
        return found


class _RecordedCall:
    __slots__ = ("_function", "_path", "_trace")

    def __init__(self, function: Callable, path: tuple, trace: Trace):
        self._function, self._path, self._trace = function, path, trace

    def __call__(self, *positional: Any, **keywords: Any) -> Any:
        answer = self._function(*positional, **keywords)
        trace = self._trace
        if trace.keyed:
            try:
                question = ("call", self._path, tuple(map(key_of, positional)),
                            tuple((name, key_of(value)) for name, value in sorted(keywords.items())) if keywords else ())
            except Unkeyable:
                trace.keyed = False
            else:
                trace.note(question, answer)
        return answer


class _RecordedMapping(Mapping):
    """An index of the briefing, noting each key looked up, and a walk of
    the whole of it (its length, its keys, values or items)."""

    __slots__ = ("_mapping", "_path", "_trace")

    def __init__(self, mapping: Mapping, path: tuple, trace: Trace):
        self._mapping, self._path, self._trace = mapping, path, trace

    def _item(self, key: Hashable) -> Any:
        value = self._mapping.get(key, _MISSING)
        if _is_mapping(value):
            self._note_item(key, _MAPPING)
            return _RecordedMapping(value, self._path + (key,), self._trace)
        self._note_item(key, value)
        return value

    def _note_item(self, key: Hashable, answer: Any) -> None:
        trace = self._trace
        if trace.keyed:
            try:
                question = ("item", self._path, key_of(key))
            except Unkeyable:
                trace.keyed = False
            else:
                trace.note(question, answer)

    def __getitem__(self, key: Hashable) -> Any:
        value = self._item(key)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key: Hashable, default: Any = None) -> Any:
        value = self._item(key)
        return default if value is _MISSING else value

    def __contains__(self, key: object) -> bool:
        return self._item(key) is not _MISSING  # type: ignore[arg-type]

    def __len__(self) -> int:
        size = len(self._mapping)
        self._trace.note(("len", self._path), size)
        return size

    def _all(self) -> Mapping:
        self._trace.note(("all", self._path), self._mapping)
        return self._mapping

    def __iter__(self):
        return iter(self._all())

    def keys(self):
        return self._all().keys()

    def values(self):
        return self._all().values()

    def items(self):
        return self._all().items()


@dataclass(frozen=True)
class Job:
    """One unit of output: `run(briefing, *arguments)`. `run` must be a
    function of its arguments and of what it asks the briefing, nothing
    else: a module-level function, not a closure over other state."""

    key: Hashable
    run: Callable[..., Any]
    arguments: tuple = ()


@dataclass(slots=True)
class Kept:
    """A job's last run: its arguments' fingerprint (None: never to be
    reused), the questions it asked and one digest of their answers, and its
    result: a file's text (a page) as the digest of its UTF-8 bytes (the file
    holds them: see `Jobs`), anything else pickled, which takes a half to a
    third of the memory of the objects and is written to .cache/ as it is."""

    arguments: Optional[bytes]
    questions: tuple[Question, ...]
    answers: bytes
    result: bytes
    text: bool


class Unchanged:
    """What a job kept as its digest hands on in place of a file's text: the
    same text, which its file holds already."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED = Unchanged()
# A file's text, or the word that its file holds it already.
Contents = bytes | Unchanged


def digest_of(data: bytes) -> bytes:
    """The digest by which the memo knows a file's bytes."""
    return hashlib.blake2b(data, digest_size=32).digest()


class Jobs:
    """The jobs of the last generation, each with what it asked."""

    def __init__(self) -> None:
        self.kept: dict[Hashable, Kept] = {}
        self.ran = 0
        self.reused = 0
        self._fingerprints = _Fingerprints()

    @contextlib.contextmanager
    def generation(self, briefing: Any, holds: Callable[[Hashable, bytes], bool]
                   ) -> Iterator[Callable[..., dict[Hashable, Any]]]:
        """A generation against `briefing`: gives the function that runs its
        jobs, output by output (so that one output's results are let go
        before the next runs), each from its last run where nothing it
        depends on changed. Of an output whose results are the texts of
        files (`texts`), a job's text is kept as its digest only (the pages
        are most of a session's memory otherwise): one run comes back as its
        UTF-8 bytes, one kept as UNCHANGED, while its file `holds(key,
        digest)` those bytes; the job runs again where it does not. When it
        ends, the jobs it did not run are forgotten."""
        self._fingerprints.next_generation()
        answers = Answers(briefing, self._fingerprints)
        done: set[Hashable] = set()
        self.ran = self.reused = 0

        def run(jobs: Iterable[Job], texts: bool = False) -> dict[Hashable, Any]:
            check = holds if texts else None
            results: dict[Hashable, Any] = {}
            redo: list[tuple[Job, Optional[bytes]]] = []
            for job in jobs:
                arguments = self._arguments(job, answers)
                result = self._reused(job, arguments, answers, check)
                if result is _MISSING:
                    redo.append((job, arguments))
                else:
                    results[job.key] = result
            # Run here and, where a core is free, in a forked child, each job
            # against a recorder of its own: a trace is the same wherever it was made.
            ran = map_shared(functools.partial(_traced, briefing, answers, check is not None), redo)
            for (job, _), (result, kept) in zip(redo, ran):
                # The questions of traces made in a child: one copy each, shared as those made here.
                kept.questions = tuple(map(answers.shared, kept.questions))
                self.kept[job.key] = kept
                results[job.key] = result
            self.ran += len(redo)
            done.update(results)
            return results

        yield run
        for gone in self.kept.keys() - done:
            del self.kept[gone]
        self._fingerprints.let_go()

    @staticmethod
    def _arguments(job: Job, answers: Answers) -> Optional[bytes]:
        """The fingerprint of a job's arguments; None when they have none (never kept)."""
        try:
            return answers.fingerprints.of(job.arguments)
        except Unkeyable:
            return None

    def _reused(self, job: Job, arguments: Optional[bytes], answers: Answers,
                holds: Optional[Callable[[Hashable, bytes], bool]]) -> Any:
        """The job's last result if nothing it depends on changed (of a text, UNCHANGED while its
        file `holds` it); else _MISSING."""
        kept = self.kept.get(job.key)
        if kept is not None and arguments is not None and kept.arguments == arguments \
                and answered(map(answers.now, kept.questions)) == kept.answers:
            if kept.text:
                if holds is not None and holds(job.key, kept.result):
                    self.reused += 1
                    return UNCHANGED
                return _MISSING
            try:
                result = unpickled(kept.result)
            except Exception:  # garbled or hostile (from .cache/): run it again
                return _MISSING
            self.reused += 1
            return result
        return _MISSING


def _traced(briefing: Any, answers: Answers, texts: bool, item: tuple[Job, Optional[bytes]]) -> tuple[Any, Kept]:
    """Runs a job against a recorder: its result, and what to keep of the run (of a text, its digest only:
    the text is handed on as its UTF-8 bytes, which are written, and let go)."""
    job, arguments = item
    trace = Trace(answers)
    result = job.run(Recorder(briefing, trace), *job.arguments)
    text = texts and type(result) is str
    if text:
        result = result.encode("utf-8", "surrogatepass")
    return result, Kept(arguments if trace.keyed else None, trace.questions(), trace.answers(),
                        digest_of(result) if text else pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), text)


# --- the memo: what a process knows from earlier generations ------------------------

# Where the memo is kept between processes.
CACHE = Path(".cache") / "memo.pickle"
# See `Memo.worth_saving`.
REDONE_TO_SAVE = 8
# A question the memo has no answer to (Any: it stands where any answer may).
UNKNOWN: Any = object()


class Memo:
    """The one store of what earlier generations found, in this process and
    (through `.cache/`) in the next: each stage's questions, keyed by what
    they name, with a token of what the answer was worked out from (a file's
    size, modification time and inode; a record as it was), and the jobs
    with their traces. An answer is used only while its token is the same:
    a file read again only when it changed, a record verified again only
    when it changed, a file compared with what it should hold only when
    touched, a job run again only when what it asked is answered otherwise.

    Kinds of questions: "seeds" (a facts file, by path: its records),
    "source" (a report, by id: its text), "sound" (a record, by collection
    and id: found without problems), "verified" (what verification checked
    against), "written" (an output file, by path: the digest of its bytes)."""

    def __init__(self) -> None:
        self.answers: dict[str, dict[Hashable, tuple[Any, Any]]] = {}
        self.jobs = Jobs()
        # Since `count` was last called, the answers used, and the questions
        # it had no answer to, by kind: what a generation reused, and what not.
        self.used: dict[str, int] = {}
        self.unknown: dict[str, set[Hashable]] = {}

    def recall(self, kind: str, key: Hashable, token: Any) -> Any:
        """The answer kept for (kind, key) if it was worked out from `token`; else UNKNOWN."""
        kept = self.answers.get(kind, {}).get(key)
        if kept is not None and (kept[0] is token or kept[0] == token):
            self.used[kind] = self.used.get(kind, 0) + 1
            return kept[1]
        self.unknown.setdefault(kind, set()).add(key)
        return UNKNOWN

    def count(self) -> None:
        """Starts counting what is used and what is not anew (see `used`, `unknown`)."""
        self.used, self.unknown = {}, {}

    def remember(self, kind: str, key: Hashable, token: Any, answer: Any) -> None:
        self.answers.setdefault(kind, {})[key] = (token, answer)

    def forget(self, kind: str, key: Optional[Hashable] = None) -> None:
        """Forgets one answer, or every answer of `kind`."""
        if key is None:
            self.answers.pop(kind, None)
        else:
            self.answers.get(kind, {}).pop(key, None)

    def kept(self, kind: str) -> dict[Hashable, tuple[Any, Any]]:
        """Every answer of `kind`, by key, with its token."""
        return self.answers.setdefault(kind, {})

    @property
    def filled(self) -> bool:
        return bool(self.jobs.kept)

    def worth_saving(self) -> bool:
        """Whether this generation redid enough to leave the memo for the next
        process: at least one part in REDONE_TO_SAVE of its jobs, or of the
        answers of a kind. Writing the memo costs about a tenth of a full
        generation; a memo not written is still sound, only older, and the
        next process redoes what this one did (a few pages after an edit)."""
        if self.jobs.ran * REDONE_TO_SAVE >= max(1, len(self.jobs.kept)):
            return True
        return any(len(keys) * REDONE_TO_SAVE >= max(1, len(self.kept(kind))) for kind, keys in self.unknown.items())

    def dump(self, file: BinaryIO) -> None:
        """Writes the memo into `file` for `.cache/`, marked with this code's version."""
        writing = pickle.Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
        writing.dump(code_version())  # first, so that a memo of other code is not read further
        # Pickles each read on its own, and written so: the pickler's table of
        # what it wrote (shared questions, records) holds one part at a time.
        writing.clear_memo()
        writing.dump(self.answers)
        writing.clear_memo()
        writing.dump(self.jobs.kept)

    @classmethod
    def load(cls, path: Path) -> "Memo":
        """The memo `dump` wrote into `path`, or an empty one if it was kept
        by other code or cannot be read."""
        memo = cls()
        try:
            with open(path, "rb") as file:
                if _Unpickler(file).load() != code_version():
                    return memo
                answers = _Unpickler(file).load()
                kept = _Unpickler(file).load()
        except Exception:  # none yet, or cut short, garbled or hostile: start afresh
            return memo
        if isinstance(answers, dict) and isinstance(kept, dict) \
                and all(isinstance(table, dict) and all(type(entry) is tuple and len(entry) == 2
                                                        for entry in table.values()) for table in answers.values()) \
                and all(isinstance(entry, Kept) for entry in kept.values()):
            memo.answers, memo.jobs.kept = answers, kept
        return memo


def unpickled(data: bytes) -> Any:
    """A result kept pickled, read back as data only (it may come from .cache/)."""
    return _Unpickler(io.BytesIO(data)).load()


class _Unpickler(pickle.Unpickler):
    """Reads back only what `dump` writes: the types of this package and
    plain values. A file in .cache/ naming anything else (a function to call)
    is refused, never obeyed."""

    PLAIN = {("builtins", name) for name in ("set", "frozenset", "bytearray", "complex", "slice", "range")} | {
        ("datetime", "date"), ("datetime", "datetime"), ("datetime", "timedelta"), ("datetime", "timezone"),
        ("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "PurePosixPath")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self.PLAIN or module.split(".")[0] == __package__:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a type the memo holds")


_version: list[str] = []


def code_version() -> str:
    """A digest of this package's files and of Python's version: a trace or a
    result kept by other code means nothing."""
    if not _version:
        digest = hashlib.sha256(sys.version.encode())
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                data = path.read_bytes()
                digest.update(b"%s\0%d\0" % (path.relative_to(PACKAGE).as_posix().encode(), len(data)) + data)
        _version.append(digest.hexdigest())
    return _version[0]


def utf8(text: str | Contents) -> Contents:
    """The text of a file as its bytes: through a session it comes already
    encoded, or as UNCHANGED (see `Jobs.generation`), from a fresh run as text."""
    return text.encode("utf-8") if isinstance(text, str) else text


def run_fresh(briefing: Any, jobs: list[Job]) -> dict[Hashable, Any]:
    """Every job run against the briefing itself, shared with a second core where one is free."""
    return dict(zip((job.key for job in jobs), map_shared(_run, [(job, briefing) for job in jobs])))


def _run(item: tuple[Job, Any]) -> Any:
    job, briefing = item
    return job.run(briefing, *job.arguments)
