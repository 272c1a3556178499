"""The site stays clear as the briefing grows (issue 14), looked at in real
Chromium at 1280 px and 390 px on three corpora: the shipped one; the
shipped one with one engagement moved eleven months later (the timeline
then spans a year); and a synthetic one of 300 engagements over two years
with officials of five countries (`bench/corpus.py`).

On the home page, the timeline (and its pages by period), the busiest
officials' pages and the busiest engagements, by geometry: no two text
labels of a picture overlap or touch; no page is wider than the window.
And: each statement is its own quotation; a country's mark is the same on
every page; no link sits inside an official's title; every list and picture
on the home page says what it leaves out, with a link to the rest; a busy
official's page of the grown corpus prints. Screenshots and the printed
pages (as PNG) are kept in BRIEFING_SCREENSHOTS/growth for a person to look at.
"""

from __future__ import annotations

import datetime
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing import pictures
from conftest import QuietHandler, copy_project, run_build

SCREENSHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", "/tmp/briefing-screenshots")) / "growth"
WIDTHS = [1280, 390]
# The engagement moved, and where to: eleven months after February 2025.
MOVED = ("compact-launch-2025-02", '"2025-02"', '"2026-01"')


@dataclass
class Corpus:
    name: str
    root: Path
    url: str
    data: dict

    def busiest_officials(self, count: int = 3) -> list[dict]:
        return sorted(self.data["officials"], key=lambda o: (-len(o["events"]), o["id"]))[:count]

    def busiest_events(self, count: int = 2) -> list[dict]:
        return sorted(self.data["events"], key=lambda e: (-len(e["statements"]), -len(e["participants"]), e["id"]))[:count]

    def timeline_pages(self) -> list[str]:
        site = self.root / "site"
        return ["timeline.html"] + sorted(p.relative_to(site).as_posix() for p in (site / "timeline").glob("*.html"))

    def key_pages(self) -> list[str]:
        """The pages the issue names: home, the timeline, the busiest officials and engagements."""
        return (["index.html"] + self.timeline_pages() + [o["url"] for o in self.busiest_officials()]
                + [e["url"] for e in self.busiest_events()])


def _make(name: str, root: Path) -> None:
    if name == "synthetic":
        from bench import corpus

        # A few hundred engagements over two years: the corpus spans as many
        # years as PER_YEAR engagements a year make.
        saved = corpus.PER_YEAR
        corpus.PER_YEAR = 150
        try:
            corpus.make_project(root, 300, seed=1)
        finally:
            corpus.PER_YEAR = saved
        return
    copy_project(root)
    if name == "moved":
        event_id, old, new = MOVED
        events = root / "seeds" / "facts" / "events.yml"
        text = events.read_text("utf-8")
        at = text.index(f"- id: {event_id}\n")
        date = text.index(f"    date: {old}\n", at)
        events.write_text(text[:date] + f"    date: {new}\n" + text[date + len(f"    date: {old}\n"):], "utf-8")


@pytest.fixture(scope="module", params=["shipped", "moved", "synthetic"])
def corpus(request, tmp_path_factory):
    """Each corpus built and served over HTTP on localhost, one after the other."""
    root = tmp_path_factory.mktemp(request.param) / "project"
    _make(request.param, root)
    result = run_build(root, "build", timeout=900)
    assert result.code == 0, result.err
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    data = json.loads((root / "site" / "data" / "briefing.json").read_text("utf-8"))
    yield Corpus(request.param, root, f"http://127.0.0.1:{server.server_address[1]}/", data)
    server.shutdown()


@pytest.mark.slow
def test_the_corpora_are_what_the_issue_asks(corpus):
    dated = sorted(e["date"] for e in corpus.data["events"] if e["date"])
    if corpus.name == "moved":
        moved = next(e for e in corpus.data["events"] if e["id"] == MOVED[0])
        assert moved["date"] == MOVED[2].strip('"') and dated[-1].startswith("2026")
    if corpus.name == "synthetic":
        assert 200 <= len(corpus.data["events"]) <= 500
        assert {d[:4] for d in dated} >= {"2024", "2025"}
        networked = {o["country"] for o in corpus.data["officials"] if o["counterparts"]}
        assert len(networked) >= 4, networked


# Every text label of every picture on the page, as boxes from the browser;
# each pair that overlaps or touches (a shared edge counts).
CLASHES = """() => {
  const clashes = [];
  for (const svg of document.querySelectorAll('article svg')) {
    const boxes = [...svg.querySelectorAll('text')]
      .filter(t => t.textContent.trim())
      .map(t => [t.getBoundingClientRect(), t.textContent.trim()]);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, s] = boxes[i], [b, t] = boxes[j];
        if (a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom) {
          clashes.push(`${svg.getAttribute('aria-labelledby')}: "${s}" and "${t}"`);
        }
      }
    }
  }
  return clashes;
}"""


@pytest.mark.slow
def test_labels_never_overlap_and_pages_fit_the_window(corpus, browser):
    out = SCREENSHOTS / corpus.name
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for path in corpus.key_pages():
            page.goto(corpus.url + path)
            problems += [f"{width}px {path}: {clash}" for clash in page.evaluate(CLASHES)]
            wide, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if wide > window:
                problems.append(f"{width}px {path}: the page is {wide}px wide in a {window}px window")
            page.screenshot(path=str(out / f"{width}-{path.replace('/', '_')}.png"), full_page=True)
        page.close()
    assert problems == []


@pytest.mark.slow
def test_the_home_page_and_the_pictures_are_there(corpus, browser):
    """The home page's two pictures and an official's own one are drawn, with
    labels; the timeline's chart, where the timeline has one page."""
    page = browser.new_page()
    page.goto(corpus.url + "index.html")
    assert page.locator("article figure.network.crowd svg text").count() >= 4
    assert page.locator("article figure.timeline svg text").count() >= 2
    page.goto(corpus.url + corpus.busiest_officials()[0]["url"])
    assert page.locator("article figure.network.counterparts svg text").count() >= 2
    # The timeline's chart, or its first period's when it has a page per period.
    timeline = corpus.timeline_pages()
    page.goto(corpus.url + timeline[1 if len(timeline) > 1 else 0])
    assert page.locator("article figure.timeline svg text").count() >= 2


@pytest.mark.slow
def test_each_statement_is_its_own_quotation(corpus, browser):
    page = browser.new_page()
    statements = {s["id"]: s for s in corpus.data["statements"]}
    checked = 0
    for event in corpus.busiest_events():
        page.goto(corpus.url + event["url"])
        quotes = page.locator("article blockquote.statement")
        assert quotes.count() == len(event["statements"]), event["id"]
        assert page.locator("article blockquote blockquote").count() == 0
        for index, statement_id in enumerate(event["statements"]):
            quote = quotes.nth(index)
            assert quote.get_attribute("id") == f"statement-{statement_id}"
            text = " ".join(quote.inner_text().split())
            assert text.count("— ") == 1, text  # one attribution line
            said = " ".join(statements[statement_id]["quote"].split())
            assert said in text.replace("“", "").replace("”", ""), (said, text)
            others = [" ".join(s["quote"].split()) for i, s in statements.items() if i != statement_id]
            assert not any(other in text for other in others if len(other) > 20 and other not in said), text
            checked += 1
    assert checked >= (4 if corpus.name != "synthetic" else 1)


# Every country's mark on the page (legend and picture alike): its markup.
MARKS = """() => [...document.querySelectorAll('article svg g.mark')].map(
  g => [g.dataset.country, g.innerHTML, g.closest('.legend-item') !== null])"""


@pytest.mark.slow
def test_a_country_has_one_mark_on_every_page(corpus, browser):
    page = browser.new_page()
    seen: dict[str, set] = {}
    legends: set = set()
    pages = ["index.html"] + [o["url"] for o in corpus.data["officials"] if o["counterparts"]]
    for path in pages[:60]:
        page.goto(corpus.url + path)
        for country, markup, in_legend in page.evaluate(MARKS):
            seen.setdefault(country, set()).add(markup)
            if in_legend:
                legends.add(country)
    assert seen and all(len(markups) == 1 for markups in seen.values()), seen
    assert len({next(iter(m)) for m in seen.values()}) == len(seen)  # and no two countries share one
    assert legends == set(seen)
    if corpus.name == "synthetic":
        assert len(legends) >= 4, legends


# Where a title's words hold part of a link: each (title, link text).
LINK_IN_TITLE = """(titles) => {
  const found = [];
  const blocks = document.querySelectorAll(
    'article p, article li, article td, article th, article blockquote, article h1, article h2, article figcaption');
  for (const block of blocks) {
    const text = block.textContent;
    const links = [...block.querySelectorAll('a')].map(a => {
      const range = document.createRange();
      range.setStart(block, 0);
      range.setEndBefore(a);
      const start = range.toString().length;
      return [start, start + a.textContent.length, a.textContent];
    });
    for (const title of titles) {
      for (let at = text.indexOf(title); at >= 0; at = text.indexOf(title, at + 1)) {
        for (const [start, end, label] of links) {
          const overlaps = start < at + title.length && end > at;
          const holds = start <= at && end >= at + title.length;
          if (overlaps && !holds) found.push([title, label, text.slice(Math.max(0, at - 30), at + title.length + 30)]);
        }
      }
    }
  }
  return found;
}"""


@pytest.mark.slow
def test_no_link_sits_inside_a_title(corpus, browser):
    titles = sorted({role["title"] for o in corpus.data["officials"] for role in o["roles"] if len(role["title"]) > 3})
    events = corpus.data["events"] if corpus.name != "synthetic" else corpus.busiest_events(40)
    pages = [e["url"] for e in events] + [o["url"] for o in corpus.busiest_officials(10)] + ["index.html"]
    page = browser.new_page()
    found = []
    for path in pages:
        page.goto(corpus.url + path)
        found += [(path, *clash) for clash in page.evaluate(LINK_IN_TITLE, titles)]
    assert found == []


@pytest.mark.slow
def test_every_list_on_the_home_page_is_bounded_and_says_what_it_leaves_out(corpus, browser):
    page = browser.new_page()
    page.goto(corpus.url + "index.html")
    data = corpus.data
    latest = page.locator("article h2#latest-engagements + div table tbody tr, article h2#latest-engagements + table tbody tr")
    assert 1 <= latest.count() <= 8
    key = page.locator("article h2#key-initiatives + ul > li")
    assert 1 <= key.count() <= 8
    said = page.locator("article").inner_text()
    if len(data["events"]) > latest.count():
        assert f"The latest {latest.count()} of {len(data['events'])} engagements" in said
        assert page.locator("article a[href='timeline.html']").count() >= 1
    if len(data["initiatives"]) > key.count():
        assert f"{len(data['initiatives']) - key.count()} more are listed under Initiatives" in said
        assert page.locator("article a[href='initiatives/index.html']").count() >= 1
    crowd = page.locator("article figure.network.crowd")
    drawn = {o["id"] for o in data["officials"]
             if crowd.locator(f"a[href='officials/{o['id']}.html']").count()}
    assert len(drawn) <= 20
    assert crowd.locator("figcaption a[href='officials/index.html']").count() == 1
    chart = page.locator("article figure.timeline")
    assert chart.locator("a[href$='.html'] text").count() <= 40
    dated = sum(1 for e in data["events"] if e["date"])
    if dated > 40:
        assert chart.locator("figcaption a[href='timeline.html']").count() == 1
        assert "of" in chart.locator("figcaption").inner_text()


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["synthetic"], indirect=True)  # printed from the grown corpus only
def test_a_busy_officials_page_of_the_grown_corpus_prints(corpus, browser, tmp_path):
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("BRIEFING_REQUIRE_BROWSER"):
            pytest.fail("pdftotext and pdftoppm (poppler-utils) are required here but missing")
        pytest.skip("no poppler-utils on this machine")
    from briefing.pdf import print_to_pdf

    official = corpus.busiest_officials(1)[0]
    pdf = SCREENSHOTS / corpus.name / f"{official['id']}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    print_to_pdf(corpus.root / "site" / official["url"], pdf, "A4", browser)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert official["name"] in flat and f"Who {official['name']} met" in flat
    # The picture's names print as text: its counterparts can be found in the PDF.
    met = {o["id"]: o["name"] for o in corpus.data["officials"]}
    assert sum(1 for other in official["counterparts"] if met[other] in flat) >= min(5, len(official["counterparts"]))
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(pdf.with_suffix(""))], check=True)
    assert list(pdf.parent.glob(f"{official['id']}-*.png"))


# --- the layouts themselves, without a browser ------------------------------


@pytest.mark.parametrize("days", [0, 2, 20, 120, 340, 700, 3_000, 11_000, 40_000, 400_000])
@pytest.mark.parametrize("room", [454, 200])
def test_the_time_axis_adapts_to_any_span(days, room):
    first = datetime.date(1990, 3, 17) if days < 300_000 else datetime.date(900, 1, 1)
    last = first + datetime.timedelta(days=days)
    start, end, ticks = pictures.axis(first, last, room)
    assert start <= first and last < end and ticks
    span = (end - start).days
    xs = [room * (day - start).days / span for day, _ in ticks] + [room]
    for index, (_, label) in enumerate(ticks):
        assert label, ticks
        assert 3 + pictures.text_width(label, pictures.AXIS_FONT) + pictures.GAP <= xs[index + 1] - xs[index], ticks
    assert str(ticks[0][0].year) in ticks[0][1]  # the year is named where the axis starts
    years = {day.year for day, _ in ticks}
    for year in years - {ticks[0][0].year}:
        assert any(str(year) in label for _, label in ticks), (year, ticks)


def test_who_met_whom_stays_bounded_however_many_countries(monkeypatch):
    from briefing import pipeline, views
    from briefing.project import Project
    from conftest import ROOT

    briefing = pipeline.check(Project(ROOT))
    # Every official a country of their own, and only two drawn one by one.
    codes = ["AA", "BB", "CC", "DD", "EE", "FF", "GG", "HH", "II", "JJ", "KK", "LL", "MM", "NN", "OO", "PP"]
    for official, code in zip(briefing.officials.values(), codes):
        official.country = code
    monkeypatch.setattr(views, "HOME_OFFICIALS", 2)
    crowd = briefing.who_met_whom
    assert crowd.drawn == 2
    assert len(crowd.rows) <= 2 + views.COUNTRIES_APART + 1
    assert sum(row.members for row in crowd.rows) == crowd.networked
    pooled = [row for row in crowd.rows if row.country == ""]
    assert len(pooled) == 1 and len(pooled[0].countries) > 1
    # Every pair of officials who met is counted in some cell.
    assert sum(map(sum, crowd.counts)) >= 2 * len(briefing.met_pairs) // len(crowd.rows)
    picture = pictures.who_met_whom(crowd, briefing.country_order, lambda o: f"{o.id}.html", "officials.html")
    assert f"{pooled[0].members} others ({len(pooled[0].countries)} countries)" in picture
    # The legend names each country once, with the mark its officials have.
    for code in set(codes[:len(briefing.officials)]):
        if any(code in row.countries for row in crowd.rows):
            assert picture.count(f'class="legend-item" data-country="{code}"') == 1


def test_each_country_has_a_mark_of_its_own():
    marks = [pictures.mark_of(place) for place in range(len(pictures.MARKS))]
    assert len(set(marks)) == len(marks)
    assert pictures.mark_of(len(pictures.MARKS) + 5) == marks[-1]  # the countries past them share one
    colours = [colour for colour, _ in pictures.MARKS]
    shapes = [shape for _, shape in pictures.MARKS]
    assert len(set(colours)) == len(colours) and len(set(shapes)) == len(shapes)  # in black and white too
