"""The registry of outputs: everything the generator makes, by kind.

An output plans jobs (`incremental.Job`) from the briefing and the setting,
then turns the jobs' results into files (paths relative to the docs folder
MkDocs sees). Adding an output (a calendar, a spreadsheet) is a module with
those two functions and a line in OUTPUTS; the pipeline, the incremental
runner, the writer and the MkDocs plugin need no change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Hashable, Mapping

from .acronyms import acronym_jobs
from .calendars import calendar_files, calendar_jobs
from .data import data_files, data_jobs
from .database import About, database_files
from .exports import exports_jobs
from .feed import feed_files, feed_jobs
from .incremental import Contents, Job, utf8
from .pages import Setting, page_jobs
from .printing import print_jobs
from .readable import ReadableBriefing
from .search import NAMES_SCRIPT, names_script
from .sheets import sheet_files
from .tables import ABOUT_JOB, table_jobs, tables

Results = dict[Hashable, Any]


def text_files(results: Results) -> dict[str, Contents]:
    """Results that are the texts of files, by path."""
    return {str(path): utf8(text) for path, text in results.items()}


@dataclass(frozen=True)
class Output:
    name: str
    jobs: Callable[[ReadableBriefing, Setting], list[Job]]
    files: Callable[[Results], Mapping[str, Contents]]

    @property
    def texts(self) -> bool:
        """Whether its results are the texts of files (which a session keeps
        as their digests, and hands on as their UTF-8 bytes or UNCHANGED)."""
        return self.files is text_files


def table_files(results: Results) -> dict[str, bytes]:
    """The lists as spreadsheets and as one SQLite database, from the same rows."""
    found = tables(results)
    # The database first: while it is made in memory, no spreadsheet is held beside it.
    database = database_files(found, About(*results[ABOUT_JOB]))
    return {**sheet_files(found), **database}


# Made, and written, in this order. The tables first: making the database
# and the spreadsheets takes the most memory for a while, which is then
# given back before the pages are kept, rather than on top of them.
OUTPUTS: list[Output] = [
    Output("tables", table_jobs, table_files),
    Output("pages", page_jobs, text_files),
    Output("data", data_jobs, data_files),
    Output("print", print_jobs, text_files),
    Output("abbreviations", acronym_jobs, text_files),
    Output("search names", lambda b, setting: [Job(NAMES_SCRIPT, names_script)], text_files),
    Output("calendars", calendar_jobs, calendar_files),
    Output("feed", feed_jobs, feed_files),
    Output("exports", exports_jobs, text_files),
]
