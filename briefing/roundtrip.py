"""YAML edits that keep the curator's comments, order and layout: the facts
files read and written back byte for byte, but for what is changed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .problems import BadInput, Problem


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # long quotes stay on one line, as curators write them
    yaml.indent(mapping=2, sequence=4, offset=2)
    # Our files hold no anchors (check refuses them): a value used twice is written twice.
    yaml.representer.ignore_aliases = lambda *_: True
    # `null` written out, as the shipped files have it, not an empty value.
    yaml.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"))
    # ruamel writes YAML 1.2, where `off`, `yes` or `on` are plain text, but
    # the loader (PyYAML, YAML 1.1) reads them as booleans: a string the
    # loader would read as anything but itself is written in quotes.
    yaml.representer.add_representer(str, _string)
    return yaml


def _string(representer: Any, text: str) -> Any:
    style = None
    if text and not isinstance(text, DoubleQuotedScalarString):
        try:
            read = pyyaml.safe_load(text) if "\n" not in text else text
        except pyyaml.YAMLError:
            read = None
        if read != text:
            style = '"'
    return representer.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def quoted(text: str) -> str:
    """Text written in double quotes, as the curator writes a quote."""
    return DoubleQuotedScalarString(text)


def inline(items: list) -> list:
    """A list written on one line (`supports: [date, place]`), as the curator writes a short one."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def load(path: Path) -> Any:
    return _yaml().load(path.read_text("utf-8"))


def load_checked(path: Path, display: str) -> Any:
    """The file's data, its layout kept, for a file the safe loader has
    passed (`load.read_node`): what ruamel reads more strictly (a key given
    twice) is a problem at its line, never a traceback."""
    try:
        return load(path)
    except YAMLError as error:
        mark = error.problem_mark if isinstance(error, MarkedYAMLError) else None
        problem = (error.problem if isinstance(error, MarkedYAMLError) else None) or str(error).splitlines()[0]
        raise BadInput([Problem(display, mark.line + 1 if mark else 0, "", f"YAML: {problem}")]) from None


def dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()
