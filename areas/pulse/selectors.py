"""What a pulse's pages read: its results, shown only once it closed with five answers,
and an area's trend over its pulses."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404

from areas.models import Indicator
from areas.pulse.models import Pulse, PulseAnswer, PulseInvitation
from areas.pulse.questions import MIN_ANSWERS, QUESTIONS, SCALE
from areas.selectors import get_area_for

ALL_FOUR = "The four questions together"
# A pulse's result is recorded with this at the start of its source, which is how an
# indicator that follows partnership health is known once it has been fed.
SOURCE = "Partnership health pulse"


def get_pulse_for(user, area_slug: str, pulse_id: int) -> Pulse:
    """The pulse if `user` may see its area, else 404 — the same as for no such pulse."""
    area = get_area_for(user, area_slug)
    return get_object_or_404(Pulse.objects.filter(area=area).select_related("area"), pk=pulse_id)


def health_indicator(area) -> Indicator | None:
    """The area's partnership health indicator: the one its pulses were last recorded in,
    else one named for partnership health (as the demo's is), else none."""
    indicators = Indicator.objects.filter(area=area)
    fed = indicators.filter(measurements__source__startswith=SOURCE)
    return (
        fed.order_by("-measurements__recorded_at").first()
        or indicators.filter(name__istartswith="Partnership health").order_by("pk").first()
    )


def open_pulse(area) -> Pulse | None:
    return Pulse.objects.filter(area=area, closed_at__isnull=True).first()


@dataclass
class Point:
    score: int
    words: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    key: str
    text: str
    mean: float
    points: list[Point]


@dataclass
class PulseResults:
    pulse: Pulse
    answered: int
    questions: list[QuestionResult] = field(default_factory=list)
    # What people would change, in their own words, in no particular order.
    better: list[str] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return shows_results(self.pulse, self.answered)

    @property
    def needed(self) -> int:
        return max(MIN_ANSWERS - self.answered, 0)

    @property
    def overall(self) -> float:
        return sum(result.mean for result in self.questions) / len(self.questions)

    @staticmethod
    def label_for(question: str) -> str:
        return QUESTIONS.get(question, ALL_FOUR)


def shows_results(pulse: Pulse, answered: int) -> bool:
    """Results only once the pulse has closed, with five answers or more: figures that moved
    as each answer came in would tell anyone who looked before and after one person
    answered what that person said."""
    return pulse.closed_at is not None and answered >= MIN_ANSWERS


def pulse_results(pulse: Pulse) -> PulseResults:
    """Counts and means per question in one query; nothing but the count until shown."""
    answers = list(PulseAnswer.objects.filter(pulse=pulse).values(*QUESTIONS, "better"))
    results = PulseResults(pulse=pulse, answered=len(answers))
    if not results.shown:
        return results
    for key, text in QUESTIONS.items():
        scores = [answer[key] for answer in answers]
        points = [
            Point(score, words, scores.count(score), round(100 * scores.count(score) / len(scores)))
            for score, words in SCALE.items()
        ]
        results.questions.append(QuestionResult(key, text, sum(scores) / len(scores), points))
    # Sorted, so the order they came in says nothing about who wrote them.
    results.better = sorted(answer["better"] for answer in answers if answer["better"])
    return results


def invitation_counts(pulse: Pulse) -> dict[str, int]:
    """Links given out and used, for people and for the room: never who used one."""
    return PulseInvitation.objects.filter(pulse=pulse).aggregate(
        people=Count("pk", filter=Q(person__isnull=False)),
        slips=Count("pk", filter=Q(person__isnull=True)),
        used=Count("pk", filter=Q(used=True)),
    )


def unused_slips(pulse: Pulse) -> list[PulseInvitation]:
    return list(PulseInvitation.objects.filter(pulse=pulse, person__isnull=True, used=False))


@dataclass
class TrendPoint:
    pulse: Pulse
    answered: int
    # The mean of the four questions' means; None while open or too few have answered.
    overall: float | None
    means: dict[str, float | None]
    # The overall mean's move since the last pulse that had one.
    change: float | None = None

    @property
    def needed(self) -> int:
        return max(MIN_ANSWERS - self.answered, 0)


def area_trend(area) -> list[TrendPoint]:
    """Every pulse of `area`, oldest first, with its means once closed with five answers:
    one query whatever the number of pulses."""
    pulses = (
        Pulse.objects.filter(area=area)
        .annotate(answered=Count("answers"), **{key: Avg(f"answers__{key}") for key in QUESTIONS})
        .order_by("opened_at", "pk")
    )
    trend, previous = [], None
    for pulse in pulses:
        pulse.area = area  # each links to itself under the area's address
        shown = shows_results(pulse, pulse.answered)
        means = {key: getattr(pulse, key) if shown else None for key in QUESTIONS}
        overall = sum(means.values()) / len(means) if shown else None
        point = TrendPoint(pulse, pulse.answered, overall, means)
        if shown and previous is not None:
            point.change = round(overall - previous, 1)
        previous = overall if shown else previous
        trend.append(point)
    return trend
