"""The short address of a session's report-back page: the credential is in the address.

`/r/<session in base 36>-<signature>/`. The signature is an HMAC of the session and its
`report_back_nonce` under the site's secret, 60 bits long: short enough to type from a
printed sheet, far too long to guess. A new nonce withdraws every link given out.
"""

import base64

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

from workshops.models import Session, SessionStatus

SALT = "workshops.report-back"
SIGNATURE_CHARS = 12
# Only sessions that happened have anything to report back.
HELD = (SessionStatus.HELD, SessionStatus.WRITTEN_UP)


def _signature(session_id: int, nonce: str) -> str:
    digest = salted_hmac(SALT, f"{session_id}:{nonce}", algorithm="sha256").digest()
    return base64.b32encode(digest).decode()[:SIGNATURE_CHARS].lower()


def token_for(session: Session) -> str:
    return f"{int_to_base36(session.pk)}-{_signature(session.pk, session.report_back_nonce)}"


def url_for(session: Session) -> str:
    return settings.SITE_URL + reverse("workshops:report-back", args=[token_for(session)])


def session_for(token: str) -> Session | None:
    """The held session `token` opens, or None for a token that is wrong or withdrawn."""
    head, _, signature = token.partition("-")
    if len(signature) != SIGNATURE_CHARS or not 0 < len(head) <= 13:
        return None
    try:
        session_id = base36_to_int(head)
    except ValueError:
        return None
    session = Session.objects.filter(pk=session_id, status__in=HELD).select_related("area").first()
    if session is None:
        return None
    if not constant_time_compare(signature, _signature(session.pk, session.report_back_nonce)):
        return None
    return session
