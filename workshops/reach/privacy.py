"""What a person has said they need to take part: in their export, deleted on erasure."""

from partnerships.privacy import retention
from partnerships.privacy.registry import Areas, PersonalData, register
from workshops.reach.models import SupportNeeds


def _needs(person, areas: Areas):
    needs = SupportNeeds.objects.filter(person=person).select_related("recorded_in")
    if areas is not None:
        # Someone working in some areas exports only what their areas recorded.
        needs = needs.filter(recorded_in_id__in=areas)
    return [
        {
            "preferred_language": n.preferred_language,
            "interpreter": n.get_interpreter_display() if n.interpreter else "",
            "access_needs": n.access_needs,
            "help_with_transport": n.transport_help,
            "help_with_childcare": n.childcare_help,
            "agreed": n.get_consent_method_display(),
            "recorded_at": n.recorded_at,
            "recorded_in": n.recorded_in.name if n.recorded_in_id else "",
        }
        for n in needs
    ]


def _erase_needs(person, pseudonym):
    return SupportNeeds.objects.filter(person=person).delete()[0]


def _area_ids(person):
    return [
        SupportNeeds.objects.filter(person=person, recorded_in__isnull=False).values_list(
            "recorded_in_id", flat=True
        )
    ]


register(
    PersonalData(
        "support_needs",
        "What you told us would help you take part",
        _needs,
        _erase_needs,
        _area_ids,
    )
)


retention.register(
    retention.RetentionRule(
        "What people told us would help them take part",
        SupportNeeds,
        "recorded_at",
        2 * 365,
        retention.DELETE,
        "Deleted two years after it was last recorded or changed; the person can tell us "
        "again. Deleted at once if they withdraw their agreement.",
    )
)
