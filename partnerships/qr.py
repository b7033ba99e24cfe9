"""QR codes drawn on the server as SVG, so a phone joins a room, opens a report-back or
answers a pulse without any outside service.

The code is decoration for screen readers: the address it holds is always printed beside
it in text.
"""

import segno
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, title: str | None = None) -> SafeString:
    """The code as inline SVG, hidden from screen readers; with `title`, a described image
    instead (a tagged PDF needs every figure to say what it is)."""
    # Medium error correction survives a projector's glare and a phone held at an angle.
    svg = segno.make(url, error="m").svg_inline(
        dark="#000", light="#fff", svgclass="app-live-qr", lineclass=None, omitsize=True
    )
    # segno writes only the URL's bits as paths, never its text, so this is safe markup.
    if title is None:
        return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
    head, body = svg.split(">", 1)
    return format_html(
        "{}><title>{}</title>{}",
        mark_safe(head.replace("<svg ", '<svg role="img" focusable="false" ', 1)),
        title,
        mark_safe(body),
    )
