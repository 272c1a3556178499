"""Curated text is inert on the site: markup in facts renders as text."""

from __future__ import annotations

import functools
import html as html_text
import http.server
import json
import re
import threading

import pytest

from conftest import QuietHandler, run_build

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    "<img src=x onerror=\"window.__pwned = 2\">",
    "[click](javascript:window.__pwned=3)",
    "![x](data:text/html,evil)",
    "{{ config.site_name }} {% raw %}",
    "**bold** _em_ `code` ==mark== ^^ins^^ ~~del~~ :smile:",
    "[^1] *[HTML]: Hyper {#id .cls}",
]

FACTS = """\
# yaml-language-server: $schema=../facts.schema.json
events:
  - id: hostile-event
    title: '{title}'
    kind: meeting
    date: null
    date_note: '{note}'
    topics: [hostile-topic]
    summary: '{summary}'
    cite:
      - source: ani-misri-colby-kapoor
        quote: "Elbridge Colby shared a post on his 'X' handle"
# A place must occur in a quote that supports it: hostile text shows as a
# topic's name instead, in the engagement's facts table all the same.
topics:
  - id: hostile-topic
    name: '{place}'
"""


def yaml_single(text: str) -> str:
    return text.replace("'", "''")


@pytest.fixture
def hostile_site(project):
    text = FACTS.format(title=yaml_single(HOSTILE[0] + " " + HOSTILE[4]),
                        note=yaml_single(HOSTILE[1] + " " + HOSTILE[5]),
                        place=yaml_single(HOSTILE[2] + " " + HOSTILE[6]),
                        summary=yaml_single(" ".join(HOSTILE)))
    (project / "seeds" / "facts" / "zz-hostile.yml").write_text(text, encoding="utf-8")
    result = run_build(project, "build")
    assert result.code == 0, result.err
    return project


def test_hostile_text_is_escaped_in_the_html(hostile_site):
    html = (hostile_site / "site" / "events" / "hostile-event.html").read_text("utf-8")
    assert "<script>window" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert 'src="data:' not in html
    assert "<strong>bold</strong>" not in html and "<mark>" not in html
    # No template evaluation: the page shows "{{ config.site_name }} {% raw %}"
    # as typed, where an evaluation would show the site's name instead.
    article = html_text.unescape(re.search(r"<article\b.*?</article>", html, re.S).group(0))
    assert article.count("{{ config.site_name }} {% raw %}") >= 2  # in the heading and the summary
    assert "India–US engagements briefing" not in article


def test_hostile_text_runs_nothing_and_adds_no_element(browser, hostile_site):
    handler = functools.partial(QuietHandler, directory=str(hostile_site / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ["events/hostile-event.html", "timeline.html", "notes.html", "events/index.html"]:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
            assert page.evaluate("window.__pwned") is None, path
            article = page.locator("article")
            # The one script a record page carries is its linked data (JSON, not run), escaped like the rest.
            assert article.locator("script:not([type='application/ld+json']), img, iframe, mark, "
                                   "strong:has-text('bold')").count() == 0, path
            for data in article.locator("script[type='application/ld+json']").all_inner_texts():
                assert "<" not in data and json.loads(data)["@graph"], path
            hrefs = article.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
            assert not [h for h in hrefs if h and (h.startswith("javascript:") or h.startswith("data:"))], path
        text = page.goto(f"http://127.0.0.1:{server.server_address[1]}/events/hostile-event.html") and \
            page.locator("article").inner_text()
        assert "<script>window.__pwned = 1</script>" in text  # shown as the text it is
        assert dialogs == []
    finally:
        server.shutdown()
