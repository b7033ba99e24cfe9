"""Script payloads, and how to tell whether a page lets one through as markup."""

from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert('script')</script>",
    "<img src=x onerror=\"alert('img')\">",
    "<svg onload=alert('svg')></svg>",
    "<a href=\"javascript:alert('href')\">link</a>",
    "[markdown link](javascript:alert('md'))",
    "[markdown data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![markdown image](x\" onerror=\"alert('mdimg'))",
    "<iframe src=\"data:text/html,<script>alert('iframe')</script>\"></iframe>",
    "<div style=\"background:url(javascript:alert('style'));"
    "width:expression(alert('css'))\">x</div>",
    "<body onload=alert('body')>",
    "<details open ontoggle=alert('toggle')>",
    "\"><script>alert('attr')</script>",
    "<object data=\"data:text/html,<script>alert('object')</script>\"></object>",
]
# Every payload in one text, for the long text fields (notes, summaries, quotes).
ALL_PAYLOADS = "\n\n".join(PAYLOADS)

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class _Finder(HTMLParser):
    """Collects markup that runs script: handlers, script URLs, inline <script> and CSS
    expressions."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            elif name in _URL_ATTRIBUTES and value.startswith(_SCRIPT_SCHEMES):
                self.found.append(f"<{tag} {name}={value[:30]}>")
            elif name == "style" and ("expression(" in value or "javascript:" in value):
                self.found.append(f"<{tag} style={value[:30]}>")
        if tag == "script" and not dict(attrs).get("src"):
            self.found.append("<script> inline")
        if tag in {"iframe", "object", "embed"}:
            self.found.append(f"<{tag}>")


def script_markup(html: str) -> list[str]:
    finder = _Finder()
    finder.feed(html)
    return finder.found
