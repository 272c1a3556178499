"""Where a link within the site leads, as a printed page can say it.

On paper a relative path ("../topics/technology.html") means nothing. When
mkdocs.yml says where the site is published (`site_url`), each link within
it carries its absolute address in `data-print-url`, which the print
stylesheet prints after it; without `site_url` such a link prints nothing.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape

from markupsafe import escape

# An <a> element's opening tag with an href within the site: not a place on
# the same page, not another site or scheme (mailto:, data:…).
_LINK = re.compile(r'<a\b([^>]*?)\bhref="(?![#/]|[a-zA-Z][a-zA-Z0-9+.-]*:)([^"]*)"')


def print_addresses(html: str, page_url: str, site_url: str) -> str:
    """`html` of the page at `page_url` (relative to the site's root) with
    the absolute address of each link within the site, under `site_url`."""
    if not site_url:
        return html
    root = site_url.rstrip("/") + "/"
    folder = posixpath.dirname(page_url)

    def address(match: re.Match) -> str:
        href = unescape(match.group(2))
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(folder, path)) if path else page_url
        if target.startswith(".."):
            return match.group()  # leads out of the site: no address of it is known
        url = root + ("" if target == "." else target) + (f"#{anchor}" if anchor else "")
        return f'{match.group()} data-print-url="{escape(url)}"'

    return _LINK.sub(address, html)
