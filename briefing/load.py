"""Stage 1, load: YAML files into model objects, every problem with its place.

YAML is composed into nodes (which keep line numbers) and the nodes are
checked against the model's shapes, so a wrong type, an unknown key or a
missing field is reported as `file:line: field: message`, all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from . import dates
from .model import COLLECTIONS, FactsFile, Origin, Pattern, Edtf, NonEmpty, SourcesFile
from .problems import Problem, did_you_mean
from .shapes import Shape, fields_of

# A facts file is typed by hand; anything this large is a mistake, and
# reading it whole would cost memory for nothing.
MAX_FILE_BYTES = 5 * 1024 * 1024

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


def _refuse_anchors(text: str) -> None:
    """Facts files need no anchors or aliases, and an alias can multiply a
    small file into an enormous one, so they are refused before composing."""
    if "&" not in text and "*" not in text:
        return
    for event in yaml.parse(text, Loader=_Loader):
        if getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (&name, *name) are not allowed in facts files",
                problem_mark=event.start_mark,
            )


@dataclass
class Loaded:
    """Everything read from the seeds, with the problems found on the way."""

    collections: dict[str, list] = field(default_factory=lambda: {name: [] for name in COLLECTIONS})
    # Ids seen in the YAML, even of records too broken to load, so that a
    # reference to them is not reported a second time as unknown.
    seen_ids: dict[str, set] = field(default_factory=lambda: {name: set() for name in COLLECTIONS})
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def read_node(path: Path, display: str, problems: list[Problem]) -> Optional[yaml.Node]:
    try:
        size = path.stat().st_size
    except OSError as error:
        problems.append(Problem(display, 0, "", f"cannot read the file: {error.strerror}"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(Problem(display, 0, "", f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"))
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(display, 0, "", f"the file is not UTF-8 text (byte {error.start})"))
        return None
    try:
        _refuse_anchors(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problems.append(Problem(display, line, "", f"YAML syntax: {error.problem or error.context}"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(display, 0, "", f"YAML syntax: {error}"))
        return None
    if node is None:
        problems.append(Problem(display, 1, "", "the file is empty"))
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
            return None
        if shape.kind == "text":
            return self.text(node, shape, path)
        if shape.kind == "choice":
            return self.choice(node, shape, path)
        if shape.kind == "list":
            return self.sequence(node, shape, path)
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
        if is_edtf:
            error = dates.invalid(value)
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
            value = self.convert(item_node, shape.item, item_path)
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
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_path = f"{path}.{key}" if path else str(key)
            if key is None or key_node.tag != TAG_STR:
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


def _label(node: yaml.Node, index: int) -> str:
    """Names a list item by its id where it has one, for readable paths."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode) and value.value:
                return value.value
    return str(index)


def load_file(path: Path, display: str, file_cls: type, loaded: Loaded) -> None:
    node = read_node(path, display, loaded.problems)
    loaded.files.append(display)
    if node is None:
        return
    converter = _Converter(display, loaded)
    for key_node, value_node in node.value if isinstance(node, yaml.MappingNode) else ():
        if isinstance(value_node, yaml.SequenceNode) and key_node.value in loaded.seen_ids:
            for item in value_node.value:
                label = _label(item, -1)
                if label != "-1":
                    loaded.seen_ids[key_node.value].add(label)
    contents = converter.record(node, file_cls, "")
    if contents is None:
        return
    for spec in fields_of(file_cls):
        loaded.collections[spec.name].extend(getattr(contents, spec.name))


def load_seeds(seeds: Path, root: Path) -> Loaded:
    """Reads seeds/sources.yml and every seeds/facts/*.yml."""
    loaded = Loaded()

    def display(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    sources_file = seeds / "sources.yml"
    load_file(sources_file, display(sources_file), SourcesFile, loaded)
    facts_files = sorted((seeds / "facts").glob("*.yml"))
    if not facts_files:
        loaded.problems.append(Problem(display(seeds / "facts"), 0, "", "no facts files (*.yml) found"))
    for path in facts_files:
        load_file(path, display(path), FactsFile, loaded)
    return loaded
