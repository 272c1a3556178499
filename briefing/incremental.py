"""Regenerating only what an edit changed, with output equal to a fresh run.

Every output is made by jobs (a page, a record's data file), each a
function of the briefing and of arguments given to it. Under `mkdocs serve`
a job runs against a `Recorder`: a stand-in for the briefing that notes each
question the job asks (a view called, an index looked up by key, a whole
collection walked) with the answer it got. At the next generation a job is
run again only when its arguments changed or some question, asked again of
the new briefing, gets a different answer; otherwise its last result is
kept. A job sees the briefing only through its recorder, so nothing it
depends on escapes the record: its result is what a fresh run would give,
by construction (the verifying traces of build systems such as Shake and
Salsa). `tests/test_incremental.py` checks it against fresh runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterable

from .parallel import map_shared

_MISSING = object()
# The answer "an index": a lookup that gives a mapping is noted as this, not
# the mapping's contents, since each question then asked of the mapping is
# noted on its own (asking `collections["events"]` is not reading every event).
_MAPPING = object()


def same(a: Any, b: Any) -> bool:
    """Equal, and in the same order: two dicts with the same items in another
    order are not the same answer, since pages list them in order."""
    if a is b:
        return True
    # `x is y or …`: most items are records of files not edited, which the
    # session keeps as they were, so the call is spared for them.
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return len(a) == len(b) and all(ka == kb and (va is vb or same(va, vb))
                                        for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(x is y or same(x, y) for x, y in zip(a, b))
    try:
        return bool(a == b)
    except Exception:  # an answer that cannot be compared is taken as changed
        return False


# A question, as a key: what was asked (a view's name, or the path of
# attribute and keys to an index), how, and of which arguments. Arguments are
# keyed by identity (records are not hashable); the trace keeps them alive.
Question = tuple


class Asked:
    """A question with the answer it got. Jobs that got the same answer (the
    same object: they share the briefing's views) share one `Asked`, so that
    after an edit each is asked again and compared once, however many jobs
    depend on it."""

    __slots__ = ("question", "arguments", "answer", "generation", "holds")

    def __init__(self, question: Question, arguments: tuple, answer: Any):
        self.question, self.arguments, self.answer = question, arguments, answer
        self.generation = -1  # the generation that last checked it
        self.holds = False    # whether it then got an answer the same as `answer`


class Trace:
    """The questions one job asked, each once, with the answer it got."""

    __slots__ = ("_shared", "_asked")

    def __init__(self, shared: dict[tuple[Question, int], Asked]):
        self._shared = shared
        self._asked: dict[Question, Asked] = {}

    def note(self, question: Question, arguments: tuple, answer: Any) -> None:
        if question not in self._asked:
            key = (question, id(answer))
            asked = self._shared.get(key)
            if asked is None:
                asked = self._shared[key] = Asked(question, arguments, answer)
            self._asked[question] = asked

    def asked(self) -> tuple[Asked, ...]:
        return tuple(self._asked.values())


def _ask(briefing: Any, question: Question, arguments: tuple) -> Any:
    """Asks `briefing` a question a recorder noted; _MISSING where it has no answer."""
    how, path = question[0], question[1]
    try:
        target = briefing
        for step, part in enumerate(path):
            target = getattr(target, part) if step == 0 else target[part]
        if how == "value":
            return _MAPPING if isinstance(target, Mapping) else target
        if how == "call":
            positional, keywords = arguments
            return target(*positional, **dict(keywords))
        if how == "item":
            value = target.get(arguments[0], _MISSING)
            return _MAPPING if isinstance(value, Mapping) else value
        if how == "len":
            return len(target)
        return target  # "all": the mapping itself, compared item by item, in order
    except (AttributeError, KeyError, IndexError, TypeError, ValueError):
        return _MISSING


class Recorder:
    """Stands in for the briefing in one job, noting every question asked of it."""

    __slots__ = ("_briefing", "_trace")

    def __init__(self, briefing: Any, trace: Trace):
        self._briefing = briefing
        self._trace = trace

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._briefing, name, _MISSING)
        path = (name,)
        if value is _MISSING:
            self._trace.note(("value", path), (), _MISSING)
            raise AttributeError(name)
        if isinstance(value, Mapping):
            return _RecordedMapping(value, path, self._trace)
        if callable(value):
            return _RecordedCall(value, path, self._trace)
        self._trace.note(("value", path), (), value)
        return value


class _RecordedCall:
    __slots__ = ("_function", "_path", "_trace")

    def __init__(self, function: Callable, path: tuple, trace: Trace):
        self._function, self._path, self._trace = function, path, trace

    def __call__(self, *positional: Any, **keywords: Any) -> Any:
        answer = self._function(*positional, **keywords)
        arguments = (positional, tuple(sorted(keywords.items())))
        question = ("call", self._path, tuple(map(id, positional)), tuple((k, id(v)) for k, v in arguments[1]))
        self._trace.note(question, arguments, answer)
        return answer


class _RecordedMapping(Mapping):
    """An index of the briefing, noting each key looked up, and a walk of
    the whole of it (its length, its keys, values or items)."""

    __slots__ = ("_mapping", "_path", "_trace")

    def __init__(self, mapping: Mapping, path: tuple, trace: Trace):
        self._mapping, self._path, self._trace = mapping, path, trace

    def _item(self, key: Hashable) -> Any:
        value = self._mapping.get(key, _MISSING)
        if isinstance(value, Mapping):
            self._trace.note(("item", self._path, key), (key,), _MAPPING)
            return _RecordedMapping(value, self._path + (key,), self._trace)
        self._trace.note(("item", self._path, key), (key,), value)
        return value

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
        self._trace.note(("len", self._path), (), size)
        return size

    def _all(self) -> Mapping:
        # The briefing's own mapping, which nothing changes once it is built:
        # every job that walks it shares this one answer.
        self._trace.note(("all", self._path), (), self._mapping)
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


@dataclass
class _Kept:
    arguments: tuple
    asked: tuple[Asked, ...]
    result: Any


class Jobs:
    """The jobs of earlier generations in this process, each with what it asked."""

    def __init__(self) -> None:
        self.kept: dict[Hashable, _Kept] = {}
        # Every question asked, by question and identity of the answer: the
        # `Asked` keeps the answer alive, so the identity stays its own.
        self.shared: dict[tuple[Question, int], Asked] = {}
        self.live = 0  # how many of them kept jobs asked, when last counted
        self.generation = 0
        self.ran = 0
        self.reused = 0

    def run(self, briefing: Any, jobs: Iterable[Job]) -> dict[Hashable, Any]:
        """Each job's result, from its last run where nothing it depends on changed."""
        self.generation += 1
        answers: dict[Question, Any] = {}  # questions asked again this generation
        results: dict[Hashable, Any] = {}
        self.ran = self.reused = 0
        for job in jobs:
            kept = self.kept.get(job.key)
            if kept is not None and same(kept.arguments, job.arguments) and self._holds(briefing, kept.asked, answers):
                results[job.key] = kept.result
                self.reused += 1
                continue
            trace = Trace(self.shared)
            result = job.run(Recorder(briefing, trace), *job.arguments)
            self.kept[job.key] = _Kept(job.arguments, trace.asked(), result)
            results[job.key] = result
            self.ran += 1
        for gone in self.kept.keys() - results.keys():
            del self.kept[gone]
        # Counting what is still asked walks every trace: done when the
        # questions have doubled since, not after every edit.
        if len(self.shared) > 2 * self.live:
            self._forget_unasked()
        return results

    def _holds(self, briefing: Any, asked: tuple[Asked, ...], answers: dict[Question, Any]) -> bool:
        """Whether every question, asked again of `briefing`, gets the same answer."""
        generation = self.generation
        for entry in asked:
            if entry.generation != generation:
                new = answers.get(entry.question, _MISSING)
                if new is _MISSING:
                    new = answers[entry.question] = _ask(briefing, entry.question, entry.arguments)
                entry.holds = same(entry.answer, new)
                entry.generation = generation
            if not entry.holds:
                return False
        return True

    def _forget_unasked(self) -> None:
        """Drops the questions no kept job asked any more (and the answers they hold)."""
        live = {id(entry) for kept in self.kept.values() for entry in kept.asked}
        if len(live) < len(self.shared):
            self.shared = {key: entry for key, entry in self.shared.items() if id(entry) in live}
        self.live = len(live)


def run_fresh(briefing: Any, jobs: list[Job]) -> dict[Hashable, Any]:
    """Every job run against the briefing itself, shared with a second core where one is free."""
    return dict(zip((job.key for job in jobs), map_shared(_run, [(job, briefing) for job in jobs])))


def _run(item: tuple[Job, Any]) -> Any:
    job, briefing = item
    return job.run(briefing, *job.arguments)
