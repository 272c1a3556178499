"""The published data as text: YAML for a record's own file, JSON for the
whole briefing, both read back by any parser as exactly the values given.

The data is plain (mappings with text keys, lists, text, numbers, true/false,
null), so a small emitter writes it; PyYAML's general one spends most of its
time on generality, and was most of the cost of publishing 10,000 records.
"""

from __future__ import annotations

import functools
import json
import re

import yaml

# What a plain (unquoted) scalar may be written as here: a conservative
# subset of YAML's plain style (no indicator first, no ": " or " #" inside,
# no space at either end), and then only if YAML reads it back as text.
_PLAIN = re.compile(r"[A-Za-z0-9_(][A-Za-z0-9 _.,/()'’–-]*[A-Za-z0-9_.)’]|[A-Za-z0-9_]")
# Characters a double-quoted YAML scalar must escape beyond what JSON does:
# YAML refuses non-printable ones and folds its own line breaks.
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def scalar(value) -> str:
    """One value as a YAML scalar."""
    if type(value) is str:
        return _text(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"no YAML form for {type(value).__name__}")


@functools.lru_cache(maxsize=1 << 17)
def _text(value: str) -> str:
    if _PLAIN.fullmatch(value) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR:
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def yaml_text(data: dict) -> str:
    """A mapping as block-style YAML."""
    lines: list[str] = []
    _mapping(data, "", lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict, indent: str, lines: list[str], first: str = "") -> None:
    """`first` replaces the indent of the first key (a list item's "- ")."""
    if not data:
        lines.append(f"{first or indent}{{}}")
        return
    lead = first or indent
    for key, value in data.items():
        kind = type(value)
        if kind is dict and value:
            lines.append(f"{lead}{_text(key)}:")
            _mapping(value, indent + "  ", lines)
        elif kind is list and value:
            lines.append(f"{lead}{_text(key)}:")
            _sequence(value, indent, lines)
        else:
            lines.append(f"{lead}{_text(key)}: {_flow(value)}")
        lead = indent


def _sequence(items: list, indent: str, lines: list[str]) -> None:
    for item in items:
        kind = type(item)
        if kind is dict and item:
            _mapping(item, indent + "  ", lines, first=indent + "- ")
        elif kind is list and item:
            lines.append(f"{indent}-")
            _sequence(item, indent + "  ", lines)
        else:
            lines.append(f"{indent}- {_flow(item)}")


def _flow(value) -> str:
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is dict:
        return "{}"
    if kind is list:
        return "[]"
    return scalar(value)


def json_line(data) -> str:
    """A value as one line of JSON (the C encoder: no indent)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
