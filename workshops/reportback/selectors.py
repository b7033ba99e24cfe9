"""What a report-back page says: what was heard, decided and is being done.

It is read by anyone holding the link, so it holds what the notes hold and less: people
are counted, never named (names of anyone at the session are taken out of every text, as
in a cascade), owners appear only as their organisation, and quotes only with their
speaker's consent, named as they agreed (`Insight.objects.shareable()`).
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.dateformat import format as format_date

from workshops.cascades.compose import (
    ANONYMOUS_SPEAKER,
    session_names,
    sessions_names,
    strip_names,
)
from workshops.models import (
    Action,
    ActionEvent,
    ActionEventKind,
    ActionStatus,
    Attendance,
    Insight,
    InsightKind,
    SectorHeadcount,
    Session,
)
from workshops.notes import _who_came
from workshops.reportback.links import HELD


@dataclass
class ActionReport:
    description: str
    status: str
    progress: str
    # What holds a blocked action up, in the owner's words (names taken out).
    held_up_by: str
    led_by: str
    due: str


@dataclass
class Quote:
    text: str
    attribution: str


@dataclass
class Heard:
    heading: str
    items: list[str]


@dataclass
class SessionReport:
    session: Session
    people: int
    heard: list[Heard] = field(default_factory=list)
    ideas: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    actions: list[ActionReport] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(action.status == ActionStatus.DONE for action in self.actions)


def _month(value) -> str:
    return format_date(value, "F Y")


def action_progress(action: Action, done_at) -> str:
    """Where an action stands, in plain words: "Done in February 2027"."""
    if action.status == ActionStatus.DONE:
        return f"Done in {_month(timezone.localtime(done_at or action.updated_at))}"
    if action.status == ActionStatus.BLOCKED:
        return "Held up"
    if action.status == ActionStatus.IN_PROGRESS:
        return "Under way"
    return "Not started yet"


def _actions(actions: list[Action], names: set[str]) -> list[ActionReport]:
    done_at = {}
    for event in ActionEvent.objects.filter(
        action__in=actions, kind=ActionEventKind.STATUS, new_value=ActionStatus.DONE
    ).order_by("at"):
        done_at[event.action_id] = event.at
    return [
        ActionReport(
            description=strip_names(action.description, names),
            status=action.status,
            progress=action_progress(action, done_at.get(action.pk)),
            held_up_by=strip_names(action.blocked_reason, names)
            if action.status == ActionStatus.BLOCKED
            else "",
            led_by=action.owner.organisation.name if action.owner.organisation else "",
            due=_month(action.due_on) if action.due_on and action.is_open else "",
        )
        for action in actions
    ]


def session_report(session: Session) -> SessionReport:
    """The whole page in six queries, whatever the session's size."""
    names = session_names(session)
    _, people, _ = _who_came(session)
    insights = list(
        Insight.objects.shareable().filter(session=session).select_related("barrier_type")
    )
    report = SessionReport(session=session, people=people)
    groups: dict[str, list[str]] = {}
    for insight in insights:
        text = strip_names(" ".join(insight.text.split()), names)
        if insight.kind == InsightKind.BARRIER:
            heading = insight.barrier_type.name if insight.barrier_type else "Other things"
            groups.setdefault(heading, []).append(text)
        elif insight.kind == InsightKind.IDEA:
            report.ideas.append(text)
        elif insight.kind == InsightKind.DECISION:
            report.decisions.append(text)
        else:
            attribution = insight.attribution.strip() or ANONYMOUS_SPEAKER
            report.quotes.append(Quote(text=text, attribution=attribution))
    report.heard = [Heard(heading, items) for heading, items in sorted(groups.items())]
    actions = list(
        Action.objects.filter(session=session)
        .select_related("owner__organisation")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    report.actions = _actions(actions, names)
    return report


@dataclass
class Together:
    """An area's public record: each held session with what it decided and is doing."""

    sessions: list[SessionReport]

    @property
    def people(self) -> int:
        return sum(report.people for report in self.sessions)

    @property
    def actions(self) -> int:
        return sum(len(report.actions) for report in self.sessions)

    @property
    def done(self) -> int:
        return sum(report.done for report in self.sessions)


def what_we_did_together(area) -> Together:
    """Every held session of `area`, newest first: decisions and actions, no quotes and
    no names (a public page needs consent for public pages, which quotes here lack).
    A fixed number of queries whatever the number of sessions."""
    sessions = list(Session.objects.filter(area=area, status__in=HELD).order_by("-starts_at"))
    reports = {session.pk: SessionReport(session=session, people=0) for session in sessions}
    names = sessions_names(sessions)
    for session_id, people in _people_by_session(sessions).items():
        reports[session_id].people = people
    for insight in Insight.objects.filter(session__in=sessions, kind=InsightKind.DECISION):
        reports[insight.session_id].decisions.append(strip_names(insight.text, names))
    actions = list(
        Action.objects.filter(session__in=sessions)
        .select_related("owner__organisation")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    for action, report in zip(actions, _actions(actions, names), strict=True):
        reports[action.session_id].actions.append(report)
    return Together(sessions=[reports[session.pk] for session in sessions])


def _people_by_session(sessions) -> dict[int, int]:
    """People named or counted at each session, in two queries."""
    counts = dict.fromkeys((session.pk for session in sessions), 0)
    named = (
        Attendance.objects.filter(session__in=sessions)
        .order_by()
        .values("session_id")
        .annotate(people=Count("pk"))
    )
    counted = (
        SectorHeadcount.objects.filter(session__in=sessions)
        .order_by()
        .values("session_id")
        .annotate(people=Sum("count"))
    )
    for row in [*named, *counted]:
        counts[row["session_id"]] += row["people"] or 0
    return counts
