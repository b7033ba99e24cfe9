"""What the pulse keeps about a person: that they were sent a link, for their export and
erasure. Their answers are not theirs to export: nothing ties an answer to anyone.

The export says which pulses they were asked to answer, not whether they did: a person's
export can be read by their area's facilitators, who must not learn who answered.
"""

from areas.pulse.models import PulseInvitation
from partnerships.privacy.registry import Areas, PersonalData, in_areas, register


def _invitations(person, areas: Areas):
    invitations = in_areas(
        PulseInvitation.objects.filter(person=person), "pulse__area_id", areas
    ).select_related("pulse__area")
    return [
        {
            "area": invitation.pulse.area.name,
            "pulse_opened_on": invitation.pulse.opened_at.date(),
            "sent": "A link of your own to answer the partnership health pulse",
        }
        for invitation in invitations
    ]


def _erase_invitations(person, pseudonym):
    deleted, _ = PulseInvitation.objects.filter(person=person).delete()
    return deleted


def _area_ids(person):
    return [PulseInvitation.objects.filter(person=person).values_list("pulse__area_id", flat=True)]


register(
    PersonalData(
        "pulse_invitations",
        "Links to partnership health pulses",
        _invitations,
        _erase_invitations,
        _area_ids,
    )
)
