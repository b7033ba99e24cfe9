"""The first draft of a cascade, written from the session's notes.

A cascade leaves the area team, so the draft holds only what may: people are counted,
never named, and quotes appear only with the speaker's consent, attributed as they agreed
(see Insight.objects.shareable). Names of anyone linked to the session are also taken out
of the free text, where a facilitator may have written them.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as format_date

from partnerships.models import Person
from workshops.models import Action, Attendance, Insight, Session
from workshops.notes import draft_summary, session_notes, who_came

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
    """The cascade's first draft. Names are taken out of everything written about the
    session, but not out of a quote's attribution: that is how its speaker agreed to be
    named (by name, by role, or not at all), and it is given exactly as recorded."""
    names = session_names(session)
    notes = session_notes(session)
    barriers = [barrier for group in notes.barrier_groups for barrier in group.barriers]
    day = format_date(timezone.localtime(session.starts_at), "j F Y")
    summary = session.summary.strip() or draft_summary(session, notes=notes)
    intro = (
        f"Here is what happened at {session.title}, {session.area.name}’s "
        f"{session.get_kind_display().lower()} on {day}."
    )
    parts = [" ".join(filter(None, [intro, who_came(notes)])), summary]
    parts += _section("Barriers heard", [_barrier(i) for i in barriers])
    parts += _section("Ideas", [i.as_said for i in notes.ideas])
    parts += _section("What was decided", [i.text for i in notes.decisions])
    parts += _section("What happens next", [_action(action) for action in notes.actions])
    parts = [strip_names(part, names) for part in parts if part]
    quotes = [_quote(i, names) for i in notes.quotes]
    if quotes:
        parts += ["# In their words", "\n\n".join(quotes)]
    parts.append(
        "If your organisation or group would like to be involved, reply to this email "
        "and we will put you in touch."
    )
    return Draft(
        subject=f"{session.area.name}: notes from {session.title}", body="\n\n".join(parts)
    )


def _section(heading: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"# {heading}", "\n".join(f"- {' '.join(item.split())}" for item in items)]


def _barrier(insight: Insight) -> str:
    kind = f" ({insight.barrier_type.name.lower()})" if insight.barrier_type else ""
    return f"{insight.text}{kind}"


def _action(action: Action) -> str:
    # Owners are people; the action is what the networks need to know.
    description = " ".join(action.description.split()).rstrip(".")
    due = f", by {format_date(action.due_on, 'j F Y')}" if action.due_on else ""
    return f"{description}{due}"


def _quote(insight: Insight, names: set[str]) -> str:
    text = strip_names(" ".join(insight.text.split()), names)
    # Two spaces end the line in Markdown: the attribution goes on a line of its own.
    return f"> “{text}”  \n> — {insight.attribution.strip() or ANONYMOUS_SPEAKER}"
