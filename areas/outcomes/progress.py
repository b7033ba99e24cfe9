"""How far an indicator has moved: the evidence reports may call a change.

A report says an indicator changed only when a measurement shows it, and says which way:
a move towards "better" (up or down, as the indicator says) against its baseline, with
both dates and the target it is measured against. Nothing here reads the statements'
expected outcomes: those are aims, not evidence.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from areas.outcomes.models import Direction, format_number


@dataclass(frozen=True)
class Movement:
    """An indicator's baseline and latest measurement, against its target."""

    indicator: object
    baseline: Decimal
    baseline_on: date
    latest: Decimal
    latest_on: date

    @property
    def improved(self) -> bool:
        if self.indicator.direction == Direction.DOWN:
            return self.latest < self.baseline
        return self.latest > self.baseline

    @property
    def reached_target(self) -> bool:
        target = self.indicator.target_value
        if target is None:
            return False
        if self.indicator.direction == Direction.DOWN:
            return self.latest <= target
        return self.latest >= target

    @property
    def share_of_target(self) -> float:
        """How much of the way from baseline to target it has come (1.0 is all the way);
        without a target, the change as a share of the baseline."""
        change = float(self.latest - self.baseline)
        target = self.indicator.target_value
        if target is not None and target != self.baseline:
            return change / float(target - self.baseline)
        if self.baseline:
            sign = -1 if self.indicator.direction == Direction.DOWN else 1
            return sign * change / abs(float(self.baseline))
        return 1.0 if self.improved else 0.0

    def value(self, number) -> str:
        return self.indicator.format_value(number)

    @property
    def arrow(self) -> str:
        """ "52% → 55.1%" or "0 → 43" for a cover, whose label names what is counted."""
        sign = "%" if self.indicator.is_percentage else ""
        return f"{format_number(self.baseline)}{sign} → {format_number(self.latest)}{sign}"

    @property
    def sentence(self) -> str:
        """What the measurements show, in one sentence with its dates and target."""
        verb = "rose" if self.latest > self.baseline else "fell"
        words = (
            f"{self.indicator.name} {verb} from {self.value(self.baseline)} in "
            f"{self.baseline_on:%B %Y} to {self.value(self.latest)} in {self.latest_on:%B %Y}"
        )
        target = self.indicator.target_value
        if target is None:
            return words + "."
        by = f" by {self.indicator.target_on:%B %Y}" if self.indicator.target_on else ""
        if self.reached_target:
            return words + f", reaching its target of {self.value(target)}{by}."
        return words + f", against a target of {self.value(target)}{by}."


def movement(indicator, measurements) -> Movement | None:
    """The indicator's movement, or None if nothing has been measured since the baseline
    or the latest measurement equals it."""
    if not measurements:
        return None
    latest = measurements[-1]
    if latest.value == indicator.baseline_value:
        return None
    return Movement(
        indicator=indicator,
        baseline=indicator.baseline_value,
        baseline_on=indicator.baseline_on,
        latest=latest.value,
        latest_on=latest.measured_on,
    )


def improvements(movements) -> list[Movement]:
    """The movements towards better, the furthest (against its target) first."""
    better = [move for move in movements if move is not None and move.improved]
    return sorted(better, key=lambda move: -move.share_of_target)


def moved_most(movements) -> Movement | None:
    """The indicator that has come furthest towards its target, if any has improved."""
    better = improvements(movements)
    return better[0] if better else None
