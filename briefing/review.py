"""A draft's review page, under `mkdocs serve` only: each proposal as the
site will show it, its values beside what the briefing records (a diff),
its own evidence with the words that support it marked, and what may be
wrong with it flagged (an engagement that resembles one recorded, a person
known only by a surname); then the report's text with every piece of
evidence marked and labelled, the way entity-recognition tools show what
they found. It is never part of the published site.

The page costs time linear in the report and the draft: each quote is
found through one index of the report's sentences (the draft's quotes are
sentences), the text is marked in one sweep, and a proposal looks only at
the records it names (`tests/test_review.py` counts the work at growing
sizes; `make bench` gives the CPU time of a 10,000-quote draft).
"""

from __future__ import annotations

import heapq
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml
from markupsafe import Markup, escape

from . import dates
from .data import plain
from .draftrules import dates_overlap, sentences
from .load import read_node
from .problems import Problem
from .project import FILL_IN
from .routes import PAGE_FOLDERS, page_of, relative
from .views import Briefing, country_name
from .write import write_if_changed

# Where review pages are written (beside the other caches, not in the output
# folder: `mkdocs build` must never see them), and their place in the preview.
FOLDER = Path(".cache") / "review"
PAGE_PREFIX = "drafts/"
LABELS = {"officials": "person", "organizations": "organization", "initiatives": "initiative",
          "events": "engagement", "statements": "statement", "topics": "topic"}
# Fields whose values are ids of records, and the collection they name.
REFERENCES = {"participants": "officials", "organizations": "organizations", "initiatives": "initiatives",
              "topics": "topics", "related": "initiatives", "parent": "events", "speaker": None, "about": "officials",
              "event": "events", "subject": None, "organization": "organizations"}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _proposal(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def label(proposal: dict) -> str:
    if proposal.get("action") == "discrepancy":
        return "discrepancy"
    collection = _text(proposal.get("collection"))
    found = LABELS.get(collection, collection)
    fields = _proposal(proposal.get("fields"))
    if found == "person" and fields.get("titles"):
        found = "person, title"
    supports = {claim for e in _evidence(proposal) for claim in _list(e.get("supports"))}
    extra = [claim for claim in ("date", "place") if claim in supports]
    return ", ".join([found, *extra])


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _evidence(proposal: dict) -> list[dict]:
    return [e for e in _list(proposal.get("evidence")) if isinstance(e, dict) and isinstance(e.get("quote"), str)]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    number: int  # the proposal's, from 0


def locate(text: str, quotes: Iterable[str]) -> dict[str, int]:
    """Where each quote first occurs in `text` (quotes not found are left
    out). The report's sentences are indexed once, so a quote that is one of
    them (as the draft writes every quote) costs a look-up; any other is
    searched for, once however often it is cited."""
    at: dict[str, int] = {}
    for sentence in sentences(text):
        at.setdefault(sentence.text, sentence.start)
    found: dict[str, int] = {}
    for quote in quotes:
        if quote in found or not quote:
            continue
        start = at.get(quote)
        if start is None:
            start = text.find(quote)
        if start >= 0:
            found[quote] = start
    return found


def page(draft: dict, text: str, page_path: str, briefing: Optional[Briefing] = None) -> str:
    """The review page's Markdown (HTML blocks): the proposals most likely
    right first, then the text with every piece of evidence marked."""
    proposals = [_proposal(p) for p in _list(draft.get("proposals"))]
    places = locate(text, (e["quote"] for p in proposals for e in _evidence(p)))
    spans = [Span(places[e["quote"]], places[e["quote"]] + len(e["quote"]), number)
             for number, proposal in enumerate(proposals) for e in _evidence(proposal) if e["quote"] in places]
    order = sorted(range(len(proposals)), key=lambda n: (-_confidence(proposals[n]), n))
    review = Review(proposals, briefing, page_path)
    flags = {number: review.conflicts(proposals[number]) for number in order}
    lines = [f"# Draft of {escape(_text(draft.get('source')))}", "",
             "Proposals drafted from this report, for review: not part of the published site. "
             "The most likely right come first; the numbers are the draft's own, as `apply` counts them. "
             "Edit the draft file, then `python build.py apply` it.", "",
             '<table class="review-proposals"><thead><tr><th>#</th><th>Action</th><th>Found</th><th>Record</th>'
             "<th>Why</th><th>Confidence</th><th>Flags</th></tr></thead><tbody>"]
    for number in order:
        proposal = proposals[number]
        lines.append(f"<tr><td>{number + 1}</td><td>{escape(_text(proposal.get('action')))}</td>"
                     f"<td>{escape(label(proposal))}</td><td>{review.record_link(proposal)}</td>"
                     f"<td>{escape(_text(proposal.get('why')))}</td><td>{escape(_text(proposal.get('confidence')))}</td>"
                     f"<td>{len(flags[number])}</td></tr>")
    lines += ["</tbody></table>", ""]
    for number in order:
        lines += review.card(number, proposals[number], flags[number])
    lines += ['<h2 id="review-text">The report</h2>', "", '<div class="review-text">',
              _marked(text, spans, proposals), "</div>", ""]
    return "\n".join(lines)


def _confidence(proposal: dict) -> float:
    value = proposal.get("confidence")
    return float(value) if isinstance(value, (int, float)) else 0.0


class Review:
    """What a proposal shows: its values as the site shows them, beside the
    record's; its evidence; its conflicts. Looks up only the records it names."""

    def __init__(self, proposals: list[dict], briefing: Optional[Briefing], page_path: str):
        self.briefing = briefing
        self.page_path = page_path
        # Records this draft proposes, so that a reference to one reads as such.
        self.proposed = {(_text(p.get("collection")), _text(p.get("id"))) for p in proposals if p.get("action") == "new"}
        self.surnames: dict[str, list[str]] = {}
        if briefing is not None:
            for official in briefing.officials.values():
                self.surnames.setdefault(official.name.split()[-1], []).append(official.id)

    def recorded(self, proposal: dict) -> Any:
        """The record a proposal changes; None for one it makes (a discrepancy is a record of its own)."""
        if self.briefing is None or proposal.get("action") in ("new", "discrepancy"):
            return None
        return self.briefing.collections.get(_text(proposal.get("collection")), {}).get(_text(proposal.get("id")))

    def record_link(self, proposal: dict) -> Markup:
        collection, record_id = _text(proposal.get("collection")), _text(proposal.get("id"))
        if proposal.get("action") == "new":
            return escape(f"{record_id} (new)")
        return self._link(collection, record_id, record_id)

    def _link(self, collection: str, record_id: str, text: str) -> Markup:
        if collection not in PAGE_FOLDERS or (self.briefing is not None and record_id not in
                                              self.briefing.collections.get(collection, {})):
            return escape(text)
        href = relative(self.page_path, page_of(collection, record_id))[:-3] + ".html"
        return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')

    def card(self, number: int, proposal: dict, conflicts: list[Markup]) -> list[str]:
        collection, record_id = _text(proposal.get("collection")), _text(proposal.get("id"))
        heading = f"{number + 1}. {_text(proposal.get('action'))} {LABELS.get(collection, collection)}: {record_id}"
        lines = [f'<section class="review-proposal" id="proposal-{number + 1}">',
                 f"<h2>{escape(heading)}</h2>",
                 f"<p>Confidence {escape(_text(proposal.get('confidence')))}: {escape(_text(proposal.get('why')))}</p>"]
        for conflict in conflicts:
            lines.append(f'<p class="review-conflict"><strong>Check:</strong> {conflict}</p>')
        lines += self._values(proposal)
        terms = self._terms(proposal)
        for evidence in _evidence(proposal):
            supports = ", ".join(_text(s) for s in _list(evidence.get("supports")))
            lines.append(f'<blockquote class="review-evidence">{_highlighted(evidence["quote"], terms)}'
                         f"{f'<br><small>supports: {escape(supports)}</small>' if supports else ''}</blockquote>")
        lines += ["</section>", ""]
        return lines

    # --- values, as the site shows them ---------------------------------------------

    def _values(self, proposal: dict) -> list[str]:
        fields = _proposal(proposal.get("fields"))
        if not fields:
            return []
        record = self.recorded(proposal)
        before = plain(record) if record is not None else {}
        if record is not None and "roles" in before:
            before["titles"] = [role["title"] for role in before["roles"]]
        if record is not None and "expansions" in before:
            before["expansions"] = [{"text": e["text"]} for e in before["expansions"]]
        rows = ['<table class="review-values"><thead><tr><th>Field</th>'
                + ("<th>Recorded</th><th>After apply</th>" if record is not None else "<th>Proposed</th>")
                + "</tr></thead><tbody>"]
        for name, value in fields.items():
            if record is None:
                rows.append(f"<tr><th>{escape(name)}</th><td>{self._shown(name, value)}</td></tr>")
            else:
                old = before.get(name)
                rows.append(f"<tr><th>{escape(name)}</th><td>{self._shown(name, old)}</td>"
                            f"<td>{self._diff(name, old, value)}</td></tr>")
        rows.append("</tbody></table>")
        return rows

    def _diff(self, name: str, old: Any, new: Any) -> Markup:
        """The value after apply: what is added marked <ins>, what is replaced <del>."""
        if isinstance(new, list):
            kept = _list(old)
            added = [item for item in new if item not in kept]
            return Markup(", ").join([self._shown(name, item) for item in kept]
                                     + [Markup(f"<ins>{self._shown(name, item)}</ins>") for item in added])
        if old == new:
            return Markup(f"{self._shown(name, new)} (unchanged)")
        if old is None:
            return Markup(f"<ins>{self._shown(name, new)}</ins>")
        return Markup(f"<del>{self._shown(name, old)}</del> <ins>{self._shown(name, new)}</ins>")

    def _shown(self, name: str, value: Any) -> Markup:
        if value is None:
            return Markup("<em>none</em>")
        if isinstance(value, str) and value.startswith(FILL_IN):
            return Markup(f'<em class="review-fill-in">{escape(value)}</em>')
        if isinstance(value, list):
            return Markup(", ").join(self._shown(name, item) for item in value)
        if isinstance(value, dict):
            if "title" in value:  # a role
                organization = value.get("organization")
                return Markup(f"{escape(_text(value['title']))}"
                              + (f" ({self._reference('organizations', organization)})" if organization else ""))
            if "text" in value:  # an expansion
                return escape(_text(value["text"]))
            return escape(", ".join(f"{k}: {v}" for k, v in value.items()))
        if name == "date":
            return escape(dates.human(_text(value)) if dates.invalid(_text(value)) is None else _text(value))
        if name == "country" and isinstance(value, str) and len(value) == 2:
            return escape(f"{country_name(value)} ({value})")
        if name in REFERENCES and isinstance(value, str):
            return self._reference(REFERENCES[name], value)
        return escape(_text(value))

    def _reference(self, collection: Optional[str], record_id: Any) -> Markup:
        record_id = _text(record_id)
        if self.briefing is not None:
            found = collection or self.briefing.collection_of(record_id)
            record = self.briefing.collections.get(found or "", {}).get(record_id)
            if record is not None and found:
                return self._link(found, record_id, getattr(record, "name", None) or getattr(record, "title", record_id))
        if any((c, record_id) in self.proposed for c in ([collection] if collection else LABELS)):
            return escape(f"{record_id} (new in this draft)")
        return escape(record_id)

    # --- evidence ------------------------------------------------------------------------

    def _terms(self, proposal: dict) -> list[str]:
        """The words of a proposal a quote may hold: its values, and the
        names of the records it names (the record's own, for a citation)."""
        terms: list[str] = []

        def gather(value: Any) -> None:
            if isinstance(value, str):
                if not value.startswith(FILL_IN) and len(value) > 1:
                    terms.append(value)
            elif isinstance(value, list):
                for item in value:
                    gather(item)
            elif isinstance(value, dict):
                for item in value.values():
                    gather(item)

        fields = _proposal(proposal.get("fields"))
        gather({k: v for k, v in fields.items() if k not in ("date", "date_basis", "date_note", "kind", "status")})
        record = self.recorded(proposal)
        named = [record] if record is not None else []
        if self.briefing is not None:
            for name in REFERENCES:
                for record_id in _list(fields.get(name)) or [fields.get(name)]:
                    if isinstance(record_id, str) and self.briefing.collection_of(record_id):
                        named.append(self.briefing.record(record_id))
        for found in named:
            gather([getattr(found, "name", None), getattr(found, "acronym", None), *getattr(found, "aliases", [])])
        return terms

    # --- conflicts ------------------------------------------------------------------------

    def conflicts(self, proposal: dict) -> list[Markup]:
        """What the curator must check before keeping the proposal."""
        if self.briefing is None:
            return []
        found: list[Markup] = []
        fields = _proposal(proposal.get("fields"))
        collection = _text(proposal.get("collection"))
        quotes = [e["quote"] for e in _evidence(proposal)]
        if collection == "events" and proposal.get("action") == "new":
            found += self._resembling(fields)
        people = [_text(proposal.get("id"))] if collection == "officials" and proposal.get("action") != "new" else []
        if collection == "events":
            people += [_text(p) for p in _list(fields.get("participants"))]
        for person in people:
            official = self.briefing.officials.get(person)
            if official is None:
                continue
            surname = official.name.split()[-1]
            whole = [official.name, *(a for a in official.aliases if " " in a)]
            if any(surname in quote and not any(name in quote for name in whole) for quote in quotes):
                found.append(Markup(f"{self._link('officials', official.id, official.name)} is named by the "
                                    f"surname '{escape(surname)}' only in its evidence: make sure the report means "
                                    "this person"))
        if collection == "officials" and proposal.get("action") == "new":
            name = _text(fields.get("name"))
            for other in self.surnames.get(name.split()[-1] if name.split() else "", []):
                found.append(Markup(f"shares the surname with {self._link('officials', other, self.briefing.officials[other].name)}:"
                                    " make sure they are not the same person"))
        return found

    def _resembling(self, fields: dict) -> list[Markup]:
        """Recorded engagements of the same people (two of them, or the one
        there is) at a time that may be the same."""
        assert self.briefing is not None
        date = fields.get("date") if isinstance(fields.get("date"), str) and not dates.invalid(fields["date"]) else None
        people = {_text(p) for p in _list(fields.get("participants"))}
        enough = min(2, len(people))
        seen: dict[str, Any] = {}
        for person in sorted(people):
            for event in self.briefing.events_of.get(person, []):
                if (event.id not in seen and len(people & set(event.participants)) >= enough
                        and dates_overlap(date, event.date)):
                    seen[event.id] = event
        return [Markup(f"resembles the recorded {self._link('events', event.id, event.title)} "
                       f"({escape(dates.human(event.date))}; "
                       f"{escape(', '.join(sorted(people & set(event.participants))))} in both): is it the same?")
                for event in seen.values()]


def _highlighted(quote: str, terms: list[str]) -> Markup:
    """A quote with the first whole-word occurrence of each term marked
    (longest first, never overlapping)."""
    taken: list[tuple[int, int]] = []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):
        found = re.search(rf"(?<!\w){re.escape(term)}(?!\w)", quote) if term in quote else None
        if found and not any(found.start() < e and s < found.end() for s, e in taken):
            taken.append(found.span())
    out, at = [], 0
    for start, end in sorted(taken):
        out += [html.escape(quote[at:start]), f"<mark>{html.escape(quote[start:end])}</mark>"]
        at = end
    out.append(html.escape(quote[at:]))
    return Markup("".join(out))


def _marked(text: str, spans: list[Span], proposals: list[dict]) -> str:
    """The text as HTML paragraphs, each stretch covered by evidence in a
    <mark> saying which proposals it supports. One sweep over the cut points:
    the proposals covering a stretch are kept up to date as the sweep goes
    (spans join where they start and leave, from a heap, where they end)."""
    labels = [label(p) for p in proposals]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    ending: list[tuple[int, int]] = []  # (end, proposal number)
    active: dict[int, int] = {}  # proposal number → how many of its spans cover the stretch
    out = []
    for start, end in zip(cuts, cuts[1:]):
        while ending and ending[0][0] <= start:
            _, number = heapq.heappop(ending)
            active[number] -= 1
            if not active[number]:
                del active[number]
        for span in starting.get(start, ()):
            active[span.number] = active.get(span.number, 0) + 1
            heapq.heappush(ending, (span.end, span.number))
        piece = html.escape(text[start:end]).replace("\n\n", "</p><p>").replace("\n", "<br>")
        if active:
            covering = sorted(active)
            names = "; ".join(f"{n + 1}: {labels[n]} {_text(proposals[n].get('id'))}" for n in covering)
            kinds = " ".join(sorted({labels[n].split(",")[0].replace(" ", "-") for n in covering}))
            out.append(f'<mark class="review {html.escape(kinds)}" title="{html.escape(names)}">{piece}'
                       f'<sup>{",".join(str(n + 1) for n in covering)}</sup></mark>')
        else:
            out.append(piece)
    return "<p>" + "".join(out) + "</p>"


def read_draft(path: Path, display: str) -> tuple[Optional[dict], Optional[Problem]]:
    """A draft as data, or why it cannot be read yet (a draft half typed):
    what `apply` refuses in reading one (load.read_node: a file not regular
    or too large, YAML syntax, anchors and aliases), or not a mapping."""
    problems: list[Problem] = []
    node = read_node(path, display, problems)
    if node is None:
        return None, problems[0]
    draft = yaml.SafeLoader("").construct_document(node)
    if not isinstance(draft, dict):
        return None, Problem(display, 1, "", "a draft is a mapping with `source` and `proposals`")
    return draft, None


def review_pages(root: Path, seeds: Path, texts: dict[str, str],
                 briefing: Optional[Briefing] = None) -> tuple[dict[str, Path], list[Problem]]:
    """Writes a review page for each draft in seeds/drafts/ that can be
    read; their paths by page, and why the others were left out."""
    written: dict[str, Path] = {}
    problems: list[Problem] = []
    folder = root / FOLDER
    for draft_path in sorted((seeds / "drafts").glob("*.yml")):
        display = str(draft_path.relative_to(root)) if draft_path.is_relative_to(root) else str(draft_path)
        draft, problem = read_draft(draft_path, display)
        if draft is None:
            if problem is not None:
                problems.append(problem)
            continue
        source = _text(draft.get("source") or draft_path.stem)
        if source not in texts:
            problems.append(Problem(display, 1, "source", f"no registered source '{source}' to review it against"))
            continue
        page_path = f"{PAGE_PREFIX}{draft_path.stem}.md"
        target = folder / page_path
        write_if_changed(target, page(draft, texts[source], page_path, briefing).encode("utf-8"))
        written[page_path] = target
    return written, problems
