"""The command line: `python build.py …` in a clone, `briefing …` where the package is installed.

    check   load and verify the seeds; write nothing
    build   check, generate the pages and data, build the site with MkDocs (strict)
    serve   build, then preview with live reload
    add     copy a new report into seeds/sources/ and register it
    draft   propose what a registered report adds to the facts (seeds/drafts/ID.yml)
    apply   merge the proposals kept in a draft into seeds/facts/, then check
    new     start a briefing of your own in a new folder

Exit status: 0 when clean, 2 when the curated input has problems (each
reported as file:line: field: message), 1 when something else failed (MkDocs,
the disk, or another build of the project running at the same time).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional

from . import draftfile, pipeline, seedfiles
from .add import Refused, add
from .apply import Applied, apply
from .exports import notices
from .problems import BadInput
from .project import Project
from .scaffold import Answers, new
from .write import write_if_changed


def main(argv: Optional[list[str]] = None, prog: str = "briefing") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder, holding mkdocs.yml (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="load and verify the seeds; write nothing")
    commands.add_parser("build", help="check, generate the pages and data, and build the site")
    serve = commands.add_parser("serve", help="build, then preview with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    adding = commands.add_parser("add", help="copy a report into seeds/sources/ and register it")
    adding.add_argument("path", type=Path, help="the report, a UTF-8 text file")
    adding.add_argument("--id", help="the source's id (default: from its outlet, date and file name)")
    drafting = commands.add_parser("draft", help="propose what a registered report adds to the facts")
    drafting.add_argument("id", help="the source's id")
    drafting.add_argument("--json", action="store_true", help="print the proposals as JSON instead")
    applying = commands.add_parser("apply", help="merge a draft's kept proposals into seeds/facts/")
    applying.add_argument("draft", type=Path, help="the draft, such as seeds/drafts/ID.yml")
    starting = commands.add_parser("new", help="start a briefing of your own in a new folder")
    starting.add_argument("folder", type=Path, help="the folder to make (new, or empty)")
    for name, what in (("title", "the briefing's title"), ("description", "what it covers, in a sentence"),
                       ("countries", "the countries whose engagements it follows, comma-separated")):
        starting.add_argument(f"--{name}", help=f"{what} (asked for on a terminal; else marked FILL IN)")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())

    try:
        # A crash cut an add or apply short: whatever runs next sees seeds/ as it was before it.
        recovered = seedfiles.recovered(project) if (project.seeds / seedfiles.JOURNAL).exists() else None
        if recovered:
            print(f"note: {recovered}", file=sys.stderr)
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
            for notice in notices(project.site_url, project.licence):
                print(f"note: {notice}")
        elif args.command == "add":
            print(add(project, args.path, args.id))
        elif args.command == "draft":
            write_draft(project, args.id, as_json=args.json)
        elif args.command == "new":
            start_briefing(args)
        elif args.command == "apply":
            report_applied(apply(project, args.draft))
        else:
            pipeline.generate(project)
            pipeline.serve_site(project, args.dev_addr)
    except BadInput as bad:
        print(bad.report(), file=sys.stderr)
        return 2
    except Refused as refused:
        print(f"error: {refused}; nothing was written", file=sys.stderr)
        return 2
    except pipeline.SiteFailed as failed:
        print(f"error: {failed}; site/ is as the last good build left it", file=sys.stderr)
        return 1
    except pipeline.Busy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return 1
    except seedfiles.Interrupted as interrupted:
        print(f"error: {interrupted}", file=sys.stderr)
        return 2
    except OSError as error:
        if args.command in ("add", "apply"):
            # A full disk, a folder without write permission: the change was rolled back.
            print(f"error: {error.strerror or error}; seeds/ is as it was before this {args.command}",
                  file=sys.stderr)
            return 1
        # A full disk, a folder without write permission: whatever was
        # written is undone before this is reached.
        print(f"error: {error}; site/ is as the last good build left it", file=sys.stderr)
        return 1
    return 0


def report_applied(done: Applied) -> None:
    if not (done.added or done.changed or done.reviewed):
        print(f"already applied: all {len(done.present)} proposals are in the facts; nothing changed" if done.present
              else "nothing to apply: the draft keeps no proposals")
        return
    print(f"applied: {len(done.added)} records added, {len(done.changed)} changed"
          + (f", prose of {len(done.reviewed)} reviewed" if done.reviewed else "")
          + (f"; {len(done.present)} already there" if done.present else "") + "; check passes")
    for note in done.notes:
        print(f"note: {note}")
    for record in done.stale:
        print(f"review the prose of {record}: it now cites this report, which it was not written from "
              "(keep its item under `prose:` in the draft and apply again, or add the report to its prose_from)")


def write_draft(project: Project, source_id: str, as_json: bool) -> None:
    """Drafts proposals for one registered source, to seeds/drafts/ID.yml or as JSON."""
    briefing = pipeline.check(project)
    if source_id not in briefing.sources:
        raise Refused(f"no source '{source_id}' in seeds/sources.yml; add the report first")
    content = draftfile.contents(briefing, source_id)
    if as_json:
        print(json.dumps(content, ensure_ascii=False, indent=1))
        return
    path = draftfile.path(project, source_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(path, draftfile.text(content, project.display(path)).encode("utf-8"))
    print(f"{project.display(path)}: {len(content['proposals'])} proposals")


def start_briefing(args: argparse.Namespace) -> None:
    answers = Answers(args.title, args.description, args.countries)
    if sys.stdin.isatty():
        answers.ask(input)
    made = new(args.folder, answers)
    print(f"{args.folder}: a new briefing ({len(made)} files). Next, in it: briefing add REPORT, "
          f"briefing draft ID, briefing apply seeds/drafts/ID.yml, briefing build")
    if any(value is None or not value.strip() for value in (answers.title, answers.description, answers.countries)):
        print("Fill in what is marked FILL IN in mkdocs.yml and content/about.md; `briefing check` lists them.")
