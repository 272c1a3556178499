"""The README's "How it works" is the map a newcomer reads the code by: it
names every module of the package, and none that is gone."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def how_it_works() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## How it works")
    end = readme.find("\n## ", start + 1)
    return readme[start:end if end != -1 else len(readme)]


def test_how_it_works_names_every_module_and_only_modules_that_exist():
    named = set(re.findall(r"`([a-z_]+\.py)`", how_it_works()))
    modules = {path.name for path in (ROOT / "briefing").glob("*.py")} - {"__init__.py"}
    assert sorted(modules - named) == [], "modules How it works does not name"
    assert sorted(named - modules - {"build.py"}) == [], "modules How it works names that are gone"
