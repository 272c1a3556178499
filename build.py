#!/usr/bin/env python3
"""Command line for the briefing generator, in a clone of the project.

    python build.py check   load and verify the seeds; write nothing
    python build.py build   check, generate pages and data into generated/, build site/ with MkDocs
    python build.py serve   build, then preview with live reload

The same as the `briefing` command of the installed package, with this
folder as the project. Exit status: 0 when clean, 2 when the curated input
has problems, 1 when something else failed.
"""

import sys
from pathlib import Path

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main(["--root", str(Path(__file__).resolve().parent), *sys.argv[1:]], prog="build.py"))
