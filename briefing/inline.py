"""A Python-Markdown extension: text no inline pattern can match is left
alone without trying each pattern on it.

Python-Markdown hands every piece of text in a page (a paragraph, each table
cell, each link's own text) to each of its sixteen inline patterns in turn,
with a registry lookup and a regular-expression search each. On our record
pages four pieces of text in five hold none of the characters those patterns
need (a date, a place, a name inside a link), and trying the patterns on them
was two fifths of Python-Markdown's time. Each pattern Python-Markdown 3.11
registers for the extensions in mkdocs.yml needs one of a few characters to
match: a text holding none of them comes out of the patterns as it went in,
so skipping them changes no byte (`tests/test_inline.py` converts pages and
random text both ways). A pattern this module does not know, by its class
and its regular expression, turns the shortcut off for the whole page; the
patterns that follow reference definitions are skipped on a page that has
none.

Enabled in mkdocs.yml as `briefing.inline`.
"""

from __future__ import annotations

import re
from typing import Optional

import markdown
from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

# The private methods of Python-Markdown's InlineProcessor this module
# overrides or calls (pyproject.toml bounds Markdown to 3.11 for them): a
# release without them would quietly bypass the override, so it is refused here.
_PRIVATE = ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern")
_missing = [name for name in _PRIVATE if not callable(getattr(InlineProcessor, name, None))]
if _missing:
    raise ImportError(f"briefing.inline needs Python-Markdown 3.11 (installed: {markdown.__version__}): "
                      f"markdown.treeprocessors.InlineProcessor has no {', '.join(_missing)}")

# Each pattern Python-Markdown registers for the extensions in mkdocs.yml,
# by its class and the text of its regular expression: the strings at least
# one of which every match of it contains.
_LINK = r"(?<!\!)\["
_IMAGE = r"\!\["
_HTML = (r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|"""
         r"""[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|"""
         r"""!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)""")
_PATTERNS_NEED = {
    ("BacktickInlineProcessor", r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)"): ("\\", "`"),
    ("EscapeInlineProcessor", r"\\(.)"): ("\\",),
    ("FootnoteInlineProcessor", r"\[\^([^\]]*)\]"): ("[",),
    ("ReferenceInlineProcessor", _LINK): ("[",),
    ("LinkInlineProcessor", _LINK): ("[",),
    ("ImageInlineProcessor", _IMAGE): ("[",),
    ("ImageReferenceInlineProcessor", _IMAGE): ("[",),
    ("ShortReferenceInlineProcessor", _LINK): ("[",),
    ("ShortImageReferenceInlineProcessor", _IMAGE): ("[",),
    ("AutolinkInlineProcessor", r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>"): ("<",),
    ("AutomailInlineProcessor", r"<([^<> !]+@[^@<> ]+)>"): ("<",),
    ("SubstituteTagInlineProcessor", r"  \n"): ("  \n",),
    ("HtmlInlineProcessor", _HTML): ("<",),
    ("HtmlInlineProcessor", r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)"): ("&",),
    ("DelimiterProcessor", r"\*|_"): ("*", "_"),
}


# Patterns that only ever link a page's reference definitions
# (`[text][id]`): on a page that defines none, they match nothing.
_REFERENCES = {"ReferenceInlineProcessor", "ShortReferenceInlineProcessor", "ImageReferenceInlineProcessor",
               "ShortImageReferenceInlineProcessor"}


def needs_of(md: Markdown) -> Optional[list[tuple[str, ...]]]:
    """For each of `md`'s inline patterns, in the order they are tried, the
    strings one of which a text must contain for it to match (none: it
    cannot); None when a pattern is not one this module knows."""
    needs = []
    for pattern in md.inlinePatterns:
        compiled = getattr(pattern, "compiled_re", None)
        kind = type(pattern).__name__
        need = _PATTERNS_NEED.get((kind, compiled.pattern if compiled else ""))
        if need is None:
            return None
        needs.append(() if kind in _REFERENCES and not md.references else need)
    return needs


class _SkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's own inline processor, but a pattern is not tried on
    text that lacks what it needs to match."""

    def run(self, tree, ancestors=None):
        # The page's reference definitions are known once its blocks are
        # parsed, which is before this runs.
        self.patterns = list(self.inlinePatterns)
        self.needs = needs_of(self.md)
        anything = sorted({text for need in self.needs or () for text in need})
        self.needed = re.compile("|".join(map(re.escape, anything))) if anything else None
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self.needs is None or isinstance(data, util.AtomicString):
            return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]
        if self.needed is None or not self.needed.search(data):
            return data
        # Python-Markdown's loop (`InlineProcessor.__handleInline`), but for
        # the patterns skipped; one that does not match starts the next
        # pattern at the beginning of the text, as there.
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start = 0
        while patternIndex < len(self.patterns):
            if any(text in data for text in self.needs[patternIndex]):
                data, matched, start = apply(self.patterns[patternIndex], data, patternIndex, start)
                if matched:
                    continue
            else:
                start = 0
            patternIndex += 1
        return data


class SkipPlainTextExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # The same name and priority as the processor it stands in for.
        md.treeprocessors.register(_SkippingInlineProcessor(md), "inline", 20)


def makeExtension(**kwargs) -> SkipPlainTextExtension:  # noqa: N802 (the name Python-Markdown looks for)
    return SkipPlainTextExtension(**kwargs)
