"""Demo pulses: East Sussex's steering group answered twice, a third pulse is open, and
the latest result is recorded as a measurement of a partnership health indicator
(areas/demo/pulse.toml)."""

import random
from datetime import datetime, time
from decimal import Decimal

from django.utils import timezone

from areas.models import Direction, IndicatorKind, SteeringMember, Unit
from areas.outcomes import services as outcome_services
from areas.pulse import services
from areas.pulse.models import Pulse, PulseAnswer, PulseAudience, PulseInvitation
from areas.pulse.questions import QUESTIONS
from areas.pulse.selectors import pulse_results
from partnerships import demo_data


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


def load(areas, people):
    data = demo_data.load("areas", "pulse")
    area = areas[data["area"]]
    facilitator = people["facilitator@demo.example"]
    members = list(
        SteeringMember.objects.current().filter(area=area).values_list("person", flat=True)
    )
    rng = random.Random(25)
    for entry in data["pulses"]:
        opened, closed, answered = entry["opened"], entry.get("closed"), entry["answered"]
        usual, words = entry["usual"], entry.get("better", [])
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
    health = data["indicator"]
    indicator = outcome_services.indicator_create(
        area=area,
        by=facilitator,
        name=health["name"],
        kind=IndicatorKind.PROCESS,
        unit=Unit.COUNT,
        unit_label=health["unit_label"],
        direction=Direction.UP,
        definition=health["definition"],
        baseline_value=Decimal(health["baseline"]["value"]),
        baseline_on=health["baseline"]["on"],
        target_value=Decimal(health["target"]["value"]),
        target_on=health["target"]["on"],
        statements=[],
    )
    for pulse in Pulse.objects.filter(area=area, closed_at__isnull=False).order_by("opened_at"):
        services.pulse_record_measurement(
            results=pulse_results(pulse),
            indicator=indicator,
            question=health["question"],
            by=facilitator,
        )
