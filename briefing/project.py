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

# The plugin's folder options and their defaults, relative to mkdocs.yml.
SEEDS = "seeds"
TEMPLATES = "templates"
OUTPUT = "generated"
PLUGIN = "briefing"


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
                 site_description: Optional[str] = None):
        self.root = Path(root)
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
