"""The theme's fragments rendered once a build (briefing/theme.py): every
page is byte for byte what Material renders without them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from bench import corpus
from briefing import theme

EPOCH = "1764000000"
CALL = re.compile(r'\{% call theme_fragment\("\w+"\) %\}(.*?)\{% endcall %\}')


def _without_fragments(overrides: Path) -> None:
    """overrides/ as it would be without the fragments: each call's body in
    its place, and no partial overriding the theme's own."""
    main = overrides / "main.html"
    text = main.read_text("utf-8")
    assert CALL.search(text), "main.html renders no fragment: nothing to compare"
    main.write_text(CALL.sub(r"\1", text), "utf-8")
    assert list((overrides / "partials").glob("*.html")), "no partial is wrapped: nothing to compare"
    shutil.rmtree(overrides / "partials")


def _build(root: Path, site: Path) -> dict[str, bytes]:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=root,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_the_site_is_the_one_material_renders_without_the_fragments(tmp_path):
    """A synthetic corpus (record pages in several folders, the index pages
    in the navigation with their tables of contents, a hand-written page,
    404.html) built with the fragments and without: the same bytes."""
    root = tmp_path / "project"
    corpus.make_project(root, 40, seed=7)
    with_fragments = _build(root, tmp_path / "with")
    _without_fragments(root / "overrides")
    without = _build(root, tmp_path / "without")
    assert with_fragments.keys() == without.keys()
    assert [path for path in with_fragments if with_fragments[path] != without[path]] == []
    pages = [path for path in with_fragments if path.endswith(".html")]
    assert len({path.rpartition("/")[0] for path in pages}) > 3  # pages in several folders share nothing


def test_a_fragment_is_rendered_once_for_each_folder_and_nav_page():
    """The navigation of a page in it shows that page active: it is rendered
    for that page alone; a page outside it shares its folder's."""
    rendered = []
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "page.html": '{% call theme_fragment("nav") %}{{ note(page.url) }}{% endcall %}',
    }))
    env.globals["theme_fragment"] = theme.Fragments()
    env.globals["note"] = lambda url: rendered.append(url) or f"nav of {url}"

    class Page:
        def __init__(self, url: str) -> None:
            self.url = url

    home, about = Page("index.html"), Page("about.html")
    nav = type("Nav", (), {"pages": [home, about]})()
    shown = [env.get_template("page.html").render(page=page, nav=nav, base_url=base)
             for page, base in ((home, "."), (Page("x.html"), "."), (about, "."), (Page("y.html"), "."),
                                (Page("officials/a.html"), ".."), (Page("officials/b.html"), ".."))]
    assert rendered == ["index.html", "x.html", "about.html", "officials/a.html"]
    assert shown == ["nav of index.html", "nav of x.html", "nav of about.html", "nav of x.html",
                     "nav of officials/a.html", "nav of officials/a.html"]
