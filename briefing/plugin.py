"""The MkDocs plugin: `plugins: [briefing]` in mkdocs.yml.

Before each build it generates the briefing (`pipeline.generate`) into the
output folder, writing only files whose bytes change, and hands every
generated page, data file and stylesheet to MkDocs as a generated `File`
backed by that folder, so that `mkdocs build --dirty` and `mkdocs serve
--dirty` rebuild only what changed. The docs folder holds only hand-written
pages. Under `mkdocs serve` it watches the seeds and templates, and keeps a
session between builds so that an edit re-renders only what it changes.

A plain `mkdocs build` builds into a staging folder beside site/, which
takes site/'s place in one rename when the build succeeded (`write.publish`):
a failed build, a warning in strict mode included, leaves the last good site
in place, and a build killed at any moment leaves it old or new, never mixed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Optional

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import pipeline, printing, review, search
from .exports import notices
from .problems import BadInput
from .project import OUTPUT, SEEDS, TEMPLATES, Project
from .routes import ABBREVIATIONS_FILE, url_of
from .views import Briefing
from .write import publish, staging_folder

log = logging.getLogger("mkdocs.plugins.briefing")

THEME_CACHE = Path(".cache") / "jinja-theme"

# Material's search dialog has no accessible name (axe: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


_WORD = re.compile(r"\w+")


class Abbreviations:
    """The acronyms' definition lines (`*[IMF]: ...`), and which of them a
    page uses: those standing apart from the words around them. A briefing
    of 10,000 engagements has 244 acronyms and 20,000 pages; searching each
    page for each acronym took 29 s. A page's words are read once instead:
    an acronym it uses begins with one of them, whole."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.whole: list[re.Pattern[str]] = []
        self.by_first_word: dict[str, list[int]] = {}
        self.no_first_word: list[int] = []  # acronyms beginning with a sign: always searched for
        for number, line in enumerate(lines):
            acronym = line[2:line.index("]")]
            self.whole.append(re.compile(rf"(?<!\w){re.escape(acronym)}(?!\w)"))
            first = _WORD.match(acronym)
            if first:
                self.by_first_word.setdefault(first.group(), []).append(number)
            else:
                self.no_first_word.append(number)

    def used_in(self, markdown: str) -> list[str]:
        """The definition lines of the acronyms `markdown` uses, in their order."""
        candidates = [number for word in self.by_first_word.keys() & set(_WORD.findall(markdown))
                      for number in self.by_first_word[word]] + self.no_first_word
        return [self.lines[number] for number in sorted(candidates) if self.whole[number].search(markdown)]


class BriefingConfig(base.Config):
    seeds = c.Type(str, default=SEEDS)
    """The sources and curated facts: `sources.yml`, `sources/`, `facts/`
    (relative to mkdocs.yml; what is missing there is reported with what to create)."""
    templates = c.Type(str, default=TEMPLATES)
    """Templates replacing the shipped ones of the same name, file by file (the folder may be missing)."""
    output = c.Type(str, default=OUTPUT)
    """Where the generated pages and data are written (relative to mkdocs.yml)."""
    report_text = c.Type(bool, default=True)
    """Whether each source page publishes its report's text, cited sentences
    marked (off for a corpus whose licence forbids republishing it)."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.command: Optional[str] = None
        self.session: Optional[pipeline.Session] = None
        self.project: Optional[Project] = None
        self.files: list[str] = []
        self.served: set[str] = set()  # under serve: what the last build published
        self.abbreviations = Abbreviations([])
        self.staging: Optional[Path] = None
        self.target: Optional[Path] = None
        self.built = False
        self.lock = contextlib.ExitStack()
        self.page_content: Optional[str] = None  # a page's whole content while search reads its view
        self.briefing: Optional[Briefing] = None  # under serve: the last good briefing, for the review pages
        self.mkdocs_config = None  # a build's config, whose site_dir points at the staging folder while it builds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # Only the server lives on between builds; a session would only cost memory elsewhere.
        self.session = pipeline.Session() if command == "serve" else None

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        self.project = Project(root, seeds=root / self.config.seeds, templates=root / self.config.templates,
                               output=root / self.config.output, docs=Path(config.docs_dir),
                               site=Path(config.site_dir), site_name=config.site_name,
                               mkdocs_yml=Path(config.config_file_path), report_text=self.config.report_text,
                               site_description=config.site_description or "", validated=True)
        self.built = False
        for notice in notices(self.project.site_url, self.project.licence):
            log.info("briefing: %s", notice)  # not a warning: --strict would fail a build that is sound
        if self.command in ("build", "gh-deploy"):
            # One build of the project at a time, from generating to the last
            # file copied into site/ (under serve, only while generating).
            try:
                self.lock.enter_context(pipeline.locked(self.project))
            except pipeline.Busy as busy:
                raise PluginError(str(busy)) from None
            self.target = Path(config.site_dir)
            self.staging = staging_folder(self.target)
            config.site_dir = str(self.staging)
            self.mkdocs_config = config
        return config

    def on_pre_build(self, config) -> None:
        assert self.project is not None
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
        self.briefing = generated.briefing or self.briefing
        try:
            definitions = (self.project.output / ABBREVIATIONS_FILE).read_text("utf-8")
        except OSError:
            definitions = ""
        self.abbreviations = Abbreviations([line for line in definitions.split("\n\n")
                                            if line.startswith("*[") and "]" in line])

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
            files.append(File.generated(config, path, abs_src_path=os.path.join(output, path),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        if self.command == "serve" and self.session is not None:
            # Each draft's review page, for the preview only: a build never has them.
            texts = {source_id: kept[2] for source_id, kept in self.session.verified.sources.items()}
            pages, unread = review.review_pages(self.project.root, self.project.seeds, texts, self.briefing)
            for problem in unread:
                # A draft being typed: its page waits, the rest of the preview goes on.
                log.warning("%s; its review page is left out until it can be read", problem)
            for path, written in pages.items():
                files.append(File.generated(config, path, abs_src_path=str(written),
                                            inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_serve(self, server, config, builder):
        assert self.project is not None
        for folder in (self.project.seeds, self.project.templates):
            if folder.is_dir():
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
        return env

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """Acronyms show their expansion as a tooltip on every page, hand-written ones too."""
        # Only the acronyms the page uses: each definition is one more pattern
        # Python-Markdown tries on every line of the page.
        used = self.abbreviations.used_in(markdown)
        return markdown + "\n\n" + "\n\n".join(used) + "\n" if used else markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        """The notes repeat the quotes each page's sources give, which the
        source pages list once: keep them out of the search index. Links
        within the site carry the address they print (see printing.py)."""
        assert self.project is not None
        # The project's site_url: under serve, MkDocs puts the preview's address in config.site_url.
        html = printing.print_addresses(html, page.url, self.project.site_url)
        return html.replace('<div class="footnote">', '<div class="footnote" data-search-exclude>')

    @event_priority(50)  # before the search plugin reads the page
    def _search_reads(self, context, page, config, nav):
        view = search.indexed_view(page.content)
        self.page_content = page.content
        page.content = view if view is not None else search.cells_apart(page.content)
        return context

    @event_priority(-50)  # after it: the page is rendered whole
    def _page_renders(self, context, page, config, nav):
        if self.page_content is not None:
            page.content, self.page_content = self.page_content, None
        return context

    on_page_context = CombinedEvent(_search_reads, _page_renders)

    def on_post_page(self, output: str, page, config) -> str:
        return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)

    @event_priority(-50)  # after the search plugin writes its index, before the offline plugin inlines it
    def on_post_build(self, config) -> None:
        site = Path(config.site_dir)
        if self.command == "serve":
            self._remove_unpublished(site)
        search.tidy_index(site)
        self.built = True

    def _remove_unpublished(self, site: Path) -> None:
        """A dirty build writes only what changed: take away what the
        previous build published from files no longer generated."""
        now = {url_of(path) for path in self.files}
        for gone in self.served - now:
            (site / gone).unlink(missing_ok=True)
        self.served = now

    @event_priority(-100)  # the last to hear of it: it ends the build with our message
    def on_build_error(self, error: Exception) -> None:
        self.built = False
        if isinstance(error, OSError):
            # A full disk while MkDocs writes the staged site: one line, not
            # MkDocs' traceback, naming the file by where it was to be published.
            message = str(error) if self.staging is None or self.target is None \
                else str(error).replace(str(self.staging), str(self.target))
            raise Abort(f"Aborted: {message}; site/ is as the last good build left it") from None

    def on_shutdown(self) -> None:
        if self.staging is None or self.target is None:
            return
        try:
            if self.built:
                report = publish(self.staging, self.target)
                log.info("%s %s", pipeline.SITE_SUMMARY, report.summary())
        except OSError as error:  # before the rename: site/ is untouched
            raise Abort(f"Aborted: {error}; site/ is as the last good build left it") from None
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
            self.lock.close()
            # What runs after the build (gh-deploy) finds the site where it now is.
            if self.mkdocs_config is not None:
                self.mkdocs_config.site_dir = str(self.target)
