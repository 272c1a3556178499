"""Stage 1, load: YAML files into model objects, every problem with its place.

YAML is composed into nodes (which keep line numbers) and the nodes are
checked against the model's shapes, so a wrong type, an unknown key or a
missing field is reported as `file:line: field: message`, all at once.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from . import dates
from .incremental import UNKNOWN, Memo
from .model import COLLECTIONS, Edtf, FactsFile, NonEmpty, Origin, Pattern, SourcesFile
from .problems import Problem, Problems, TooManyProblems, did_you_mean
from .shapes import Shape, fields_of

# Larger than any facts file typed by hand (the shipped ones are under 30 kB;
# sources.yml of a 10,000-engagement briefing is 2.4 MB); anything larger is a
# mistake, and reading it whole would cost memory for nothing.
MAX_FILE_BYTES = 8 * 1024 * 1024
# YAML values (scalars, lists, mappings). Composing YAML into nodes costs time
# and memory per value, so a file of millions of tiny values is refused while
# it is being scanned, long before it is composed. A file's nodes are dropped
# once converted, so the bound per file bounds the memory of composing, and
# the bound in all bounds what the model holds. The shipped seeds hold about
# 3,000 values; a 10,000-engagement briefing about 650,000.
MAX_FILE_VALUES = 250_000
MAX_VALUES = 2_000_000

TAG_STR = "tag:yaml.org,2002:str"
TAG_NULL = "tag:yaml.org,2002:null"
TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    TAG_NULL: "nothing (null)",
}


# libyaml where PyYAML has it: the pure-Python parser is ten times slower.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Unreadable(Exception):
    """A file that is not read, and why."""


def read_regular(path: Path, cap: int, what: str = "a file") -> bytes:
    """The bytes of a regular file of at most `cap` bytes, or Unreadable:
    the size is known before the first byte is read (a FIFO would block, a
    device never end, a file of /proc says it is empty and is not)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)  # non-blocking: a FIFO opens at once, and is refused below
    except FileNotFoundError:
        raise Unreadable("there is no such file") from None
    except IsADirectoryError:
        raise Unreadable("is a folder, not a file") from None
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror})") from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise Unreadable("is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable("is not a regular file (a device, a FIFO or a socket)")
        if status.st_size > cap:
            raise Unreadable(f"is {status.st_size:,} bytes; {what} may hold {cap:,}")
        chunks, size = [], 0
        while size <= cap:
            chunk = os.read(descriptor, min(1 << 20, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror})") from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > cap:
        raise Unreadable(f"grew past the limit of {cap:,} bytes while it was read")
    if len(data) != status.st_size:
        # A file of /proc says it is empty; a file being written changes size.
        raise Unreadable("changed size while it was read: it is not an ordinary file, or is being written")
    return data


class _Refused(Exception):
    """A file refused while scanning, with the line to report."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _scan(text: str, budget: int) -> int:
    """Reads the file as a stream of YAML events, holding none of them: refuses
    anchors and aliases (facts need none, and an alias can multiply a small
    file into an enormous one) and files with more values than `budget`.
    Returns the number of values."""
    count = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)):
            count += 1
            line = event.start_mark.line + 1 if event.start_mark else 0
            if getattr(event, "anchor", None) is not None:
                raise _Refused(line, "anchors and aliases (&name, *name) are not allowed in the seeds or a draft")
            if count > budget:
                raise _Refused(line, _TOO_MANY)
    return count


_TOO_MANY = (f"too many values: a file may hold {MAX_FILE_VALUES:,} YAML values and the seeds "
             f"{MAX_VALUES:,} in all; is this file generated by mistake?")
# What could start an anchor or an alias (&name, *name); false alarms
# ("a *bold* claim") cost only a scan.
_ANCHOR_SIGN = re.compile(r"[&*][^\s,\]\}]")


def _maybe_anchor(text: str) -> bool:
    # The sign found first, then what precedes it: an expression starting
    # with the alternatives would try them at every character of the file.
    return any(m.start() == 0 or text[m.start() - 1].isspace() or text[m.start() - 1] in ",[{:-"
               for m in _ANCHOR_SIGN.finditer(text))


def _count(node: Optional[yaml.Node]) -> int:
    count, stack = 0, [node] if node is not None else []
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return count


def _yaml_message(error: yaml.MarkedYAMLError, text: str) -> str:
    problem = ", ".join(part for part in (error.context, error.problem) if part) or "not valid YAML"
    mark = error.problem_mark or error.context_mark
    if mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
        at = line[mark.column:mark.column + 1] if 0 <= mark.column < len(line) else ""
        if at == "\t" or "tab character" in problem:
            return "YAML syntax: a tab character; YAML indents with spaces only"
    return f"YAML syntax: {problem}"


# Characters curated text may not hold: control characters (but tab and the
# line breaks, U+0085 among them) would reach HTML and CSV raw, and a
# bidirectional override makes text read otherwise than it is stored.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_HIDDEN_NAMES = {"\x00": "NUL", "\x1b": "escape", "\x7f": "delete", "\u202e": "right-to-left override",
                 "\u202d": "left-to-right override", "\u202a": "left-to-right embedding",
                 "\u202b": "right-to-left embedding", "\u202c": "pop directional formatting",
                 "\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate",
                 "\u2068": "first strong isolate", "\u2069": "pop directional isolate"}


@dataclass
class Loaded:
    """Everything read from the seeds, with the problems found on the way."""

    collections: dict[str, list] = field(default_factory=lambda: {name: [] for name in COLLECTIONS})
    # Ids seen in the YAML, even of records too broken to load, so that a
    # reference to them is not reported a second time as unknown.
    seen_ids: dict[str, set] = field(default_factory=lambda: {name: set() for name in COLLECTIONS})
    problems: Problems = field(default_factory=Problems)
    files: list[str] = field(default_factory=list)
    # How many more YAML values the seeds may hold (see MAX_VALUES).
    values_left: int = MAX_VALUES
    values_left_at_start: int = -1
    # Collections a file that could not be read at all might have held: a
    # reference into them cannot be called unknown until the file reads.
    unreadable: set = field(default_factory=set)

    def __post_init__(self) -> None:
        self.values_left_at_start = self.values_left


def read_node(path: Path, display: str, problems: list[Problem], loaded: Optional["Loaded"] = None) -> Optional[yaml.Node]:
    """One YAML file composed into nodes, or None with the problem recorded.
    Only a regular file is opened (a FIFO would block, a device never end) and
    never more than MAX_FILE_BYTES of it is read."""
    try:
        status = path.stat()
    except OSError as error:
        problems.append(Problem(display, 0, "", f"cannot read the file: {error.strerror}"))
        return None
    if not stat.S_ISREG(status.st_mode):
        problems.append(Problem(display, 1, "", "is not a regular file"))
        return None
    if status.st_size > MAX_FILE_BYTES:
        problems.append(Problem(display, 1, "", f"the file is {status.st_size:,} bytes; the limit is "
                                                 f"{MAX_FILE_BYTES:,} (split it into several files)"))
        return None
    try:
        data = read_regular(path, MAX_FILE_BYTES, "a facts file")
    except Unreadable as unreadable:  # it changed since stat(): a FIFO put in its place, a file of /proc
        problems.append(Problem(display, 1, "", f"the file {unreadable}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        problems.append(Problem(display, line, "", f"the file is not UTF-8 text (byte {error.start}); "
                                                    "save it as UTF-8"))
        return None
    budget = min(MAX_FILE_VALUES, loaded.values_left if loaded is not None else MAX_VALUES)
    try:
        # Every value takes at least one character, so composing a file
        # shorter than twice its budget holds at most twice the budget in
        # memory before it is refused: only longer files are scanned first.
        if len(text) > 2 * budget or _maybe_anchor(text):
            count = _scan(text, budget)
            node = yaml.compose(text, Loader=_Loader)
        else:  # too small to be costly: compose at once, count after
            node = yaml.compose(text, Loader=_Loader)
            count = _count(node)
            if count > budget:
                raise _Refused(1, _TOO_MANY)
    except _Refused as refused:
        problems.append(Problem(display, refused.line, "", refused.message))
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problems.append(Problem(display, line, "", _yaml_message(error, text)))
        return None
    except yaml.reader.ReaderError as error:
        line = data[:error.position].count(b"\n") + 1
        problems.append(Problem(display, line, "", f"YAML syntax: {error.reason} (character {error.position})"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(display, 0, "", f"YAML syntax: {error}"))
        return None
    if loaded is not None:
        loaded.values_left -= count
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == TAG_NULL and not node.value):
        problems.append(Problem(display, 1, "", "the file is empty; write a list in it, "
                                                     "such as `officials: []`, or remove it"))
        return None
    return node


class _Converter:
    """Turns one file's nodes into model objects, collecting problems."""

    def __init__(self, file: str, loaded: Loaded):
        self.file = file
        self.loaded = loaded

    def problem(self, node: yaml.Node, path: str, message: str) -> None:
        self.loaded.problems.append(Problem(self.file, node.start_mark.line + 1, path, message))

    def convert(self, node: yaml.Node, shape: Shape, path: str):
        if isinstance(node, yaml.ScalarNode) and node.tag == TAG_NULL:
            if shape.kind == "list" and not shape.has(NonEmpty):
                return []
            if shape.optional:
                return None
            self.problem(node, path, "is required and must not be empty")
            # An empty list, so that later checks can still walk the record.
            return [] if shape.kind == "list" else None
        if shape.kind == "text":
            return self.text(node, shape, path)
        if shape.kind == "choice":
            return self.choice(node, shape, path)
        if shape.kind == "list":
            return self.sequence(node, shape, path)
        assert shape.record is not None
        return self.record(node, shape.record, path)

    def text(self, node, shape: Shape, path: str) -> Optional[str]:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, path, f"expected text, got {'a list' if isinstance(node, yaml.SequenceNode) else 'a mapping'}")
            return None
        is_edtf = shape.has(Edtf) is not None
        if node.tag != TAG_STR and not (is_edtf and node.tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int")):
            self.problem(node, path, f"expected text, got {TAG_NAMES.get(node.tag, node.tag)} (put it in quotes if it is text)")
            return None
        value = node.value.strip()
        if not value:
            self.problem(node, path, "must not be empty")
            return None
        pattern = shape.has(Pattern)
        if pattern and not re.fullmatch(pattern.regex, value):
            self.problem(node, path, f"'{value}' is not {pattern.explain}")
            return None
        hidden = _HIDDEN.search(value)
        if hidden:
            self.problem(node, path, f"holds the invisible character U+{ord(hidden.group()):04X} "
                                     f"({_HIDDEN_NAMES.get(hidden.group(), 'a control character')}); remove it")
            return None
        if is_edtf:
            error = _impossible_day(value) or dates.invalid(value)
            if error:
                self.problem(node, path, error)
                return None
        return value

    def choice(self, node, shape: Shape, path: str) -> Optional[str]:
        if not isinstance(node, yaml.ScalarNode) or node.value not in shape.choices:
            got = node.value if isinstance(node, yaml.ScalarNode) else "a collection"
            allowed = ", ".join(shape.choices)
            self.problem(node, path, f"'{got}' is not one of: {allowed}{did_you_mean(str(got), shape.choices)}")
            return None
        return node.value

    def sequence(self, node, shape: Shape, path: str) -> list:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, "expected a list")
            return []
        if shape.has(NonEmpty) and not node.value:
            self.problem(node, path, "needs at least one item")
        items = []
        for index, item_node in enumerate(node.value):
            item_path = f"{path}[{_label(item_node, index)}]"
            value = self.convert(item_node, shape.element, item_path)
            if value is not None:
                items.append(value)
        return items

    def record(self, node, cls: type, path: str):
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, "expected a mapping of field: value")
            return None
        specs = {spec.name: spec for spec in fields_of(cls)}
        values, field_lines, invalid = {}, {}, set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "a key must be a plain name, not a list or mapping")
                continue
            key = key_node.value
            key_path = f"{path}.{key}" if path else str(key)
            if key_node.tag != TAG_STR:
                what = TAG_NAMES.get(key_node.tag, "not a plain name")
                self.problem(key_node, key_path, f"this key is read by YAML as {what}; put it in quotes")
                continue
            if key in values or key in field_lines:
                self.problem(key_node, key_path, "appears twice in the same mapping")
                continue
            if key not in specs:
                self.problem(key_node, key_path, f"unknown field{did_you_mean(key, specs)}")
                continue
            field_lines[key] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.SequenceNode):
                # A problem with one item of a list of ids is reported at its
                # own line (an item that is a record keeps its own origin).
                for index, item_node in enumerate(value_node.value):
                    if isinstance(item_node, yaml.ScalarNode):
                        field_lines[f"{key}[{index}]"] = item_node.start_mark.line + 1
            before = len(self.loaded.problems)
            values[key] = self.convert(value_node, specs[key].shape, key_path)
            if len(self.loaded.problems) > before:
                invalid.add(key)
        for name, spec in specs.items():
            if spec.required and name not in field_lines:
                self.problem(node, f"{path}.{name}" if path else name, "is required but missing")
                # Kept as empty, so that the rest of the record is still checked.
                values[name] = [] if spec.shape.kind == "list" else None
                invalid.add(name)
        obj = cls(**values)
        if hasattr(obj, "origin"):
            obj.origin = Origin(self.file, node.start_mark.line + 1, field_lines, frozenset(invalid))
        return obj


def _impossible_day(value: str) -> Optional[str]:
    """The `edtf` package, which reads the rarer forms, takes 2025-02-29 for a
    date; a year, month or day written out must exist in the calendar."""
    for part in value.split("/"):
        if dates._PART.match(part) and dates._part_bounds(part) is None:
            return f"'{value}' is not a valid EDTF date: {part} is not a day of the calendar"
    return None


def _label(node: yaml.Node, index: int) -> str:
    """Names a list item by its id where it has one, for readable paths."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode) and value.value:
                return value.value
    return str(index)


def load_file(path: Path, display: str, file_cls: type, loaded: Loaded) -> None:
    node = read_node(path, display, loaded.problems, loaded)
    loaded.files.append(display)
    if not isinstance(node, yaml.MappingNode):
        loaded.unreadable.update(spec.name for spec in fields_of(file_cls))
    if node is None:
        return
    converter = _Converter(display, loaded)
    for key_node, value_node in node.value if isinstance(node, yaml.MappingNode) else ():
        if (isinstance(key_node, yaml.ScalarNode) and isinstance(value_node, yaml.SequenceNode)
                and key_node.value in loaded.seen_ids):
            for item in value_node.value:
                label = _label(item, -1)
                if label != "-1":
                    loaded.seen_ids[key_node.value].add(label)
    contents = converter.record(node, file_cls, "")
    if contents is None:
        return
    for spec in fields_of(file_cls):
        loaded.collections[spec.name].extend(getattr(contents, spec.name))


def outside(path: Path, folder: Path) -> bool:
    """Whether `path`, its symbolic links followed, lies outside `folder`."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return True


def is_link(path: Path) -> bool:
    """Whether `path` is a symbolic link (a file that is not there is not)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def signature(path: Path) -> Optional[tuple]:
    """What a file's metadata says of its bytes: while this is the same, the
    file is taken to hold what it held (the test `make` uses); None when it
    cannot be read."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_mode)


def _load_remembered(path: Path, display: str, file_cls: type, loaded: Loaded, memo: Memo) -> None:
    """A file's records as the memo has them while the file is unchanged
    (under `mkdocs serve`, or for a build after an edit, only the file edited
    is read), else read; only files without problems are remembered."""
    seen = signature(path)
    part = memo.recall("seeds", display, seen) if seen is not None else UNKNOWN
    if part is not UNKNOWN and part.values_left_at_start - part.values_left <= loaded.values_left:
        _merge(loaded, part)
        return
    # Never read, changed, or too large for what is left of the budget in all (read again, and refused).
    part = Loaded(problems=Problems(limit=max(0, loaded.problems.limit - len(loaded.problems))),
                  values_left=loaded.values_left)
    try:
        load_file(path, display, file_cls, part)
    finally:
        _merge(loaded, part)
    if seen is not None and not part.problems:
        memo.remember("seeds", display, seen, part)
    else:
        memo.forget("seeds", display)


def _merge(loaded: Loaded, part: Loaded) -> None:
    loaded.files.extend(part.files)
    loaded.unreadable.update(part.unreadable)
    for name, ids in part.seen_ids.items():
        loaded.seen_ids[name].update(ids)
    for name, records in part.collections.items():
        loaded.collections[name].extend(records)
    loaded.values_left -= part.values_left_at_start - part.values_left
    loaded.problems.extend(part.problems)


def load_seeds(seeds: Path, root: Path, memo: Optional[Memo] = None) -> Loaded:
    """Reads seeds/sources.yml and every seeds/facts/*.yml. Stops early, with
    `loaded.problems.truncated` set, once there are too many problems. With a
    `memo`, files unchanged since it last read them are not read again."""
    loaded = Loaded()
    try:
        _load_seeds(seeds, root, loaded, memo)
    except TooManyProblems:
        pass
    return loaded


def _load_seeds(seeds: Path, root: Path, loaded: Loaded, memo: Optional[Memo]) -> None:
    def display(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    def load(path: Path, file_cls: type) -> None:
        # A symbolic link may not make the build read what is not the project's.
        if outside(path, seeds):
            loaded.files.append(display(path))
            loaded.unreadable.update(spec.name for spec in fields_of(file_cls))
            loaded.problems.append(Problem(display(path), 1, "", "is a symbolic link to a file outside seeds/; "
                                                                 "copy the file into seeds/ instead"))
            return
        if memo is None:
            load_file(path, display(path), file_cls, loaded)
        else:
            _load_remembered(path, display(path), file_cls, loaded, memo)

    load(seeds / "sources.yml", SourcesFile)
    facts_files = sorted((seeds / "facts").glob("*.yml"))
    if not facts_files:
        loaded.problems.append(Problem(display(seeds / "facts"), 0, "", "no facts files (*.yml) found"))
    for path in facts_files:
        load(path, FactsFile)
