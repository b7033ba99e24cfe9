"""PDFs from HTML templates, so screen and print share one template language.

Documents can only load the project's own static files (stylesheets, fonts, images) and
inline `data:` URIs: a template that names any other address, on the network or on disk,
renders without it rather than fetching it.

WeasyPrint takes seconds to import, so it is imported on the first document, not by
every process that loads the URLs.
"""

import functools
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# Relative and root-relative URLs in a document resolve against this made-up origin, which
# the fetcher maps onto the static files; nothing is ever requested from it.
_BASE_URL = "https://document.invalid/"


@functools.cache
def _fetcher_class():
    import weasyprint

    class StaticFilesOnly(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_path_for(url)
            if path is None:
                raise ValueError(f"Documents may only use the platform's static files, not {url}")
            # Without a type WeasyPrint takes the file for text/plain and ignores a stylesheet.
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesOnly


def static_files_fetcher():
    """A WeasyPrint URL fetcher that serves only the platform's static files."""
    return _fetcher_class()()


def _static_path_for(url: str) -> Path | None:
    parsed = urlparse(url)
    if f"{parsed.scheme}://{parsed.netloc}/" != _BASE_URL:
        return None
    if not parsed.path.startswith(settings.STATIC_URL):
        return None
    return _static_file(parsed.path.removeprefix(settings.STATIC_URL))


def _static_file(name: str) -> Path | None:
    name = posixpath.normpath(name)
    if name.startswith(("..", "/")):
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / name
    return collected if collected.is_file() else None


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template to an A4 PDF; its <title> and author <meta> become the metadata."""
    return html_to_pdf(render_to_string(template_name, context))[0]


# PDF/UA-1: tagged, with the document's language, its title shown as the window title and
# the conformance claim in its metadata, so screen readers read it in the page's order.
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """An accessible (PDF/UA) PDF of an HTML document and its number of pages, loading
    nothing but the platform's static files."""
    import weasyprint

    document = weasyprint.HTML(
        string=html, base_url=_BASE_URL, url_fetcher=static_files_fetcher()
    ).render(pdf_variant=PDF_VARIANT)
    return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)
