"""The spreadsheets: a CSV file per table of `tables.py` (but the reports'
texts), with the database's columns.

UTF-8 with a byte-order mark and CRLF line ends, so that Excel and
LibreOffice open them as UTF-8 without asking. A list of ids is joined with
"; " (ids are slugs: no id holds it); lists of text are in tables of their
own, a row per item. A text that begins with what a spreadsheet would take
for a formula (= + - @, a tab or a carriage return) is written after an
apostrophe, which spreadsheets read as "this is text": curated text stays
inert there too.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from .routes import table_of
from .tables import DATABASE_ONLY, Tables

SEPARATOR = "; "
BOM = "\ufeff"
_FORMULA = frozenset("=+-@\t\r")


def cell(value: Any) -> str:
    if type(value) is str:
        text = value
    elif value is None:
        return ""
    elif type(value) is list:
        text = SEPARATOR.join(map(str, value))
    else:
        text = str(value)
    return "'" + text if text[:1] in _FORMULA else text


def csv_bytes(columns: list[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """The spreadsheet's bytes, encoded as they are written: the text whole,
    then with its mark, then encoded, would be held three times over."""
    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    text.write(BOM)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(value) for value in row] for row in rows)
    text.detach()
    return out.getvalue()


def sheet_files(found: Tables) -> dict[str, bytes]:
    return {table_of(name): csv_bytes([column.name for column in table.columns], found.rows[name])
            for name, table in found.tables.items() if name not in DATABASE_ONLY}
