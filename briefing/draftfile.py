"""The draft file `draft ID` writes (seeds/drafts/ID.yml): one report's
proposals, for the curator to keep, edit or delete before `apply` merges
them (`apply.read_draft` reads it back; `review.py` shows it under serve)."""

from __future__ import annotations

from pathlib import Path

from . import roundtrip
from .add import without_date_line
from .apply import PROSE
from .draft import draft
from .project import Project
from .views import Briefing

FOLDER = "drafts"

HEADER = """\
# Proposals drafted from one report: never read by check or build.
# Keep what is right, edit what is not, delete the rest. Fill in every field
# marked FILL IN: prose in your own words (a source's sentences never go
# there); a fact the report does not give, from a source that gives it, or
# delete the proposal.
# Under `prose:`, records the report now feeds whose own-words prose was
# written from other reports: their prose as it stands, and the report's new
# evidence. Keep an item (edited or not) once you have reviewed its prose:
# apply records the report in its prose_from. Delete the items you have not.
# Then: python build.py apply {path}
"""


def path(project: Project, source_id: str) -> Path:
    return project.seeds / FOLDER / f"{source_id}.yml"


def contents(briefing: Briefing, source_id: str) -> dict:
    """What a draft holds: the proposals for one registered source, and the
    prose they would make stale."""
    proposals = [p.as_data() for p in draft(briefing, source_id)]
    for proposal in proposals:
        for evidence in proposal["evidence"]:
            evidence["quote"] = without_date_line(evidence["quote"])
    return {"source": source_id, "proposals": proposals, "prose": stale_prose(briefing, source_id, proposals)}


def text(content: dict, display: str) -> str:
    """The draft file's text, its header saying what to do, for the file at `display`."""
    return HEADER.format(path=display) + roundtrip.dump(content)


def stale_prose(briefing: Briefing, source_id: str, proposals: list[dict]) -> list[dict]:
    """The records a proposal would make cite the report whose prose was
    written from other reports: their prose now, beside the new evidence."""
    items = []
    for proposal in proposals:
        collection = proposal["collection"]
        if proposal["action"] not in ("cite", "update") or collection not in PROSE:
            continue
        record = briefing.collections[collection].get(proposal["id"])
        if record is None or not record.prose_from or source_id in record.prose_from:
            continue
        items.append({"collection": collection, "id": record.id,
                      **{name: getattr(record, name) for name in PROSE[collection]},
                      "prose_from": list(record.prose_from),
                      "evidence": [e["quote"] for e in proposal["evidence"]]})
    return items
