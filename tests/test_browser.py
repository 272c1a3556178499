"""The built site in real Chromium: a reader clicking through it."""

from __future__ import annotations

import json
import os
from pathlib import Path

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
