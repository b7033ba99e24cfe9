"""Writes about pulses: opening one and sending its links, printing slips for the room,
answering, closing, and turning a result into an indicator's measurement."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from areas.models import Area, Indicator, Measurement, SteeringMember
from areas.outcomes.services import measurement_add
from areas.people import registered_area_people
from areas.pulse import delivery
from areas.pulse.models import (
    Pulse,
    PulseAnswer,
    PulseAudience,
    PulseInvitation,
    PulseMessage,
)
from areas.pulse.selectors import SOURCE, PulseResults
from partnerships.models import Person

# A room's worth of slips at a time; a big event prints more than once.
MAX_SLIPS = 60


class PulseAlreadyOpen(Exception):
    """An area asks one question at a time: close the open pulse first."""


def _audience(area: Area, audience: str):
    ids = SteeringMember.objects.current().filter(area=area).values("person_id")
    people = Person.objects.filter(pk__in=ids)
    if audience == PulseAudience.EVERYONE:
        for came in registered_area_people(area):
            people = people | Person.objects.filter(pk__in=came)
    return people.filter(erased_at__isnull=True).distinct()


@transaction.atomic
def pulse_open(*, area: Area, by: Person, audience: str) -> Pulse:
    """Open a pulse, give everyone in `audience` a link of their own and owe them the
    messages that carry it."""
    try:
        with transaction.atomic():
            pulse = Pulse.objects.create(area=area, audience=audience, opened_by=by)
    except IntegrityError as error:
        raise PulseAlreadyOpen from error
    people = _audience(area, audience)
    texts_agreed = set(delivery.agreed_to_texts(people).values_list("pk", flat=True))
    invitations = PulseInvitation.objects.bulk_create(
        PulseInvitation(pulse=pulse, person=person) for person in people
    )
    now = timezone.now()
    messages = PulseMessage.objects.bulk_create(
        PulseMessage(invitation=invitation, channel=channel, send_after=now, queued_at=now)
        for invitation in invitations
        for channel in delivery.channels_for(
            invitation.person, texts_agreed=invitation.person.pk in texts_agreed
        )
    )
    delivery.outbox.dispatch_on_commit([message.pk for message in messages])
    return pulse


def pulse_add_slips(*, pulse: Pulse, count: int) -> list[PulseInvitation]:
    """Links for people in the room, each on its own printed slip and each single-use."""
    return PulseInvitation.objects.bulk_create(
        PulseInvitation(pulse=pulse) for _ in range(min(count, MAX_SLIPS))
    )


@transaction.atomic
def pulse_answer(*, invitation: PulseInvitation, scores: dict[str, int], better: str) -> bool:
    """Keep one person's answers, once per link; False if the link was used or the pulse
    has closed. The link is marked used in the same transaction as the answer is kept,
    and the answer is not tied to it."""
    claimed = PulseInvitation.objects.filter(
        pk=invitation.pk, used=False, pulse__closed_at__isnull=True
    ).update(used=True)
    if not claimed:
        return False
    PulseAnswer.objects.create(pulse_id=invitation.pulse_id, better=better.strip(), **scores)
    return True


def pulse_close(*, pulse: Pulse) -> None:
    now = timezone.now()
    Pulse.objects.filter(pk=pulse.pk, closed_at__isnull=True).update(closed_at=now)
    pulse.closed_at = pulse.closed_at or now


def pulse_record_measurement(
    *, results: PulseResults, indicator: Indicator, question: str, by: Person
) -> Measurement:
    """A shown result as a measurement of `indicator`: the question's mean (or the mean
    of all four), with the pulse named as its source."""
    pulse = results.pulse
    if question:
        mean = next(result.mean for result in results.questions if result.key == question)
    else:
        mean = results.overall
    day = timezone.localtime(pulse.closed_at or timezone.now()).date()
    return measurement_add(
        indicator=indicator,
        by=by,
        measured_on=day,
        value=Decimal(mean).quantize(Decimal("0.01")),
        source=(
            f"{SOURCE} opened {format_date(pulse.opened_at, 'j F Y')}, {results.answered} answers"
        ),
        note=results.label_for(question),
    )
