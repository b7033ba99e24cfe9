"""The figures a case study draws from its area's data, and how they are shown.

A draft shows the figures as they are now; publishing freezes them into the version as
plain JSON, so a published case study keeps telling the story as it stood. Quotes are
the exception: only their ids are kept, and they are read again through the consent
rules every time, so a quote whose consent is withdrawn leaves every document at once.

Versions published before a kind of figure was recorded (who took part counted by
attendance, stage changes, the statements' aims) are shown with what they froze.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.safestring import SafeString

from areas import selectors as area_selectors
from areas.models import IN_FORCE, CaoStatus, Evidence, Indicator, Measurement
from areas.outcomes import charts, progress
from areas.outcomes import selectors as outcome_selectors
from partnerships.models import ConsentUse
from workshops import selectors as workshop_selectors
from workshops.models import Insight

# A published case study is both a report and a public page: a speaker who has withdrawn
# either use is not quoted in it.
CASE_STUDY_USES = (ConsentUse.CASE_STUDIES, ConsentUse.PUBLIC_PAGES)
# A case study is a few pages: it shows the strongest evidence, not all of it.
QUOTES_SHOWN = 6
SESSIONS_SHOWN = 12


def live_figures(area, *, today: date) -> dict:
    """The area's figures now, as JSON-able data (what a published version freezes)."""
    sessions = list(workshop_selectors.held_sessions(area))
    quotes = list(workshop_selectors.shareable_quotes(area).values_list("pk", flat=True))
    evidence = list(
        outcome_selectors.evidence_for(area, include_unconsented=False).values_list("pk", flat=True)
    )
    statements = outcome_selectors.area_statements(area, statuses=IN_FORCE)
    return {
        "as_of": today.isoformat(),
        "involvement": workshop_selectors.area_involvement(area),
        "sessions": [_session(session) for session in sessions],
        "barriers": workshop_selectors.barriers_heard(area),
        "actions": workshop_selectors.action_counts(area, today=today),
        "completed": [action.description for action in workshop_selectors.completed_actions(area)],
        "indicators": [
            _indicator(indicator) for indicator in outcome_selectors.area_indicators(area)
        ],
        "stage_changes": area_selectors.stage_history(area),
        "aims": [
            {"title": statement.title, "outcome": statement.outcome, "status": statement.status}
            for statement in statements
        ],
        "quotes": {"insights": quotes[:QUOTES_SHOWN], "evidence": evidence[:QUOTES_SHOWN]},
    }


def _session(session) -> dict:
    return {
        "on": session.starts_at.date().isoformat(),
        "kind": session.get_kind_display(),
        "title": session.title,
        "people": session.named_count + session.counted_count,
    }


def _indicator(indicator) -> dict:
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "kind": indicator.kind,
        "unit": indicator.unit,
        "unit_label": indicator.unit_label,
        "definition": indicator.definition,
        "direction": indicator.direction,
        "baseline_value": str(indicator.baseline_value),
        "baseline_on": indicator.baseline_on.isoformat(),
        "target_value": None if indicator.target_value is None else str(indicator.target_value),
        "target_on": indicator.target_on.isoformat() if indicator.target_on else None,
        "series": [
            {"on": m.measured_on.isoformat(), "value": str(m.value)} for m in indicator.series
        ],
    }


@dataclass
class Quote:
    text: str
    attribution: str


@dataclass
class ShownIndicator:
    indicator: Indicator
    measurements: list[Measurement]
    chart: SafeString
    description: str

    @property
    def latest(self):
        return self.measurements[-1] if self.measurements else None

    @property
    def movement(self) -> progress.Movement | None:
        return progress.movement(self.indicator, self.measurements)


@dataclass
class Involvement:
    """Who took part: people named and counted, organisations named, by sector.

    `people`, `counted` and `lived_experience` are None for a version published before
    they were recorded; its sector rows then count named people, not attendances.
    """

    attendances: int
    organisations: list[str]
    organisation_count: int
    sectors: list[dict]
    people: int | None = None
    counted: int | None = None
    lived_experience: int | None = None

    @property
    def named_attendances(self) -> int | None:
        return None if self.counted is None else self.attendances - self.counted

    @property
    def organisation_sectors(self) -> int:
        """The sectors the named organisations come from."""
        return sum(1 for row in self.sectors if row["organisations"])


@dataclass
class Figures:
    as_of: date
    involvement: Involvement
    sessions: list[dict]
    barriers: list[dict]
    actions: dict
    completed: list[str]
    indicators: list[ShownIndicator]
    quotes: list[Quote]
    stage_changes: list[dict]
    aims: list[dict]

    @property
    def organisations(self) -> int:
        return self.involvement.organisation_count

    @property
    def sectors(self) -> list[dict]:
        return self.involvement.sectors

    @property
    def attendances(self) -> int:
        return sum(session["people"] for session in self.sessions)

    @property
    def sessions_shown(self) -> list[dict]:
        return self.sessions[-SESSIONS_SHOWN:]

    @property
    def improvements(self) -> list[progress.Movement]:
        """The indicators that moved towards better, the furthest first."""
        return progress.improvements(shown.movement for shown in self.indicators)

    @property
    def current_aims(self) -> list[dict]:
        return [aim for aim in self.aims if aim["status"] == CaoStatus.CURRENT]

    @property
    def achieved_statements(self) -> list[dict]:
        return [aim for aim in self.aims if aim["status"] == CaoStatus.ACHIEVED]


def shown(area, figures: dict, *, quotes: list[Quote] | None = None) -> Figures:
    """Frozen or live figures, ready for a template: charts drawn, consent checked again
    (unless the caller has just checked it and passes the `quotes`)."""
    sessions = [{**s, "on": date.fromisoformat(s["on"])} for s in figures["sessions"]]
    return Figures(
        as_of=date.fromisoformat(figures["as_of"]),
        involvement=_involvement(figures, sessions),
        sessions=sessions,
        barriers=figures["barriers"],
        actions=figures["actions"],
        completed=figures["completed"],
        indicators=[_shown_indicator(data) for data in figures["indicators"]],
        quotes=consented_quotes(area, figures["quotes"]) if quotes is None else quotes,
        stage_changes=[
            {**change, "on": date.fromisoformat(change["on"])}
            for change in figures.get("stage_changes", [])
        ],
        aims=figures.get("aims", []),
    )


def _involvement(figures: dict, sessions: list[dict]) -> Involvement:
    data = figures.get("involvement")
    if data is None:
        # Frozen before attendance was counted by sector: organisations and named people.
        sectors = figures.get("sectors", [])
        return Involvement(
            attendances=sum(session["people"] for session in sessions),
            organisations=[],
            organisation_count=sum(row["organisations"] for row in sectors),
            sectors=[{**row, "attendances": None} for row in sectors],
            people=sum(row["people"] for row in sectors),
        )
    return Involvement(
        attendances=data["attendances"],
        organisations=data["organisations"],
        organisation_count=len(data["organisations"]),
        sectors=data["sectors"],
        people=data["people"],
        counted=data["counted"],
        lived_experience=data["lived_experience"],
    )


def _shown_indicator(data: dict) -> ShownIndicator:
    indicator = Indicator(
        pk=data["id"],
        name=data["name"],
        kind=data["kind"],
        unit=data["unit"],
        unit_label=data["unit_label"],
        definition=data["definition"],
        direction=data["direction"],
        baseline_value=Decimal(data["baseline_value"]),
        baseline_on=date.fromisoformat(data["baseline_on"]),
        target_value=Decimal(data["target_value"]) if data["target_value"] else None,
        target_on=date.fromisoformat(data["target_on"]) if data["target_on"] else None,
    )
    measurements = [
        Measurement(measured_on=date.fromisoformat(m["on"]), value=Decimal(m["value"]))
        for m in data["series"]
    ]
    return ShownIndicator(
        indicator=indicator,
        measurements=measurements,
        chart=charts.indicator_chart(indicator, measurements, chart_id=f"chart-{data['id']}"),
        description=charts.describe(indicator, measurements),
    )


def consented_quotes(area, ids: dict) -> list[Quote]:
    """The chosen quotes that may still be shared; withdrawn consent drops one at once."""
    insights = Insight.objects.shareable().filter(
        pk__in=ids.get("insights", []), session__area=area, kind="quote"
    )
    evidence = Evidence.objects.filter(pk__in=ids.get("evidence", []), area=area)
    for use in CASE_STUDY_USES:
        insights = insights.shareable(use=use)
        evidence = evidence.consented(use=use)
    quotes = [
        Quote(text=i.text, attribution=i.attribution or "Someone at a partnership session")
        for i in insights.order_by("created_at", "pk")
    ]
    quotes += [Quote(text=e.text, attribution=e.attribution) for e in evidence]
    # The same words heard twice (at two sessions, or noted as a session quote and as
    # evidence) are quoted once.
    unique = {" ".join(quote.text.lower().split()): quote for quote in reversed(quotes)}
    return [quote for quote in quotes if unique[" ".join(quote.text.lower().split())] is quote][
        :QUOTES_SHOWN
    ]
