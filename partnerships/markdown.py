"""Markdown written by users, rendered to HTML that is safe to show anywhere.

Markdown lets raw HTML through, so everything it produces is cleaned with nh3 against a
short list of tags: what notes and summaries need, and nothing that can run or load.
"""

from html.parser import HTMLParser

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    """HTML for `text`; its headings start at <h3>, below the page's own h1 and h2."""
    html = markdown_lib.markdown(
        text,
        extensions=["sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 3}},
        output_format="html",
    )
    return mark_safe(
        nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES)
    )


def markdown_to_text(text: str) -> str:
    """`text` as plain text for an email's text part: what the HTML part shows, without
    Markdown's marks. Headings are underlined, list items bulleted or numbered, quotes
    indented, and links followed by their address."""
    writer = _PlainText()
    writer.feed(str(render_markdown(text)))
    writer.close()
    return writer.text()


class _PlainText(HTMLParser):
    BLOCKS = {"p", "li", "blockquote", "h3", "h4", "h5", "h6", "pre", "ul", "ol"}
    HEADINGS = {"h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []  # (text, whether it follows without a gap)
        self.line = ""
        self.in_item = False
        self.lists: list[list] = []  # [tag, next number] of each open list
        self.quotes = 0
        self.pre = False
        self.href = ""

    def _end_block(self):
        text = self.line.strip()
        if text:
            indent = "    " * self.quotes
            lines = "\n".join(indent + line.strip() for line in text.split("\n"))
            self.blocks.append((lines, self.in_item and bool(self.blocks)))
        self.line = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.BLOCKS:
            self._end_block()
        if tag in {"ul", "ol"}:
            self.lists.append([tag, int(attrs.get("start") or 1)])
        elif tag == "li" and self.lists:
            kind = self.lists[-1]
            self.line = "• " if kind[0] == "ul" else f"{kind[1]}. "
            kind[1] += 1
            self.in_item = True
        elif tag == "blockquote":
            self.quotes += 1
        elif tag == "pre":
            self.pre = True
        elif tag == "br":
            self.line += "\n"
        elif tag == "hr":
            self._end_block()
            self.blocks.append(("----", False))
        elif tag == "a":
            self.href = (attrs.get("href") or "").removeprefix("mailto:")

    def handle_endtag(self, tag):
        if tag == "a":
            if self.href and self.href not in self.line:
                self.line += f" ({self.href})"
            self.href = ""
        elif tag in self.HEADINGS:
            heading = " ".join(self.line.split())
            self.line = ""
            self.blocks.append((f"{heading}\n{'-' * len(heading)}", False))
        elif tag in self.BLOCKS:
            self._end_block()
        if tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
            self.in_item = False
        elif tag == "blockquote":
            self.quotes -= 1
        elif tag == "pre":
            self.pre = False

    def handle_data(self, data):
        self.line += data if self.pre else data.replace("\n", " ")

    def text(self) -> str:
        self._end_block()
        out = ""
        for text, tight in self.blocks:
            out += ("\n" if tight else "\n\n" if out else "") + text
        return out
