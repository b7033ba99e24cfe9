"""One view, two answers: the whole page, or the part of it htmx asked for.

Search and filter pages swap only their results as the user types. The same address
then answers with a page or a fragment, so every such response says it varies on the
htmx headers, or a cache could give a fragment to someone opening the page.
"""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_partial(request, *, target: str | None = None) -> bool:
    """Whether htmx asked for a part of the page (for the element `target`, if given).

    A history restore wants the whole page back, so it never gets a fragment."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request and target in (None, htmx.target)


def render_page_or_partial(request, template, context, *, partial: str, target=None):
    """Render `template`, or only its `{% partialdef partial %}` when htmx asks for it."""
    chosen = f"{template}#{partial}" if wants_partial(request, target=target) else template
    response = render(request, chosen, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"] if target else ["HX-Request"])
    return response
