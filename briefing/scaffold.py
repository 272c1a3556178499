"""`briefing new DIR`: a briefing of one's own, ready to check and build.

It writes mkdocs.yml (the title, description and countries asked for, or
marked FILL IN), the seeds with every list empty, and copies the
hand-written pages, assets and theme overrides the package ships. The page
templates are not copied: the shipped ones are used, and a file put in the
project's templates/ replaces the one of its name (see `pages.environment`).
The folder is made beside its place and renamed into it once complete.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from .add import Refused
from .model import FactsFile
from .project import FILL_IN, shipped
from .shapes import fields_of

# What the curator writes and `new` cannot know; a value left out is marked for them.
TITLE_MISSING = f"{FILL_IN}: the briefing's title"
DESCRIPTION_MISSING = f"{FILL_IN}: what the briefing covers, in a sentence"
COUNTRIES_MISSING = f"{FILL_IN}: the countries whose engagements it follows"

# The shipped briefing's mkdocs.yml, less what is its own (tests/test_new.py
# holds them equal): the site's title and description are the curator's.
MKDOCS_YML = """\
# A briefing made by `briefing new`. `briefing check` verifies the facts,
# `briefing build` builds site/, `briefing serve` previews with live reload.
site_name: {title}
site_description: {description}
docs_dir: content
site_dir: site
use_directory_urls: false
strict: true

theme:
  name: material
  # overrides/main.html announces the Atom feed (feed.xml) in every page's head.
  custom_dir: overrides
  font: false
  features:
    - search.suggest
    - search.highlight
    - content.footnote.tooltips
    - navigation.top

plugins:
  # The generator: pages, data and stylesheets made from seeds/, with the
  # templates shipped in the package. A file in templates/ (make the folder)
  # replaces the shipped template of its name: copy one from
  # {shipped_templates}
  - briefing:
      seeds: seeds
      templates: templates
      output: generated
  - search
  # Search from file:// too; the worker shim is vendored, not fetched from a CDN.
  - offline

extra_css:
  - assets/briefing.css
  - assets/print-page.css

# Search folds accents and suggests a record's name for a typo in it; the
# names are written by the build (briefing/search.py).
extra_javascript:
  - assets/search-names.js
  - assets/search-extras.js

extra:
  polyfills:
    - assets/vendor/iframe-worker/shim.js

markdown_extensions:
  - briefing.inline
  - abbr
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true

nav:
  - Home: index.md
  - Timeline: timeline.md
  - Officials: officials/index.md
  - Initiatives: initiatives/index.md
  - Engagements: events/index.md
  - Topics: topics/index.md
  - Organizations: organizations/index.md
  - Sources: sources/index.md
  - Notes on the sources: notes.md
  - Glossary: glossary.md
  - Briefing book: book.md
  - Exports: exports.md
  - About this briefing: about.md

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""

SOURCES_YML = """\
# yaml-language-server: $schema=sources.schema.json
# The source reports: `briefing add REPORT` copies each into sources/ and registers it here.
sources:
"""

FACTS_YML = """\
# yaml-language-server: $schema=../facts.schema.json
# {doc} `briefing apply` adds the proposals you keep from a draft.
{name}:
"""

GITIGNORE = """\
# What `briefing build` writes; the seeds, content/ and mkdocs.yml are the briefing.
/generated/
/site/
/.cache/
/.site-*/
"""

ABOUT_INTRO = "{description}\n\nIt follows the engagements of {countries}.\n\n"


@dataclass
class Answers:
    title: Optional[str] = None
    description: Optional[str] = None
    countries: Optional[str] = None

    def ask(self, prompt: Callable[[str], str]) -> None:
        """Asks for what was not given; an empty answer leaves it to fill in."""
        if self.countries is None:
            self.countries = prompt("Countries whose engagements it follows (such as India, United States): ")
        if self.title is None:
            offered = f"{' and '.join(_countries(self.countries))} engagements" if self.countries else ""
            self.title = prompt(f"Title{f' [{offered}]' if offered else ''}: ") or offered
        if self.description is None:
            self.description = prompt("What it covers, in a sentence, your own words: ")


def _countries(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _yaml_string(text: str) -> str:
    """A YAML scalar reading back as `text`, whatever it holds (a colon, a quote)."""
    return json.dumps(text, ensure_ascii=False)


def _countries_text(countries: list[str]) -> str:
    return countries[0] if len(countries) == 1 else ", ".join(countries[:-1]) + " and " + countries[-1]


def files(answers: Answers) -> dict[str, str]:
    """The new briefing's own files (besides the shipped ones), by path."""
    title = (answers.title or "").strip() or TITLE_MISSING
    description = (answers.description or "").strip() or DESCRIPTION_MISSING
    countries = _countries(answers.countries or "")
    made = {
        "mkdocs.yml": MKDOCS_YML.format(title=_yaml_string(title), description=_yaml_string(description),
                                        shipped_templates=shipped("templates")),
        ".gitignore": GITIGNORE,
        "seeds/sources.yml": SOURCES_YML,
    }
    for spec in fields_of(FactsFile):
        made[f"seeds/facts/{spec.name}.yml"] = FACTS_YML.format(doc=spec.doc, name=spec.name)
    about = (shipped("content") / "about.md").read_text("utf-8")
    heading, _, rest = about.partition("\n\n")
    intro = ABOUT_INTRO.format(description=description,
                               countries=_countries_text(countries) if countries else COUNTRIES_MISSING)
    made["content/about.md"] = f"{heading}\n\n{intro}{rest}"
    return made


def new(folder: Path, answers: Answers) -> list[str]:
    """Makes the briefing in `folder` (which must not exist, or be empty);
    the paths made, relative to it. Built beside it and renamed into place."""
    folder = folder.absolute()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Refused(f"{folder} exists and is not an empty folder; choose a new one")
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = folder.parent / f".{folder.name}.new-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)  # left by a process of this number that was killed
    building.mkdir()
    try:
        for name in ("content", "overrides"):
            shutil.copytree(shipped(name), building / name, ignore=shutil.ignore_patterns("__pycache__"))
        (building / "seeds" / "sources").mkdir(parents=True)
        for path, text in files(answers).items():
            (building / path).parent.mkdir(parents=True, exist_ok=True)
            (building / path).write_text(text, encoding="utf-8")
        made = sorted(p.relative_to(building).as_posix() for p in building.rglob("*") if p.is_file())
        os.rename(building, folder)  # onto nothing, or onto an empty folder
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return made
