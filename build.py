#!/usr/bin/env python3
"""Command line for the briefing generator.

    python build.py check   load and verify the seeds; write nothing
    python build.py build   check, write records and pages into content/, run MkDocs into site/
    python build.py serve   build, then preview with live reload

Exit status: 0 when clean, 2 when the curated input has problems (each
reported as file:line: field: message), 1 when something else failed (MkDocs,
the disk, or another build of the project running at the same time).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from briefing import pipeline  # noqa: E402
from briefing.problems import BadInput  # noqa: E402
from briefing.project import Project  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=HERE, help="project folder (default: this one)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="load and verify the seeds; write nothing")
    commands.add_parser("build", help="check, generate content/ and build site/")
    serve = commands.add_parser("serve", help="build, then preview with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())

    try:
        if args.command == "check":
            briefing = pipeline.check(project)
            print(f"ok: {briefing.summary()}")
        elif args.command == "build":
            written, site = pipeline.build(project)
            print(f"generated: {written.summary()}")
            print(f"site: {site.summary()}")
        else:
            pipeline.generate(project)
            pipeline.serve_site(project, args.dev_addr)
    except BadInput as bad:
        print(bad.report(), file=sys.stderr)
        return 2
    except pipeline.SiteFailed as failed:
        print(f"error: {failed}; content/ and site/ are as the last good build left them", file=sys.stderr)
        return 1
    except pipeline.Busy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return 1
    except OSError as error:
        # A full disk, a folder without write permission: whatever was
        # written is undone before this is reached.
        print(f"error: {error}; content/ and site/ are as the last good build left them", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
