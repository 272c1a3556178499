"""A reader checking claims against their reports, in real Chromium: at a
desk (1280 px), on a phone (390 px) and on paper. One page of each kind,
not every page: the growth and browser tests walk the rest."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.pdf import PDF_LINK
from briefing.printing import print_addresses
from briefing.project import Project
from conftest import copy_project, run_build
from test_browser import search  # once its index is built, the whole query at once: no fixed waits

ENGAGEMENT = "events/misri-colby-meeting.html"
OFFICIAL = "officials/vikram-misri.html"
BARE_SOURCE = "sources/misri-hosts-hooker.html"  # a report naming no outlet and no date
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}


def open_page(browser, url: str, viewport=DESK):
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.errors = errors
    return page


def words(text: str) -> str:
    return " ".join(text.split())


# --- 1. The report's text on its source page ---------------------------------------------

def test_a_note_leads_to_its_sentence_in_the_report_and_back(browser, site_url):
    page = open_page(browser, site_url + ENGAGEMENT)
    notes = page.locator(".footnote li")
    assert notes.count() >= 3
    for number in range(notes.count()):
        # Each note quotes its report, the quote a link to its sentence in the text.
        quote = notes.nth(number).locator('a[href*="#sentence-"]')
        assert quote.count() == 1, notes.nth(number).inner_text()
    quote = notes.first.locator('a[href*="#sentence-"]')
    quoted = words(quote.inner_text()).strip("“”")
    quote.click()
    page.wait_for_load_state()
    assert "/sources/" in page.url and "#sentence-" in page.url
    marked = page.locator("mark.cited:target")
    assert marked.count() == 1 and marked.is_visible()
    # The sentence the note leads to holds the beginning of its quote.
    assert words(quoted)[:30].replace("'", "’") in words(marked.inner_text()).replace("'", "’") or \
        words(quoted)[:30] in words(marked.inner_text())
    # Every cited sentence is marked and anchored, and says which claims it supports.
    marks = page.locator(".report-text mark.cited")
    assert marks.count() >= 3
    for number in range(marks.count()):
        assert re.fullmatch(r"sentence-\d+", marks.nth(number).get_attribute("id") or "")
    claims = page.locator(".report-text mark.cited:target + .sentence-claims a")
    back = [claims.nth(i).get_attribute("href") for i in range(claims.count())]
    home = [i for i, href in enumerate(back) if href and href.split("#")[0].endswith(ENGAGEMENT.split("/")[1])]
    assert home, back
    # The facts table's quotes lead to sentences of this very text.
    for href in page.locator('table a[href^="#sentence-"]').evaluate_all("as => as.map(a => a.hash)"):
        assert page.locator(href).count() == 1, href
    claims.nth(home[0]).click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith(ENGAGEMENT)
    assert page.errors == []


def test_the_report_text_is_a_setting_on_unless_turned_off(project):
    on = pipeline.render(pipeline.check(Project(project)), Project(project))
    off_project = Project(project, report_text=False)
    off = pipeline.render(pipeline.check(off_project), off_project)
    source = "sources/misri-hosts-hooker.md"
    assert "## The report's text" in on[source].decode() and 'id="sentence-1"' in on[source].decode()
    assert "## The report's text" not in off[source].decode()
    assert not [path for path, text in off.items() if path.endswith(".md") and b"#sentence-" in text]
    # The plugin takes the option from mkdocs.yml.
    from briefing.plugin import BriefingPlugin
    errors, _ = BriefingPlugin().load_config({"report_text": False})
    assert errors == []


# --- 2. Every row of a facts table says where it comes from --------------------------

def test_every_row_of_a_facts_table_says_where_it_comes_from(browser, site_url):
    page = open_page(browser, site_url + ENGAGEMENT)
    rows = page.locator("article table").first.locator("tbody tr")
    seen = {}
    for number in range(rows.count()):
        cells = rows.nth(number).locator("td")
        fact, support = cells.first.inner_text(), words(cells.last.inner_text())
        seen[fact] = support
        assert support, f"{fact}: no support shown"
        assert re.match(r"\d+ reports? ", support) or "curator" in support or "1 report only" in support, support
    # Each side of the participants has its own reports; a curator's tag says it is one.
    sides = {fact: support for fact, support in seen.items() if fact.startswith("Participants")}
    assert len(sides) == 2 and all("report" in support for support in sides.values()), sides
    assert "curator's classification" in seen["Topics"] and "curator's classification" in seen["Offices"]

    # A claim resting on one report with neither outlet nor date says so plainly.
    page.goto(site_url + "events/hooker-new-delhi-visit.html")
    table = words(page.locator("article table").first.inner_text())
    assert "1 report only, naming no outlet or date" in table
    # An expansion only one report gives reads "per one report", in the glossary and its tooltip.
    page.goto(site_url + "glossary.html")
    trust = page.locator("article table tr", has=page.locator("td", has_text=re.compile(r"^TRUST$")))
    assert "per one report" in trust.inner_text()
    page.goto(site_url + OFFICIAL)
    tooltip = page.locator("abbr", has_text=re.compile("^TRUST$")).first.get_attribute("title")
    assert tooltip and "(per one report)" in tooltip
    # So does a spelling: Hooker's are all from the one report about her visit.
    page.goto(site_url + "officials/allison-hooker.html")
    assert "(per one report)" in page.locator("article p", has_text="Also written as").inner_text()
    assert page.errors == []


# --- 3. Record pages open with a lead; notes sit at their sentence ------------------

def test_record_pages_open_with_a_lead_and_notes_sit_at_their_sentence(browser, site_url):
    page = open_page(browser, site_url + OFFICIAL)
    lead = page.locator("article h1 + p")
    assert "lead" in (lead.get_attribute("class") or "")
    text = words(lead.inner_text())
    assert "Foreign Secretary (India)" in text and "engagements" in text
    assert "the latest, " in text and "Reported by" in text and "Sourcing:" in text
    # It comes before the tables.
    assert page.locator("article > *").nth(1).evaluate("e => e.tagName") == "P"

    page.goto(site_url + "events/misri-kessler-meeting.html")
    lead = words(page.locator("article h1 + p.lead").inner_text())
    assert lead.startswith("An engagement (meeting) on 27–28 May 2025") and "Sourcing:" in lead
    # The summary's notes are spread over its sentences, not bunched at the end.
    summary = page.locator("article > p", has_text="Strategic Trade Dialogue round").first
    html = summary.inner_html()
    assert re.search(r"footnote-ref.*</sup>\s*\w", html, re.S), html
    numbers = [int(n) for n in summary.locator("a.footnote-ref").all_inner_texts()]
    assert len(numbers) >= 3
    assert page.errors == []


# --- 4. Phones ------------------------------------------------------------------------

def test_on_a_phone_tables_show_they_scroll_charts_show_the_latest_and_targets_are_large(browser, site_url):
    page = open_page(browser, site_url + OFFICIAL, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    scrollers = page.locator(".md-typeset__scrollwrap").evaluate_all(
        "ws => ws.filter(w => w.scrollWidth > w.clientWidth).map(w => getComputedStyle(w).backgroundImage)")
    assert scrollers, "the engagements table should be wider than a phone"
    assert all(image.count("gradient") >= 2 for image in scrollers), scrollers

    page.goto(site_url + "timeline.html")
    figure = page.locator("figure.briefing-picture.timeline").first
    box = figure.evaluate("f => [f.scrollWidth, f.clientWidth, f.getBoundingClientRect().right,"
                          " f.querySelector('svg').getBoundingClientRect().right]")
    scroll_width, width, figure_right, chart_right = box
    assert scroll_width > width  # it scrolls on a phone…
    assert abs(chart_right - figure_right) <= 2  # …and opens at its end, the latest period

    page.goto(site_url + ENGAGEMENT)
    targets = page.locator("a.footnote-ref, a.footnote-backref").evaluate_all(
        "as => as.map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })")
    assert targets and all(w >= 24 and h >= 24 for _, w, h in targets), [t for t in targets if min(t[1:]) < 24]
    assert page.errors == []


# --- 5. Print -----------------------------------------------------------------------------

def printed_link_texts(page) -> list[str]:
    return page.locator("article a[href]").evaluate_all(
        "as => as.map(a => getComputedStyle(a, '::after').content).filter(c => c && c !== 'none')")


def test_printed_links_carry_no_relative_paths_and_the_header_dates_the_reports(browser, site_url):
    page = open_page(browser, site_url + OFFICIAL)
    page.emulate_media(media="print")
    printed = printed_link_texts(page)
    assert not [text for text in printed if ".html" in text or "../" in text], printed[:5]
    header = page.evaluate("""() => [...document.styleSheets].flatMap(s => [...s.cssRules])
        .filter(r => r.cssText.includes('@top-right')).map(r => r.cssText).join(' ')""")
    assert "reports up to 30 May 2025; built " in header, header


def test_site_url_prints_absolute_addresses():
    html = '<a href="../topics/trade.html#x">Trade</a> <a href="#n">1</a> <a href="https://e.org/">e</a>'
    printed = print_addresses(html, "events/a.html", "https://briefing.example.org/b/")
    assert 'data-print-url="https://briefing.example.org/b/topics/trade.html#x"' in printed
    assert printed.count("data-print-url") == 1
    assert print_addresses(html, "events/a.html", "") == html


# --- 6. Small things, and what a second project shows --------------------------------------

def test_small_things(browser, site_url):
    page = open_page(browser, site_url)
    # No link to a PDF the build did not make.
    assert page.locator('a[href$=".pdf"]').count() == 0
    # A name typed with one typo still finds its record.
    search(page, "Misry")
    suggestion = page.locator(".briefing-did-you-mean a", has_text="Vikram Misri")
    suggestion.wait_for(timeout=10_000)
    suggestion.click()
    page.wait_for_load_state()
    assert page.url.endswith(OFFICIAL)
    # Snippets keep the boundaries of table cells.
    page.goto(site_url)
    assert search(page, "date unknown")
    snippets = " ".join(page.locator(".md-search-result__list").all_inner_texts())
    assert "Fact · Detail; Date · date unknown" in snippets, snippets[:400]
    assert "Fact Detail" not in snippets and "curator's classification, no report cited" not in snippets
    # Officials are grouped under their own organization, or their own office.
    page.goto(site_url + "officials/index.html")
    assert page.locator("article h3", has_text="Organization not named").count() == 0
    misri_group = page.evaluate("""() => {
        const link = [...document.querySelectorAll('article table a')].find(a => a.textContent === 'Vikram Misri');
        let e = link.closest('.md-typeset__scrollwrap') || link.closest('table');
        while (e && e.tagName !== 'H3') e = e.previousElementSibling;
        return e && e.textContent.replace('¶', '').trim(); }""")
    assert misri_group == "Foreign Secretary", misri_group
    assert page.errors == []


ACCENTED_REPORT = ("date 2025-06-02\n"
                   "Brussels: European Commissioner Maroš Šefčovič met Ambassador Antonin Dvorak on trade.\n")


@pytest.fixture(scope="module")
def accented_site(tmp_path_factory) -> Path:
    """The default corpus with one more report naming two officials, one
    written with accents and one without; published under a site_url."""
    root = copy_project(tmp_path_factory.mktemp("accented") / "project")
    (root / "seeds" / "sources" / "brussels.txt").write_text(ACCENTED_REPORT, encoding="utf-8")
    digest = hashlib.sha256(ACCENTED_REPORT.encode("utf-8")).hexdigest()
    with open(root / "seeds" / "sources.yml", "a", encoding="utf-8") as sources:
        sources.write(f"  - id: brussels-note\n    file: brussels.txt\n    sha256: {digest}\n"
                      "    title: Šefčovič meets Dvorak\n    outlet: null\n    published: \"2025-06-02\"\n"
                      "    published_note: The text opens with its date.\n    dateline: Brussels\n")
    with open(root / "seeds" / "facts" / "officials.yml", "a", encoding="utf-8") as officials:
        for official_id, name, country, title in [("maros-sefcovic", "Maroš Šefčovič", "SK", "European Commissioner"),
                                                  ("antonin-dvorak", "Antonin Dvorak", "CZ", "Ambassador")]:
            officials.write(f"\n  - id: {official_id}\n    name: {name}\n    country: {country}\n    roles:\n"
                            f"      - title: {title}\n        organization: null\n        cite:\n"
                            f"          - source: brussels-note\n            quote: \"{title} {name}\"\n")
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("site_url: https://briefing.example.org/\n")
    result = run_build(root, "build", timeout=600)
    assert result.code == 0, result.err
    return root


@pytest.mark.slow
@pytest.mark.browser
def test_search_folds_accents_both_ways(browser, accented_site):
    site = accented_site / "site"
    page = open_page(browser, (site / "index.html").as_uri())
    assert search(page, "Sefcovic")[0].endswith("officials/maros-sefcovic.html")
    page.goto((site / "index.html").as_uri())
    assert search(page, "Dvořák")[0].endswith("officials/antonin-dvorak.html")


@pytest.mark.slow
@pytest.mark.browser
def test_under_site_url_links_print_absolute_addresses(browser, accented_site):
    page = open_page(browser, (accented_site / "site" / OFFICIAL).as_uri())
    page.emulate_media(media="print")
    printed = printed_link_texts(page)
    assert '" (https://briefing.example.org/events/misri-colby-meeting.html)"' in printed, printed[:5]
    assert not [text for text in printed if "../" in text]


@pytest.mark.slow
@pytest.mark.browser
def test_the_description_shows_and_the_pdf_is_linked_once_it_exists(browser, accented_site):
    site = accented_site / "site"
    description = "Who met whom, what was discussed and agreed, and where each fact comes from."
    page = open_page(browser, (site / "index.html").as_uri())
    assert words(page.locator("article h1 + p.lead").inner_text()) == description
    page.goto((site / "book.html").as_uri())
    assert description in page.locator(".book-cover").inner_text()
    assert "Reports up to 2 Jun 2025; built " in page.locator(".book-cover").inner_text()
    assert PDF_LINK in (site / "index.html").read_text("utf-8")
    done = subprocess.run([sys.executable, "-m", "briefing.pdf", "--site", str(site)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    page.goto((site / "index.html").as_uri())
    pdf = page.locator('article a[href="briefing.pdf"]')
    assert pdf.count() == 1 and (site / "briefing.pdf").is_file()
    page.goto((site / "book.html").as_uri())
    assert page.locator('article a[href="briefing.pdf"]').count() == 1
