"""`briefing new DIR`: a briefing of one's own in one command, and what
`check` says of a project that lacks something."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from briefing.scaffold import Answers
from conftest import ROOT

BRIEFING = str(Path(sys.executable).parent / "briefing")  # the installed command, as a user runs it
REPORT = ROOT / "seeds" / "sources" / "000_ba747a4f61cc4038.txt"  # a real report: ANI, 30 May 2025
ANSWERS = ["--title", "Talks: India and the US", "--description", "Who met whom, and what each report says.",
           "--countries", "India, United States"]


def briefing(*args: str, cwd: Path, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([BRIEFING, *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=env,
                          stdin=stdin)


@pytest.mark.slow
def test_the_cold_start_new_add_draft_apply_build(tmp_path):
    """As a new curator: a briefing of one's own, a real report added,
    drafted, the proposals one can vouch for kept, applied, and built."""
    made = briefing("new", "talks", *ANSWERS, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "talks"
    checked = briefing("check", cwd=project)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr

    added = briefing("add", str(REPORT), cwd=project)
    assert added.returncode == 0, added.stderr
    source = added.stdout.strip().splitlines()[-1]
    drafted = briefing("draft", source, cwd=project)
    assert drafted.returncode == 0, drafted.stderr
    draft = project / "seeds" / "drafts" / f"{source}.yml"
    proposals = yaml.safe_load(draft.read_text("utf-8"))
    # What a curator keeps without writing anything: the new officials the
    # report names with everything a record needs (the rest, deleted).
    kept = [p for p in proposals["proposals"]
            if p["action"] == "new" and p["collection"] == "officials" and "FILL IN" not in yaml.safe_dump(p)]
    assert kept, proposals
    draft.write_text(yaml.safe_dump({**proposals, "proposals": kept}, allow_unicode=True, sort_keys=False),
                     encoding="utf-8")
    applied = briefing("apply", str(draft.relative_to(project)), cwd=project)
    assert applied.returncode == 0, applied.stderr

    built = briefing("build", cwd=project)
    assert built.returncode == 0, built.stderr
    site = project / "site"
    for proposal in kept:
        page = (site / "officials" / f"{proposal['id']}.html").read_text("utf-8")
        assert proposal["fields"]["name"] in page
    home = (site / "index.html").read_text("utf-8")
    assert "Talks: India and the US" in home
    # The description shows where a reader meets the briefing: the home page and the book's cover.
    assert "<p class=\"lead\">Who met whom, and what each report says.</p>" in home
    assert ('<p class="book-cover-description">Who met whom, and what each report says.</p>'
            in (site / "book.html").read_text("utf-8"))
    assert (site / "sources" / f"{source}.html").is_file()
    assert (site / "about.html").is_file() and "India and United States" in (site / "about.html").read_text("utf-8")


def test_without_a_terminal_what_is_not_given_is_marked_to_fill_in(tmp_path):
    made = briefing("new", "mine", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "FILL IN" in made.stdout
    project = tmp_path / "mine"
    config = yaml_load((project / "mkdocs.yml").read_text("utf-8"))
    assert config["site_name"].startswith("FILL IN") and config["site_description"].startswith("FILL IN")
    checked = briefing("check", cwd=project)
    assert checked.returncode == 0, checked.stderr  # warnings: it builds, and says what is left
    assert checked.stderr.splitlines() == [
        "mkdocs.yml:3: still marked FILL IN: write it in your own words",
        "mkdocs.yml:4: still marked FILL IN: write it in your own words",
        "content/about.md:3: still marked FILL IN: write it in your own words",
        "content/about.md:5: still marked FILL IN: write it in your own words",
    ]


def test_on_a_terminal_it_asks_and_offers_a_title_from_the_countries(tmp_path):
    controller, terminal = pty.openpty()
    try:
        done = subprocess.Popen([BRIEFING, "new", "asked"], cwd=tmp_path, stdin=terminal, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        # Countries; the title offered (accepted with Enter); the description.
        os.write(controller, b"India, Japan\n\nMeetings between India and Japan, as reported.\n")
        out, err = done.communicate(timeout=300)
    finally:
        os.close(controller)
        os.close(terminal)
    assert done.returncode == 0, err
    assert "Title [India and Japan engagements]: " in out
    config = yaml_load((tmp_path / "asked" / "mkdocs.yml").read_text("utf-8"))
    assert config["site_name"] == "India and Japan engagements"
    assert config["site_description"] == "Meetings between India and Japan, as reported."


def test_answers_not_given_are_asked_in_order_and_an_empty_one_left_to_fill_in():
    asked = []
    answers = Answers(description="Given.")
    answers.ask(lambda prompt: asked.append(prompt) or "")
    assert [prompt.split(" ")[0] for prompt in asked] == ["Countries", "Title:"]
    assert (answers.title, answers.description, answers.countries) == ("", "Given.", "")


def test_the_new_mkdocs_yml_is_the_shipped_one_but_for_the_title_and_description(tmp_path):
    assert briefing("new", "mine", *ANSWERS, cwd=tmp_path).returncode == 0
    mine = yaml_load((tmp_path / "mine" / "mkdocs.yml").read_text("utf-8"))
    shipped = yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    assert (mine.pop("site_name"), mine.pop("site_description")) == ("Talks: India and the US",
                                                                     "Who met whom, and what each report says.")
    shipped.pop("site_name"), shipped.pop("site_description")
    assert mine == shipped


def test_new_refuses_a_folder_that_holds_anything(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine\n", encoding="utf-8")
    refused = briefing("new", "taken", *ANSWERS, cwd=tmp_path)
    assert refused.returncode == 2 and "not an empty folder" in refused.stderr
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]  # nothing left beside it either


def test_a_colon_in_site_description_fails_check_at_its_line(tmp_path):
    assert briefing("new", "mine", *ANSWERS, cwd=tmp_path).returncode == 0
    config = tmp_path / "mine" / "mkdocs.yml"
    text = config.read_text("utf-8").splitlines()
    text[3] = "site_description: Who met whom: the talks"
    config.write_text("\n".join(text) + "\n", encoding="utf-8")
    checked = briefing("check", cwd=tmp_path / "mine")
    assert checked.returncode == 2, checked.stderr
    assert checked.stderr.splitlines()[0] == ("mkdocs.yml:4: YAML syntax: mapping values are not allowed here "
                                              "(a value holding ': ' must be quoted)")
    assert "Traceback" not in checked.stderr


def test_an_incomplete_project_is_told_everything_it_lacks_at_once(tmp_path):
    """A minimal mkdocs.yml, no sources.yml, an empty facts file, no docs
    folder, a template including one that is nowhere: one line each, saying
    what to create."""
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\nplugins:\n  - briefing\n", encoding="utf-8")
    (tmp_path / "seeds" / "facts").mkdir(parents=True)
    (tmp_path / "seeds" / "facts" / "people.yml").write_text("", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "home.md.j2").write_text('{% include "_mine.md.j2" %}\n', encoding="utf-8")
    checked = briefing("check", cwd=tmp_path)
    assert checked.returncode == 2, checked.stderr
    assert checked.stderr.splitlines() == [
        "docs: not found; create this folder for hand-written pages such as about.md (docs_dir in mkdocs.yml)",
        # MkDocs' default, which the briefing's links do not follow.
        "mkdocs.yml: use_directory_urls: the briefing's links are to pages' .html files; "
        "set `use_directory_urls: false`",
        "seeds/facts/people.yml:1: the file is empty; write a list in it, such as `officials: []`, or remove it",
        "seeds/sources.yml: not found; create it holding `sources: []`; `briefing add REPORT` registers reports there",
        "templates/home.md.j2:1: template '_mine.md.j2' not found, in templates/ or among the shipped ones; "
        "create templates/_mine.md.j2",
        "5 problems found; nothing was written.",
    ]


def test_a_config_without_the_plugin_is_told_to_list_it(tmp_path):
    assert briefing("new", "mine", *ANSWERS, cwd=tmp_path).returncode == 0
    config = tmp_path / "mine" / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - briefing:\n      seeds: seeds\n      templates: templates\n"
                                                        "      output: generated\n", ""), encoding="utf-8")
    line = config.read_text("utf-8").splitlines().index("plugins:") + 1
    checked = briefing("check", cwd=tmp_path / "mine")
    assert checked.returncode == 2
    assert checked.stderr.splitlines()[0] == (f"mkdocs.yml:{line}: plugins: the 'briefing' plugin is not listed; "
                                              "add `- briefing` under plugins")


@pytest.mark.slow
def test_a_template_of_the_project_replaces_the_shipped_one_of_its_name_only(tmp_path):
    assert briefing("new", "mine", *ANSWERS, cwd=tmp_path).returncode == 0
    project = tmp_path / "mine"
    (project / "templates").mkdir()
    home = (ROOT / "templates" / "home.md.j2").read_text("utf-8")
    (project / "templates" / "home.md.j2").write_text("Zorblat front page.\n\n" + home, encoding="utf-8")
    built = briefing("build", cwd=project)
    assert built.returncode == 0, built.stderr
    assert "Zorblat front page." in (project / "site" / "index.html").read_text("utf-8")
    assert "Zorblat" not in (project / "site" / "timeline.html").read_text("utf-8")
    # One it includes that is nowhere: said at its line, with what to create, by check as by build.
    (project / "templates" / "home.md.j2").write_text('Front.\n{% include "_nowhere.md.j2" %}\n', encoding="utf-8")
    for command in ("check", "build"):
        failed = briefing(command, cwd=project)
        assert failed.returncode == 2
        assert failed.stderr.splitlines()[0] == ("templates/home.md.j2:2: template '_nowhere.md.j2' not found, in "
                                                 "templates/ or among the shipped ones; create templates/_nowhere.md.j2")


def test_what_mkdocs_refuses_or_does_not_know_in_mkdocs_yml_is_said_at_its_line(tmp_path):
    assert briefing("new", "mine", *ANSWERS, cwd=tmp_path).returncode == 0
    config = tmp_path / "mine" / "mkdocs.yml"
    text = config.read_text("utf-8").replace("use_directory_urls: false", "use_directory_urls: maybe")
    config.write_text(text + "site_descripton: a typo\n", encoding="utf-8")
    checked = briefing("check", cwd=tmp_path / "mine")
    assert checked.returncode == 2
    lines = checked.stderr.splitlines()
    assert lines[0] == "mkdocs.yml:7: use_directory_urls: Expected type: <class 'bool'> but received: <class 'str'>"
    config.write_text(text.replace("use_directory_urls: maybe", "use_directory_urls: false")
                      + "site_descripton: a typo\n", encoding="utf-8")
    checked = briefing("check", cwd=tmp_path / "mine")
    assert checked.returncode == 0
    assert checked.stderr.splitlines() == [f"mkdocs.yml:{len(text.splitlines()) + 1}: site_descripton: "
                                           "Unrecognised configuration name: site_descripton"]


def test_directory_urls_are_refused_at_their_line_by_check_and_by_mkdocs(tmp_path):
    """routes.py links to pages' .html files: a site built with directory
    URLs would break every link, so neither check nor MkDocs builds one."""
    assert briefing("new", "mine", *ANSWERS, cwd=tmp_path).returncode == 0
    project = tmp_path / "mine"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("use_directory_urls: false", "use_directory_urls: true"),
                      encoding="utf-8")
    line = config.read_text("utf-8").splitlines().index("use_directory_urls: true") + 1
    refused = (f"mkdocs.yml:{line}: use_directory_urls: the briefing's links are to pages' .html files; "
               "set `use_directory_urls: false`")
    checked = briefing("check", cwd=project)
    assert checked.returncode == 2
    assert checked.stderr.splitlines() == [refused, "1 problem found; nothing was written."]
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
                           timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode != 0 and refused in built.stderr, built.stderr
    assert not (project / "site").exists()

def test_build_py_in_a_clone_starts_a_briefing_too(tmp_path):
    made = subprocess.run([sys.executable, str(ROOT / "build.py"), "new", "mine", *ANSWERS], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stderr
    assert briefing("check", cwd=tmp_path / "mine").returncode == 0


def test_new_takes_an_empty_folder_and_leaves_nothing_beside_it(tmp_path):
    (tmp_path / "empty").mkdir()
    assert briefing("new", "empty", *ANSWERS, cwd=tmp_path).returncode == 0
    assert (tmp_path / "empty" / "mkdocs.yml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]
