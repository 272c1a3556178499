"""The registry of outputs: everything the generator makes, by kind.

An output plans jobs (`incremental.Job`) from the briefing and the setting,
then turns the jobs' results into files (paths relative to the docs folder
MkDocs sees). Adding an output (a calendar, a spreadsheet) is a module with
those two functions and a line in OUTPUTS; the pipeline, the incremental
runner, the writer and the MkDocs plugin need no change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Hashable

from .acronyms import acronym_jobs
from .calendars import calendar_files, calendar_jobs
from .data import data_files, data_jobs
from .database import About, database_files
from .exports import exports_files, exports_jobs
from .feed import feed_files, feed_jobs
from .incremental import Job
from .pages import Setting, page_jobs
from .printing import print_jobs
from .readable import ReadableBriefing
from .search import NAMES_SCRIPT, names_script
from .sheets import sheet_files
from .tables import ABOUT_JOB, table_jobs, tables

Results = dict[Hashable, Any]


@dataclass(frozen=True)
class Output:
    name: str
    jobs: Callable[[ReadableBriefing, Setting], list[Job]]
    files: Callable[[Results], dict[str, bytes]]


def _pages(results: Results) -> dict[str, bytes]:
    return {str(path): text.encode("utf-8") for path, text in results.items()}


def table_files(results: Results) -> dict[str, bytes]:
    """The lists as spreadsheets and as one SQLite database, from the same rows."""
    found = tables(results)
    return {**sheet_files(found), **database_files(found, About(*results[ABOUT_JOB]))}


OUTPUTS: list[Output] = [
    Output("pages", page_jobs, _pages),
    Output("data", data_jobs, data_files),
    Output("print", print_jobs, _pages),
    Output("abbreviations", acronym_jobs, _pages),
    Output("search names", lambda b, setting: [Job(NAMES_SCRIPT, names_script)], _pages),
    Output("calendars", calendar_jobs, calendar_files),
    Output("tables", table_jobs, table_files),
    Output("feed", feed_jobs, feed_files),
    Output("exports", exports_jobs, exports_files),
]
