"""The spreadsheets: a CSV file per list, and one of every citation.

UTF-8 with a byte-order mark and CRLF line ends, so that Excel and
LibreOffice open them as UTF-8 without asking; a list's values are joined
with "; ". A text that begins with what a spreadsheet would take for a
formula (= + - @, a tab or a carriage return) is written after an
apostrophe, which spreadsheets read as "this is text": curated text stays
inert there too.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from .routes import CITATIONS_TABLE, table_of
from .tables import CITATION_COLUMNS, Tables

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
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(value) for value in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")


def sheet_files(found: Tables) -> dict[str, bytes]:
    files = {table_of(collection): csv_bytes(found.columns[collection],
                                             ([entry.row.get(column) for column in found.columns[collection]]
                                              for entry in entries))
             for collection, entries in found.rows.items()}
    files[CITATIONS_TABLE] = csv_bytes(list(CITATION_COLUMNS), found.citations)
    return files
