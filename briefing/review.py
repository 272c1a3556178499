"""A draft's review page, under `mkdocs serve` only: the report's text with
each proposal's evidence highlighted and labelled, linked to the record it
matches, the way entity-recognition tools show what they found. It is never
part of the published site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import escape

from . import roundtrip
from .routes import PAGE_FOLDERS, page_of, relative

# Where review pages are written (beside the other caches, not in the output
# folder: `mkdocs build` must never see them), and their place in the preview.
FOLDER = Path(".cache") / "review"
PAGE_PREFIX = "drafts/"
LABELS = {"officials": "person", "organizations": "organization", "initiatives": "initiative",
          "events": "engagement", "statements": "statement"}


def label(proposal: dict) -> str:
    if proposal.get("action") == "discrepancy":
        return "discrepancy"
    found = LABELS.get(proposal.get("collection", ""), proposal.get("collection", ""))
    fields = proposal.get("fields") or {}
    if found == "person" and fields.get("titles"):
        found = "person, title"
    supports = {claim for e in proposal.get("evidence") or [] for claim in e.get("supports") or []}
    extra = [claim for claim in ("date", "place") if claim in supports]
    return ", ".join([found, *extra])


def page(draft: dict, text: str, page_path: str) -> str:
    """The review page's Markdown: a table of the proposals, then the text
    with every piece of evidence marked."""
    proposals = list(draft.get("proposals") or [])
    spans: list[tuple[int, int, int]] = []  # start, end, proposal number
    for number, proposal in enumerate(proposals):
        for evidence in proposal.get("evidence") or []:
            start = text.find(evidence.get("quote", ""))
            if start >= 0:
                spans.append((start, start + len(evidence["quote"]), number))
    lines = [f"# Draft of {escape(draft.get('source', ''))}", "",
             "Proposals drafted from this report, for review: not part of the published site. "
             "Edit the draft file, then `python build.py apply` it.", "",
             '<table class="review-proposals"><thead><tr><th>#</th><th>Action</th><th>Found</th><th>Record</th>'
             "<th>Why</th><th>Confidence</th></tr></thead><tbody>"]
    for number, proposal in enumerate(proposals):
        lines.append(f"<tr><td>{number + 1}</td><td>{escape(proposal.get('action', ''))}</td>"
                     f"<td>{escape(label(proposal))}</td><td>{_record_link(proposal, page_path)}</td>"
                     f"<td>{escape(proposal.get('why', ''))}</td><td>{escape(str(proposal.get('confidence', '')))}</td></tr>")
    lines += ["</tbody></table>", "", '<div class="review-text">', _marked(text, spans, proposals), "</div>", ""]
    return "\n".join(lines)


def _record_link(proposal: dict, page_path: str) -> str:
    collection, record_id = proposal.get("collection", ""), str(proposal.get("id", ""))
    if proposal.get("action") == "new" or collection not in PAGE_FOLDERS:
        return f"{escape(record_id)} (new)" if proposal.get("action") == "new" else escape(record_id)
    href = relative(page_path, page_of(collection, record_id))[:-3] + ".html"
    return f'<a href="{escape(href)}">{escape(record_id)}</a>'


def _marked(text: str, spans: list[tuple[int, int, int]], proposals: list[dict]) -> str:
    """The text as HTML paragraphs, each stretch covered by evidence in a
    <mark> saying which proposals it supports."""
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        piece = str(escape(text[start:end])).replace("\n\n", "</p><p>").replace("\n", "<br>")
        covering = sorted({n for s, e, n in spans if s <= start and end <= e})
        if covering:
            names = "; ".join(f"{n + 1}: {label(proposals[n])} {proposals[n].get('id', '')}" for n in covering)
            kinds = " ".join(sorted({label(proposals[n]).split(",")[0].replace(" ", "-") for n in covering}))
            out.append(f'<mark class="review {escape(kinds)}" title="{escape(names)}">{piece}'
                       f'<sup>{",".join(str(n + 1) for n in covering)}</sup></mark>')
        else:
            out.append(piece)
    return "<p>" + "".join(out) + "</p>"


def review_pages(root: Path, seeds: Path, texts: dict[str, str]) -> dict[str, Path]:
    """Writes a review page for each draft in seeds/drafts/; their paths by page."""
    written = {}
    folder = root / FOLDER
    for draft_path in sorted((seeds / "drafts").glob("*.yml")):
        draft: Any = roundtrip.load(draft_path) or {}
        source = str(draft.get("source", draft_path.stem))
        if source not in texts:
            continue
        page_path = f"{PAGE_PREFIX}{draft_path.stem}.md"
        target = folder / page_path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page(draft, texts[source], page_path)
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, encoding="utf-8")
        written[page_path] = target
    return written
