"""Stage 4, render: records into Markdown pages and published data, in memory.

Templates format; the decisions (what links where, how a date reads, which
citations a fact has) are made here and in `records.py`. Every value a
template prints passes through `inert()` unless this module built it as
Markdown on purpose: that is the one place curated text is escaped.
"""

from __future__ import annotations

import functools
import posixpath
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import jinja2
from markupsafe import Markup, escape

from . import dates, pictures
from .datatext import json_line, yaml_text
from .model import COLLECTIONS, Citation
from .parallel import map_shared
from .problems import BadInput, Problem
from .project import Project
from .records import NOTES_PAGE, PAGE_FOLDERS, Briefing, country_name, page_of, url_of
from .schema import schemas
from .text import inert

DATA_FILE = "data/briefing.json"
GLOSSARY_PAGE = "glossary.md"
BOOK_PAGE = "book.md"
PDF_FILE = "briefing.pdf"
# The most engagements the book holds: one printed piece of about five pages
# an engagement. A longer briefing is printed page by page; its book says so.
BOOK_MAX_ENGAGEMENTS = 200
# The book's record sections, in reading order: (heading, collection).
BOOK_SECTIONS = [("Officials", "officials"), ("Initiatives", "initiatives"), ("Engagements", "events")]
# Collections whose records have a place in the book (sources close it).
BOOK_COLLECTIONS = {collection for _, collection in BOOK_SECTIONS} | {"sources", "statements", "discrepancies"}
# Page furniture for print: the briefing's title and as-of date on every page.
PRINT_CSS = "assets/print-page.css"
# Abbreviation definitions the MkDocs hook appends to every page, for tooltips.
ABBREVIATIONS_FILE = "includes/abbreviations.md"
# What the abbr extension can take as a term without reading it as syntax.
_ABBREVIATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&.\-]*$")


def _finalize(value):
    if isinstance(value, Markup):
        return value
    return "" if value is None else Markup(inert(value))


@dataclass
class Footnotes:
    """The citations of one page, numbered in order of first use."""

    numbers: dict = field(default_factory=dict)

    def number(self, citation: Citation) -> int:
        key = (citation.source, citation.quote)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return self.numbers[key]


class PageContext:
    """What a template may call while rendering one page."""

    def __init__(self, briefing: Briefing, page: str):
        self.briefing = briefing
        self.page = page
        self.folder = posixpath.dirname(page)
        self.notes = Footnotes()
        # The ids of the records this page shows (EVERYTHING: a view of the
        # whole briefing), and of those whose neighbours it lists (an
        # official's engagements, a visit's meetings), so that an edit
        # re-renders only the pages that show what it changed.
        self.shown: set[str] = set()
        self.listed: set[str] = set()

    def href(self, target_page: str, anchor: str = "") -> str:
        folder, _, name = target_page.rpartition("/")
        relative = _way(self.folder, folder) + name
        return relative + (f"#{anchor}" if anchor else "")

    def record_href(self, collection: str, record_id: str) -> str:
        """Where a Markdown link to a record points: its page, or its place on a page."""
        if collection in PAGE_FOLDERS:
            return self.href(page_of(collection, record_id))
        page, _, anchor = self.briefing.url(collection, record_id).partition("#")
        return self.href(page[:-len(".html")] + ".md", anchor)

    def link(self, record, text=None) -> Markup:
        """A Markdown link to a record's page, labelled with its name."""
        self.shown.add(record.id)
        collection = self.briefing.collection_of(record.id)
        label = text if text is not None else _label(record)
        return Markup(f"[{inert(label)}]({self.record_href(collection, record.id)})")

    def page_link(self, page: str, label) -> Markup:
        """A Markdown link to a page that is not a record's (a period of a long list)."""
        return Markup(f"[{inert(label)}]({self.href(page)})")

    def link_to(self, collection: str, record_id: str) -> Markup:
        """A link to a record; statements and discrepancies link to their place."""
        self.shown.add(record_id)
        record = self.briefing.collections[collection][record_id]
        if collection in PAGE_FOLDERS:
            return self.link(record)
        if collection == "statements":
            label = _statement_label(self.briefing, record)
        else:
            label = f"Discrepancy: {record.field}"
        return Markup(f"[{inert(label)}]({self.record_href(collection, record_id)})")

    def prose(self, text: str, own=None) -> Markup:
        """The curator's prose, escaped, with every mention of a named record
        linked to its page (but for `own`, the page's own record)."""
        parts, last = [], 0
        for start, end, record in self.briefing.mentions.find(text):
            if record is own:
                continue
            parts.append(inert(text[last:start]) if start > last else "")
            parts.append(self.link(record, text[start:end]))
            last = end
        parts.append(inert(text[last:]) if last < len(text) else "")
        return Markup("".join(parts))

    def links(self, records, separator: str = ", ") -> Markup:
        return Markup(separator.join(self.link(r) for r in records))

    def anchor(self, anchor_id: str) -> Markup:
        """A link target; ids are slugs (checked on load), so they need no escaping."""
        return Markup(f'<span id="{anchor_id}"></span>')

    def html_href(self, record) -> str:
        """A link for raw HTML (pictures), where MkDocs does not rewrite .md links."""
        page = page_of(self.briefing.collection_of(record.id), record.id)
        return url_of(self.href(page))

    def timeline_chart(self, group=None) -> Markup:
        """The whole timeline, or one period's (a Period of the timeline)."""
        b = self.briefing
        self.shown.add(EVERYTHING)
        if group is not None:
            return pictures.timeline_chart(b.timeline_rows(group.events), self.html_href,
                                           "The list below gives each engagement with its date.")
        undated = len(b.events) - len(b.timeline_rows())
        return pictures.timeline_chart(b.timeline_rows(), self.html_href,
                                       f"{undated} engagements without a date are listed below the chart.")

    def latest_chart(self) -> Markup:
        """The home page's chart: the latest engagements only, however long the briefing."""
        b = self.briefing
        self.shown.add(EVERYTHING)
        rows = b.home_rows()
        left_out = len(b.timeline_rows()) - len(rows)
        about = (f"{left_out} earlier engagements and the undated ones are in the timeline." if left_out
                 else "Engagements without a date are in the timeline.")
        return pictures.timeline_chart(rows, self.html_href, about)

    def network(self, official=None) -> Markup:
        """Everyone who met anyone, or one official with their counterparts;
        at most HOME_OFFICIALS of them, the most engaged."""
        b = self.briefing
        if official is None:
            self.shown.add(EVERYTHING)
            people = b.home_officials()
            everyone = sum(1 for o in b.officials.values() if b.counterparts(o.id))
            return pictures.network(b, people, b.met_pairs, self.html_href, "network", left_out=everyone - len(people))
        people = b.frequent_counterparts(official.id)
        # The lines between counterparts come from their own engagements.
        self.listed.update(o.id for o in people)
        self.listed.add(official.id)
        return pictures.network(b, [official] + people, b.met_pairs, self.html_href, f"network-{official.id}",
                                centre=official, left_out=len(b.counterparts(official.id)) - len(people))

    def cite(self, citations) -> Markup:
        # A separator, or adjacent note numbers 1 2 3 would read as 123.
        return Markup("<sup>,</sup>".join(f"[^{n}]" for n in dict.fromkeys(self.notes.number(c) for c in citations)))

    def footnotes(self) -> Markup:
        lines = []
        for (source_id, quote), number in self.notes.numbers.items():
            source = self.briefing.sources[source_id]
            lines.append(f"[^{number}]: {self.link(source)}{self.source_detail(source)}: “{inert(quote)}”")
        return Markup("\n".join(lines))

    def source_detail(self, source) -> Markup:
        self.shown.add(source.id)
        parts = [inert(source.outlet) if source.outlet else "outlet not stated",
                 inert(dates.human(source.published)) if source.published else "date not stated"]
        return Markup(f" ({', '.join(parts)})")

    def date(self, event) -> Markup:
        self.shown.add(event.id)
        text = inert(dates.human(event.date))
        qualifier = dates.qualifier(event.date, event.date_basis)
        return Markup(f"{text} ({qualifier})" if qualifier else text)


class BookContext(PageContext):
    """Renders every page into one document: links point within it, and each
    section's citations become its own numbered notes (footnotes would all
    gather at the very end of the book)."""

    def __init__(self, briefing: Briefing, page: str):
        super().__init__(briefing, page)
        self.section = 0
        self.anchors: set[str] = set()

    def in_book(self, collection: str, record) -> bool:
        """Organizations and topics have no part in the book; a statement is
        shown under its engagement or its speaker, when either is in it."""
        if collection == "statements":
            return bool(record.event) or record.speaker in self.briefing.officials
        return collection in BOOK_COLLECTIONS

    def link(self, record, text=None) -> Markup:
        if not self.in_book(self.briefing.collection_of(record.id), record):
            return Markup(inert(text if text is not None else _label(record)))  # named, not linked
        return super().link(record, text)

    def link_to(self, collection: str, record_id: str) -> Markup:
        record = self.briefing.collections[collection][record_id]
        if collection == "statements" and not self.in_book(collection, record):
            return Markup(inert(_statement_label(self.briefing, record)))
        return super().link_to(collection, record_id)  # pages go through link()

    def record_href(self, collection: str, record_id: str) -> str:
        if collection in PAGE_FOLDERS:
            return f"#{book_anchor(collection, record_id)}"
        return "#" + self.briefing.url(collection, record_id).partition("#")[2]

    def html_href(self, record) -> str:
        return self.record_href(self.briefing.collection_of(record.id), record.id)

    def anchor(self, anchor_id: str) -> Markup:
        # A statement shows under its engagement and its speaker: one target.
        if anchor_id in self.anchors:
            return Markup("")
        self.anchors.add(anchor_id)
        return super().anchor(anchor_id)

    def cite(self, citations) -> Markup:
        numbers = dict.fromkeys(self.notes.number(c) for c in citations)
        return Markup("<sup>" + ",".join(
            f'<a href="#note-{self.section}-{n}">{n}</a>' for n in numbers) + "</sup>")

    def footnotes(self) -> Markup:
        """The notes cited since the last call, as a numbered list; then a new section."""
        lines = []
        for (source_id, quote), number in self.notes.numbers.items():
            source = self.briefing.sources[source_id]
            lines.append(f'{number}. <span id="note-{self.section}-{number}"></span>'
                         f"{self.link(source)}{self.source_detail(source)}: “{inert(quote)}”")
        self.notes = Footnotes()
        self.section += 1
        if not lines:
            return Markup("")
        return Markup('<p class="book-notes-heading">Notes</p>\n\n' + "\n".join(lines) + "\n")


def book_anchor(collection: str, record_id: str) -> str:
    return f"r-{collection}-{record_id}"


@functools.lru_cache(maxsize=4096)
def _way(from_folder: str, to_folder: str) -> str:
    """The relative path from one folder of the docs to another, ending in /
    unless empty: posixpath.relpath without its costly calls to the file
    system's current directory (pages link thousands of times)."""
    here = from_folder.split("/") if from_folder else []
    there = to_folder.split("/") if to_folder else []
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    return "/".join(parts) + "/" if parts else ""


def _statement_label(briefing: Briefing, statement) -> str:
    return f"Statement by {_label(briefing.record(statement.speaker))}"


def _label(record) -> str:
    return getattr(record, "name", None) or getattr(record, "title", None) or record.id


# What a page depends on when it shows a view of the whole briefing.
EVERYTHING = "*"
# The Briefing's views of one record's neighbours (an official's engagements);
# any other view a template reads (all engagements, the timeline, the
# glossary…) is of the whole briefing, but for plain lookups by id.
_VIEWS_OF_ONE = frozenset({
    "events_of", "statements_of", "officials_of", "participants_of", "topics_of", "sources_of", "sides",
    "siblings", "children", "nested", "counterparts", "initiatives_of", "initiatives_in_topic",
    "facts_from", "corroborated", "engagement_periods", "last_event",
})
_LOOKUPS = frozenset({"record", "records", "sources_cited", "search_terms"})
_RECORD_TYPES = frozenset(COLLECTIONS.values())


class _Environment(jinja2.Environment):
    """Notes, for the page being rendered, each record a template reads and
    each record whose neighbours it asks the briefing for."""

    context: Optional[PageContext] = None

    def getattr(self, obj, attribute):
        value = super().getattr(obj, attribute)
        context = self.context
        if context is None:
            return value
        if type(obj) is Briefing:
            if attribute in _VIEWS_OF_ONE:
                return _Neighbours(value, context.listed)
            if attribute not in _LOOKUPS:
                context.shown.add(EVERYTHING)
        elif type(obj) in _RECORD_TYPES:
            context.shown.add(obj.id)
        return value


class _Neighbours:
    """A view of the briefing asked about one record (called, or looked up
    with .get or []), noting the record's id."""

    __slots__ = ("view", "listed")

    def __init__(self, view, listed: set):
        self.view, self.listed = view, listed

    def _note(self, key) -> None:
        self.listed.add(key if isinstance(key, str) else key.id)

    def __call__(self, key, *args):
        self._note(key)
        return self.view(key, *args)

    def get(self, key, default=None):
        self._note(key)
        return self.view.get(key, default)

    def __getitem__(self, key):
        self._note(key)
        return self.view[key]


@functools.cache
def _environment(templates: Path) -> jinja2.Environment:
    """One environment per templates folder for the life of the process, so
    `serve` recompiles only the templates that changed (Jinja checks their
    modification times); compiled templates are also kept on disk between runs."""
    cache = templates.parent / ".cache" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.globals["country_name"] = country_name
    env.globals["book_anchor"] = book_anchor
    return env


def _front_matter(title: str, search_terms: list[str], searchable: bool = True) -> str:
    # MkDocs themes insert the page title into HTML (<title>, navigation,
    # search results) without escaping it, so it is escaped here. Material's
    # search weighs front-matter tags far above text: a record's names,
    # spellings and titles there make its own page the first hit for them.
    meta: dict = {"title": str(escape(title))}
    if search_terms:
        meta["tags"] = [str(escape(term)) for term in search_terms]
    if not searchable:
        meta["search"] = {"exclude": True}
    return "---\n" + yaml_text(meta) + "---\n\n"


# (collection, template) for record pages; index pages use "<collection>_index".
RECORD_PAGES = [(collection, collection[:-1] if collection != "sources" else "source")
                for collection in PAGE_FOLDERS]


class Rendered:
    """The pages rendered in this process, each with the records it showed,
    so that under `mkdocs serve` an edit re-renders only the pages showing a
    record it changed. Everything is rendered again when the templates, the
    names prose links by, or the briefing's title or date change."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[frozenset, frozenset, str]] = {}
        self.data: dict[tuple[str, str], tuple[str, bytes]] = {}  # (collection, id) → (JSON, YAML)
        self.basis: Optional[tuple] = None
        self.collections: Optional[dict] = None  # the records the pages were rendered from

    def changed(self, briefing: Briefing, project: Project) -> Optional[tuple[set[str], set[str]]]:
        """The ids of the records edited since the last run, and of those
        whose neighbours may have changed with them; None: render everything."""
        basis = (_templates_state(project.templates), briefing.mentions_key, project.site_name, project.build_date)
        previous, self.collections = self.collections, briefing.collections
        if basis != self.basis or previous is None:
            self.basis = basis
            self.pages.clear()
            self.data.clear()
            return None
        return briefing.changed_since(previous)


def _templates_state(templates: Path) -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in templates.glob("*.j2")))


def render_pages(briefing: Briefing, project: Project, memo: Optional[Rendered] = None,
                 changed: Optional[tuple[set[str], set[str]]] = None) -> dict[str, str]:
    """Every page, by path. With a `memo` of an earlier run, and the ids
    `changed` since, only the pages showing a changed record are rendered."""
    env = _environment(project.templates)
    jobs: list[tuple] = []

    def page(path: str, template: str, title: str, search_terms=(), context_class=PageContext,
             searchable=True, **values) -> None:
        jobs.append((path, f"{template}.md.j2", title, tuple(search_terms), context_class, searchable, values))

    def render(job: tuple) -> str:
        path, name, title, search_terms, context_class, searchable, values = job
        context = context_class(briefing, path)
        env.context = context if memo is not None else None  # what it shows matters only to a memo
        try:
            body = env.get_template(name).render(b=briefing, ctx=context, dates=dates, title=title, **values)
        except jinja2.TemplateError as error:
            raise BadInput([_template_problem(error, project, name, path)]) from None
        finally:
            env.context = None
        if "record" in values:
            context.listed.add(values["record"].id)
        text = _front_matter(title, list(search_terms), searchable) + body.rstrip() + "\n\n" + str(context.footnotes()) + "\n"
        if memo is not None:
            memo.pages[path] = (frozenset(context.shown), frozenset(context.listed), text)
        return text

    page("index.md", "home", project.site_name)
    # Lists of what the record pages say: searching them would repeat hits.
    page("timeline.md", "timeline", "Timeline", searchable=False)
    page(NOTES_PAGE, "notes", "Notes on the sources")
    page(GLOSSARY_PAGE, "glossary", "Glossary")
    # The book repeats every page: searching it would double every hit.
    page(BOOK_PAGE, "book" if len(briefing.events) <= BOOK_MAX_ENGAGEMENTS else "book_too_long",
         "Briefing book", context_class=BookContext, searchable=False, as_of=project.build_date,
         site_name=project.site_name, sections=BOOK_SECTIONS, most=BOOK_MAX_ENGAGEMENTS)
    for group in briefing.timeline_periods:
        page(group.page, "timeline_period", f"Timeline: {group.label}", searchable=False,
             group=group, groups=briefing.timeline_periods)
    for collection, template in RECORD_PAGES:
        folder = PAGE_FOLDERS[collection]
        page(f"{folder}/index.md", f"{folder}_index", folder.capitalize() if folder != "events" else "Engagements",
             searchable=False)
        for record in briefing.collections[collection].values():
            page(page_of(collection, record.id), template, _label(record),
                 briefing.search_terms(record), record=record)
            periods = briefing.engagement_periods(record)
            for group in periods:
                page(group.page, "engagements_period", f"{_label(record)}: {group.label}", searchable=False,
                     record=record, group=group, groups=periods,
                     people="Counterparts" if collection == "officials" else "Participants",
                     besides=record.id if collection == "officials" else None)

    for name in sorted({job[1] for job in jobs}):
        try:
            env.get_template(name)  # compiled once, before the work is shared
        except jinja2.TemplateError as error:
            raise BadInput([_template_problem(error, project, name)]) from None
    if memo is None:
        return dict(zip((job[0] for job in jobs), map_shared(render, jobs)))
    pages: dict[str, str] = {}
    for job in jobs:
        kept = memo.pages.get(job[0]) if changed is not None else None
        if kept is not None and not _shows_a_change(kept[0], kept[1], changed):
            pages[job[0]] = kept[2]
        else:
            pages[job[0]] = render(job)
    for gone in memo.pages.keys() - pages.keys():
        del memo.pages[gone]
    return pages


def _shows_a_change(shown: frozenset, listed: frozenset, changed: tuple[set[str], set[str]]) -> bool:
    edited, touched = changed
    return bool(touched and EVERYTHING in shown) or not shown.isdisjoint(edited) or not listed.isdisjoint(touched)


def _template_problem(error: jinja2.TemplateError, project: Project, name: str, page: str = "") -> Problem:
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = project.display(Path(error.filename)) if error.filename else f"templates/{name}"
        return Problem(where, error.lineno or 0, "", f"template syntax: {error.message}")
    return Problem(f"templates/{name}", _template_line(error, name), "",
                   f"template failed while rendering {page}: {error}")


def _template_line(error: Exception, name: str) -> int:
    """The line of the template being rendered when `error` was raised."""
    line = 0
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename.endswith(name):
            line = lineno
    return line


def render_outputs(briefing: Briefing, project: Project, memo: Optional[Rendered] = None) -> dict[str, bytes]:
    """Every generated file under content/, by path, with its bytes. With a
    `memo` of an earlier run in this process, only what changed is rendered."""
    changed = memo.changed(briefing, project) if memo is not None else None
    outputs = {page: text.encode("utf-8") for page, text in render_pages(briefing, project, memo, changed).items()}
    outputs[PRINT_CSS] = print_css(project).encode("utf-8")
    outputs[ABBREVIATIONS_FILE] = abbreviations(briefing).encode("utf-8")
    outputs.update(data_outputs(briefing, memo, changed))
    return outputs


def data_outputs(briefing: Briefing, memo: Optional[Rendered] = None,
                 changed: Optional[tuple[set[str], set[str]]] = None) -> dict[str, bytes]:
    """The published data: every record in one JSON file, a line each, and
    each in a YAML file of its own."""
    keys = [(collection, record_id) for collection, records in briefing.collections.items() for record_id in records]

    def texts(key: tuple[str, str]) -> tuple[str, bytes]:
        data = briefing.record_data(key[0], briefing.collections[key[0]][key[1]])
        return json_line(data), yaml_text(data).encode("utf-8")

    if memo is None:
        written = dict(zip(keys, map_shared(texts, keys)))
    else:  # Rendered.changed() emptied memo.data where everything changed
        for key in keys:
            if key not in memo.data or key[1] in changed[1]:
                memo.data[key] = texts(key)
        for gone in memo.data.keys() - set(keys):
            del memo.data[gone]
        written = memo.data
    outputs: dict[str, bytes] = {}
    lines: dict[str, list[str]] = {collection: [] for collection in briefing.collections}
    for collection, record_id in keys:
        line, yaml_bytes = written[(collection, record_id)]
        lines[collection].append(line)
        outputs[f"data/{collection}/{record_id}.yml"] = yaml_bytes
    outputs[DATA_FILE] = ("{" + ",\n".join(json_line(collection) + ":[\n" + ",\n".join(found) + "\n]"
                                           for collection, found in lines.items()) + "}\n").encode("utf-8")
    return outputs


def _css_string(text: str) -> str:
    return '"' + "".join(c if c.isalnum() or c in " .,;:()–-" else f"\\{ord(c):x} " for c in text) + '"'


def print_css(project: Project) -> str:
    """@page margin boxes (Chromium 131+) carry the title, as-of date and page numbers."""
    as_of = f"as of {dates.human(project.build_date.isoformat())}"
    return (
        "/* Generated by the briefing build: the title and the date of this build on every printed page. */\n"
        "@page {\n"
        "  margin: 18mm 15mm 18mm 15mm;\n"
        f"  @top-left {{ content: {_css_string(project.site_name)}; font: 8pt sans-serif; color: #333; }}\n"
        f"  @top-right {{ content: {_css_string(as_of)}; font: 8pt sans-serif; color: #333; }}\n"
        '  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #333; }\n'
        "}\n"
    )


def abbreviations(briefing: Briefing) -> str:
    """Markdown abbreviation definitions; the tooltip is an HTML attribute,
    which the abbr extension escapes itself."""
    lines = []
    for entry in briefing.glossary():
        if _ABBREVIATION.match(entry.acronym) and entry.tooltip:
            tooltip = " ".join(entry.tooltip.split())
            lines.append(f"*[{entry.acronym}]: {tooltip}")
    # A paragraph each: Python-Markdown takes one definition at a time off a
    # block and tests what is left again, so one block of n lines costs n²,
    # on every page (94 ms a page with 244 acronyms, 9 ms apart).
    return "\n\n".join(lines) + "\n"


def schema_outputs() -> dict[str, bytes]:
    """The JSON Schemas beside the seeds, by file name."""
    return {name: text.encode("utf-8") for name, text in schemas().items()}
