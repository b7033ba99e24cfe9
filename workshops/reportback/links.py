"""The short address of a session's report-back page: the credential is in the address.

`/r/<session in base 36>-<signature>/`. The signature is an HMAC of the session and its
`report_back_nonce` under the site's secret, 60 bits long: short enough to type from a
printed sheet, far too long to guess. A new nonce withdraws every link given out.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from partnerships import short_links
from workshops.models import Session, SessionStatus

SALT = "workshops.report-back"
SIGNATURE_CHARS = 12
# Only sessions that happened have anything to report back.
HELD = (SessionStatus.HELD, SessionStatus.WRITTEN_UP)


def _signature(session_id: int, nonce: str) -> str:
    return short_links.signature(SALT, f"{session_id}:{nonce}", SIGNATURE_CHARS)


def token_for(session: Session) -> str:
    return short_links.token(session.pk, _signature(session.pk, session.report_back_nonce))


def url_for(session: Session) -> str:
    return settings.SITE_URL + reverse("workshops:report-back", args=[token_for(session)])


def session_for(token: str) -> Session | None:
    """The session `token` opens, held or not (a sign-in sheet carries the link before the
    day), or None for a token that is wrong or withdrawn."""
    parts = short_links.split(token, SIGNATURE_CHARS)
    if parts is None:
        return None
    session_id, signature = parts
    session = Session.objects.filter(pk=session_id).select_related("area").first()
    if session is None:
        return None
    if not constant_time_compare(signature, _signature(session.pk, session.report_back_nonce)):
        return None
    return session
