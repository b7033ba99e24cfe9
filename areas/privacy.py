"""The records an area keeps about a person, for their export and erasure.

Seats, sub-groups and LCO roles stay on erasure, under the pseudonym, so the steering
group's make-up still counts; payments stay as financial records. Free text that names
the person (evidence, reasons, payment descriptions) has the name replaced.
"""

from django.db.models import Q

from areas.models import (
    Consent,
    Evidence,
    LocalCoordinatingOrganisation,
    SpendLine,
    SteeringMember,
    SubGroup,
)
from partnerships.privacy import retention
from partnerships.privacy.registry import (
    Areas,
    PersonalData,
    ids_in,
    in_areas,
    keep,
    register,
    replace_name,
)

REMOVED = "Removed when the speaker’s data was erased."


def _seats(person, areas: Areas):
    seats = in_areas(SteeringMember.objects.filter(person=person), "area_id", areas)
    return [
        {
            "area": seat.area.name,
            "seat": seat.get_seat_display(),
            "organisation": seat.organisation.name if seat.organisation_id else "",
            "joined_on": seat.joined_on,
            "left_on": seat.left_on,
            "reason_for_leaving": seat.left_reason,
        }
        for seat in seats.select_related("area", "organisation")
    ]


def _erase_seats(person, pseudonym):
    return (
        SteeringMember.objects.filter(person=person).exclude(left_reason="").update(left_reason="")
    )


def _sub_groups_of(person):
    return SubGroup.objects.filter(Q(members=person) | Q(lead=person)).distinct()


def _sub_groups(person, areas: Areas):
    return [
        {
            "area": group.area.name,
            "sub_group": group.name,
            "as": "lead" if group.lead_id == person.pk else "member",
        }
        for group in in_areas(_sub_groups_of(person), "area_id", areas).select_related("area")
    ]


def _lco_roles(person, areas: Areas):
    lcos = in_areas(
        LocalCoordinatingOrganisation.objects.filter(coordinator=person), "area_id", areas
    )
    return [
        {"area": lco.area.name, "organisation": lco.organisation.name, "since": lco.designated_on}
        for lco in lcos.select_related("area", "organisation")
    ]


def _payments(person, areas: Areas):
    lines = in_areas(SpendLine.objects.filter(payee_person=person), "budget__area_id", areas)
    return [
        {
            "area": line.budget.area.name,
            "budget": line.budget.get_kind_display(),
            "date": line.spent_on,
            "what_for": line.get_category_display(),
            "description": line.description,
            "amount_pounds": str(line.amount),
            "status": line.get_status_display(),
            "paid_on": line.paid_on,
        }
        for line in lines.select_related("budget__area")
    ]


def _erase_payments(person, pseudonym):
    lines = SpendLine.objects.filter(payee_person=person)
    return replace_name(lines, ["description", "decision_reason"], person, pseudonym)


def _area_ids(person):
    return [
        SteeringMember.objects.filter(person=person).values_list("area_id", flat=True),
        _sub_groups_of(person).values_list("area_id", flat=True),
        LocalCoordinatingOrganisation.objects.filter(coordinator=person).values_list(
            "area_id", flat=True
        ),
        SpendLine.objects.filter(payee_person=person).values_list("budget__area_id", flat=True),
        Evidence.objects.filter(speaker=person).values_list("area_id", flat=True),
    ]


def _erase_mentions(person, pseudonym):
    """Evidence is written as free text, so it can only be found by the person's name."""
    return replace_name(
        Evidence.objects.filter(area_id__in=ids_in(_area_ids(person))),
        ["text", "attributed_to"],
        person,
        pseudonym,
    )


def _evidence(person, areas: Areas):
    evidence = in_areas(Evidence.objects.filter(speaker=person), "area_id", areas)
    return [
        {
            "area": item.area.name,
            "said": item.text,
            "named_as": item.attribution,
            "consent": item.get_consent_display(),
            "consent_on": item.consent_on,
        }
        for item in evidence.select_related("area")
    ]


def _erase_evidence(person, pseudonym):
    return Evidence.objects.filter(speaker=person).update(
        text=REMOVED,
        attributed_to=pseudonym,
        is_anonymised=True,
        consent=Consent.NONE,
        consent_on=None,
    )


def _mentions(person, areas: Areas):
    name = person.full_name.strip()
    evidence = in_areas(
        Evidence.objects.filter(area_id__in=ids_in(_area_ids(person))), "area_id", areas
    ).filter(Q(text__icontains=name) | Q(attributed_to__icontains=name))
    return [
        {"area": item.area.name, "said_by": item.attributed_to, "text": item.text}
        for item in evidence.select_related("area")
    ]


register(PersonalData("steering_seats", "Steering group seats", _seats, _erase_seats, _area_ids))
register(PersonalData("sub_groups", "Sub-groups", _sub_groups, keep))
register(PersonalData("lco_roles", "Local coordinating organisation roles", _lco_roles, keep))
register(PersonalData("payments", "Payments and claims", _payments, _erase_payments))
register(PersonalData("evidence", "Your words in an area's evidence", _evidence, _erase_evidence))
register(PersonalData("evidence_mentions", "Evidence that names you", _mentions, _erase_mentions))


retention.register(
    retention.RetentionRule(
        "Payments and claims, with receipts",
        SpendLine,
        "spent_on",
        6 * 365,
        retention.KEEP,
        "Kept for six years, as financial records must be; then reviewed by a programme lead.",
    )
)
