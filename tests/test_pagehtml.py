"""`briefing.pagehtml` converts generated pages as MkDocs would: its HTML and
table of contents must be byte for byte those of MkDocs' own `Page.render`
(Python-Markdown with mkdocs.yml's extensions and MkDocs' link rewriting) on
every generated page of the shipped and a synthetic corpus, none of them left
to the fallback, and on text holding every character Markdown reads as syntax;
anything else it must leave to Python-Markdown."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from bench import corpus
from bench.run import python_markdown_config
from briefing import pagehtml, parallel, pipeline
from briefing.acronyms import Abbreviations
from briefing.project import Project
from briefing.routes import ABBREVIATIONS_FILE
from briefing.text import inert, inert_title

ROOT = Path(__file__).resolve().parent.parent


def _site(root: Path) -> tuple:
    """MkDocs' config of the project at `root` and its files: the generated
    pages and the hand-written ones, as the plugin hands them to MkDocs."""
    config = load_config(str(root / "mkdocs.yml"))
    generated, docs = root / "generated", root / "content"
    files = Files([File(str(path.relative_to(folder)), str(folder), config.site_dir, False)
                   for folder in (generated, docs) for path in sorted(folder.rglob("*"))
                   if path.is_file() and str(path.relative_to(folder)) != ABBREVIATIONS_FILE])
    return config, files


def _toc(toc) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in toc]


def _both(config, files, file: File, markdown: str) -> tuple[tuple, tuple | None]:
    """MkDocs' rendering of `markdown` as the page of `file`, and ours (None: the fallback)."""
    page = Page(None, file, config)
    page.markdown, page.meta = markdown, {}
    page.render(config, files)
    links = pagehtml.MkDocsLinks(file, files)
    ours = pagehtml.convert(markdown, links)
    theirs = (page.content, _toc(page.toc), page.links_to_anchors, page.present_anchor_ids)
    if ours is None:
        return theirs, None
    return theirs, (ours.html, _toc(get_toc(ours.toc_tokens)), links.links_to_anchors, ours.anchor_ids)


def _generated(root: Path) -> Path:
    pipeline.generate(Project(root))
    return root


def _with_hostile_facts(root: Path) -> Path:
    """The project with an engagement and a topic whose curated text holds
    markup and every character Markdown reads as syntax (test_safe_output's)."""
    from test_safe_output import FACTS, HOSTILE, yaml_single
    more = "pipes | and \\ backslashes & ampersands &amp; < > _under_ *star* [^2] IMF_US"
    text = FACTS.format(title=yaml_single(HOSTILE[0] + " " + HOSTILE[4] + " " + more),
                        note=yaml_single(HOSTILE[1] + " " + HOSTILE[5]),
                        place=yaml_single(HOSTILE[2] + " " + HOSTILE[6] + " " + more),
                        summary=yaml_single(" ".join(HOSTILE) + " " + more))
    (root / "seeds" / "facts" / "zz-hostile.yml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> list[Path]:
    from conftest import copy_project
    base = tmp_path_factory.mktemp("pagehtml")
    synthetic = base / "synthetic"
    corpus.make_project(synthetic, 60, seed=3)
    hostile = _with_hostile_facts(copy_project(base / "hostile"))
    return [_generated(copy_project(base / "shipped")), _generated(synthetic), _generated(hostile)]


def test_every_generated_page_converts_as_mkdocs_renders_it(corpora):
    converted, hostile = 0, False
    for root in corpora:
        config, files = _site(root)
        abbreviations = Abbreviations.of(None, root / "generated")
        for file in files.documentation_pages():
            if not file.abs_src_path.startswith(str(root / "generated")):
                continue
            page = Page(None, file, config)
            page.read_source(config)
            markdown = abbreviations.defined_in(page.markdown)
            theirs, ours = _both(config, files, file, markdown)
            assert ours is not None, f"{file.src_uri} fell back to Python-Markdown"
            assert ours[0] == theirs[0], file.src_uri
            assert ours[1:] == theirs[1:], file.src_uri
            converted += 1
            hostile = hostile or "hostile-event" in markdown and "&#124;" in markdown
    assert converted > 300
    assert hostile  # the hostile engagement's text reached its pages, escaped


# Every character Markdown or an extension of mkdocs.yml reads as syntax,
# an entity, a name the glossary defines, and words.
HOSTILE = st.lists(st.sampled_from([
    "*", "**", "_", "__", "[", "]", "[^1]", "<", ">", "<b>", "&", "&amp;", "&#35;", "\\", "|", "`", "{", "}",
    "{: .x }", "#", "- ", "1. ", ">", "!", "![x](y.png)", "[a](b.md)", "~~", "^", ":", "'", '"', "  ",
    "~~~", "<![CDATA[", "IMF", "US", "U.S.", "R&D", "word", "two words", "Šefčovič", "—",
]), min_size=1, max_size=12).map("".join).filter(lambda t: t.strip())

PAGE = """# {t}

{t} with [{t}](other.md) and [{t}](other.md#x)[^1]<sup>,</sup>[^2].
*Sourcing:* {t} <span class="curated">{t}</span>
{{: .lead }}

| Fact | Detail |
| --- | --- |
| {t} | [{t}](other.md) [^1] |
| Date | {t}<sup>,</sup>[^2] |

- **{t}**: [{t}](other.md) ({t}). *{t}*
    - {t}
- `{code}`

**Periods:** {t} · [{t}](other.md)
<figure class="picture" tabindex="0"><svg><title id="chart">{t}</title></svg><figcaption>Chart</figcaption></figure>

Notes:

1. <span id="n-1"></span>[{t}](#x) {t}

## {t} {{ data-search-exclude }}

<blockquote markdown class="statement" id="statement-x">
“{t}” [^2]

— [{t}](other.md), {t}
</blockquote>

<script type="application/ld+json">{{"name": "x"}}</script>

[^1]: [{t}](other.md): [“{t}”](other.md#sentence-1)
[^2]: {t}

*[IMF]: International Monetary Fund

*[US]: United {raw} States

*[R&D]: research
"""


@pytest.fixture(scope="module")
def two_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for name in ("page.md", "other.md"):
        (folder / name).write_text("# x\n", "utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"))
    files = Files([File(name, str(folder), config.site_dir, False) for name in ("page.md", "other.md")])
    return config, files


@settings(max_examples=150, deadline=None)
@given(text=HOSTILE, raw=HOSTILE)
def test_text_holding_markdown_syntax_converts_as_mkdocs_renders_it(two_pages, text, raw):
    """The generator writes curated text through `text.inert`; whatever
    characters it holds, the page converts, to MkDocs' own HTML."""
    config, files = two_pages
    # A tooltip is written through `text.inert_title`; a template's code as it
    # is, but for "<" and "&#", which Python's HTML parser reads first.
    code = " ".join(raw.split()).replace("\\", "").replace("<", "").replace("&#", "& #").replace("`", "").strip()
    markdown = "The US.\n\n" + PAGE.format(t=inert(text.strip()), raw=inert_title(raw), code=code or "x")
    theirs, ours = _both(config, files, files.get_file_from_path("page.md"), markdown)
    assert ours == theirs
    # And the tooltip shows the text itself.
    shown = {html.unescape(title) for title in re.findall(r'<abbr title="([^"]*)">US</abbr>', theirs[0])}
    assert shown == {"United " + " ".join(raw.split()) + " States"}


@pytest.mark.parametrize("markdown", [
    "**Periods:** a · [b](other.md)\n<figure><svg><title>t</title></svg></figure>\n\n## After\n",
    "- a\n- b\n<div class=\"x\">c</div>\n",
    "| a | b |\n| --- | --- |\n| c | d |\n<div>e</div>\n\nText\n",
    "# Heading\n<figure>f</figure>\n",
])
def test_an_html_block_opening_a_line_after_text_converts_as_mkdocs_renders_it(two_pages, markdown):
    """Python-Markdown ends the text before an HTML block that opens a line
    (the timeline's periods, then its chart): so does pagehtml."""
    config, files = two_pages
    theirs, ours = _both(config, files, files.get_file_from_path("page.md"), markdown)
    assert ours == theirs


def test_curated_lines_opening_as_fenced_code_stay_text(two_pages):
    """fenced_code is on in every MkDocs build: two curated texts each
    opening a line with "~~~" would make what lies between them code."""
    config, files = two_pages
    markdown = f"{inert('~~~ first')}\n\n*between*\n\n{inert('~~~~ second')}\n"
    theirs, ours = _both(config, files, files.get_file_from_path("page.md"), markdown)
    assert ours == theirs
    assert "<pre>" not in theirs[0] and "<em>between</em>" in theirs[0]
    assert html.unescape(re.sub(r"<[^>]+>", "", theirs[0])).split() == ["~~~", "first", "between", "~~~~", "second"]


def test_a_tooltip_holding_markup_shows_as_written(two_pages):
    """A tooltip holding "<![" stopped Python-Markdown (AssertionError), and
    one holding "<b>", "&amp;" or "&#60;" showed something else."""
    config, files = two_pages
    written = "a <![ x <![CDATA[ y ]]> <b>bold</b> &amp; &#60; &#x3c; & R&D < b"
    markdown = "The US.\n\n*[US]: " + inert_title(written) + "\n"
    theirs, ours = _both(config, files, files.get_file_from_path("page.md"), markdown)
    assert ours == theirs
    shown = {html.unescape(title) for title in re.findall(r'<abbr title="([^"]*)">US</abbr>', theirs[0])}
    assert shown == {written}


@pytest.mark.parametrize("markdown", [
    "> a quotation\n",
    "```\nfenced code\n```\n",
    "Text  \nafter a line break\n",
    "    indented code\n",
    "A title\n=======\n",
    "![an image](picture.png)\n",
    "[a reference][r]\n\n[r]: other.md\n",
    "- a\n\n- loose list\n",
    "| a | b |\n| :-- | --- |\n| aligned | cell |\n",
    "<div markdown>\n*a*\n</div>\n",
    "a \\* escaped\n",
    "***strong emphasis***\n",
    "<!-- a comment -->\n",
    "<div>a</div><div>b</div>\n",
    "<div>\n\n<p>a blank line inside</p>\n</div>\n",
    "<script>x</script>\n\nUS\n\n*[US]: United &# States\n",
    "Text\n<blockquote markdown>\n*a*\n</blockquote>\n",
])
def test_what_it_does_not_read_goes_through_python_markdown(two_pages, markdown):
    config, files = two_pages
    theirs, ours = _both(config, files, files.get_file_from_path("page.md"), markdown)
    assert ours is None
    assert theirs[0]  # Python-Markdown made something of it: the page still has its HTML


def test_a_link_mkdocs_cannot_resolve_goes_through_python_markdown(two_pages):
    """MkDocs warns of a link to a file it does not have (and --strict fails
    the build): such a page is left to it."""
    config, files = two_pages
    page = files.get_file_from_path("page.md")
    assert pagehtml.convert("[there](other.md)\n", pagehtml.MkDocsLinks(page, files)) is not None
    assert pagehtml.convert("[nowhere](missing.md)\n", pagehtml.MkDocsLinks(page, files)) is None
    assert pagehtml.convert("[absolute](/other.md)\n", pagehtml.MkDocsLinks(page, files)) is None


@pytest.mark.slow
def test_the_site_is_the_same_either_way(tmp_path):
    """Every file of the built site, the search index included, is the same
    whether the generated pages are converted by pagehtml or by Python-Markdown
    (with site_url set, so that links carry their printed addresses)."""
    import subprocess
    import sys

    root = tmp_path / "project"
    corpus.make_project(root, 40, seed=5)
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://example.org/briefing/\n" + config.read_text("utf-8"), "utf-8")
    sites = {}
    for name, config in (("ours", root / "mkdocs.yml"), ("python-markdown", python_markdown_config(root))):
        site = tmp_path / name
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-f", str(config),
                               "--site-dir", str(site)], capture_output=True, text=True, cwd=root, timeout=600)
        assert done.returncode == 0, done.stderr
        converted = re.search(r"generated pages converted by pagehtml: (\d+), by Python-Markdown: (\d+)", done.stderr)
        assert converted, done.stderr[-2000:]
        if name == "ours":
            assert int(converted.group(1)) > 80 and converted.group(2) == "0"
        else:
            assert converted.group(1) == "0"
        sites[name] = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert "search/search_index.json" in sites["ours"]
    assert b'data-print-url="https://example.org/briefing/' in sites["ours"]["timeline.html"]
    assert sites["ours"].keys() == sites["python-markdown"].keys()
    different = [path for path in sites["ours"] if sites["ours"][path] != sites["python-markdown"][path]]
    assert different == []


def test_pages_converted_ahead_on_both_cores_are_those_converted_in_turn(tmp_path, monkeypatch):
    """`Ahead` (a forked process converting every other page) gives each
    page what `convert_page` gives it, its links to anchors keyed by this
    process's files; a page whose Markdown changed since is converted again."""
    monkeypatch.setattr(parallel, "WORTH_FORKING", 2)
    # Threads other tests leave waiting would stop map_shared from forking;
    # the child converts only, taking no lock they could hold.
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)
    forks, fork = [], os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    names = [f"page-{n}.md" for n in range(5)]
    for n, name in enumerate(names):
        (tmp_path / name).write_text(f'---\ntitle: "Page {n}"\n---\n\n# Page {n}\n\nThe US and '
                                     f'[the next](page-{(n + 1) % 5}.md#page-{(n + 1) % 5}).\n', "utf-8")
    (tmp_path / "untitled.md").write_text("# Untitled\n", "utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"))
    files = Files([File(name, str(tmp_path), config.site_dir, False) for name in [*names, "untitled.md"]])
    defined_in = Abbreviations(["*[US]: United States"]).defined_in
    site = pagehtml.SiteLinks(files)
    ahead = pagehtml.Ahead(list(files.documentation_pages()), site, defined_in)
    assert forks == [1]
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        markdown = page.markdown if file.src_uri != "page-3.md" else page.markdown + "\nChanged.\n"
        fresh = pagehtml.convert_page(defined_in(markdown), page, pagehtml.SiteLinks(files))
        made = ahead.convert_page(markdown, page, defined_in)
        if fresh is None:
            assert file.src_uri == "untitled.md" and made is None
            continue
        assert made is not None and (made.html, made.toc_tokens, made.anchor_ids) == \
            (fresh.html, fresh.toc_tokens, fresh.anchor_ids)
        assert made.links_to_anchors == fresh.links_to_anchors
        assert all(any(target is f for f in files) for target in made.links_to_anchors)
        assert "<abbr" in made.html and ("Changed." in made.html) == (file.src_uri == "page-3.md")
