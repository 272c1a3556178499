"""Printing: single pages and the briefing book, in real Chromium, read back with pdftotext."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys

import pytest

from briefing import dates
from briefing.routes import PRINT_CSS

NAVIGATION = ["Table of contents", "Made with", "Material for MkDocs", "Search"]


@pytest.fixture(scope="module")
def pdftotext():
    if shutil.which("pdftotext") is None:
        if __import__("os").environ.get("BRIEFING_REQUIRE_BROWSER"):
            pytest.fail("pdftotext (poppler-utils) is required here but missing")
        pytest.skip("no pdftotext on this machine")

    def read(pdf) -> str:
        return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return read


def pages_of(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def as_of(site) -> str:
    """The running header: how recent the newest report is, and the build's
    date: the day the site was built (a build just before midnight prints
    the day before the test's), taken from the time its stylesheet was written."""
    written = datetime.datetime.fromtimestamp((site / PRINT_CSS).stat().st_mtime, datetime.timezone.utc).date()
    return "reports up to 30 May 2025; built " + dates.human(written.isoformat())


def test_a_printed_page_shows_only_its_content(browser, built_site, pdftotext, tmp_path):
    from briefing.pdf import print_to_pdf

    data = json.loads((built_site / "site" / "data" / "briefing.json").read_text("utf-8"))
    misri = next(o for o in data["officials"] if o["id"] == "vikram-misri")
    pdf = tmp_path / "misri.pdf"
    print_to_pdf(built_site / "site" / misri["url"], pdf, "A4", browser)
    text = pdftotext(pdf)
    for chrome in NAVIGATION:
        assert chrome not in text, chrome
    assert "Vikram Misri" in text and "Foreign Secretary" in text
    # Citations print as notes naming the source (outlet, date) with the quote.
    assert "(ANI, 30 May 2025): “Foreign Secretary Vikram Misri" in " ".join(text.split())
    # Every printed page carries the title, the newest report's date and the build's, and a page number.
    assert text.count("India–US engagements briefing") >= pages_of(pdf)
    assert text.count(as_of(built_site / "site")) == pages_of(pdf)
    assert f"Page 1 of {pages_of(pdf)}" in text
    # A link to another page prints no relative path (the site has no site_url to print).
    assert "../events/" not in text and ".html)" not in text


def test_the_book_prints_in_reading_order(browser, built_site, pdftotext, tmp_path):
    from briefing.pdf import print_to_pdf

    pdf = tmp_path / "book.pdf"
    print_to_pdf(built_site / "site" / "book.html", pdf, "A4", browser)
    text = pdftotext(pdf)
    pages = pages_of(pdf)
    assert 20 <= pages <= 300, pages
    assert f"Page {pages} of {pages}" in text
    cover, _, rest = text.partition("\f")
    assert "India–US engagements briefing" in cover and "Feb 2025 to May 2025" in cover
    assert "Reports up to 30 May 2025; built" in cover and "Drawn from 5 source reports" in cover
    for chrome in NAVIGATION:
        assert chrome not in text, chrome
    # The parts in order, after the contents page.
    contents, _, body = rest.partition("\f")
    assert "Contents" in contents
    # Each part starts a page: the first line under the running header names it.
    openings = []
    for page in body.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if len(lines) > 1:
            openings.append(lines[1])
    order = ["1. Overview", "2. Timeline", "3. Officials", "4. Initiatives", "5. Engagements",
             "6. Notes on the sources", "7. Glossary", "8. Sources"]
    assert [line for line in openings if line in order] == order, openings
    # Each part's citations print as numbered notes naming their source.
    assert "Notes" in text and "(UNI, 28 Mar 2025): “" in " ".join(text.split())


@pytest.mark.browser  # prints with Chromium, though not through the `browser` fixture
def test_make_pdf_writes_the_book_on_a4_and_letter(built_site, tmp_path):
    for paper, size in [("A4", "595.92 x 842.88"), ("Letter", "612 x 792")]:
        out = tmp_path / f"briefing-{paper}.pdf"
        done = subprocess.run([sys.executable, "-m", "briefing.pdf", "--site", str(built_site / "site"),
                               "--paper", paper, "--out", str(out)], capture_output=True, text=True, timeout=600)
        if done.returncode and "chromium" in done.stderr and not __import__("os").environ.get("BRIEFING_REQUIRE_BROWSER"):
            pytest.skip(done.stderr)
        assert done.returncode == 0, done.stderr
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        assert size in info, info
