"""Stage 5, pages: the Markdown pages, from Jinja2 templates.

Templates format; the decisions (what links where, how a date reads, which
citations a fact has) are made here, in the views, the routes and a page's
links (`links.py`). A template calls `PageContext`, which hands a page's
links to `links.py`, its notes to `footnotes.py` and its linked data to
`linkeddata.py`. Every value a template prints passes through `inert()`
unless this module (or those) built it as Markdown on purpose: that is the
one place curated text is escaped.

Each page is a job (`incremental.Job`): a function of the briefing and of
its arguments only, so that `mkdocs serve` can re-render just the pages an
edit changes.
"""

from __future__ import annotations

import datetime
import functools
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import jinja2
import jinja2.meta
from markupsafe import Markup, escape

from . import calendars, dates, linkeddata, pictures, reports
from .datatext import yaml_text
from .footnotes import BookNotes, Notes, source_detail
from .incremental import Job
from .indexes import EXISTS, HELD
from .kinds import KINDS, book_sections, with_pages
from .links import BookLinks, Links
from .problems import BadInput, Problem
from .project import TEMPLATES, shipped
from .readable import ReadableBriefing
from .routes import (
    BOOK_PAGE,
    EXPORTS_PAGE,
    GLOSSARY_PAGE,
    HOME_PAGE,
    NOTES_PAGE,
    TIMELINE_PAGE,
    book_anchor,
    calendar_of,
    index_page,
    page_of,
    sentence_anchor,
    statement_anchor,
)
from .search import folded
from .text import inert, words
from .views import PER_ONE_REPORT, country_name, one_report

# The most engagements the book holds: one printed piece of about five pages
# an engagement. A longer briefing is printed page by page; its book says so.
BOOK_MAX_ENGAGEMENTS = 200
# What a facts table says of a claim no report supports.
CURATED = Markup('<span class="curated">curator\'s classification, no report cited</span>')


def _finalize(value):
    if isinstance(value, Markup):
        return value
    return "" if value is None else Markup(inert(value))


class PageContext:
    """What a template may call while rendering one page: the page's links
    (`links.py`), its notes (`footnotes.py`) and its linked data
    (`linkeddata.py`), and what it formats of the briefing. `briefing` is
    the briefing, or under `mkdocs serve` the recorder standing in for it."""

    links_class: type[Links] = Links
    notes_class: type[Notes] = Notes

    def __init__(self, briefing: ReadableBriefing, page: str, report_text: bool = True):
        self.briefing = briefing
        self.page = page
        self.report_text = report_text  # whether source pages publish their report's text
        self.page_links = self.links_class(briefing, page, report_text)
        self.notes = self.notes_class(briefing, self.page_links)
        self.data = linkeddata.PageLinkedData(briefing, self.page_links)

    # --- links (links.py) ------------------------------------------------------

    def link(self, record, text=None) -> Markup:
        """A Markdown link to a record's page, labelled with its name."""
        return self.page_links.link(record, text)

    def links(self, records, separator: str = ", ") -> Markup:
        return Markup(separator.join(self.page_links.link(r) for r in records))

    def page_link(self, page: str, label) -> Markup:
        return self.page_links.page_link(page, label)

    def link_to(self, collection: str, record_id: str) -> Markup:
        return self.page_links.link_to(collection, record_id)

    def section_link(self, name: str, label: str) -> Markup:
        return self.page_links.section_link(name, label)

    def quote_link(self, citation) -> Markup:
        """A citation's quote, linked to where it stands in its report's
        text when the source page publishes it."""
        return self.page_links.quoted(citation.source, citation.quote)

    def prose(self, text: str, own=None) -> Markup:
        """The curator's prose, escaped, with every mention of a named record
        linked to its page (but for `own`, the page's own record)."""
        parts, last = [], 0
        for start, end, record_id in self.briefing.mentions.find(text):
            if own is not None and record_id == own.id:
                continue
            parts.append(inert(text[last:start]) if start > last else "")
            parts.append(self.page_links.record_link(self.briefing.collection_holding(record_id), record_id, text[start:end]))
            last = end
        parts.append(inert(text[last:]) if last < len(text) else "")
        return Markup("".join(parts))

    def anchor(self, anchor_id: str) -> Markup:
        """A link target; ids are slugs (checked on load), so they need no escaping."""
        return Markup(f'<span id="{anchor_id}"></span>')

    def statement_id(self, statement) -> Markup:
        """The id attribute of a statement's quotation, its link target."""
        anchor = statement_anchor(statement.id)
        return Markup(f' id="{anchor}"') if self.anchor(anchor) else Markup("")

    # --- notes (footnotes.py) --------------------------------------------------

    def cite(self, citations) -> Markup:
        return self.notes.cite(citations)

    def footnotes(self) -> Markup:
        return self.notes.footnotes()

    def source_detail(self, source) -> Markup:
        return source_detail(source)

    # --- linked data (linkeddata.py) -------------------------------------------

    def linked_data(self, record) -> Markup:
        """The record as schema.org JSON-LD (see linkeddata.py), in one
        script element, its JSON escaped so that curated text stays inert."""
        return self.data.record(record)

    def dataset(self, site_name: str, licence: str, distributions) -> Markup:
        """The exports page's linked data: the briefing as a Dataset of its files."""
        return self.data.dataset(site_name, licence, distributions)

    # --- pictures ----------------------------------------------------------------

    def timeline_chart(self, group=None) -> Markup:
        """The whole timeline, or one period's (a Period of the timeline)."""
        b = self.briefing
        if group is not None:
            return pictures.timeline_chart(b.timeline_rows(group.events), self.page_links.html_href,
                                           "The list below gives each engagement with its date.")
        undated = len(b.events) - len(b.timeline_rows())
        return pictures.timeline_chart(b.timeline_rows(), self.page_links.html_href,
                                       f"{undated} engagements without a date are listed below the chart.")

    def latest_chart(self) -> Markup:
        """The home page's chart: the latest engagements only, however long
        the briefing; its caption says how many it leaves out, and where they are."""
        b = self.briefing
        rows = b.home_rows()
        dated = len(b.timeline_rows())
        left_out, undated = dated - len(rows), len(b.events) - dated
        about = (f"{left_out} earlier engagements and the undated ones are in the timeline." if left_out
                 else "Engagements without a date are in the timeline.")
        timeline = self.page_links.html_section_link("timeline", "timeline")
        if left_out:
            note = Markup(f"the latest {len(rows)} of {dated} dated engagements; the {timeline} has every one")
        elif undated:
            note = Markup(f"every dated engagement; the {timeline} also lists the {undated} without a date")
        else:
            note = Markup("")
        return pictures.timeline_chart(rows, self.page_links.html_href, about, "latest-chart", note)

    def network(self, official=None) -> Markup:
        """Who met whom: among the HOME_OFFICIALS most engaged officials and
        the rest summed up by country, or one official with the
        counterparts met most often. Each country has its mark for the whole
        briefing (`country_order`)."""
        b = self.briefing
        if official is None:
            crowd = b.who_met_whom
            others = crowd.networked - crowd.drawn
            officials = self.page_links.html_section_link("officials", "Officials")
            note = Markup(f"the {crowd.drawn} officials who took part in the most engagements, and the {others} "
                          f"others who met anyone, summed up by country; {officials} lists everyone" if others else
                          f"each cell counts the engagements two officials shared; {officials} lists everyone")
            return pictures.who_met_whom(crowd, b.country_order, self.page_links.html_href,
                                         self.page_links.section_href("officials"), note=note)
        met = b.frequent_counterparts(official.id)
        left_out = len(b.counterparts(official.id)) - len(met)
        note = Markup(f"the {len(met)} counterparts met most often; "
                      + ("the other is" if left_out == 1 else f"the {left_out} others are") + " listed below"
                      if left_out else "")
        return pictures.counterparts(official, met, b.country_order, self.page_links.html_href, f"network-{official.id}",
                                     left_out, note)

    # --- facts, their sources and their reports ----------------------------------

    def support(self, record, claim: str, among=None) -> Markup:
        """How many reports support one claim of a record (its date, its
        place…), with their notes; for participants `among` some officials
        (one side's row), the citations naming them. A claim no citation
        supports (an engagement's offices, topics, visit: `verify` lets no
        date, place or participant go unsupported) is the curator's
        classification, and says so."""
        cited = (self.briefing.participant_citations(record, among) if among is not None
                 else self.briefing.claims(record).get(claim, []))
        return self.support_of(cited) or CURATED

    def support_of(self, cited) -> Markup:
        """How many independent reports give a claim, with their notes; when
        it rests on one that names neither outlet nor date, it says so."""
        if not cited:
            return Markup("")
        count = len({c.source for c in cited})
        text = f"{count} report{'' if count == 1 else 's'}"
        if count == 1 and self.briefing.bare_sources(cited):
            text = '<span class="single-bare">1 report only, naming no outlet or date</span>'
        return Markup(f"{text} {self.cite(cited)}")

    def per_one_report(self, cited) -> Markup:
        """An expansion's or a spelling's caveat when one report alone gives it."""
        return Markup(f" ({PER_ONE_REPORT})") if cited and one_report(cited) else Markup("")

    def cited_prose(self, text: str, own, citations) -> Markup:
        """The curator's prose with each note at the sentence it supports:
        the sentence sharing the most words with the note's quote (the first,
        which says what the record is, when none shares two)."""
        spans = reports.sentence_spans(text)
        if not spans:
            return self.cite(citations)
        placed: dict[int, list] = {}
        said = [{w for w in words(text[s:e]) if len(w) > 3} for s, e in spans]
        for citation in citations:
            quoted = {w for w in words(citation.quote) if len(w) > 3}
            shared = [len(quoted & sentence) for sentence in said]
            best = max(range(len(spans)), key=lambda i: (shared[i], i))
            placed.setdefault(best if shared[best] >= 2 else 0, []).append(citation)
        parts = []
        for index, (start, end) in enumerate(spans):
            notes = placed.get(index)
            parts.append(self.prose(text[start:end], own) + (self.cite(notes) if notes else ""))
        return Markup(" ".join(parts))

    def excerpt(self, quote: str, most: int = 30) -> Markup:
        """The opening of a quotation, at most `most` words, marked when cut."""
        taken = quote.split()
        return Markup(inert(" ".join(taken[:most])) + ("…" if len(taken) > most else ""))

    def report_body(self, source) -> Markup:
        """A report's text as HTML: a paragraph for each of its lines, each
        sentence a quote cites marked and anchored, with links to the claims
        it supports."""
        report = self.briefing.report(source.id) if self.report_text else None
        if report is None:
            return Markup("")
        claims = self.briefing.sentence_claims(source.id)
        paragraphs = []
        for paragraph in report.paragraphs:
            parts = []
            for sentence in paragraph:
                facts = claims.get(sentence.number)
                if not facts:
                    parts.append(str(escape(sentence.text)))
                    continue
                parts.append(f'<mark id="{sentence_anchor(sentence.number)}" class="cited">'
                             f"{escape(sentence.text)}</mark>{self._supported(facts)}")
            paragraphs.append("<p>" + " ".join(parts) + "</p>")
        return Markup('<div class="report-text">\n' + "\n".join(paragraphs) + "\n</div>")

    def _supported(self, facts) -> str:
        """The claims a sentence supports, each record once with its claims."""
        by_record: dict[tuple[str, str], list[str]] = {}
        for fact in facts:
            aspects = by_record.setdefault((fact.collection, fact.record_id), [])
            aspect = fact.aspect if fact.aspect != EXISTS else KINDS[fact.collection].exists
            if aspect not in aspects:
                aspects.append(aspect)
        links = []
        for (collection, record_id), aspects in by_record.items():
            kind = KINDS[collection]
            label = (kind.claims_label or kind.label)(self.briefing, self.briefing.record(record_id))
            links.append(f'<a href="{escape(self.page_links.html_place_href(collection, record_id))}">'
                         f"{escape(label)}</a> ({escape(', '.join(aspects))})")
        return f' <span class="sentence-claims">supports {"; ".join(links)}</span>'

    def disputes(self, record, claim: Optional[str] = None) -> Markup:
        """Links to where the sources disagree about the record (about one
        claim of it, when `claim` is given: a discrepancy whose field names it)."""
        found = [d for d in self.briefing.discrepancies_of.get(record.id, [])
                 if claim is None or d.field.casefold().startswith(claim)]
        links = ", ".join(f"[sources disagree: {inert(d.field)}]"
                          f"({self.page_links.record_href('discrepancies', d.id)})" for d in found)
        return Markup(f" ({links})" if links and claim else links)

    def date(self, event) -> Markup:
        """When, how sure, and, for an engagement not reported as held, its status."""
        text = inert(dates.human(event.date))
        notes = [dates.qualifier(event.date, event.date_basis), "" if event.status == HELD else event.status]
        said = "; ".join(note for note in notes if note)
        return Markup(f"{text} ({said})" if said else text)

    def calendar_link(self, official) -> Markup:
        """A link to an official's calendar, saying how many of their engagements
        it holds; none when it would hold none (see calendars.py)."""
        events = self.briefing.events_of.get(official.id, [])
        held = sum(1 for event in events if calendars.days(event))
        if not held:
            return Markup("")
        href = self.page_links.href
        return Markup(f"**Calendar:** [engagements of {inert(official.name)}]({href(calendar_of(official.id))}), "
                      f"to subscribe to or import (iCalendar): the {held} of {len(events)} whose days are known "
                      f"(see [Exports]({href(EXPORTS_PAGE)})).")


class BookContext(PageContext):
    """Renders every page into one document: links point within it
    (`links.BookLinks`), and each section's citations become its own
    numbered notes (`footnotes.BookNotes`)."""

    links_class = BookLinks
    notes_class = BookNotes

    def __init__(self, briefing: ReadableBriefing, page: str, report_text: bool = True):
        super().__init__(briefing, page, report_text)
        self.anchors: set[str] = set()

    def linked_data(self, record) -> Markup:
        return Markup("")  # the book is one page: its records carry their linked data on their own pages

    def calendar_link(self, official) -> Markup:
        return Markup("")

    def anchor(self, anchor_id: str) -> Markup:
        # A statement shows under its engagement and its speaker: one target.
        if anchor_id in self.anchors:
            return Markup("")
        self.anchors.add(anchor_id)
        return super().anchor(anchor_id)

    def report_body(self, source) -> Markup:
        return Markup("")  # the book does not hold the reports' texts


@functools.cache
def environment(templates: Path) -> jinja2.Environment:
    """One environment per templates folder for the life of the process, so
    `serve` recompiles only the templates that changed (Jinja checks their
    modification times); compiled templates are also kept on disk between runs.
    A template in the project's folder replaces the shipped one of its name,
    file by file (a `ChoiceLoader`, as Datasette does); the folder may be missing."""
    cache = templates.parent / ".cache" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=_loader(templates),
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
    env.globals["EXISTS"] = EXISTS
    return env


def _loader(templates: Path) -> jinja2.BaseLoader:
    """The project's templates first, then the shipped ones."""
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(templates)), jinja2.FileSystemLoader(str(shipped(TEMPLATES)))])


def templates_state(templates: Path) -> tuple:
    """What the templates are now, the project's and the shipped ones: any
    change re-renders every page (a template may include any other)."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for folder in (templates, shipped(TEMPLATES)) for p in folder.glob("*.j2")))


def _front_matter(title: str, search_terms: tuple, searchable: bool) -> str:
    # MkDocs themes insert the page title into HTML (<title>, navigation,
    # search results) without escaping it, so it is escaped here. Material's
    # search weighs front-matter tags far above text: a record's names,
    # spellings and titles there make its own page the first hit for them.
    meta: dict = {"title": str(escape(title))}
    if search_terms:
        # Each name also without its accents, which the search's query loses too
        # (content/assets/search-extras.js): "Sefcovic" finds "Šefčovič".
        terms = dict.fromkeys(t for term in search_terms for t in (term, folded(term)))
        meta["tags"] = [str(escape(term)) for term in terms]
    if not searchable:
        meta["search"] = {"exclude": True}
    return "---\n" + yaml_text(meta) + "---\n\n"


@dataclass(frozen=True)
class Setting:
    """What every page is rendered with, beside the briefing."""

    templates: Path
    templates_state: tuple
    site_name: str
    as_of: datetime.date
    site_url: str = ""  # site_url in mkdocs.yml, "" when not set (see routes.absolute)
    licence: str = ""   # copyright in mkdocs.yml: the terms the exports are published under
    report_text: bool = True  # the plugin's `report_text`: source pages publish their report's text
    site_description: str = ""  # site_description in mkdocs.yml


def render_page(briefing: ReadableBriefing, setting: Setting, path: str, template: str, title: str, search_terms: tuple,
                book: bool, searchable: bool, values: tuple) -> str:
    """One page's Markdown: a job."""
    context = (BookContext if book else PageContext)(briefing, path, setting.report_text)
    try:
        body = environment(setting.templates).get_template(template).render(
            b=briefing, ctx=context, dates=dates, title=title, setting=setting, **dict(values))
    except jinja2.TemplateError as error:
        raise BadInput([_template_problem(error, setting.templates, template, path)]) from None
    if not context.data.given:
        body = body.rstrip() + str(context.data.of_page(template, title, setting.site_name, dict(values).get("record")))
    return _front_matter(title, search_terms, searchable) + body.rstrip() + "\n\n" + str(context.footnotes()) + "\n"


def page_jobs(briefing: ReadableBriefing, setting: Setting) -> list[Job]:
    """A job for every page, in a stable order."""
    jobs: list[Job] = []

    def page(path: str, template: str, title: str, search_terms=(), book=False, searchable=True,
             **values: Any) -> None:
        jobs.append(Job(path, render_page, (setting, path, f"{template}.md.j2", title, tuple(search_terms),
                                            book, searchable, tuple(values.items()))))

    page(HOME_PAGE, "home", setting.site_name)
    # Lists of what the record pages say: searching them would repeat hits.
    page(TIMELINE_PAGE, "timeline", "Timeline", searchable=False)
    page(NOTES_PAGE, "notes", "Notes on the sources")
    page(GLOSSARY_PAGE, "glossary", "Glossary")
    # The book repeats every page: searching it would double every hit.
    page(BOOK_PAGE, "book" if len(briefing.events) <= BOOK_MAX_ENGAGEMENTS else "book_too_long",
         "Briefing book", book=True, searchable=False, as_of=setting.as_of,
         site_name=setting.site_name, most=BOOK_MAX_ENGAGEMENTS,
         sections=tuple((kind.heading, kind.collection, f"{kind.template}.md.j2") for kind in book_sections()))
    for group in briefing.timeline_periods:
        page(group.page, "timeline_period", f"Timeline: {group.label}", searchable=False,
             group=group, groups=tuple(period.link for period in briefing.timeline_periods))
    for kind in with_pages():
        collection = kind.collection
        page(index_page(collection), kind.index_template, kind.heading, searchable=False)
        for record in briefing.collections[collection].values():
            label = kind.label(briefing, record)
            page(page_of(collection, record.id), kind.template, label, briefing.search_terms(record), record=record)
            periods = briefing.engagement_periods(record)
            links = tuple(period.link for period in periods)
            for group in periods:
                page(group.page, "engagements_period", f"{label}: {group.label}", searchable=False,
                     record=record, group=group, groups=links,
                     people="Counterparts" if kind.participant else "Participants",
                     besides=record.id if kind.participant else None)

    env = environment(setting.templates)
    _forget_changed(env)
    for name in sorted({job.arguments[2] for job in jobs}):
        try:
            env.get_template(name)  # compiled once, before the work is shared
        except jinja2.TemplateError as error:
            raise BadInput([_template_problem(error, setting.templates, name)]) from None
    return jobs


def _forget_changed(env: jinja2.Environment) -> None:
    """Forgets the compiled templates whose files changed since they were
    read, once a generation: then Jinja need not look at the files while the
    pages render (it would for every page and every include in it). A
    template changed meanwhile changes `templates_state`, which every page's
    job is given: the next generation renders them all again."""
    if env.cache is not None:
        for key, template in list(env.cache.items()):
            if not template.is_up_to_date:
                del env.cache[key]
    env.auto_reload = False


def missing_templates(templates: Path) -> list[Problem]:
    """The templates a template of the project's folder includes, extends
    or imports that are found neither there nor among the shipped ones (a
    template that does not parse is left to the build, which says where).
    Reads only: no bytecode cache is written."""
    loader = _loader(templates)
    env = jinja2.Environment(loader=loader)
    found = []
    for path in sorted(templates.glob("*.j2")) if templates.is_dir() else []:
        try:
            source = path.read_text("utf-8")
            named = jinja2.meta.find_referenced_templates(env.parse(source))
        except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            continue
        for name in sorted({n for n in named if n is not None}):
            try:
                loader.get_source(env, name)
            except jinja2.TemplateNotFound:
                line = next((number for number, text in enumerate(source.splitlines(), 1) if name in text), 0)
                found.append(_not_found(templates, path.name, name, line))
    return found


def _not_found(templates: Path, where: str, name: str, line: int) -> Problem:
    return Problem(f"{templates.name}/{where}", line, "", f"template '{name}' not found, in {templates.name}/ "
                   f"or among the shipped ones; create {templates.name}/{name}")


def _template_problem(error: jinja2.TemplateError, templates: Path, name: str, page: str = "") -> Problem:
    where = f"{templates.name}/{name}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        if error.filename:
            where = f"{templates.name}/{Path(error.filename).name}"
        return Problem(where, error.lineno or 0, "", f"template syntax: {error.message}")
    if isinstance(error, jinja2.TemplateNotFound):
        return _not_found(templates, name, str(error.name), _template_line(error, name))
    return Problem(where, _template_line(error, name), "", f"template failed while rendering {page}: {error}")


def _template_line(error: Exception, name: str) -> int:
    """The line of the template being rendered when `error` was raised."""
    line = 0
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename.endswith(name):
            line = lineno
    return line
