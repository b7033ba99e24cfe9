"""Building pulses for tests: opened by area A's facilitator, answered through slips."""

from areas.pulse import services
from areas.pulse.models import PulseAudience


def open_pulse(world, audience=PulseAudience.STEERING):
    return services.pulse_open(area=world.area_a, by=world.facilitator_a.person, audience=audience)


def answer(pulse, count, **scores):
    """`count` people answer through slips of their own, each with `scores` (4 by default)."""
    for slip in services.pulse_add_slips(pulse=pulse, count=count):
        services.pulse_answer(
            invitation=slip,
            scores={
                key: scores.get(key, 4) for key in ("trust", "vision", "involved", "worth_time")
            },
            better=scores.get("better", ""),
        )
