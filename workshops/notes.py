"""A session's notes, composed from what was logged about it.

Notes travel: the LCO cascades them to local networks and funders read them as PDFs. So
they count people rather than name them, and hold only what may leave the area team —
quotes without consent never appear, whoever is reading.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString
from django.utils.text import slugify

from partnerships.documents import Cover, Headline, PullQuote, Summary, SummaryPart
from partnerships.markdown import render_markdown
from partnerships.models import Person, Sector
from workshops.models import Action, Attendance, Insight, InsightKind, Session, SessionStatus

NO_SECTOR = "No organisation recorded"
UNTYPED_BARRIERS = "Other barriers"


@dataclass
class BarrierGroup:
    name: str
    barriers: list[Insight]


@dataclass
class SessionNotes:
    session: Session
    facilitators: list[Person]
    sectors: list[tuple[str, int]]
    people: int
    lived_experience: int
    summary: SafeString
    barrier_groups: list[BarrierGroup]
    ideas: list[Insight]
    decisions: list[Insight]
    quotes: list[Insight]
    actions: list[Action]

    @property
    def where(self) -> str:
        session = self.session
        if session.is_online:
            return f"Online ({session.online_platform})" if session.online_platform else "Online"
        return session.venue

    @property
    def sector_count(self) -> int:
        return sum(label != NO_SECTOR for label, _ in self.sectors)

    @property
    def has_content(self) -> bool:
        """Whether anything has been recorded from the session beyond its plans."""
        return bool(
            self.people
            or self.summary
            or self.barrier_groups
            or self.ideas
            or self.decisions
            or self.quotes
            or self.actions
        )


def session_notes(session: Session) -> SessionNotes:
    """Everything the notes show, in five queries whatever the session's size."""
    sectors, people, lived_experience = _who_came(session)
    insights = list(
        Insight.objects.shareable().filter(session=session).select_related("barrier_type")
    )
    return SessionNotes(
        session=session,
        facilitators=list(session.facilitators.order_by("full_name")),
        sectors=sectors,
        people=people,
        lived_experience=lived_experience,
        summary=render_markdown(session.summary) if session.summary.strip() else SafeString(""),
        barrier_groups=_barrier_groups(insights),
        ideas=[i for i in insights if i.kind == InsightKind.IDEA],
        decisions=[i for i in insights if i.kind == InsightKind.DECISION],
        quotes=[i for i in insights if i.kind == InsightKind.QUOTE],
        actions=list(
            Action.objects.filter(session=session)
            .select_related("owner", "sub_group")
            .order_by(F("due_on").asc(nulls_last=True), "pk")
        ),
    )


def _who_came(session: Session) -> tuple[list[tuple[str, int]], int, int]:
    """People by sector, named and counted together, and how many had lived experience."""
    by_sector: Counter[str | None] = Counter()
    lived_experience = session.lived_experience_headcount or 0
    named = (
        Attendance.objects.filter(session=session)
        .order_by()
        .values("organisation__sector")
        .annotate(people=Count("pk"), lived=Count("pk", filter=Q(lived_experience=True)))
    )
    for row in named:
        by_sector[row["organisation__sector"]] += row["people"]
        lived_experience += row["lived"]
    for sector, count in session.headcounts.values_list("sector", "count"):
        by_sector[sector] += count
    sectors = sorted(
        (
            (Sector(sector).label if sector else NO_SECTOR, count)
            for sector, count in by_sector.items()
            if count
        ),
        key=lambda pair: (pair[0] == NO_SECTOR, -pair[1], pair[0]),
    )
    return sectors, sum(by_sector.values()), lived_experience


def _barrier_groups(insights: list[Insight]) -> list[BarrierGroup]:
    """Barriers by type, the most heard first; those without a type last."""
    groups: dict[str, list[Insight]] = {}
    for insight in insights:
        if insight.kind == InsightKind.BARRIER:
            name = insight.barrier_type.name if insight.barrier_type else UNTYPED_BARRIERS
            groups.setdefault(name, []).append(insight)
    return [
        BarrierGroup(name, barriers)
        for name, barriers in sorted(
            groups.items(),
            key=lambda item: (item[0] == UNTYPED_BARRIERS, -len(item[1]), item[0]),
        )
    ]


def pdf_filename(session: Session) -> str:
    """e.g. north-yorkshire-2022-02-14-getting-to-appointments-notes.pdf"""
    day = timezone.localtime(session.starts_at).date().isoformat()
    title = slugify(session.title)[:60].strip("-")
    return f"{session.area.slug}-{day}-{title}-notes.pdf"


def draft_summary(session: Session, *, notes: SessionNotes | None = None) -> str:
    """A plain-text first draft of the written-up summary, from what was logged.

    It says only what the notes do not say elsewhere: when, where, the purpose and who
    came have their own places, and every barrier, idea, decision and action is listed
    under its own heading, so the summary counts and points rather than repeats.
    """
    notes = notes or session_notes(session)
    paragraphs = []
    heard = _draft_heard(notes)
    if heard:
        paragraphs.append(heard)
    if notes.actions:
        owners = len({action.owner_id for action in notes.actions})
        due = [action.due_on for action in notes.actions if action.due_on]
        paragraphs.append(
            f"{_count(len(notes.actions), 'action was', 'actions were')} agreed, "
            f"owned by {_count(owners, 'person', 'people')}"
            + (f"; the first is due on {format_date(min(due), 'j F Y')}." if due else ".")
        )
    return "\n\n".join(paragraphs)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def who_came(notes: SessionNotes) -> str:
    """e.g. "18 people from 3 sectors took part, 6 of them with lived experience." """
    if not notes.people:
        return ""
    sentence = _count(notes.people, "person", "people")
    if notes.sector_count:
        sentence += f" from {_count(notes.sector_count, 'sector', 'sectors')}"
    sentence += " took part"
    if notes.lived_experience:
        sentence += f", {notes.lived_experience} of them with lived experience"
    return sentence + "."


def _draft_heard(notes: SessionNotes) -> str:
    sentences = []
    if notes.barrier_groups:
        shown = notes.barrier_groups[:3]
        kinds = [f"{group.name.lower()} ({len(group.barriers)})" for group in shown]
        others = len(notes.barrier_groups) - len(shown)
        if others:
            kinds.append(_count(others, "other kind", "other kinds"))
        sentences.append(f"Barriers heard: {_join(kinds)}.")
    if notes.ideas:
        sentences.append(f"The group shared {_count(len(notes.ideas), 'idea', 'ideas')}.")
    if notes.decisions:
        first = notes.decisions[0].text.strip().rstrip(".")
        if len(notes.decisions) == 1:
            sentences.append(f"The group decided: {first}.")
        else:
            sentences.append(
                f"The group made {len(notes.decisions)} decisions, among them: {first}."
            )
    return " ".join(sentences)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def notes_cover(notes: SessionNotes) -> Cover:
    """The notes' cover: who came, counted; what was agreed; one quote given with consent."""
    session = notes.session
    starts_at = timezone.localtime(session.starts_at)
    headlines = []
    if notes.people:
        headlines.append(Headline(f"{notes.people:,}", "people came"))
    if notes.sector_count:
        headlines.append(Headline(f"{notes.sector_count:,}", "sectors among them"))
    if notes.lived_experience:
        headlines.append(Headline(f"{notes.lived_experience:,}", "with lived experience"))
    if notes.actions:
        headlines.append(Headline(f"{len(notes.actions):,}", "actions agreed"))
    elif notes.decisions:
        headlines.append(Headline(f"{len(notes.decisions):,}", "decisions made"))
    quote = notes.quotes[0] if notes.quotes else None
    notice = ""
    if session.status == SessionStatus.PLANNED:
        notice = "Not held yet: these notes show the session's plans."
    elif session.status != SessionStatus.WRITTEN_UP:
        notice = "Draft: not yet written up, and may change."
    return Cover(
        kind=f"Notes of a {session.get_kind_display().lower()}",
        title=session.title,
        place=f"{session.area.name} · {format_date(starts_at, 'l j F Y')}",
        as_of=timezone.localdate(),
        lede=session.purpose,
        headlines=headlines,
        quote=PullQuote(quote.text, quote.attribution or "Someone at the session")
        if quote
        else None,
        credits=[session.area.cohort.funder_credit],
        notice=notice,
        note=(
            "Who came is counted, not named; quotes appear only with the speaker’s consent, "
            "and actions name the partner who owns them."
        ),
    )


def notes_summary(notes: SessionNotes) -> Summary:
    """What the session decided and heard, who came, and what was agreed next."""
    changed = [decision.text for decision in notes.decisions]
    changed += [
        f"{group.name}: heard {len(group.barriers)} time{'' if len(group.barriers) == 1 else 's'}."
        for group in notes.barrier_groups[:3]
    ]
    who = [who_came(notes)] if notes.people else []
    who.append(f"The partnership’s focus: {notes.session.area.focus.rstrip('.')}.")
    actions = [
        action.description.rstrip(".")
        + (f", due {format_date(action.due_on, 'j F Y')}." if action.due_on else ".")
        for action in notes.actions
    ]
    return Summary(
        changed=SummaryPart("What was decided and heard", changed, empty="Nothing recorded yet."),
        for_whom=SummaryPart("Who came", who),
        next=SummaryPart("What’s next", actions, empty="No actions were agreed."),
        title="What was decided, who came, and what’s next",
    )
