"""Where a briefing project keeps its inputs and outputs, read from its mkdocs.yml.

The folders are the `briefing` plugin's options in mkdocs.yml (defaults
below); the title is MkDocs' own `site_name`, read by MkDocs' own YAML
loader, so `!ENV` and `INHERIT` mean what they mean to MkDocs.
"""

from __future__ import annotations

import datetime
import functools
import os
from pathlib import Path
from typing import Any, Optional

from .problems import Problem

# The plugin's folder options and their defaults, relative to mkdocs.yml.
SEEDS = "seeds"
TEMPLATES = "templates"
OUTPUT = "generated"
PLUGIN = "briefing"
# What `briefing new` marks for the curator to write (as `draft` does).
FILL_IN = "FILL IN"
YAML_SYNTAX = "YAML syntax: "


def shipped(name: str) -> Path:
    """A folder the package ships for every briefing (`templates`, `content`,
    `overrides`): inside the installed package (`briefing/defaults/`, where
    pyproject.toml's package-dir mapping puts them), or, in a clone, the
    folder of that name beside the package."""
    package = Path(__file__).resolve().parent
    installed = package / "defaults" / name
    return installed if installed.is_dir() else package.parent / name


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it; {} when it is missing or unreadable."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(path, "rb") as stream:
            config = yaml_load(stream)
    except (OSError, ConfigurationError):
        return {}
    return config if isinstance(config, dict) else {}


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins:
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry[PLUGIN] if isinstance(entry[PLUGIN], dict) else {}
    return {}


class Project:
    """A project: its folders and its title. Built from an MkDocs config by
    the plugin, or by reading `root/mkdocs.yml` (the command line, tests)."""

    def __init__(self, root: Path, *, seeds: Optional[Path] = None, templates: Optional[Path] = None,
                 output: Optional[Path] = None, docs: Optional[Path] = None, site: Optional[Path] = None,
                 site_name: Optional[str] = None, mkdocs_yml: Optional[Path] = None,
                 site_url: Optional[str] = None, report_text: Optional[bool] = None,
                 site_description: Optional[str] = None, validated: bool = False):
        self.root = Path(root)
        # Whether MkDocs has loaded and validated mkdocs.yml already (the plugin's project).
        self.validated = validated
        self.mkdocs_yml = mkdocs_yml or self.root / "mkdocs.yml"
        config = read_mkdocs_yml(self.mkdocs_yml) \
            if None in (seeds, templates, output, docs, site, site_name, site_url, report_text,
                        site_description) else {}
        options = _plugin_options(config)
        base = self.mkdocs_yml.parent
        self.seeds = seeds or base / options.get("seeds", SEEDS)
        self.templates = templates or base / options.get("templates", TEMPLATES)
        self.output = output or base / options.get("output", OUTPUT)
        self.docs = docs or base / config.get("docs_dir", "docs")
        self.site = site or base / config.get("site_dir", "site")
        self.site_name = site_name or str(config.get("site_name") or "Briefing")
        # Where the site is published (`site_url` in mkdocs.yml, not the
        # address `mkdocs serve` puts in its place), or "" when not said: the
        # calendar and the feed then link relative to the site root.
        self.site_url = site_url if site_url is not None else str(config.get("site_url") or "")
        # The terms the briefing is published under (`copyright`, which Material
        # shows in every page's footer), for the exports' metadata; "" when not said.
        self.licence = str(config.get("copyright") or "")
        # Whether source pages publish their report's text (the plugin's
        # `report_text`, on unless a corpus's licence forbids it).
        self.report_text = report_text if report_text is not None else bool(options.get("report_text", True))
        self.site_description = site_description if site_description is not None else \
            str(config.get("site_description") or "")

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
        itself loads and validates it (unless it already has), and the
        folders and files a briefing needs."""
        if self.validated:
            return self.missing(), []
        if not self.mkdocs_yml.exists():
            # Seeds alone (a check of the facts by themselves): only theirs.
            return self.missing(docs=False), []
        problems, warnings = self._config_problems()
        if any(problem.message.startswith(YAML_SYNTAX) for problem in problems):
            # Where its folders are is unknown: only what it says is reported.
            return problems, []
        return problems + self.missing(), warnings + self._left_to_fill_in()

    def _config_problems(self) -> tuple[list[Problem], list[Problem]]:
        from mkdocs.config.defaults import MkDocsConfig
        from mkdocs.exceptions import ConfigurationError

        where = self.display(self.mkdocs_yml)
        try:
            data = self.mkdocs_yml.read_bytes()
        except OSError as error:
            return [Problem(where, 0, "", f"cannot read it ({error.strerror})")], []
        config = MkDocsConfig(config_file_path=str(self.mkdocs_yml))
        try:
            with open(self.mkdocs_yml, "rb") as stream:
                config.load_file(stream)
        except ConfigurationError as error:
            cause = error.__context__
            mark = getattr(cause, "problem_mark", None) or getattr(cause, "context_mark", None)
            if mark is not None:
                problem = getattr(cause, "problem", None) or str(cause)
                hint = " (a value holding ': ' must be quoted)" if "mapping values" in problem else ""
                return [Problem(where, mark.line + 1, "", f"{YAML_SYNTAX}{problem}{hint}")], []
            return [Problem(where, 0, "", f"{YAML_SYNTAX}{error}")], []
        errors, warned = config.validate()
        lines = _top_level_lines(data)
        missing = {problem.file for problem in self.missing()}
        found = [Problem(where, lines.get(key, 0), key, str(error)) for key, error in errors
                 if not (key == "docs_dir" and self.display(self.docs) in missing)]
        if not errors and PLUGIN not in config.plugins:
            found.append(Problem(where, lines.get("plugins", 0), "plugins",
                                 f"the '{PLUGIN}' plugin is not listed; add `- {PLUGIN}` under plugins"))
        return found, [Problem(where, lines.get(key, 0), key, str(warning)) for key, warning in warned]

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
