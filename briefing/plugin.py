"""The MkDocs plugin: `plugins: [briefing]` in mkdocs.yml. Glue only: each
event hands MkDocs' objects to the module whose job it is.

Before each build it generates the briefing (`pipeline.generate`) into the
output folder, writing only files whose bytes change, and hands every
generated page, data file and stylesheet to MkDocs as a generated `File`
backed by that folder (published as a link to it, not a copy:
`publish.LinkedFile`), so that `mkdocs build --dirty` and `mkdocs serve
--dirty` rebuild only what changed. The docs folder holds only hand-written
pages. Under `mkdocs serve` it watches the seeds and templates, and keeps a
session between builds so that an edit re-renders only what it changes.

A plain `mkdocs build` builds into a staging folder beside site/, which
takes site/'s place in one rename when the build succeeded (`publish.py`).
Every page gets its acronyms' tooltips (`acronyms.py`) and its links'
printed addresses (`printing.py`); a generated page's HTML is made by
`pagehtml.py`, MkDocs converting nothing of it, unless it holds what that
module does not read; what Material's search reads of it is
`search.py`; under serve, each draft has its review page (`review.py`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path
from typing import Iterator, Optional

import jinja2
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import pagehtml, pipeline, printing, search, theme
from .acronyms import Abbreviations
from .exports import notices
from .problems import BadInput
from .project import BriefingConfig, Project
from .publish import LinkedFile, Preview, StagedBuild
from .routes import ABBREVIATIONS_FILE
from .verify import source_texts
from .views import Briefing

log = logging.getLogger("mkdocs.plugins.briefing")

THEME_CACHE = Path(".cache") / "jinja-theme"


# MkDocs looks at what it watches for changes every half second: a quarter
# of a second of each edit-to-reload on average, a sixth of the 1.5 s it is
# to take. The seeds and templates are looked at as often as costs at most
# POLL_SHARE of a core (at 1,000 engagements a look at the seeds takes
# about 5 ms: ten times a second), and never less often than MkDocs does.
POLL_SHARE = 0.05
QUICKEST_POLL = 0.1
MKDOCS_POLL = 0.5


def poll_interval(folders: list[Path]) -> float:
    """How often to look at `folders` for changes: timed by one look at them."""
    from watchdog.utils.dirsnapshot import DirectorySnapshot  # what MkDocs' watching takes; only under serve

    started = time.process_time()
    for folder in folders:
        DirectorySnapshot(str(folder))
    return min(MKDOCS_POLL, max(QUICKEST_POLL, (time.process_time() - started) / POLL_SHARE))


@contextlib.contextmanager
def _polled_every(server, seconds: float) -> Iterator[None]:
    """What `server.watch` watches inside looked at every `seconds`. MkDocs'
    server does not say how often it looks; its watchdog observer gives
    each watch the interval it has when the watch is made."""
    observer = server.observer
    usual = getattr(observer, "_timeout", None)
    if not isinstance(usual, (int, float)):  # another watchdog: MkDocs' own interval
        yield
        return
    observer._timeout = seconds
    try:
        yield
    finally:
        observer._timeout = usual


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.command: Optional[str] = None
        self.session: Optional[pipeline.Session] = None
        self.project: Optional[Project] = None
        self.files: list[str] = []
        self.pages: list[str] = []  # the URLs of this build's pages, in the order MkDocs takes them
        self.generated_pages: set[str] = set()  # the generated files' paths, of which pagehtml converts the pages
        self.conversions = [0, 0]  # this build's generated pages converted by pagehtml, and by Python-Markdown
        self.links: Optional[pagehtml.SiteLinks] = None  # the links of this build's pages, resolved once
        self.dirty = False
        self.ahead: Optional[pagehtml.Ahead] = None  # a command-line build's generated pages, converted ahead
        self.preview = Preview()  # under serve: what the last build published
        self.abbreviations = Abbreviations([])
        self.staged: Optional[StagedBuild] = None
        self.built = False
        self.indexed = search.IndexedView()
        self.briefing: Optional[Briefing] = None  # under serve: the last good briefing, for the review pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        # Only the server lives on between builds; a session would only cost memory elsewhere.
        self.session = pipeline.Session() if command == "serve" else None
        self.preview = Preview()  # MkDocs keeps a plugin's instance from one command to the next

    def on_config(self, config):
        self.project = Project.of(config)
        self.built = False
        for notice in notices(self.project.site_url, self.project.licence):
            log.info("briefing: %s", notice)  # not a warning: --strict would fail a build that is sound
        if self.command in ("build", "gh-deploy"):
            # One build of the project at a time, from generating to the last
            # file copied into site/ (under serve, only while generating).
            try:
                self.staged = StagedBuild(self.project, config)
            except pipeline.Busy as busy:
                raise PluginError(str(busy)) from None
        return config

    def on_pre_build(self, config) -> None:
        assert self.project is not None
        # Nothing of a build that failed carries over into this one.
        self.conversions, self.links, self.ahead = [0, 0], None, None
        try:
            generated = pipeline.generate(self.project, session=self.session)
        except BadInput as bad:
            if self.command == "serve" and self.files:
                # The preview keeps the last good pages and says why; failing
                # the build would leave the server waiting for a good one.
                log.error("the curated facts have problems; the preview keeps the last good pages:\n%s",
                          bad.report())
                return
            raise PluginError("the curated facts have problems; nothing was built:\n" + bad.report()) from None
        except pipeline.Busy as busy:
            raise PluginError(str(busy)) from None
        except OSError as error:  # a full disk: what was written into generated/ is put back
            raise PluginError(f"{error}; nothing was built") from None
        if generated.report.written or generated.report.removed:
            log.info("briefing: %s", generated.report.summary())
        self.files = generated.files
        self.generated_pages = set(generated.files) if self.config.generated_html == "briefing" else set()
        self.briefing = generated.briefing or self.briefing
        self.abbreviations = Abbreviations.of(generated.briefing, self.project.output)

    def on_files(self, files: Files, config) -> Files:
        assert self.project is not None
        taken = [path for path in self.files if files.get_file_from_path(path) is not None]
        if taken:
            raise PluginError("a hand-written file has the path of a generated one; rename the record or move "
                              "the file: " + ", ".join(f"{self.project.display(self.project.docs / p)}" for p in taken))
        output = str(self.project.output)
        for path in self.files:
            if path == ABBREVIATIONS_FILE:
                continue  # appended to every page, not a page of its own
            # Record pages are reached through the index pages and links; the
            # nav in mkdocs.yml names the index pages it shows.
            files.append(LinkedFile.generated(config, path, abs_src_path=os.path.join(output, path),
                                              inclusion=InclusionLevel.NOT_IN_NAV))
        if self.command == "serve" and self.session is not None:
            # Each draft's review page, for the preview only: a build never has them
            # (nor pays for importing the drafting rules, a tenth of a second).
            from . import review
            pages, unread = review.review_pages(self.project.root, self.project.seeds,
                                                source_texts(self.session.memo), self.briefing)
            for problem in unread:
                # A draft being typed: its page waits, the rest of the preview goes on.
                log.warning("%s; its review page is left out until it can be read", problem)
            for path, written in pages.items():
                files.append(File.generated(config, path, abs_src_path=str(written),
                                            inclusion=InclusionLevel.NOT_IN_NAV))
        if self.command == "serve":
            self._outdate_pages_of_changed_acronyms(files)
        self.pages = [file.url for file in files.documentation_pages()]
        return files

    def _outdate_pages_of_changed_acronyms(self, files: Files) -> None:
        """A page's tooltips are not in its source: under serve, the pages
        using an acronym whose tooltip changed (or that came or went) are
        made again, as a fresh build makes them."""
        previous, self.preview.abbreviations = self.preview.abbreviations, self.abbreviations
        if previous is None or previous.lines == self.abbreviations.lines:
            return
        changed = self.abbreviations.changed_since(previous)
        self.preview.outdate([file for file in files.documentation_pages()
                              if file.abs_src_path and changed.used_in(Path(file.abs_src_path).read_text("utf-8"))])

    def on_serve(self, server, config, builder):
        assert self.project is not None
        folders = [folder for folder in (self.project.seeds, self.project.templates) if folder.is_dir()]
        with _polled_every(server, poll_interval(folders)):
            for folder in folders:
                server.watch(str(folder))
        return server

    def on_env(self, env: jinja2.Environment, config, files) -> jinja2.Environment:
        """MkDocs makes a new theme environment for every build, and compiling
        the theme's templates again was a tenth of a rebuild under serve: keep
        them compiled on disk (Jinja checks each against its source)."""
        assert self.project is not None
        cache = self.project.root / THEME_CACHE
        cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        theme.install(env, config)  # the fragments overrides/ renders once a build, for every page alike
        return env

    def on_nav(self, nav, config, files):
        """A command-line build (not --dirty, which reads only the pages
        changed) has its generated pages converted before MkDocs reads them,
        on both cores (`pagehtml.Ahead`)."""
        self.ahead = None
        if self.command in ("build", "gh-deploy") and not self.dirty and self.generated_pages:
            self.links = pagehtml.SiteLinks(files)
            generated = [file for file in files.documentation_pages() if file.src_uri in self.generated_pages]
            self.ahead = pagehtml.Ahead(generated, self.links, self.abbreviations.defined_in)
        return nav

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if page.file.src_uri in self.generated_pages:
            converted = self._converted(markdown, page, files)
            self.conversions[converted is None] += 1
            if converted is not None:
                converted.render_instead(page)  # MkDocs' render of the page takes its HTML and toc
                return ""
            log.debug("briefing: %s goes through Python-Markdown: pagehtml does not read all of it", page.file.src_uri)
        return self.abbreviations.defined_in(markdown)

    def _converted(self, markdown: str, page, files) -> Optional[pagehtml.Converted]:
        """pagehtml's conversion of a generated page (its acronyms' definitions added), made ahead where it was."""
        if self.ahead is not None:
            return self.ahead.convert_page(markdown, page, self.abbreviations.defined_in)
        if self.links is None or self.links.files is not files:
            self.links = pagehtml.SiteLinks(files)
        return pagehtml.convert_page(self.abbreviations.defined_in(markdown), page, self.links)

    def on_page_content(self, html: str, page, config, files) -> str:
        assert self.project is not None
        # The project's site_url: under serve, MkDocs puts the preview's address in config.site_url.
        return search.notes_unindexed(printing.print_addresses(html, page.url, self.project.site_url))

    @event_priority(50)  # before the search plugin reads the page
    def _search_reads(self, context, page, config, nav):
        self.indexed.show(page)
        return context

    @event_priority(-50)  # after it: the page is rendered whole
    def _page_renders(self, context, page, config, nav):
        self.indexed.restore(page)
        return context

    on_page_context = CombinedEvent(_search_reads, _page_renders)

    def on_post_page(self, output: str, page, config) -> str:
        return search.dialog_named(output)

    @event_priority(-50)  # after the search plugin writes its index, before the offline plugin inlines it
    def on_post_build(self, config) -> None:
        site = Path(config.site_dir)
        if self.command == "serve":
            self.preview.remove_unpublished(site, self.files)
        search.tidy_index(site, self.pages)
        log.debug("briefing: generated pages converted by pagehtml: %d, by Python-Markdown: %d", *self.conversions)
        self.built = True

    @event_priority(-100)  # the last to hear of it: it ends the build with our message
    def on_build_error(self, error: Exception) -> None:
        self.built = False
        if isinstance(error, OSError):
            # A full disk while MkDocs writes the staged site: one line, not
            # MkDocs' traceback, naming the file by where it was to be published.
            message = self.staged.as_published(str(error)) if self.staged is not None else str(error)
            raise Abort(f"Aborted: {message}; site/ is as the last good build left it") from None

    def on_shutdown(self) -> None:
        if self.staged is None:
            return
        staged, self.staged = self.staged, None
        try:
            report = staged.finish(self.built)
        except OSError as error:  # before the rename: site/ is untouched
            raise Abort(f"Aborted: {error}; site/ is as the last good build left it") from None
        if report is not None:
            log.info("%s %s", pipeline.SITE_SUMMARY, report.summary())
