"""The theme's fragments that are the same on many pages, rendered once a
build for each page they differ on.

Material renders its whole page template for every page, and most of it
(the navigation, the header around the page's title, the search box, the
scripts and their configuration) reads next to nothing of the page: the
folder its URL is in, which every relative link and `base_url` are made
from (`use_directory_urls: false`), and, for the navigation, whether the
page is one of its items (whose table of contents it then shows). That
rendering was two fifths of a build's time. The header is the one partial
`overrides/` holds a copy of, to render apart the title it holds.

`overrides/` wraps each such fragment in `{% call theme_fragment("NAME") %}
… {% endcall %}`; `Fragments` renders it the first time a page needs it and
hands the same text to every page that agrees on what NAME depends on
(`DEPENDS`). A fragment's text is kept for one build only: MkDocs makes a
new theme environment, and so a new `Fragments`, for each. A partial that
`overrides/` wraps is included as `theme/partials/…`: the theme's own, below
the override of the same name (`install`).
"""

from __future__ import annotations

from typing import Any, Callable, Hashable, Optional

import jinja2


def _nav_page(context: Any) -> Optional[str]:
    """The page, if the navigation shows it: it sees its own item active
    and its table of contents inside it; the pages outside it share one."""
    page = context["page"]
    return page.url if any(item is page for item in context["nav"].pages) else None


# What each fragment reads of the page beyond its folder (`_folder`), as the
# theme's templates read it (Material 9.8). The header's end would hold the
# navigation's tabs, were they on (`navigation.tabs.sticky`).
DEPENDS: dict[str, Callable[[Any], Hashable]] = {
    "nav": _nav_page,
    "header_start": lambda context: None,
    "header_end": _nav_page,
    "search": lambda context: None,
    "styles": lambda context: None,
    "libs": lambda context: None,
    "scripts": lambda context: None,
    "config": lambda context: None,
}

# The prefix under which the theme's own templates are reached from an override of the same name.
THEME_PREFIX = "theme"


class Fragments:
    """A build's rendered fragments, by name and what they depend on."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[str, Hashable, Hashable], str] = {}

    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, name: str, caller: Callable[[], str]) -> str:
        folder = _folder(context)
        if folder is None:
            return caller()
        key = (name, folder, DEPENDS[name](context))
        text = self.rendered.get(key)
        if text is None:
            text = self.rendered[key] = caller()
        return text


def _folder(context: jinja2.runtime.Context) -> Optional[tuple[str, str]]:
    """What the theme's URLs on a page are relative to: the folder of its URL
    (`mkdocs.utils.get_relative_url` drops a last part holding a dot), and
    `base_url`. None where there is no page (404.html, whose URLs are the
    site's paths)."""
    page = context.get("page")
    if page is None or page.url is None:
        return None
    head, _, tail = page.url.rpartition("/")
    return (head if "." in tail else page.url, context["base_url"])


def install(env: jinja2.Environment, config: Any) -> None:
    """Give the theme's templates `theme_fragment`, and reach the theme's own
    templates under `theme/`, below `custom_dir`."""
    assert env.loader is not None  # MkDocs' loader of the theme's folders, custom_dir first
    env.globals["theme_fragment"] = Fragments()
    below = [folder for folder in config.theme.dirs if folder != config.theme.custom_dir]
    env.loader = jinja2.ChoiceLoader([
        env.loader, jinja2.PrefixLoader({THEME_PREFIX: jinja2.FileSystemLoader(below)})])
