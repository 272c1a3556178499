"""Issue 22: `add` reads the shapes reports come in, keeps the page's date
line out of quotes, and chooses ids and titles a person would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from briefing import pipeline
from briefing.add import add, read_metadata, suggested_id
from briefing.model import SLUG_REGEX
from briefing.project import Project
from conftest import ROOT, run_build

SHIPPED = yaml.safe_load((ROOT / "seeds" / "sources.yml").read_text("utf-8"))["sources"]


@pytest.mark.parametrize("entry", SHIPPED, ids=[s["id"] for s in SHIPPED])
def test_add_reads_of_each_shipped_report_what_its_curator_recorded(entry):
    """The five real reports: outlet, date and dateline as the curator read
    them from the text, but a year the text does not state, which stays unknown."""
    text = (ROOT / "seeds" / "sources" / entry["file"]).read_text("utf-8")
    metadata = read_metadata(text)
    assert (metadata.outlet, metadata.dateline) == (entry["outlet"], entry["dateline"])
    if entry["published"] and "?" not in entry["published"]:
        assert metadata.published == entry["published"]
    else:
        assert metadata.published is None and metadata.published_note


@pytest.mark.parametrize("text, published, outlet, dateline", [
    # A date line, glued to a dateline ending in ':'.
    (" date 2025-12-09 NEW DELHI: India and the United States held talks on trade.\n", "2025-12-09", None, "NEW DELHI"),
    # "Posted on …", a dateline ending in an en dash, an agency credited at the end.
    ("Posted on October 21, 2025\n\nPRETORIA – South Africa's foreign minister met her Indian counterpart on "
     "Monday.\nThe two discussed trade. (IANS)\n", "2025-10-21", "IANS", "PRETORIA"),
    ("Published: 3 November 2025\nBaku - Azerbaijani officials met a visiting delegation.\n", "2025-11-03", None, "Baku"),
    # A dateline ending in a hyphen; the outlet named in the text.
    ("CENTURION - The energy minister met executives of the city. Speaking to SABC News, he said talks would "
     "go on.\n", None, "SABC News", "CENTURION"),
    # The outlet in a sign-off at the end, and as the one the ministry told.
    ("Azerbaijani Foreign Minister met his Turkish counterpart, the ministry told News.Az.\n\nThe parties "
     "exchanged views.\n\nNews.Az\n", None, "News.Az", None),
    ("The ministers met in Ankara, the ministry told News.Az on Friday.\n", None, "News.Az", None),
    ("BEIJING, Dec. 3, 2025 (Xinhua) -- Chinese and Indian officials met here.\n", "2025-12-03", "Xinhua", "BEIJING"),
    ("Washington:\n\nForeign Secretary Vikram Misri met officials.\n", None, None, "Washington"),
])
def test_add_reads_the_shapes_reports_come_in(text, published, outlet, dateline):
    metadata = read_metadata(text)
    assert (metadata.published, metadata.outlet, metadata.dateline) == (published, outlet, dateline), metadata


def test_a_headline_is_not_a_dateline():
    metadata = read_metadata("India and US agree to deepen ties\n\nThe two sides met in Delhi on Monday.\n")
    assert metadata.dateline is None and metadata.outlet is None


@pytest.mark.parametrize("name, text, expected_id, expected_title", [
    # The date is in the file's name and on the date line: once in the id.
    ("sentinel-2025-12-08.txt", " date 2025-12-08 NEW DELHI: Officials met.\n", "sentinel-2025-12-08",
     "Sentinel report from New Delhi, 8 Dec 2025"),
    # A name that says nothing (a counter and a hash): the outlet, the place and the date.
    ("007_ba747a4f61cc4039.txt", " date 2025-05-30 Washington DC [US], May 30 (ANI): Officials met.\n",
     "ani-washington-dc-2025-05-30", "ANI report from Washington DC [US], 30 May 2025"),
    # The file's own words, when the text states nothing about itself.
    ("gin-trust.txt", "Foreign Secretary Vikram Misri met Under Secretary Allison Hooker.\n", "gin-trust",
     "Gin trust report"),
    # Nothing at all: who the report names first.
    ("0001.txt", "Foreign Secretary Vikram Misri met Under Secretary of State for Political Affairs Allison Hooker.\n",
     "vikram-misri-allison-hooker", "Report naming Vikram Misri and Allison Hooker"),
    ("pti-report.txt", "New Delhi, Jun 3 (PTI) Officials met.\n", "pti-new-delhi", "PTI report from New Delhi"),
])
def test_ids_and_titles_are_ones_a_person_would_choose(project, tmp_path, name, text, expected_id, expected_title):
    (tmp_path / name).write_text(text, encoding="utf-8")
    source_id = add(Project(project), tmp_path / name)
    assert source_id == expected_id
    entry = next(s for s in yaml.safe_load((project / "seeds/sources.yml").read_text("utf-8"))["sources"]
                 if s["id"] == source_id)
    assert entry["title"] == expected_title
    assert "in " + name not in entry["title"]


def test_the_date_line_is_kept_out_of_the_drafts_quotes(project, tmp_path):
    """A real report whose first sentence follows its date line on the same line."""
    text = (ROOT / "seeds" / "sources" / "000_ba747a4f61cc4038.txt").read_text("utf-8")
    report = tmp_path / "0007.txt"
    report.write_text(text.replace("May 30", "May 31").replace("2025-05-30", "2025-05-31"), encoding="utf-8")
    source_id = add(Project(project), report)
    assert source_id == "ani-washington-dc-2025-05-31"
    result = run_build(project, "draft", source_id)
    assert result.code == 0, result.err
    drafted = yaml.safe_load((project / "seeds/drafts" / f"{source_id}.yml").read_text("utf-8"))
    quotes = [e["quote"] for p in drafted["proposals"] for e in p["evidence"]]
    assert any(q.startswith("Washington DC [US], May 31 (ANI): Foreign Secretary Vikram Misri met") for q in quotes)
    assert not any(q.lstrip().startswith("date ") for q in quotes), quotes
    assert all(q in report.read_text("utf-8") for q in quotes)


def test_a_suggested_id_is_a_slug_under_the_cap_whatever_the_name():
    metadata = read_metadata("Posted on October 21, 2025\nNEW DELHI: Officials met.\n")
    for stem in ["Šefčovič--name__2025", "x" * 200, "---", "2025-10-21"]:
        made = suggested_id(metadata, stem)
        assert re.fullmatch(SLUG_REGEX, made), made
    assert suggested_id(metadata, "Šefčovič") == "sefcovic-2025-10-21"


def test_an_added_report_passes_check(project, tmp_path):
    (tmp_path / "news-az.txt").write_text("Azerbaijani and Indian officials met in Baku, the ministry told News.Az."
                                          "\n\nNews.Az\n", encoding="utf-8")
    add(Project(project), tmp_path / "news-az.txt")
    assert pipeline.check(Project(project))
    assert Path(project / "seeds" / "sources" / "news-az.txt").read_bytes() == (tmp_path / "news-az.txt").read_bytes()


@pytest.mark.parametrize("stem", ["off", "yes", "null", "1e3", "2025"])
def test_a_report_whose_id_yaml_would_read_as_another_type_passes_check(project, tmp_path, stem):
    # The seeds are read as YAML 1.1, where `off` is false and `1e3` a number:
    # such an id is written in quotes.
    (tmp_path / f"{stem}.txt").write_text("Officials of two countries met in Lima.\n", encoding="utf-8")
    source_id = add(Project(project), tmp_path / f"{stem}.txt")
    ids = [s["id"] for s in yaml.safe_load((project / "seeds/sources.yml").read_text("utf-8"))["sources"]]
    assert source_id in ids and all(isinstance(i, str) for i in ids)
    assert pipeline.check(Project(project))
