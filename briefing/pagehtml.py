"""Generated pages converted to HTML without Python-Markdown re-reading them.

The generator writes its pages in a small part of Markdown (headings, pipe
tables, tight lists, links, footnotes, abbreviations, a few inline tags, raw
HTML blocks and md_in_html quotations, each in one form), and Python-Markdown
with MkDocs' link rewriting was most of what MkDocs spent on them: it
rediscovers with regular expressions a structure the generator knew. `convert`
reads exactly that part and gives the HTML and table of contents MkDocs'
`Page.render` gives with the extensions of mkdocs.yml (abbr, attr_list,
footnotes, md_in_html, tables, toc with permalinks), byte for byte, footnote
back-references numbered in the order Python-Markdown's inline processor
reaches them (breadth first). On anything outside that part it returns None,
and the page goes through Python-Markdown as before: it can be slower, never
different (`tests/test_pagehtml.py` holds the two equal on every generated
page of the shipped and a synthetic corpus).

Links are resolved as MkDocs resolves them (`MkDocsLinks`); a link to a file
MkDocs does not have makes the page fall back, so that MkDocs reports it as
before, and the anchors a page holds and links to are handed to MkDocs'
anchor validation.
"""

from __future__ import annotations

import functools
import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import unquote as urlunquote
from urllib.parse import urlsplit, urlunsplit

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, meta

from .parallel import map_shared

# Python-Markdown's block-level tags (Markdown().block_level_elements).
_BLOCK_LEVEL = frozenset((
    "address article aside blockquote body canvas center colgroup dd details div dl dt fieldset figcaption "
    "figure footer form group h1 h2 h3 h4 h5 h6 header hgroup hr html iframe legend li main map math menu "
    "nav noscript object ol option output p pre progress script section style summary table tbody td "
    "textarea tfoot th thead tr ul video").split())
# Inline tags this converter passes through as Python-Markdown does (stashed, verbatim).
_INLINE_TAGS = "sup|sub|span|mark|abbr|small|b|i|em|strong|a|br|wbr"

_AMP = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)")  # markdown.serializers.RE_AMP

_LINK_PATTERN = r"\[(?P<text>[^\[\]]+)\]\((?P<url>[^\s()<>\"'\\&`]+)\)"
_LINK = re.compile(_LINK_PATTERN)
_INLINE = re.compile(
    r"(?P<code>`(?P<codetext>[^`\s](?:[^`\n]*[^`\s])?)`(?!`))"
    r"|(?P<fn>\[\^(?P<label>[^\]]*)\])"
    r"|(?P<link>" + _LINK_PATTERN + ")"
    r"|(?P<entity>&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)"
    # A tag whose attributes hold what a pattern tried before Python-Markdown's
    # HTML pattern could read is left out: its "<" is refused below.
    rf"|(?P<tag></?(?:{_INLINE_TAGS})(?:\s+[a-zA-Z][-a-zA-Z0-9]*(?:=\"[^\"<>\[\]*_`\\]*\")?)*\s*/?>)"
    # A "{" could open an attribute list after an inline element.
    r"|(?P<bad>[\\`_\[\]<{]|!\[|  \n)")
# What any inline syntax needs; text without it is text.
_MARKUP = re.compile(r"[\[\]&<*`\\_!{]|  \n|[\ue000-\uf8ff]")
# A run of asterisks: emphasis, read after the tokens above (as Python-Markdown does).
_STARS = re.compile(r"\*+")
_PLACE = 0xE000  # private-use code points standing for a token while emphasis is read
_PLACES = re.compile("[\ue000-\uf8ff]")

# Lines that make Python-Markdown split or re-read a block wherever they stand in it.
_SPLITS_BLOCK = re.compile(
    r"^(?: {0,3}#| {0,3}>| {0,3}\[\^?[^\]]*\]:|\*\[| {0,3}(?:(?:-[ ]*){3,}|(?:_[ ]*){3,}|(?:\*[ ]*){3,})$"
    r"|[ ]*[=-]+[ ]*$| {0,3}<(?!(?:" + _INLINE_TAGS + r")\b))", re.MULTILINE)
_STARTS_BLOCK = re.compile(r"^(?: |[*+-] |\d+[.)]|\||<(?!(?:" + _INLINE_TAGS + r")\b)|#|>|\*\[)")
# What makes Python's HTML parser, which Python-Markdown runs over the whole
# page, stop and read the rest of it differently: an incomplete character
# reference, a declaration or processing instruction, an odd end tag.
_PARSER_TRAPS = (re.compile(r"&#(?!(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F])"), re.compile(r"<[!?]"),
                 re.compile(r"</(?![a-zA-Z])"))
_HEADING = re.compile(r"^(#{1,6})(?P<text>(?:\\.|[^\\])*?)#*$")
_HEADER_ATTRS = re.compile(r"[ ]+\{\:?[ ]*([^\}\n ][^\n]*)\}[ ]*$")
_BLOCK_ATTRS = re.compile(r"^[ ]*\{\:?[ ]*([^\}\n ][^\n]*)\}[ ]*$")
_FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:[ ]*(.*)$")
_ABBREVIATION = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*(?P<title>.*)$")
_ITEM = re.compile(r"^- (?=\S)(.*)$")
_NUMBERED = re.compile(r"^(\d+)\. (?=\S)(.*)$")
_NESTED_ITEM = re.compile(r"^    - (?=\S)(.*)$")
_SEPARATOR = re.compile(r"^\|(?: *-{3,} *\|)+$")
_START_TAG = re.compile(r"^<(?P<tag>[a-z][a-z0-9]*)(?P<attrs>(?:\s+[a-zA-Z][-a-zA-Z0-9]*(?:=\"[^\"<>&]*\")?)*)\s*>")
_MARKDOWN_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\smarkdown[\s=>]")
_ATTRIBUTE = re.compile(r"\s+([a-zA-Z][-a-zA-Z0-9]*)(?:=\"([^\"]*)\")?")
_NAME = re.compile(r"^[A-Za-z][-A-Za-z0-9_]*$")
# An element's id, and an <a> element's name: the anchors MkDocs knows a page by.
_ID = re.compile(r'<(?:[a-zA-Z][^<>]*?\sid|a\s[^<>]*?\sname)="([^"]*)"')


class Unsupported(Exception):
    """A construct outside the part of Markdown this module reads."""


def _escape(text: str) -> str:
    if "&" in text:
        text = _AMP.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _escape_code(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


Attributes = list[tuple[str, Optional[str]]]


@dataclass
class _Block:
    """A block element, as Python-Markdown's tree holds it: its inline
    source (`source`, converted into `inner`), its block children, or, with
    no tag, raw HTML."""
    tag: str
    attributes: Attributes = field(default_factory=list)
    source: Optional[str] = None
    inner: str = ""
    children: list[_Block] = field(default_factory=list)
    raw: Optional[str] = None


def _attributes_html(attributes: Attributes) -> str:
    # Python-Markdown's serializer writes an element's attributes sorted by name.
    return "".join(f" {name}" if value is None else f' {name}="{_escape_attribute(value)}"'
                   for name, value in sorted(attributes))


def _serialize(block: _Block, out: list[str]) -> None:
    if block.raw is not None:
        out.append(block.raw)
        return
    if block.tag == "hr":
        out.append("<hr />")
        return
    out.append(f"<{block.tag}{_attributes_html(block.attributes)}>")
    out.append(block.inner)
    if block.children and not block.inner:
        out.append("\n")
    for child in block.children:
        _serialize(child, out)
        out.append("\n")
    out.append(f"</{block.tag}>")


@dataclass
class Converted:
    """A page's HTML and table of contents as MkDocs' render makes them, with
    the anchors it holds and (once `convert_page` has it) the links to
    anchors it makes, for MkDocs' anchor validation."""
    html: str
    toc_tokens: list[Any]  # as the toc extension makes them
    anchor_ids: set[str]
    links_to_anchors: dict[Any, dict[str, str]] = field(default_factory=dict)

    def apply_to(self, page: Any) -> str:
        """Sets on MkDocs' `page` what its render sets, and returns the HTML."""
        page.toc = get_toc(self.toc_tokens)
        page.present_anchor_ids = self.anchor_ids
        page.links_to_anchors = self.links_to_anchors
        return self.html

    def render_instead(self, page: Any) -> None:
        """Stands in, once, for MkDocs' `page.render`, which MkDocs calls on
        every page it reads: making a Python-Markdown instance with the
        extensions of mkdocs.yml only to convert an empty page cost 0.2 ms a
        page, 0.4 s of CPU at 1,000 engagements."""
        def render(config: Any, files: Any) -> None:
            del page.render  # the class's own again
            page.content = self.apply_to(page)
        page.render = render


# Resolves a link's URL as MkDocs would write it; None where MkDocs would warn.
Resolve = Callable[[str], Optional[str]]


class _Page:
    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self.footnotes: dict[str, str] = {}  # label → its text, in the order defined
        self.abbreviations: dict[str, str] = {}
        self.references: dict[str, int] = {}  # footnote label → references made so far
        self.numbers: dict[str, int] = {}  # footnote label → its number, in the order defined
        self.abbreviation_re: Optional[re.Pattern[str]] = None
        self.ids: set[str] = set()  # the anchors of the page: its elements' ids, and those its raw HTML holds

    # Blocks.

    def blocks(self, lines: list[str]) -> list[_Block]:
        blocks: list[_Block] = []
        i = 0
        while i < len(lines):
            if not lines[i]:
                i += 1
                continue
            start = self.html_start(lines[i])
            if start:
                i = self.html_block(lines, i, start, blocks)
                continue
            # Python-Markdown takes an HTML block out of the text it opens a
            # line in, as if a blank line came before it.
            end = i + 1
            while end < len(lines) and lines[end] and not self.html_start(lines[end]):
                end += 1
            self.block(lines[i:end], blocks)
            i = end
        return blocks

    @staticmethod
    def html_start(line: str) -> Optional[re.Match]:
        """The start tag of an HTML block the line opens, if it opens one."""
        start = _START_TAG.match(line)
        return start if start and start.group("tag") in _BLOCK_LEVEL else None

    def html_block(self, lines: list[str], i: int, start: re.Match, blocks: list[_Block]) -> int:
        tag = start.group("tag")
        attributes = [(m.group(1), m.group(2)) for m in _ATTRIBUTE.finditer(start.group("attrs"))]
        if tag == "blockquote" and attributes[:1] == [("markdown", None)] and start.end() == len(lines[i]):
            if i > 0 and lines[i - 1]:
                raise Unsupported("Markdown inside HTML after text")
            end = lines.index("</blockquote>", i + 1)
            inner = lines[i + 1:end]
            if any(line.startswith("<") and not _INLINE_START.match(line) for line in inner):
                raise Unsupported("HTML inside a Markdown quotation")
            blocks.append(_Block("blockquote", attributes[1:], children=self.blocks(inner)))
            return self.after_html(lines, end)
        if tag in ("script", "style", "pre", "textarea"):
            end = i
            while f"</{tag}>" not in lines[end]:
                end += 1
            if lines[end].count(f"</{tag}>") != 1 or not lines[end].endswith(f"</{tag}>"):
                raise Unsupported("raw text element")
        else:
            end = self.closed(lines, i, tag)
        if "" in lines[i:end]:
            raise Unsupported("a blank line inside an HTML block")
        raw = "\n".join(lines[i:end + 1]) + "\n"  # Python-Markdown stashes the line's end with it
        if "<!--" in raw or _MARKDOWN_ATTRIBUTE.search(raw):
            raise Unsupported("a comment, or Markdown inside HTML")
        blocks.append(_Block("", raw=raw))
        self.ids.update(_ID.findall(raw))
        return self.after_html(lines, end)

    @staticmethod
    def closed(lines: list[str], i: int, tag: str) -> int:
        """The line that closes the element opening line `i`, with its end:
        Python-Markdown ends a raw block where the element closes."""
        depth = 0
        for end in range(i, len(lines)):
            for m in re.finditer(rf"<{tag}\b|</{tag}>", lines[end]):
                depth += -1 if m.group().startswith("</") else 1
                if depth == 0:
                    if m.end() != len(lines[end]):
                        raise Unsupported("text after an HTML block")
                    return end
        raise Unsupported("unclosed HTML block")

    @staticmethod
    def after_html(lines: list[str], end: int) -> int:
        if end + 1 < len(lines) and lines[end + 1]:
            raise Unsupported("text after an HTML block")
        return end + 1

    def block(self, lines: list[str], blocks: list[_Block]) -> None:
        first = lines[0]
        heading = next((n for n, line in enumerate(lines) if line.startswith("#")), 0)
        if heading and not first.startswith(("|", " ")):
            # Python-Markdown's heading processor takes a heading line out of
            # its block: the lines before it, the heading, the lines after.
            self.block(lines[:heading], blocks)
            self.block(lines[heading:heading + 1], blocks)
            if heading + 1 < len(lines):
                self.block(lines[heading + 1:], blocks)
            return
        if first.startswith("#"):
            if len(lines) > 1:
                raise Unsupported("heading with text")
            blocks.append(self.heading(first))
        elif first.startswith("|"):
            blocks.append(self.table(lines))
        elif first.startswith("- ") or _NUMBERED.match(first):
            if blocks and blocks[-1].tag in ("ul", "ol"):
                raise Unsupported("a list after a list")
            blocks.append(self.listing(lines))
        elif _FOOTNOTE.match(first):
            for line in lines:
                m = _FOOTNOTE.match(line)
                if not m or m.group(1) in self.footnotes:
                    raise Unsupported("footnote")
                self.footnotes[m.group(1)] = m.group(2).rstrip()
        elif first.startswith("*["):
            m = _ABBREVIATION.match(first)
            if len(lines) > 1 or not m:
                raise Unsupported("abbreviation")
            term, title = m.group("abbr").strip(), m.group("title").strip()
            if not term or not title or title in ("''", '""'):
                raise Unsupported("abbreviation")
            self.abbreviations[term] = title
        elif _STARTS_BLOCK.match(first) or _SPLITS_BLOCK.search("\n".join(lines)):
            raise Unsupported(f"block {first[:20]!r}")
        else:
            attributes: Attributes = []
            m = _BLOCK_ATTRS.match(lines[-1]) if len(lines) > 1 else None
            if m:
                attributes = self.attributes(m.group(1), [])
                lines = lines[:-1]
            blocks.append(_Block("p", attributes, source="\n".join(lines)))

    @staticmethod
    def attributes(text: str, attributes: Attributes) -> Attributes:
        found, remainder = get_attrs_and_remainder(text)
        if remainder:
            raise Unsupported("attribute list")
        attributes = list(attributes)
        for name, value in found:
            if name == ".":
                classes = [i for i, (n, _) in enumerate(attributes) if n == "class"]
                if classes:
                    at = classes[0]
                    attributes[at] = ("class", f"{attributes[at][1]} {value}")
                else:
                    attributes.append(("class", value))
                continue
            if not _NAME.match(name) or (value is None and not name.startswith("data-")):
                raise Unsupported("attribute")
            attributes = [(n, v) for n, v in attributes if n != name] + [(name, value)]
        return attributes

    def heading(self, line: str) -> _Block:
        m = _HEADING.match(line)
        if not m:
            raise Unsupported("heading")
        text = m.group("text").strip()
        attributes: Attributes = []
        a = _HEADER_ATTRS.search(text)
        if a:
            attributes = self.attributes(a.group(1), [])
            text = text[:a.start()].rstrip("#").rstrip()  # as attr_list cleans a heading up
        if not text or "[^" in text:
            raise Unsupported("heading")
        return _Block(f"h{len(m.group(1))}", attributes, source=text)

    def table(self, lines: list[str]) -> _Block:
        if len(lines) < 3 or not _SEPARATOR.match(lines[1]):
            raise Unsupported("table")
        rows = [self.cells(line) for line in lines]
        width = len(rows[0])
        if width < 2 or len(rows[1]) != width or any(len(row) != width for row in rows):
            raise Unsupported("table")

        def row(cells: list[str], tag: str) -> _Block:
            return _Block("tr", children=[_Block(tag, source=cell) for cell in cells])

        return _Block("table", children=[_Block("thead", children=[row(rows[0], "th")]),
                                         _Block("tbody", children=[row(r, "td") for r in rows[2:]])])

    @staticmethod
    def cells(line: str) -> list[str]:
        if not line.startswith("| ") or not line.endswith(" |") or "`" in line or "\\" in line:
            raise Unsupported("table row")
        return [cell.strip(" ") for cell in line[2:-2].split(" | ")]

    def listing(self, lines: list[str]) -> _Block:
        numbered = _NUMBERED.match(lines[0])
        item_re = _NUMBERED if numbered else _ITEM
        items: list[_Block] = []
        for line in lines:
            top, nested = item_re.match(line), _NESTED_ITEM.match(line)
            if top:
                items.append(_Block("li", source=self.item(top.group(top.lastindex or 1))))
            elif nested and items:
                if not items[-1].children:
                    items[-1].children.append(_Block("ul"))
                items[-1].children[0].children.append(_Block("li", source=self.item(nested.group(1))))
            else:
                raise Unsupported("list")
        if numbered:
            start = numbered.group(1)
            return _Block("ol", [] if start == "1" else [("start", start)], children=items)
        return _Block("ul", children=items)

    @staticmethod
    def item(text: str) -> str:
        if _STARTS_BLOCK.match(text) or _SPLITS_BLOCK.search(text) or _BLOCK_ATTRS.search(text):
            raise Unsupported("list item")
        return text

    # Inline.

    def inline(self, source: str) -> str:
        """The HTML of inline Markdown, footnote references counted as met."""
        if not _MARKUP.search(source):
            return self.plain(source)  # most table cells, dates and names
        # With emphasis possible, tokens stand as placeholders while it is read;
        # without, the HTML is made as the tokens come.
        starred = "*" in source
        tokens: list[str] = []  # each token's HTML, by its place
        pieces: list[str] = []
        at = 0
        m = _INLINE.search(source)
        while m:
            kind = m.lastgroup
            if kind == "fn" and m.group("label") not in self.footnotes:
                # Not a footnote: Python-Markdown tries the link pattern there next.
                m = _LINK.match(source, m.start())
                if not m:
                    raise Unsupported("footnote reference")
                kind = "link"
            if kind == "bad":
                raise Unsupported(f"inline {m.group()!r}")
            before, at = source[at:m.start()], m.end()
            pieces.append(self.plain(before) if not starred else before)
            if kind == "code":
                token = f"<code>{_escape_code(m.group('codetext'))}</code>"
            elif kind == "fn":
                token = self.reference(m.group("label"))
            elif kind == "link":
                url = self.resolve(m.group("url"))
                if url is None:
                    raise Unsupported("link MkDocs would not resolve")
                token = f'<a href="{_escape_attribute(url)}">{self.inline(m.group("text"))}</a>'
            else:
                token = m.group()
                if kind == "tag" and ("id=" in token or "name=" in token):
                    self.ids.update(_ID.findall(token))
            if starred:
                pieces.append(chr(_PLACE + len(tokens)))
                tokens.append(token)
            else:
                pieces.append(token)
            m = _INLINE.search(source, at)
        if not starred:
            pieces.append(self.plain(source[at:]))
            return "".join(pieces)
        pieces.append(source[at:])
        if len(tokens) > 0x18FF or _PLACES.search(source):
            raise Unsupported("too many tokens")
        return self.emphasis("".join(pieces), tokens)

    def emphasis(self, text: str, tokens: list[str]) -> str:
        if "*" not in text:
            return self.text(text, tokens)
        out: list[str] = []
        at = 0
        for m in _STARS.finditer(text):
            if m.start() < at:
                continue
            stars = m.group()
            if len(stars) > 2:
                raise Unsupported("emphasis")
            close = text.find(stars, m.end())
            content = text[m.end():close]
            if (close < 0 or not content or "*" in content or "\n" in content or content[0].isspace()
                    or content[-1].isspace() or text[close + len(stars):close + len(stars) + 1] == "*"):
                raise Unsupported("emphasis")
            tag = "strong" if len(stars) == 2 else "em"
            out.append(self.text(text[at:m.start()], tokens))
            out.append(f"<{tag}>{self.text(content, tokens)}</{tag}>")
            at = close + len(stars)
        out.append(self.text(text[at:], tokens))
        return "".join(out)

    def text(self, text: str, tokens: list[str]) -> str:
        out = []
        at = 0
        for m in _PLACES.finditer(text):
            out.append(self.plain(text[at:m.start()]))
            out.append(tokens[ord(m.group()) - _PLACE])
            at = m.end()
        out.append(self.plain(text[at:]))
        return "".join(out)

    def plain(self, text: str) -> str:
        if not text or self.abbreviation_re is None:
            return _escape(text)
        out = []
        at = 0
        for m in self.abbreviation_re.finditer(text):
            out.append(_escape(text[at:m.start()]))
            out.append(f'<abbr title="{_escape_attribute(self.abbreviations[m.group()])}">{_escape(m.group())}</abbr>')
            at = m.end()
        out.append(_escape(text[at:]))
        return "".join(out)

    def reference(self, label: str) -> str:
        if label not in self.footnotes:
            raise Unsupported("footnote reference")
        count = self.references.get(label, 0) + 1
        self.references[label] = count
        number = self.numbers.setdefault(label, list(self.footnotes).index(label) + 1)
        ref = f"fnref:{label}" if count == 1 else f"fnref{count}:{label}"
        self.resolve(f"#fn:{label}")  # MkDocs' link rewriting sees every link, these too
        return f'<sup id="{_escape_attribute(ref)}"><a class="footnote-ref" href="#fn:{_escape_attribute(label)}">{number}</a></sup>'

    # The page.

    def footnote_div(self) -> _Block:
        items = []
        for label, text in self.footnotes.items():
            paragraph = self.blocks(text.split("\n"))
            if len(paragraph) != 1 or paragraph[0].tag != "p" or paragraph[0].attributes:
                raise Unsupported("footnote text")
            items.append(_Block("li", [("id", f"fn:{label}")], children=paragraph))
        return _Block("div", [("class", "footnote")], children=[_Block("hr"), _Block("ol", children=items)])

    def backlinks(self, div: _Block) -> None:
        for number, (label, item) in enumerate(zip(self.footnotes, div.children[1].children), start=1):
            refs = [f"fnref:{label}"] + [f"fnref{n}:{label}" for n in range(2, self.references.get(label, 0) + 1)]
            for ref in refs:
                self.resolve(f"#{ref}")
            links = "".join(
                f'<a class="footnote-backref" href="#{_escape_attribute(ref)}" '
                f'title="Jump back to footnote {number} in the text">&#8617;</a>'
                for ref in refs)
            item.children[0].inner += "&#160;" + links

    def convert(self, markdown: str) -> Converted:
        if (any(c in markdown for c in ("\t", "\r", "\x02", "\x03", "\n```", "\n~~~"))
                or _SPACES.search(markdown) or markdown.startswith((" ", "```", "~~~"))):
            raise Unsupported("whitespace or a fenced code block")
        if any(trap.search(markdown) for trap in _PARSER_TRAPS):
            raise Unsupported("what Python's HTML parser reads apart")
        root = _Block("div", children=self.blocks(markdown.split("\n")))
        if self.abbreviations:
            terms = sorted(self.abbreviations, key=len, reverse=True)
            self.abbreviation_re = re.compile(rf"\b(?:{'|'.join(re.escape(t) for t in terms)})\b")
        div = self.footnote_div() if self.footnotes else None
        if div is not None:
            root.children.append(div)
        # Inline Markdown is converted in the order Python-Markdown's inline
        # processor reaches it, breadth first: the order footnote references
        # are numbered in.
        queue = [root]
        while queue:
            block = queue.pop(0)
            for child in block.children:
                if child.source is not None:
                    child.inner = self.inline(child.source)
                if child.children:
                    queue.append(child)
        if div is not None:
            self.backlinks(div)
        tokens = self.headings(root)
        out: list[str] = []
        for block in root.children:
            _serialize(block, out)
            out.append("\n")
        text = "".join(out).strip()
        return Converted(text, tokens, self.ids)

    def headings(self, root: _Block) -> list[dict[str, Any]]:
        """The toc extension's ids, permalinks and tokens."""
        blocks = list(_walk(root))
        used = {value for block in blocks for name, value in block.attributes if name == "id" and value}
        used |= {f"fnref:{label}" if n == 1 else f"fnref{n}:{label}"
                 for label, count in self.references.items() for n in range(1, count + 1)}
        counters: dict[str, int] = {}
        tokens = []
        for block in blocks:
            if block.tag not in ("h1", "h2", "h3", "h4", "h5", "h6"):
                continue
            name = strip_tags(block.inner)
            ids = [value for n, value in block.attributes if n == "id"]
            if ids:
                anchor = ids[0] or ""
            else:
                anchor = unique(slugify(html.unescape(name), "-"), used, counters)
                block.attributes.append(("id", anchor))
            if "data-toc-label" in (n for n, _ in block.attributes):
                raise Unsupported("toc label")
            tokens.append({"level": int(block.tag[1]), "id": anchor, "name": name, "html": block.inner,
                           "data-toc-label": ""})
            self.resolve(f"#{anchor}")
            block.inner += (f'<a class="headerlink" href="#{_escape_attribute(anchor)}" '
                            f'title="Permanent link">&para;</a>')
        self.ids |= used  # the elements' ids, the headings' among them, beside those of the raw HTML
        return nest_toc_tokens(tokens)


# A line of spaces, which Python-Markdown empties (a fence of MkDocs'
# fenced_code, ``` or ~~~ opening a line, is refused with the tabs).
_SPACES = re.compile(r"\n +(?:\n|$)")
_INLINE_START = re.compile(rf"<(?:{_INLINE_TAGS})\b")


def _walk(block: _Block):
    for child in block.children:
        yield child
        yield from _walk(child)


def convert(markdown: str, resolve: Resolve) -> Optional[Converted]:
    """The HTML and toc MkDocs would make of `markdown` (a page's Markdown
    after its front matter), or None when it holds anything this module does
    not read."""
    try:
        return _Page(resolve).convert(markdown)
    except (Unsupported, ValueError, IndexError):
        return None


def convert_page(markdown: str, page: Any, site: SiteLinks) -> Optional[Converted]:
    """`convert` for MkDocs' `page` (its Markdown after the front matter),
    its links resolved among the build's files; None for a page whose title
    MkDocs would take from its first heading (it has none in its front matter)."""
    return _convert_of(markdown, page.meta, page.file, site)


def _convert_of(markdown: str, page_meta: dict, file: Any, site: SiteLinks) -> Optional[Converted]:
    if "title" not in page_meta:
        return None
    links = site.of(file)
    converted = convert(markdown, links)
    if converted is not None:
        converted.links_to_anchors = links.links_to_anchors
    return converted


def _digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8"), digest_size=16).digest()


class Ahead:
    """A command-line build's generated pages converted before MkDocs reads
    them, every other one by a forked copy of this process on the spare core
    (`parallel.map_shared`): the conversion is Python through and through,
    and MkDocs reads and renders its pages one by one. A page is read here
    as MkDocs' `Page.read_source` reads it; its conversion is used only for
    the very Markdown MkDocs then hands the plugin (a page's `defined_in`
    adds its acronyms' definitions, as the plugin does), and made again
    otherwise."""

    def __init__(self, files: list[Any], site: SiteLinks, defined_in: Callable[[str], str]) -> None:
        self.site = site
        converted = map_shared(functools.partial(_convert_file, site, defined_in), files)
        self.converted = {file.src_uri: done for file, done in zip(files, converted)}

    def convert_page(self, markdown: str, page: Any, defined_in: Callable[[str], str]) -> Optional[Converted]:
        """`convert_page` of the page's Markdown (before `defined_in`), done ahead when it could be."""
        done = self.converted.pop(page.file.src_uri, None)
        if done is None or done[0] != _digest(markdown) or "title" not in page.meta:
            return convert_page(defined_in(markdown), page, self.site)
        converted = done[1]
        if converted is not None:
            converted.links_to_anchors = {self.site.files.get_file_from_path(uri): anchors
                                          for uri, anchors in converted.links_to_anchors.items()}
        return converted


def _convert_file(site: SiteLinks, defined_in: Callable[[str], str], file: Any
                  ) -> tuple[bytes, Optional[Converted]]:
    """The digest of the file's Markdown and its conversion, the links to
    anchors keyed by the linked file's path (a file sent from a forked
    process would come back another object)."""
    markdown, page_meta = meta.get_data(file.content_string)
    converted = _convert_of(defined_in(markdown), page_meta, file, site)
    if converted is not None:
        converted.links_to_anchors = {target.src_uri: anchors for target, anchors in converted.links_to_anchors.items()}
    return _digest(markdown), converted


class SiteLinks:
    """Links resolved among MkDocs' files of one build, for every page: a
    page links to the same records as the pages beside it."""

    def __init__(self, files: Any) -> None:
        self.files = files
        self.resolved: dict[tuple[str, str, str], tuple[Any, Optional[str]]] = {}

    def of(self, file: Any) -> MkDocsLinks:
        return MkDocsLinks(file, self)


class MkDocsLinks:
    """A link's URL as MkDocs' `_RelativePathTreeprocessor` writes it
    (mkdocs/structure/pages.py, MkDocs 1.6), for a link to a file MkDocs
    has; None otherwise, where MkDocs would warn. The links to anchors are
    kept for MkDocs' anchor validation (`Page.links_to_anchors`)."""

    def __init__(self, file: Any, site: Any) -> None:
        self.file = file
        self.site = site if isinstance(site, SiteLinks) else SiteLinks(site)
        self.links_to_anchors: dict[Any, dict[str, str]] = {}
        # What a resolved link depends on: the folder of the page's source and that of its URL.
        head, tail = posixpath.split(file.url)
        self.folders = (posixpath.dirname(file.src_uri), head if "." in tail else file.url)

    def __call__(self, url: str) -> Optional[str]:
        resolved: Optional[str]
        if url.startswith("#"):
            target, resolved = (self.file if len(url) > 1 else None), url
        else:
            # Resolved without its anchor, which MkDocs carries over as it is:
            # the notes link to many sentences of one report.
            path, _, anchor = url.partition("#")
            whole = "?" in url or url.endswith("#")
            key = (*self.folders, url if whole else path)
            if key not in self.site.resolved:
                self.site.resolved[key] = self.resolve(key[2])
            target, resolved = self.site.resolved[key]
            if resolved is not None and anchor and not whole:
                resolved += "#" + anchor
        if target is not None:
            anchor = url.partition("#")[2]
            if anchor:
                self.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
        return resolved

    def resolve(self, url: str) -> tuple[Any, Optional[str]]:
        """The file `url` leads to, where MkDocs checks its anchors, and the URL MkDocs writes."""
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc:
            return None, url
        if url.startswith(("/", "\\")):
            return None, None
        if not path:
            return (self.file if anchor else None), url
        target_uri = posixpath.normpath(
            posixpath.join(posixpath.dirname(self.file.src_uri), urlunquote(path)).lstrip("/"))
        target = self.site.files.get_file_from_path(target_uri)
        if target is None or target.inclusion.is_excluded():
            return None, None
        return target, urlunsplit(("", "", get_relative_url(target.url, self.file.url), query, anchor))
