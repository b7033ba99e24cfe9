"""The single-use address of one pulse invitation: the credential is in the address.

`/pulse/<invitation in base 36>-<signature>/`, the signature an HMAC of the pulse and the
invitation under the site's secret, 80 bits: short enough to type from a printed slip, far
too long to guess. Nothing about the link is stored but the invitation it names.
"""

import base64

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

from areas.pulse.models import PulseInvitation

SALT = "areas.pulse"
SIGNATURE_CHARS = 16


def _signature(pulse_id: int, invitation_id: int) -> str:
    digest = salted_hmac(SALT, f"{pulse_id}:{invitation_id}", algorithm="sha256").digest()
    return base64.b32encode(digest).decode()[:SIGNATURE_CHARS].lower()


def token_for(invitation: PulseInvitation) -> str:
    return f"{int_to_base36(invitation.pk)}-{_signature(invitation.pulse_id, invitation.pk)}"


def url_for(invitation: PulseInvitation) -> str:
    return settings.SITE_URL + reverse("pulse:answer", args=[token_for(invitation)])


def invitation_for(token: str) -> PulseInvitation | None:
    """The invitation `token` names, used or not, or None for a token that is wrong."""
    head, _, signature = token.partition("-")
    if len(signature) != SIGNATURE_CHARS or not 0 < len(head) <= 13:
        return None
    try:
        invitation_id = base36_to_int(head)
    except ValueError:
        return None
    invitation = (
        PulseInvitation.objects.filter(pk=invitation_id).select_related("pulse__area").first()
    )
    if invitation is None:
        return None
    if not constant_time_compare(signature, _signature(invitation.pulse_id, invitation.pk)):
        return None
    return invitation
