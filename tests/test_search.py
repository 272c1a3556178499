"""Material's search reads a lighter view of each page (briefing/search.py),
without the markup of which it keeps only the text: the index it makes must
be the one it makes of the whole page, on the shipped briefing and on a
synthetic one with long tables and charts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench import corpus
from briefing import search
from conftest import copy_project

pytestmark = pytest.mark.slow


def _search_index(root: Path, site: Path) -> bytes:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return (site / "search" / "search_index.json").read_bytes()


@pytest.mark.parametrize("corpus_of", ["shipped", "synthetic"])
def test_the_index_is_the_one_material_makes_of_the_whole_page(tmp_path, monkeypatch, corpus_of):
    if corpus_of == "shipped":
        root = copy_project(tmp_path / "project")
    else:
        root = tmp_path / "project"
        corpus.make_project(root, 120, seed=5)
    viewed: list[bool] = []
    real_view = search.indexed_view

    def view(html: str):
        found = real_view(html)
        viewed.append(found is not None)
        return found

    monkeypatch.setattr(search, "indexed_view", view)
    lighter = _search_index(root, tmp_path / "lighter")
    monkeypatch.setattr(search, "indexed_view", lambda html: None)
    whole = _search_index(root, tmp_path / "whole")
    assert len(viewed) > 50 and all(viewed)  # the view was taken, page after page
    assert lighter == whole
    entries = json.loads(whole)["docs"]
    assert len(entries) > 50 and all("  " not in entry["text"] for entry in entries)
    # The facts are searched, not how each is sourced nor the notes' numbers.
    texts = " ".join(entry["text"] for entry in entries)
    assert "Date · " in texts and "· Reports;" not in texts and "fnref" not in whole.decode()
    assert "curator's classification, no report cited" not in texts


def test_the_sourcing_column_and_the_note_markers_are_not_searched():
    facts = ('<table>\n<thead>\n<tr>\n<th>Fact</th>\n<th>Detail</th>\n<th>Reports</th>\n</tr>\n</thead>\n<tbody>\n'
             '<tr>\n<td>Date</td>\n<td>29 Jan 2025</td>\n<td>1 report <sup id="fnref3:1"><a class="footnote-ref" '
             'href="#fn:1">1</a></sup></td>\n</tr>\n<tr>\n<td>Place</td>\n<td><a href="p.html">Delhi</a></td>\n'
             '<td><span class="curated">curator\'s classification, no report cited</span></td>\n</tr>\n</tbody>\n</table>')
    other = ('<table>\n<thead>\n<tr>\n<th>Date</th>\n<th>Engagement</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n'
             '<td>28 Jan 2025</td>\n<td>Talks</td>\n</tr>\n</tbody>\n</table>')
    prose = ('<p>They met.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup><sup>,</sup>'
             '<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup> Talks go on <sup>2</sup>.</p>')
    searched = " ".join(search.indexed_view(search.unindexed(facts + other + prose)).split())
    assert searched == ("Fact · Detail; Date · 29 Jan 2025; Place · Delhi; "
                        "Date · Engagement; 28 Jan 2025 · Talks; <p>They met. Talks go on <sup>2</sup>.</p>")


def test_markup_excluded_from_search_is_read_as_it_is():
    # An excluded table keeps its markup, so the parser still sees where the exclusion ends.
    html = '<p>A <a href="x.html">link</a></p><table data-search-exclude><tr><td>hidden</td></tr></table><p>B</p>'
    assert search.indexed_view(html) is None
    assert search.indexed_view('<h2 id="x">Heading<a class="headerlink" href="#x">¶</a></h2><p>A '
                               '<a href="x.html">link</a></p>') == '<h2 id="x">Heading</h2><p>A link</p>'


def test_the_notes_are_left_out_of_the_view_but_for_a_heading_or_div_inside():
    notes = ('<div class="footnote" data-search-exclude>\n<hr />\n<ol>\n<li id="fn:1"><p><a href="s.html">A '
             'report</a> <a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li>\n</ol>\n</div>')
    assert search.indexed_view("<p>A</p>" + notes + "<p>B</p>") == (
        '<p>A</p><div class="footnote" data-search-exclude></div><p>B</p>')
    for inside in ('<h2 id="n">Notes</h2>', "<div>x</div>"):
        kept = notes.replace("<hr />", inside)
        assert "<li" in search.indexed_view(kept)
