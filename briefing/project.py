"""Where a briefing project keeps its inputs and outputs, read from its mkdocs.yml.

mkdocs.yml is read once, by MkDocs' own loader, so that `!ENV`, `INHERIT`
and validation mean what they mean to MkDocs: the plugin hands its Project
the config MkDocs loaded (`Project.of`), and the command line loads it as
`mkdocs.config.load_config` does (`Project(root)`). The folders are the
plugin's options, declared once with their defaults (`BriefingConfig`); the
title is MkDocs' own `site_name`.
"""

from __future__ import annotations

import datetime
import functools
import os
import warnings
from pathlib import Path
from typing import Any, Optional

from mkdocs.config import base
from mkdocs.config import config_options as c

from .problems import Problem

PLUGIN = "briefing"
# The shipped templates' folder (`shipped(TEMPLATES)`), and the name of a briefing's own.
TEMPLATES = "templates"
# What `briefing new` marks for the curator to write (as `draft` does).
FILL_IN = "FILL IN"
YAML_SYNTAX = "YAML syntax: "


class BriefingConfig(base.Config):
    """The plugin's options in mkdocs.yml (`plugins: [briefing: {...}]`), with their defaults."""

    seeds = c.Type(str, default="seeds")
    """The sources and curated facts: `sources.yml`, `sources/`, `facts/`
    (relative to mkdocs.yml; what is missing there is reported with what to create)."""
    templates = c.Type(str, default=TEMPLATES)
    """Templates replacing the shipped ones of the same name, file by file (the folder may be missing)."""
    output = c.Type(str, default="generated")
    """Where the generated pages and data are written (relative to mkdocs.yml)."""
    generated_html = c.Choice(("briefing", "python-markdown"), default="briefing")
    """Who converts the generated pages to HTML: `briefing.pagehtml` (the same
    HTML, a fraction of the time), or Python-Markdown, as the hand-written
    pages (to compare: the bench's old path)."""
    report_text = c.Type(bool, default=True)
    """Whether each source page publishes its report's text, cited sentences
    marked (off for a corpus whose licence forbids republishing it)."""


def shipped(name: str) -> Path:
    """A folder the package ships for every briefing (`templates`, `content`,
    `overrides`): inside the installed package (`briefing/defaults/`, where
    pyproject.toml's package-dir mapping puts them), or, in a clone, the
    folder of that name beside the package."""
    package = Path(__file__).resolve().parent
    installed = package / "defaults" / name
    return installed if installed.is_dir() else package.parent / name


class Loaded:
    """mkdocs.yml loaded and validated as `mkdocs.config.load_config` does,
    its problems kept as values (for `check` to report with their lines)
    rather than logged; no config when it is missing or does not parse."""

    def __init__(self, path: Path, where: str) -> None:
        from mkdocs.config.defaults import MkDocsConfig
        from mkdocs.exceptions import ConfigurationError

        self.config: Optional[MkDocsConfig] = None
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            self.errors = [Problem(where, 0, "", f"cannot read it ({error.strerror})")]
            return
        config = MkDocsConfig(config_file_path=str(path))
        try:
            with open(path, "rb") as stream:
                config.load_file(stream)
        except ConfigurationError as error:
            cause = error.__context__
            mark = getattr(cause, "problem_mark", None) or getattr(cause, "context_mark", None)
            if mark is not None:
                problem = getattr(cause, "problem", None) or str(cause)
                hint = " (a value holding ': ' must be quoted)" if "mapping values" in problem else ""
                self.errors = [Problem(where, mark.line + 1, "", f"{YAML_SYNTAX}{problem}{hint}")]
            else:
                self.errors = [Problem(where, 0, "", f"{YAML_SYNTAX}{error}")]
            return
        errors, warnings = config.validate()
        self.config = config
        lines = _top_level_lines(data)
        self.errors = [Problem(where, lines.get(key, 0), key, str(error)) for key, error in errors]
        self.warnings = [Problem(where, lines.get(key, 0), key, str(warning)) for key, warning in warnings]
        if not errors and PLUGIN not in config.plugins:
            self.errors.append(Problem(where, lines.get("plugins", 0), "plugins",
                                       f"the '{PLUGIN}' plugin is not listed; add `- {PLUGIN}` under plugins"))


def plugin_options(config: Any) -> BriefingConfig:
    """The plugin's options as MkDocs validated them; their defaults where
    the plugin is not listed or its options are wrong (reported as such)."""
    from mkdocs.plugins import PluginCollection

    plugins = None if config is None else config.get("plugins")
    if isinstance(plugins, PluginCollection) and PLUGIN in plugins:
        return plugins[PLUGIN].config
    options = BriefingConfig()
    options.load_dict({})
    options.validate()
    return options


def published_url(config: Any) -> str:
    """`site_url` as mkdocs.yml gives it, or "" when it does not. Not the
    config's own: `mkdocs serve` puts the preview's address there before
    any plugin sees it. What MkDocs loaded from the file is kept in
    `user_configs`, which it marks deprecated (MkDocs is pinned)."""
    if config is None:
        return ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        given = [user["site_url"] for user in config.user_configs if user.get("site_url")]
    return str(given[-1]) if given else ""


class Project:
    """A project: its folders and its title, from MkDocs' config of its
    mkdocs.yml: the one the plugin was given (`Project.of`), or, on the
    command line and in tests, `root/mkdocs.yml` loaded here."""

    def __init__(self, root: Path, *, report_text: Optional[bool] = None, config: Any = None):
        self.root = Path(root)
        # Whether MkDocs has loaded and validated mkdocs.yml already (the plugin's project).
        self.validated = config is not None
        self.loaded: Optional[Loaded] = None
        if config is None:
            self.mkdocs_yml = self.root / "mkdocs.yml"
            self.loaded = Loaded(self.mkdocs_yml, self.display(self.mkdocs_yml))
            config = self.loaded.config
        else:
            self.mkdocs_yml = Path(config.config_file_path)
        options = plugin_options(config)
        base = self.mkdocs_yml.parent
        self.seeds = base / options.seeds
        self.templates = base / options.templates
        self.output = base / options.output
        self.docs = base / (config.docs_dir if config else "docs")
        self.site = base / (config.site_dir if config else "site")
        self.site_name = str(config.site_name or "Briefing") if config else "Briefing"
        # Where the site is published, or "" when not said: the calendar and
        # the feed then link relative to the site root.
        self.site_url = published_url(config)
        # The terms the briefing is published under (`copyright`, which Material
        # shows in every page's footer), for the exports' metadata; "" when not said.
        self.licence = str(config.copyright or "") if config else ""
        # Whether source pages publish their report's text (the plugin's
        # `report_text`, on unless a corpus's licence forbids it).
        self.report_text = options.report_text if report_text is None else report_text
        self.site_description = str(config.site_description or "") if config else ""
        # As mkdocs.yml says, before any plugin's on_config (Material's offline plugin turns it off).
        self.directory_urls = config.use_directory_urls if config else False

    @classmethod
    def of(cls, config: Any) -> Project:
        """The project of a config MkDocs has loaded and validated."""
        return cls(Path(config.config_file_path).resolve().parent, config=config)

    def __repr__(self) -> str:
        return f"Project({str(self.root)!r})"

    @functools.cached_property
    def build_date(self) -> datetime.date:
        """The date this build speaks for: SOURCE_DATE_EPOCH when set (for
        reproducible builds), else today (UTC)."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch.isdigit() \
            else datetime.datetime.now(datetime.timezone.utc)
        return moment.date()

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def setup_problems(self) -> tuple[list[Problem], list[Problem]]:
        """What is wrong with the project around the facts, each saying what
        to write or create, and what is left to fill in: mkdocs.yml as MkDocs
        itself loaded and validated it (reported by MkDocs when it loaded
        it for the plugin), and the folders and files a briefing needs."""
        if self.loaded is None:
            return self.refused() + self.missing(), []
        if not self.mkdocs_yml.exists():
            # Seeds alone (a check of the facts by themselves): only theirs.
            return self.missing(docs=False), []
        if self.loaded.config is None:
            # Where its folders are is unknown: only what it says is reported.
            return self.loaded.errors, []
        missing = self.missing()
        said = {problem.file for problem in missing}
        # A docs folder reported missing, with what to create, need not also be reported by MkDocs.
        errors = [problem for problem in self.loaded.errors
                  if not (problem.field == "docs_dir" and self.display(self.docs) in said)]
        return errors + self.refused() + missing, self.loaded.warnings + self._left_to_fill_in()

    def refused(self) -> list[Problem]:
        """What mkdocs.yml asks that the briefing cannot publish: directory
        URLs (`routes.url_of` links to pages' .html files)."""
        invalid = self.loaded is not None and any(e.field == "use_directory_urls" for e in self.loaded.errors)
        if self.directory_urls is False or invalid:
            return []
        where = self.display(self.mkdocs_yml)
        try:
            lines = _top_level_lines(self.mkdocs_yml.read_bytes())
        except OSError:
            lines = {}
        return [Problem(where, lines.get("use_directory_urls", 0), "use_directory_urls",
                        "the briefing's links are to pages' .html files; set `use_directory_urls: false`")]

    def _left_to_fill_in(self) -> list[Problem]:
        """The lines `briefing new` marked FILL IN, in mkdocs.yml and the hand-written pages."""
        found = []
        pages = sorted(self.docs.rglob("*.md")) if self.docs.is_dir() else []
        for path in [self.mkdocs_yml, *pages]:
            try:
                text = path.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            found += [Problem(self.display(path), number, "", f"still marked {FILL_IN}: write it in your own words")
                      for number, line in enumerate(text.splitlines(), 1) if FILL_IN in line]
        return found

    def missing(self, docs: bool = True) -> list[Problem]:
        """The folders and files a briefing needs that are not there, each
        saying what to create (`briefing new DIR` makes them all)."""
        found = []

        def lacks(path: Path, what: str) -> None:
            found.append(Problem(self.display(path), 0, "", f"not found; create {what}"))

        if docs and not self.docs.is_dir():
            lacks(self.docs, "this folder for hand-written pages such as about.md (docs_dir in mkdocs.yml)")
        if not self.seeds.is_dir():
            lacks(self.seeds, "this folder, holding sources.yml, sources/ and facts/")
        if not (self.seeds / "sources.yml").is_file():
            lacks(self.seeds / "sources.yml", "it holding `sources: []`; `briefing add REPORT` registers reports there")
        facts = self.seeds / "facts"
        if not facts.is_dir() or not any(facts.glob("*.yml")):
            lacks(facts, "this folder with a facts file, such as facts/briefing.yml holding `officials: []`")
        return found


def _top_level_lines(data: bytes) -> dict[str, int]:
    """The line of each top-level key of a YAML mapping (1-based), as far as it parses."""
    import yaml

    try:
        node = yaml.compose(data, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
