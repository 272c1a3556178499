"""Prints the built briefing book to PDF with headless Chromium.

    python -m briefing.pdf [--paper A4|Letter] [--site site] [--out site/briefing.pdf]

Run after a build (`make pdf` does both). Page numbers, the title and the
dates come from the site's print stylesheet, so the PDF and a page printed
from a browser look the same.

The site links the PDF only while it exists: the pages that would link it
(the home page and the book) hold an empty `<span data-pdf-link>`, which
this fills once the PDF is written into the site. The next build removes
the PDF, which it did not make, and writes those pages without the link.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .write import write_if_changed

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAPERS = {"A4": "A4", "Letter": "Letter"}
PDF_LINK = "<span data-pdf-link></span>"
# The pages at the site's root that may link the PDF beside them.
LINKING_PAGES = ("index.html", "book.html")


def print_to_pdf(html: Path, out: Path, paper: str = "A4", browser=None) -> None:
    """Prints one page of the built site (opened from the file system) to `out`."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                print_to_pdf(html, out, paper, chromium)
            finally:
                chromium.close()
        return
    page = browser.new_page()
    try:
        page.goto(html.resolve().as_uri(), wait_until="load")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), format=PAPERS[paper], print_background=False)
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("--paper", choices=sorted(PAPERS), default="A4", help="paper size (default A4)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default site/)")
    parser.add_argument("--out", type=Path, help="the PDF to write (default SITE/briefing.pdf)")
    args = parser.parse_args(argv)
    book = args.site / "book.html"
    if not book.is_file():
        print(f"error: {book} not found; build the site first (make site)", file=sys.stderr)
        return 1
    if 'class="book-too-long"' in book.read_text("utf-8", errors="replace"):
        print(f"error: this briefing is too long to print as one book ({book} says why); "
              "print the pages you need from the browser", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found; install Debian's chromium package", file=sys.stderr)
        return 1
    out = args.out or args.site / "briefing.pdf"
    print_to_pdf(book, out, args.paper)
    print(f"wrote {out} ({args.paper})")
    if out.resolve().parent == args.site.resolve():
        link_pdf(args.site, out.name, args.paper)
    return 0


def link_pdf(site: Path, name: str, paper: str) -> None:
    """Fills the PDF link of the pages that have a place for it."""
    link = f'<span data-pdf-link>, or as a <a href="{name}">PDF</a> ({paper})</span>'
    for page in LINKING_PAGES:
        path = site / page
        if path.is_file():
            html = path.read_text("utf-8")
            write_if_changed(path, html.replace(PDF_LINK, link).encode("utf-8"))


if __name__ == "__main__":
    sys.exit(main())
