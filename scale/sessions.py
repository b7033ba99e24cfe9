"""Twenty sessions an area, with who came, what was heard, and 400 actions with histories."""

from partnerships.models import Sector
from scale import words
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
    SessionFormat,
    SessionKind,
    SessionStatus,
)

SESSIONS = 20
ACTIONS = 400
# kind, weight, how many people usually come
SESSION_KINDS = [
    (SessionKind.PARTNERSHIP_DAY, 4, (30, 60)),
    (SessionKind.STEERING_MEETING, 10, (8, 15)),
    (SessionKind.SUB_GROUP_MEETING, 4, (4, 8)),
    (SessionKind.CHAMPIONS, 2, (10, 20)),
]
INSIGHT_TEXT = {
    InsightKind.BARRIER: words.BARRIERS,
    InsightKind.IDEA: words.IDEAS,
    InsightKind.DECISION: words.DECISIONS,
    InsightKind.QUOTE: words.QUOTES,
}


def add_sessions(ctx, plan) -> list[int]:
    """Sessions over the last two years and the next two months; past ones mostly written up."""
    rng, w = ctx.rng, ctx.writer
    held = []
    kinds, weights, sizes = zip(*SESSION_KINDS, strict=True)
    for index in range(SESSIONS):
        kind_index = rng.choices(range(len(kinds)), weights)[0]
        kind = kinds[kind_index]
        starts = ctx.now - ctx.days(rng.randint(-60, 720)) + ctx.hours(rng.randint(-3, 3))
        past = starts < ctx.now
        status = SessionStatus.PLANNED
        if past:
            status = SessionStatus.WRITTEN_UP if rng.random() < 0.8 else SessionStatus.HELD
        online = rng.random() < 0.2
        session = w.add(
            Session,
            area_id=plan.id,
            kind=kind,
            title=f"{kinds[kind_index].label} {index + 1}",
            starts_at=starts,
            ends_at=starts + ctx.hours(2 if kind != SessionKind.PARTNERSHIP_DAY else 5),
            format=SessionFormat.ONLINE if online else SessionFormat.IN_PERSON,
            venue="" if online else f"{rng.choice(words.PLACES)} community centre",
            online_platform="Teams" if online else "",
            purpose="Agree next steps and hear what has changed since the last session.",
            status=status,
            lived_experience_headcount=rng.randint(0, 8) if past else None,
            summary="The group reviewed progress and agreed the actions below." if past else "",
            written_up_at=starts + ctx.days(3) if status == SessionStatus.WRITTEN_UP else None,
            sub_group_id=rng.choice(plan.sub_groups)
            if kind == SessionKind.SUB_GROUP_MEETING
            else None,
            created_by_id=plan.facilitators[0],
            created_at=starts - ctx.days(21),
            updated_at=starts,
        )
        w.add(Session.facilitators.through, session_id=session, person_id=plan.facilitators[0])
        if past:
            held.append(session)
            _add_attendance(ctx, plan, session, sizes[kind_index])
            _add_insights(ctx, plan, session, starts)
    return held


def _add_attendance(ctx, plan, session, size):
    rng, w = ctx.rng, ctx.writer
    people = rng.sample(plan.people, min(len(plan.people), rng.randint(*size)))
    for person in people:
        w.add(
            Attendance,
            session_id=session,
            person_id=person,
            organisation_id=rng.choice(plan.organisations) if rng.random() < 0.7 else None,
            lived_experience=rng.random() < 0.2,
        )
    for sector in rng.sample([Sector.VCSE, Sector.PCN, Sector.LOCAL_AUTHORITY, Sector.FAITH], 3):
        w.add(SectorHeadcount, session_id=session, sector=sector, count=rng.randint(1, 12))


def _add_insights(ctx, plan, session, starts):
    rng, w = ctx.rng, ctx.writer
    for _ in range(rng.randint(4, 12)):
        kind = rng.choices(list(INSIGHT_TEXT), [4, 3, 2, 2])[0]
        quote = kind == InsightKind.QUOTE
        consent = rng.choice(["none", "verbal", "written"]) if quote else "none"
        w.add(
            Insight,
            session_id=session,
            kind=kind,
            text=rng.choice(INSIGHT_TEXT[kind]),
            barrier_type_id=rng.choice(ctx.barrier_types) if kind == InsightKind.BARRIER else None,
            speaker_id=rng.choice(plan.people) if quote and rng.random() < 0.5 else None,
            attribution="a community leader" if quote else "",
            consent=consent,
            consent_on=starts.date() if consent != "none" else None,
            created_by_id=plan.facilitators[0],
            created_at=starts,
            updated_at=starts,
        )


def add_actions(ctx, plan, sessions: list[int]):
    """Owners skewed towards the steering group; statuses follow the due dates."""
    rng, w = ctx.rng, ctx.writer
    owners = plan.steering * 4 + plan.lco_coordinators * 2 + plan.people[15:60]
    for index in range(ACTIONS):
        created = ctx.now - ctx.days(rng.randint(1, 700))
        due = (created + ctx.days(rng.randint(7, 120))).date() if rng.random() < 0.9 else None
        status = _status_for(rng, due, ctx.today)
        owner = rng.choice(owners)
        action = w.add(
            Action,
            area_id=plan.id,
            session_id=rng.choice(sessions) if sessions and rng.random() < 0.85 else None,
            description=f"{rng.choice(words.ACTIONS)} ({index + 1})",
            owner_id=owner,
            due_on=due,
            sub_group_id=rng.choice(plan.sub_groups) if rng.random() < 0.2 else None,
            status=status,
            blocked_reason="Waiting for the practice to reply." if status == "blocked" else "",
            owner_link_nonce=f"{rng.getrandbits(128):032x}",
            created_by_id=plan.facilitators[0],
            created_at=created,
            updated_at=created,
        )
        _add_history(ctx, action, owner, created, status)


def _status_for(rng, due, today):
    weights = [1, 2, 1, 8] if due is not None and due < today else [4, 4, 1, 1]
    return rng.choices(ActionStatus.values, weights)[0]


def _add_history(ctx, action, owner, created, status):
    rng, w = ctx.rng, ctx.writer
    w.add(ActionEvent, action_id=action, kind=ActionEventKind.CREATED, at=created, by_id=owner)
    at = created
    for _ in range(rng.randint(0, 3)):
        at += ctx.days(rng.randint(1, 20))
        w.add(
            ActionEvent,
            action_id=action,
            kind=ActionEventKind.NOTE,
            at=at,
            by_id=owner,
            text=rng.choice(words.PROGRESS_NOTES),
        )
    if status != ActionStatus.NOT_STARTED:
        w.add(
            ActionEvent,
            action_id=action,
            kind=ActionEventKind.STATUS,
            at=at + ctx.days(1),
            by_id=owner,
            old_value=ActionStatus.NOT_STARTED,
            new_value=status,
        )
