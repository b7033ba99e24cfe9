"""The single-use address of one pulse invitation: the credential is in the address.

`/pulse/<invitation in base 36>-<signature>/`, the signature an HMAC of the pulse and the
invitation under the site's secret, 80 bits: short enough to type from a printed slip, far
too long to guess. Nothing about the link is stored but the invitation it names.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from areas.pulse.models import PulseInvitation
from partnerships import short_links

SALT = "areas.pulse"
SIGNATURE_CHARS = 16


def _signature(pulse_id: int, invitation_id: int) -> str:
    return short_links.signature(SALT, f"{pulse_id}:{invitation_id}", SIGNATURE_CHARS)


def token_for(invitation: PulseInvitation) -> str:
    return short_links.token(invitation.pk, _signature(invitation.pulse_id, invitation.pk))


def url_for(invitation: PulseInvitation) -> str:
    return settings.SITE_URL + reverse("pulse:answer", args=[token_for(invitation)])


def invitation_for(token: str) -> PulseInvitation | None:
    """The invitation `token` names, used or not, or None for a token that is wrong."""
    parts = short_links.split(token, SIGNATURE_CHARS)
    if parts is None:
        return None
    invitation_id, signature = parts
    invitation = (
        PulseInvitation.objects.filter(pk=invitation_id).select_related("pulse__area").first()
    )
    if invitation is None:
        return None
    if not constant_time_compare(signature, _signature(invitation.pulse_id, invitation.pk)):
        return None
    return invitation
