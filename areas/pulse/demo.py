"""Demo pulses: East Sussex's steering group answered twice, a third pulse is open, and
the latest result is recorded as a measurement of a partnership health indicator."""

import random
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from areas.models import Direction, IndicatorKind, SteeringMember, Unit
from areas.outcomes import services as outcome_services
from areas.pulse import services
from areas.pulse.models import Pulse, PulseAnswer, PulseAudience, PulseInvitation
from areas.pulse.questions import QUESTIONS
from areas.pulse.selectors import pulse_results

# (opened, closed, how many answered, the scores most people gave, in plain words)
PULSES = [
    (
        date(2025, 3, 10),
        date(2025, 3, 28),
        7,
        {"trust": 3, "vision": 3, "involved": 2, "worth_time": 4},
        [
            "Send the papers a week before, not the night before.",
            "More meetings in the evening, so people who work can come.",
        ],
    ),
    (
        date(2025, 9, 15),
        date(2025, 10, 3),
        8,
        {"trust": 4, "vision": 4, "involved": 3, "worth_time": 4},
        [
            "Hearing back after the partnership day made a difference.",
            "Let community members chair the sub-groups too.",
        ],
    ),
    (date(2026, 3, 9), None, 3, {"trust": 4, "vision": 4, "involved": 4, "worth_time": 5}, []),
]


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


def load(areas, people):
    area = areas["east-sussex"]
    facilitator = people["facilitator@demo.example"]
    members = list(
        SteeringMember.objects.current().filter(area=area).values_list("person", flat=True)
    )
    rng = random.Random(25)
    for opened, closed, answered, usual, words in PULSES:
        pulse = Pulse.objects.create(
            area=area,
            audience=PulseAudience.STEERING,
            opened_by=facilitator,
            opened_at=_at(opened),
            closed_at=_at(closed) if closed else None,
        )
        PulseInvitation.objects.bulk_create(
            PulseInvitation(pulse=pulse, person_id=person, used=index < answered)
            for index, person in enumerate(members)
        )
        PulseAnswer.objects.bulk_create(
            PulseAnswer(
                pulse=pulse,
                better=words[index] if index < len(words) else "",
                **{
                    key: min(5, max(1, usual[key] + rng.choice([-1, 0, 0, 1]))) for key in QUESTIONS
                },
            )
            for index in range(answered)
        )
    indicator = outcome_services.indicator_create(
        area=area,
        by=facilitator,
        name="Partnership health: a real say in decisions",
        kind=IndicatorKind.PROCESS,
        unit=Unit.COUNT,
        unit_label="mean answer out of 5",
        direction=Direction.UP,
        definition="The steering group's mean answer to “I have a real say in the decisions "
        "the partnership makes”, from 1 (strongly disagree) to 5, in each health pulse.",
        baseline_value=Decimal("2.50"),
        baseline_on=date(2025, 3, 1),
        target_value=Decimal("4.00"),
        target_on=date(2026, 12, 31),
        statements=[],
    )
    for pulse in Pulse.objects.filter(area=area, closed_at__isnull=False).order_by("opened_at"):
        services.pulse_record_measurement(
            results=pulse_results(pulse), indicator=indicator, question="involved", by=facilitator
        )
