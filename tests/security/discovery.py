"""Finding what to attack without naming it: routed pages, the links and forms on them,
and the downloads they lead to.

Everything here is discovered from the URLconf and from the pages themselves, so a page,
form or export added later is covered without editing the security tests. Object
arguments are filled the way the access matrix fills them (its OBJECT_ARGUMENTS), so
every new URL argument is declared once, there.
"""

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.security.area_a_objects import EXEMPT_PREFIXES, OBJECT_ARGUMENTS

# Paths a crawl never follows: allauth's own pages (signing out would end the crawl),
# Django admin, static files, and the health check (it waits on the broker; no data).
SKIP_PATHS = ("/accounts/", "/admin/", "/static/", "/healthz")
# List pages link to many sorts and filters of themselves; a few show what they can show.
QUERY_VARIANTS_PER_PATH = 3


def routed_patterns(resolvers=None, prefix="", namespace="", arguments=()):
    """(route, url name, argument names) for every named pattern, with arguments or not."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        names = (*arguments, *entry.pattern.converters)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routed_patterns(entry.url_patterns, route, inner, names)
        elif (
            isinstance(entry, URLPattern)
            and entry.name
            and not any(route.startswith(exempt) for exempt in EXEMPT_PREFIXES)
            # Every argument the matrix cannot fill already fails the matrix.
            and all(name in OBJECT_ARGUMENTS for name in names)
        ):
            yield route, f"{namespace}{entry.name}", sorted(names)


def area_a_urls(world) -> list[str]:
    """Every routed page, its object arguments naming area A's objects (one object per
    argument, shared by every page that names it)."""
    patterns = list(routed_patterns())
    values = {}
    for _, _, arguments in patterns:
        for argument in arguments:
            if argument not in values:
                values[argument] = OBJECT_ARGUMENTS[argument](world)
    return [
        reverse(name, kwargs={argument: values[argument] for argument in arguments})
        for _, name, arguments in patterns
    ]


@dataclass
class Form:
    """A <form> as a browser would submit it."""

    page: str
    method: str
    action: str
    enctype: str
    # (name, input type, value, options of a select/radio group)
    fields: list = field(default_factory=list)

    @property
    def names(self) -> set[str]:
        return {name for name, *_ in self.fields}

    @property
    def has_file(self) -> bool:
        return any(kind == "file" for _, kind, _, _ in self.fields)

    def default_data(self) -> dict:
        """What pressing the button sends without typing: values, checked boxes, first
        options. The CSRF token is included; callers that test CSRF drop it."""
        data: dict = {}
        for name, kind, value, options in self.fields:
            if kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if kind in {"checkbox", "radio"}:
                if value is not None:
                    data.setdefault(name, []).append(value)
                continue
            if kind == "select":
                data.setdefault(
                    name, value if value is not None else (options[0] if options else "")
                )
                continue
            data.setdefault(name, value or "")
        return data


class PageParser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: list | None = None
        self._textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = Form(
                page=self.page,
                method=(attrs.get("method") or "get").lower(),
                action=urljoin(self.page, attrs.get("action") or self.page),
                enctype=attrs.get("enctype") or "",
            )
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select[3].append(value)
            if "selected" in attrs:
                self._select[2] = value
        elif self._form is None or not attrs.get("name"):
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            checked = "checked" in attrs
            value = attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")
            if kind in {"checkbox", "radio"} and not checked:
                self._form.fields.append((attrs["name"], kind, None, [value]))
            else:
                self._form.fields.append((attrs["name"], kind, value, []))
        elif tag == "select":
            self._select = [attrs["name"], "select", None, []]
            self._form.fields.append(self._select)
        elif tag == "textarea":
            self._textarea = [attrs["name"], "textarea", "", []]
            self._form.fields.append(self._textarea)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_page(url: str, html: str) -> tuple[list[str], list[Form]]:
    parser = PageParser(url)
    parser.feed(html)
    forms = [
        Form(f.page, f.method, f.action, f.enctype, [tuple(entry) for entry in f.fields])
        for f in parser.forms
    ]
    return [urljoin(url, link) for link in parser.links], forms


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes
    cache_control: str = ""
    permissions_policy: str = ""

    @property
    def is_html(self):
        return self.content_type.startswith("text/html")

    @property
    def is_csv(self):
        return self.content_type.startswith("text/csv")

    @property
    def is_pdf(self):
        return self.content_type.startswith("application/pdf")


def fetch(client, url) -> Fetched:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    return Fetched(
        url,
        response.status_code,
        response.get("Content-Type", ""),
        body,
        response.get("Cache-Control", ""),
        response.get("Permissions-Policy", ""),
    )


def _crawlable(url: str) -> bool:
    """A page of this site, outside the exempt routes (their tokens are the credential)."""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc != "testserver":
        return False
    if not parts.path.startswith("/") or parts.path.startswith(SKIP_PATHS):
        return False
    try:
        route = resolve(parts.path).route
    except Resolver404:
        return False
    return not route.startswith(tuple(EXEMPT_PREFIXES))


@dataclass
class Crawl:
    pages: list[Fetched] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Fetched]:
        return [page for page in self.pages if page.status == 200 and getattr(page, kind)]


def crawl(client, seeds, *, search_terms=(), limit=400) -> Crawl:
    """GET every seed and every same-site link reachable from them (up to `limit`).

    Each GET form found is also submitted with `search_terms` in its text boxes, so
    search pages are tried with words the caller expects not to find.
    """
    result = Crawl()
    seen: set[str] = set()
    per_path: Counter = Counter()
    queue = deque(seeds)
    while queue and len(seen) < limit:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or not _crawlable(url):
            continue
        if urlsplit(url).query and per_path[path] >= QUERY_VARIANTS_PER_PATH:
            continue
        seen.add(url)
        per_path[path] += 1
        page = fetch(client, url)
        result.pages.append(page)
        if not (page.status == 200 and page.is_html):
            continue
        links, forms = parse_page(url, page.body.decode())
        result.forms.extend(forms)
        queue.extend(link.split("#")[0] for link in links)
        for form in forms:
            if form.method != "get":
                continue
            for term in search_terms:
                data = {
                    name: (term if kind in {"text", "search"} else value or "")
                    for name, kind, value, _ in form.fields
                    if kind not in {"submit", "button"} and (value is not None)
                }
                queue.append(f"{urlsplit(form.action).path}?{urlencode(data)}")
    return result


def post_forms(crawled: Crawl) -> list[Form]:
    """The POST forms found, one per action and set of field names."""
    unique = {}
    for form in crawled.forms:
        if form.method == "post" and _crawlable(form.action):
            unique.setdefault((urlsplit(form.action).path, frozenset(form.names)), form)
    return list(unique.values())
