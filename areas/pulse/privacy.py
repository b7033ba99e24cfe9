"""What the pulse keeps about a person: that they were sent a link, for their export and
erasure. Their answers are not theirs to export: nothing ties an answer to anyone.

The export says which pulses they were asked to answer, not whether they did: a person's
export can be read by their area's facilitators, who must not learn who answered.
"""

from areas.pulse.models import PulseAnswer, PulseInvitation
from partnerships.privacy import retention
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
retention.register(
    retention.RetentionRule(
        "Links to partnership health pulses",
        PulseInvitation,
        "pulse__closed_at",
        30,
        retention.DELETE,
        "Deleted 30 days after the pulse closes, with the record of whether each was used "
        "and the emails and texts that carried them. The answers, which name nobody, stay.",
    ),
    retention.RetentionRule(
        "Answers to partnership health pulses",
        PulseAnswer,
        "pulse__opened_at",
        6 * 365,
        retention.KEEP,
        "Kept for the partnership's trend: they hold no name, no link and no time. Then "
        "reviewed by a programme lead.",
    ),
)
