"""Where a briefing project keeps its inputs and outputs."""

from __future__ import annotations

import datetime
import functools
import os
from dataclasses import dataclass
from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the Python and environment tags MkDocs allows."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @functools.cached_property
    def site_name(self) -> str:
        """The briefing's title, from mkdocs.yml's site_name."""
        try:
            config = yaml.load(self.mkdocs_yml.read_text("utf-8"), Loader=_ConfigLoader) or {}
        except (OSError, yaml.YAMLError):
            config = {}
        return str(config.get("site_name") or "Briefing")

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
