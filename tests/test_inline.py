"""`briefing.inline` skips Python-Markdown's inline patterns on text they
cannot match: the HTML must be byte for byte the HTML Python-Markdown makes
without it, on generated pages and on any text, and the shortcut must be on
with the extensions mkdocs.yml names (a Python-Markdown upgrade that changes
a pattern turns it off, and this says so)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import corpus
from briefing import inline, pipeline
from briefing.project import Project

ROOT = Path(__file__).resolve().parent.parent


def _extensions() -> tuple[list[str], dict]:
    """mkdocs.yml's Markdown extensions, without briefing.inline, and their settings."""
    names, settings_of = [], {}
    for entry in yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name != "briefing.inline":
            names.append(name)
            settings_of[name] = options or {}
    return names, settings_of


EXTENSIONS, SETTINGS = _extensions()


def both(text: str, extensions: list[str] = EXTENSIONS) -> tuple[str, str]:
    stock = markdown.Markdown(extensions=extensions, extension_configs=SETTINGS).convert(text)
    skipping = markdown.Markdown(extensions=["briefing.inline", *extensions], extension_configs=SETTINGS)
    return stock, skipping.convert(text)


def test_mkdocs_yml_names_the_extension():
    names = [next(iter(e)) if isinstance(e, dict) else e
             for e in yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]]
    assert "briefing.inline" in names


def test_the_shortcut_is_on_with_the_extensions_of_mkdocs_yml():
    md = markdown.Markdown(extensions=["briefing.inline", *EXTENSIONS], extension_configs=SETTINGS)
    needs = inline.needs_of(md)
    assert needs is not None, "a pattern of this Python-Markdown is not in briefing/inline.py's table"
    assert len(needs) == len(list(md.inlinePatterns))


def test_a_pattern_it_does_not_know_turns_it_off():
    # Its emphasis pattern also reads "~": not the one in the table.
    md = markdown.Markdown(extensions=["briefing.inline", "pymdownx.tilde", *EXTENSIONS])
    assert inline.needs_of(md) is None
    stock, skipping = both("a ~~b~~ *c* d~e~f **g*", ["pymdownx.tilde", *EXTENSIONS])
    assert "<del>b</del>" in stock
    assert skipping == stock


def test_reference_links_still_resolve():
    text = "See [the report][r] and [r], ![x][r] and [not defined][n].\n\n[r]: https://example.org/a \"A\"\n"
    stock, skipping = both(text)
    assert skipping == stock
    assert stock.count('href="https://example.org/a"') == 2


# Pieces any Markdown text is made of: plain words, each character an
# inline pattern starts with, and whole constructs.
PIECES = st.sampled_from([
    "word", "two words", " ", "  ", "\n", "  \n", "—", "é", "`", "``", "\\", "[", "]", "(", ")", "!", "^", "<", ">",
    "&", ";", "*", "**", "_", "__", "#", ":", "|", "[a](b.md)", "[a](<b c.md> \"t\")", "![i](p.png)", "[^1]",
    "[r]", "[x][r]", "<https://example.org>", "<a@b.org>", "<b>", "</b>", "<!-- c -->", "&amp;", "&#45;",
    "&#x2d;", "*em*", "**strong**", "_em_", "`code`", "\\*", "{ .c }", "IMF", "[a [b] c](d.md)",
])
TEXTS = st.lists(PIECES, max_size=30).map("".join)
DEFINITIONS = "\n\n[r]: https://example.org/r\n\n[^1]: A note with [a link](n.md) and *emphasis*.\n\n*[IMF]: Fund\n"


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.booleans())
def test_any_text_converts_to_the_same_html(text, with_definitions):
    stock, skipping = both(text + (DEFINITIONS if with_definitions else ""))
    assert skipping == stock


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_any_table_converts_to_the_same_html(cells):
    text = "| " + " | ".join(f"h{i}" for i in range(len(cells))) + " |\n|" + "---|" * len(cells) + "\n"
    text += "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |\n"
    stock, skipping = both(text)
    assert skipping == stock


def _generated_pages(root: Path) -> list[Path]:
    pipeline.generate(Project(root))
    return sorted((root / "generated").rglob("*.md"))


def test_generated_pages_convert_to_the_same_html(tmp_path):
    from conftest import copy_project
    shipped = copy_project(tmp_path / "shipped")
    synthetic = tmp_path / "synthetic"
    corpus.make_project(synthetic, 60, seed=3)
    pages = _generated_pages(shipped) + _generated_pages(synthetic)
    assert len(pages) > 150
    for page in pages:
        text = page.read_text("utf-8")
        if text.startswith("---\n"):
            text = text[text.index("\n---\n", 4) + 5:]
        stock, skipping = both(text)
        assert skipping == stock, page


def test_a_markdown_without_the_private_method_it_overrides_is_refused_at_import():
    """inline.py overrides a private method of Python-Markdown 3.11's
    InlineProcessor: where it is gone, importing the extension says so,
    rather than the override being silently bypassed."""
    script = ("import markdown.treeprocessors as t\n"
              "del t.InlineProcessor._InlineProcessor__handleInline\n"
              "import briefing.inline\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert ("ImportError: briefing.inline needs Python-Markdown 3.11 (installed: "
            f"{markdown.__version__}): markdown.treeprocessors.InlineProcessor has no "
            "_InlineProcessor__handleInline") in done.stderr, done.stderr
