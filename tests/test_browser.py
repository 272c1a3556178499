"""The built site in real Chromium: a reader clicking through it."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

SCREENSHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", "/tmp/briefing-screenshots"))


def heading(page) -> str:
    """The page's H1 without its permalink mark."""
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_click_from_home_to_each_kind_of_page(browser, site_url, built_site):
    data = json.loads((built_site / "site" / "data" / "briefing.json").read_text("utf-8"))
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for section, collection in [("Officials", "officials"), ("Initiatives", "initiatives"), ("Engagements", "events")]:
        page.goto(site_url)
        page.get_by_role("navigation", name="Navigation").get_by_role("link", name=section, exact=True).first.click()
        assert heading(page) == section
        first = data[collection][0]
        label = first.get("name") or first.get("title")
        page.locator("article").get_by_role("link", name=label, exact=True).first.click()
        page.wait_for_load_state()
        assert page.url.endswith(first["url"])
        assert heading(page) == label
        # Citations are footnotes naming a source and quoting it.
        assert page.locator(".footnote li").count() >= 1
        page.screenshot(path=str(SCREENSHOTS / f"{collection}.png"), full_page=True)

    page.goto(site_url + "timeline.html")
    assert heading(page) == "Timeline"
    page.screenshot(path=str(SCREENSHOTS / "timeline.png"), full_page=True)
    assert errors == []


# What Material's search shows under the box before a query (its English text).
SEARCH_PLACEHOLDER = "Type to start searching"


def search(page, query: str) -> list[str]:
    """Puts a query into Material's search box; returns the result links, best first."""
    from playwright.sync_api import expect

    box = page.locator("input.md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    # The worker has its index once it has answered the empty query.
    expect(meta).to_have_text(SEARCH_PLACEHOLDER, timeout=10_000)
    # Pasted, then a key (Material searches on each key released): one query,
    # so the first answer shown is the answer to the whole of it.
    box.fill(query)
    box.press("End")
    expect(meta).not_to_have_text(SEARCH_PLACEHOLDER, timeout=10_000)
    results = page.locator(".md-search-result__list > li > a")
    # Result links carry ?h=term for highlighting; the page is what matters.
    return results.evaluate_all("links => links.map(a => a.href.split('?')[0].split('#')[0])")


@pytest.mark.parametrize("query, expected", [
    ("IMEEC", "initiatives/imec.html"),          # a variant spelling of an acronym
    ("QUAD", "initiatives/quad.html"),           # another spelling of Quad
    ("DNSA", "officials/pavan-kapoor.html"),     # an alias
    ("Under Secretary for Policy", "officials/elbridge-colby.html"),  # a title one report uses
    ("Catalysing Opportunities", "initiatives/compact.html"),        # an expansion
    ("Tammy Bruce", "officials/tammy-bruce.html"),
])
def test_search_lands_on_the_right_page_first(browser, site_url, query, expected):
    page = browser.new_page()
    page.goto(site_url)
    found = search(page, query)
    assert found and found[0].endswith(expected), found[:3]


def all_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def one_page_of_each_kind(pages: list[str]) -> list[str]:
    """Each top-level page (each its own template), and in each folder its
    index and its first other page (a record's page, or a part of a long list)."""
    chosen: dict[tuple[str, bool], str] = {}
    for path in pages:
        folder, _, name = path.rpartition("/")
        kind = (path, True) if not folder else (folder, name == "index.html")
        chosen.setdefault(kind, path)
    return sorted(chosen.values())


def test_no_request_leaves_the_site_from_a_page_of_each_kind(browser, site_url, built_site):
    """In Chromium, what the pages' scripts ask for too (the search worker and
    its index); the static check below covers every page's markup."""
    page = browser.new_page()
    foreign = []
    page.on("request", lambda request: foreign.append(request.url)
            if not request.url.startswith(site_url) and not request.url.startswith("data:") else None)
    pages = one_page_of_each_kind(all_pages(built_site / "site"))
    assert {"index.html", "book.html", "events/index.html", "officials/index.html"} <= set(pages)
    assert {path.partition("/")[0] for path in pages if "/" in path} >= {"events", "officials", "sources", "topics"}
    for path in pages:
        # Wait for the network to fall quiet: late requests come from the search worker.
        page.goto(site_url + path, wait_until="networkidle")
    assert foreign == []


# Markup that makes the browser fetch something as the page loads (a link a
# reader may follow, <a href>, is not a request).
_FETCHED = {"src", "srcset", "data", "poster", "background"}
# Links in <head> that name a page rather than fetch it (a canonical URL, a feed).
_NAMED_ONLY = {"canonical", "alternate", "author", "license", "help", "next", "prev", "me"}
_OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # another host: `https://…`, `//…`
_CSS_OUTSIDE = re.compile(r"@import\s+(?:url\(\s*)?['\"]?\s*(?:[a-z][a-z0-9+.-]*:)?//|"
                          r"url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


class _Requests(HTMLParser):
    """The outside requests a page's markup makes, as `<tag attribute=value>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.outside: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            urls = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
            fetched = name in _FETCHED or name == "href" and tag not in ("a", "area") and not (
                tag == "link" and set((dict(attrs).get("rel") or "").lower().split()) & _NAMED_ONLY)
            refresh = tag == "meta" and name == "content" and "url=" in value.lower()
            if (fetched and any(_OUTSIDE.match(url) for url in urls)
                    or refresh and _OUTSIDE.match(value.lower().split("url=", 1)[1])
                    or name == "style" and _CSS_OUTSIDE.search(value)):
                self.outside.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_OUTSIDE.search(data):
            self.outside.append(f"<style>{_CSS_OUTSIDE.search(data).group(0)}")


def outside_requests(html: str) -> list[str]:
    parser = _Requests()
    parser.feed(html)
    return parser.outside


def test_outside_requests_are_found_in_markup():
    """The static check below can fail: each way markup asks another host."""
    for markup in ['<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
                   '<script src="//cdn.example.org/x.js"></script>', '<img srcset="a.png 1x, https://x.org/b.png 2x">',
                   '<style>@import "https://x.org/a.css";</style>', '<div style="background: url(http://x.org/a.png)">',
                   '<meta http-equiv="refresh" content="0; url=https://x.org/">', '<iframe src="HTTPS://x.org/">']:
        assert outside_requests(markup), markup
    assert outside_requests('<a href="https://x.org/">a link</a><img src="data:image/png;base64,AA">'
                            '<link rel="canonical" href="https://x.org/page.html">'
                            '<link href="assets/a.css"><style>p { background: url(a.png) }</style>') == []


def test_no_page_or_stylesheet_asks_another_host(built_site):
    """Every page's markup and every stylesheet, read as files: no src or
    href that the browser fetches, @import or url() names another host."""
    site = built_site / "site"
    pages = all_pages(site)
    assert len(pages) > 50
    found = [f"{path}: {request}" for path in pages for request in outside_requests((site / path).read_text("utf-8"))]
    for sheet in sorted(site.rglob("*.css")):
        found += [f"{sheet.relative_to(site)}: {match.group(0)}" for match in _CSS_OUTSIDE.finditer(sheet.read_text("utf-8"))]
    assert found == []


def test_search_works_from_file_urls(browser, built_site):
    page = browser.new_page()
    foreign = []
    page.on("request", lambda request: foreign.append(request.url)
            if not request.url.startswith("file://") and not request.url.startswith("data:") else None)
    page.goto((built_site / "site" / "index.html").as_uri())
    found = search(page, "IMEEC")
    assert found[0].startswith("file://") and found[0].endswith("initiatives/imec.html")
    page.goto(found[0])
    assert heading(page) == "IMEC"
    assert foreign == []


def test_pictures_have_text_alternatives(browser, site_url, built_site):
    page = browser.new_page()
    data = json.loads((built_site / "site" / "data" / "briefing.json").read_text("utf-8"))
    misri = next(o for o in data["officials"] if o["id"] == "vikram-misri")
    for path, count in [("index.html", 2), ("timeline.html", 1), (misri["url"], 1)]:
        page.goto(site_url + path)
        pictures = page.locator("article figure.briefing-picture svg[role='group']")
        assert pictures.count() == count, path
        for index in range(count):
            svg = pictures.nth(index)
            labelled = svg.get_attribute("aria-labelledby").split() + svg.get_attribute("aria-describedby").split()
            for element_id in labelled:
                assert page.locator(f"#{element_id}").text_content().strip(), f"{path}: empty #{element_id}"
            assert svg.locator("desc").text_content().strip()
            box = svg.bounding_box()
            assert box["width"] > 300 and box["height"] > 100, (path, box)
        page.screenshot(path=str(SCREENSHOTS / f"pictures-{path.replace('/', '_')}.png"), full_page=True)


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def test_accessibility_has_no_serious_or_critical_violations(browser, site_url, built_site):
    data = json.loads((built_site / "site" / "data" / "briefing.json").read_text("utf-8"))
    pages = ["index.html", "timeline.html", "notes.html", "glossary.html", "officials/index.html",
             "initiatives/index.html", "events/index.html", "sources/index.html", "topics/index.html"]
    pages += [data[name][0]["url"] for name in ["officials", "initiatives", "events", "sources", "topics", "organizations"]]
    page = browser.new_page()
    problems = []
    for path in pages:
        page.goto(site_url + path)
        page.add_script_tag(content=AXE.read_text("utf-8"))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    assert problems == []


def test_acronyms_show_their_expansion_on_every_kind_of_page(browser, site_url):
    page = browser.new_page()
    for path in ["index.html", "initiatives/compact.html", "events/misri-inter-agency-discussions.html",
                 "glossary.html"]:
        page.goto(site_url + path)
        titles = page.locator("article abbr").evaluate_all("nodes => nodes.map(n => [n.textContent, n.title])")
        assert titles, f"{path}: no acronym is marked"
        expansions = dict(titles)
        # COMPACT is mentioned on each of these pages, and shows its expansion there.
        assert expansions.get("COMPACT", "").startswith("Catalysing Opportunities for Military Partnership"), \
            (path, expansions)
