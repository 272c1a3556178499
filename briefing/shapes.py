"""Reads the model's annotations into shapes that the loader and schema share."""

from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Optional, TypeVar, Union

Constraint = TypeVar("Constraint")


@dataclass(frozen=True)
class Shape:
    kind: str  # "text", "list", "choice" or "record"
    optional: bool = False
    item: Optional["Shape"] = None
    choices: tuple = ()
    record: Optional[type] = None
    constraints: tuple = ()
    # What has() found, by constraint type: it is asked for every value read.
    _found: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    @property
    def element(self) -> "Shape":
        """The shape of a list's items."""
        assert self.item is not None, "only a list has items"
        return self.item

    def has(self, constraint_type: type[Constraint]) -> Optional[Constraint]:
        try:
            return self._found[constraint_type]
        except KeyError:
            found = self._found[constraint_type] = next(
                (c for c in self.constraints if isinstance(c, constraint_type)), None)
            return found


@dataclass(frozen=True)
class FieldSpec:
    name: str
    shape: Shape
    required: bool
    doc: str


def shape_of(annotation) -> Shape:
    constraints: tuple = ()
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            constraints += tuple(annotation.__metadata__)
            annotation = annotation.__origin__
        elif origin is Union:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = True
            annotation = args[0]
        else:
            break
    origin = typing.get_origin(annotation)
    if annotation is str:
        return Shape("text", optional, constraints=constraints)
    if origin is list:
        return Shape("list", optional, item=shape_of(typing.get_args(annotation)[0]), constraints=constraints)
    if origin is Literal:
        return Shape("choice", optional, choices=typing.get_args(annotation), constraints=constraints)
    if dataclasses.is_dataclass(annotation):
        return Shape("record", optional, record=typing.cast(type, annotation), constraints=constraints)
    raise TypeError(f"the model uses an annotation the loader does not know: {annotation!r}")


def fields_of(cls: Any) -> tuple[FieldSpec, ...]:
    """The fields of a model class that YAML may hold, each with its shape."""
    return _fields_of(cls)


@functools.cache
def _fields_of(cls: Any) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(cls, include_extras=True)
    specs = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        specs.append(FieldSpec(f.name, shape_of(hints[f.name]), not has_default, f.metadata.get("doc", "")))
    return tuple(specs)
