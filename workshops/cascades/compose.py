"""The first draft of a cascade, written from the session's notes.

A cascade leaves the area team, so the draft holds only what may: people are counted,
never named, and quotes appear only with the speaker's consent, attributed as they agreed
(see Insight.objects.shareable). Names of anyone linked to the session are also taken out
of the free-text summary, where a facilitator may have written them.
"""

import re
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateformat import format as format_date

from partnerships.models import Person
from workshops.models import Action, Attendance, Insight, InsightKind, Session
from workshops.notes import draft_summary

NAME_REMOVED = "[name removed]"
# Shorter first names ("Al", "Jo") are too often parts of ordinary words to remove.
SHORTEST_FIRST_NAME = 3
ANONYMOUS_SPEAKER = "someone who took part"


@dataclass
class Draft:
    subject: str
    body: str


def session_names(session: Session) -> set[str]:
    """Full and first names of everyone the session's records name."""
    return sessions_names([session])


def sessions_names(sessions) -> set[str]:
    """Full and first names of everyone the records of `sessions` name, in one query."""
    people = Person.objects.filter(
        Q(pk__in=Attendance.objects.filter(session__in=sessions).values("person_id"))
        | Q(pk__in=Action.objects.filter(session__in=sessions).values("owner_id"))
        | Q(pk__in=Insight.objects.filter(session__in=sessions).values("speaker_id"))
    ).values_list("full_name", flat=True)
    names = set()
    for full_name in people:
        full = " ".join(full_name.split())
        if full:
            names.add(full)
            first = full.split()[0]
            if len(first) >= SHORTEST_FIRST_NAME:
                names.add(first)
    return names


def strip_names(text: str, names: set[str]) -> str:
    """`text` with every whole-word mention of `names` replaced, longest names first."""
    if not names:
        return text
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", NAME_REMOVED, text)


def draft_cascade(session: Session) -> Draft:
    names = session_names(session)
    insights = list(
        Insight.objects.shareable().filter(session=session).select_related("barrier_type")
    )
    by_kind = {kind: [i for i in insights if i.kind == kind] for kind in InsightKind.values}
    actions = Action.objects.filter(session=session).order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )
    day = format_date(timezone.localtime(session.starts_at), "j F Y")
    summary = session.summary.strip() or draft_summary(session)
    parts = [
        f"Here is what happened at {session.title}, {session.area.name}’s "
        f"{session.get_kind_display().lower()} on {day}.",
        summary,
    ]
    parts += _section("What we heard", [_barrier(i) for i in by_kind[InsightKind.BARRIER]])
    parts += _section("Ideas", [i.text for i in by_kind[InsightKind.IDEA]])
    parts += _section("What was decided", [i.text for i in by_kind[InsightKind.DECISION]])
    parts += _section("What happens next", [_action(action) for action in actions])
    quotes = [_quote(i) for i in by_kind[InsightKind.QUOTE]]
    if quotes:
        parts += ["# In their words", "\n\n".join(quotes)]
    parts.append(
        "If your organisation or group would like to be involved, reply to this email "
        "and we will put you in touch."
    )
    body = strip_names("\n\n".join(part for part in parts if part), names)
    return Draft(subject=f"{session.area.name}: notes from {session.title}", body=body)


def _section(heading: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"# {heading}", "\n".join(f"- {' '.join(item.split())}" for item in items)]


def _barrier(insight: Insight) -> str:
    kind = f" ({insight.barrier_type.name.lower()})" if insight.barrier_type else ""
    return f"{insight.text}{kind}"


def _action(action: Action) -> str:
    # Owners are people; the action is what the networks need to know.
    due = f", by {format_date(action.due_on, 'j F Y')}" if action.due_on else ""
    return f"{action.description}{due}"


def _quote(insight: Insight) -> str:
    text = " ".join(insight.text.split())
    return f"> “{text}”\n> — {insight.attribution.strip() or ANONYMOUS_SPEAKER}"
