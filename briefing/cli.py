"""The command line: `python build.py …` in a clone, `briefing …` where the package is installed.

    check   load and verify the seeds; write nothing
    build   check, generate the pages and data, build the site with MkDocs (strict)
    serve   build, then preview with live reload

Exit status: 0 when clean, 2 when the curated input has problems (each
reported as file:line: field: message), 1 when something else failed (MkDocs,
the disk, or another build of the project running at the same time).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

from . import pipeline
from .problems import BadInput
from .project import Project


def main(argv: Optional[list[str]] = None, prog: str = "briefing") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder, holding mkdocs.yml (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="load and verify the seeds; write nothing")
    commands.add_parser("build", help="check, generate the pages and data, and build the site")
    serve = commands.add_parser("serve", help="build, then preview with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())

    try:
        if args.command == "check":
            briefing = pipeline.check(project)
            for warning in briefing.corpus.warnings:
                print(warning, file=sys.stderr)
            print(f"ok: {briefing.summary()}" + (f"; {len(briefing.corpus.warnings)} warnings"
                                                  if briefing.corpus.warnings else ""))
        elif args.command == "build":
            written, site = pipeline.build(project)
            print(f"generated into {project.display(project.output)}/: {written.summary()}")
            print(f"site: {site or 'built'}")
        else:
            pipeline.generate(project)
            pipeline.serve_site(project, args.dev_addr)
    except BadInput as bad:
        print(bad.report(), file=sys.stderr)
        return 2
    except pipeline.SiteFailed as failed:
        print(f"error: {failed}; site/ is as the last good build left it", file=sys.stderr)
        return 1
    except pipeline.Busy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return 1
    except OSError as error:
        # A full disk, a folder without write permission: whatever was
        # written is undone before this is reached.
        print(f"error: {error}; site/ is as the last good build left it", file=sys.stderr)
        return 1
    return 0
