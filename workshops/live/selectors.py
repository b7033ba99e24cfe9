"""Reads of the live room for its pages, each in a bounded number of queries.

The moderation queue, the room's controls and the wall belong to the area's facilitators
(and programme leads): `get_managed_session` finds the session only through that scope,
so anyone else gets 404, as for a session that does not exist. Participants find a room
only by a join code that still works.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from partnerships import access
from workshops import selectors as session_selectors
from workshops.live import codes, hooks
from workshops.live.models import ItemStatus, LiveRoom, RoomItem, RoomVote
from workshops.models import BarrierType, Insight, InsightKind

# How many waiting items the queue shows at once; the rest follow as these are dealt with.
QUEUE_PAGE = 25
# Likely duplicates offered for each waiting item.
DUPLICATES_SHOWN = 3
# Sharing this many meaningful words makes two items look alike.
WORDS_IN_COMMON = 2
TOP_IDEAS = 5
UNTYPED = "Something else"
VOICES = (ItemStatus.ACCEPTED, ItemStatus.MERGED)


def get_managed_session(user, area_slug: str, session_id: int):
    """The session if `user` facilitates its area or leads the programme, else 404."""
    return session_selectors.get_session_for(
        user, area_slug, session_id, roles=access.MANAGING_ROLES
    )


def get_managed_room(user, area_slug: str, session_id: int) -> LiveRoom | None:
    """The session's room with its session and area, in one query, if `user` facilitates
    the area or leads the programme; None if the session is theirs but has no room yet;
    else 404. The wall and the queue's status ask this on every poll."""
    room = (
        LiveRoom.objects.filter(session_id=session_id, session__area__slug=area_slug)
        .filter(access.area_scope(user, roles=access.MANAGING_ROLES, field="session__area"))
        .select_related("session__area")
        .first()
    )
    if room is None:
        get_managed_session(user, area_slug, session_id)
    return room


def session_room(session) -> LiveRoom | None:
    return LiveRoom.objects.filter(session=session).first()


def open_room_for_code(typed: str) -> LiveRoom | None:
    """The room a join code opens, if the code is real and the room still open."""
    code = codes.normalise(typed)
    if not codes.is_well_formed(code):
        return None
    room = (
        LiveRoom.objects.filter(code=code, closed_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("session__area")
        .first()
    )
    return room


def room_counts(room: LiveRoom) -> dict:
    """How many phones sent something (or answered about themselves) and what became of
    what was sent."""
    counts = RoomItem.objects.filter(room=room).aggregate(
        sent=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in ItemStatus.values},
    )
    counts["phones"] = room.phones.count()
    return counts


# The moderation queue ------------------------------------------------------------------


@dataclass
class QueueItem:
    item: RoomItem
    duplicates: list = field(default_factory=list)


def accepted_insights(room: LiveRoom):
    """What the room has put into the session's record, with how many voices each has."""
    return (
        Insight.objects.filter(room_items__room=room, room_items__status=ItemStatus.ACCEPTED)
        .select_related("barrier_type")
        .annotate(voices=_voices(room))
        .order_by("pk")
    )


def _voices(room):
    return Coalesce(
        Subquery(
            RoomItem.objects.filter(insight=OuterRef("pk"), room=room, status__in=VOICES)
            .order_by()
            .values("insight")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def queue(room: LiveRoom) -> dict:
    """The waiting items, oldest first, each with the accepted items it looks most like;
    and how many more wait beyond this page, and how many were set aside."""
    waiting = list(
        RoomItem.objects.filter(room=room, status=ItemStatus.WAITING)
        .select_related("barrier_type")
        .order_by("sent_at", "pk")[:QUEUE_PAGE]
    )
    accepted = list(accepted_insights(room)) if waiting else []
    words = hooks.learning().words
    accepted_words = [(insight, words(insight.text)) for insight in accepted]
    items = []
    for item in waiting:
        if item.is_story:
            items.append(QueueItem(item))
            continue
        mine = words(item.text)
        alike = sorted(
            (
                (len(mine & theirs), insight)
                for insight, theirs in accepted_words
                if insight.kind != InsightKind.QUOTE
                and len(mine & theirs) >= min(WORDS_IN_COMMON, len(mine))
                and mine
            ),
            key=lambda pair: (-pair[0], -pair[1].pk),
        )
        items.append(QueueItem(item, [insight for _, insight in alike[:DUPLICATES_SHOWN]]))
    totals = RoomItem.objects.filter(room=room).aggregate(
        waiting=Count("pk", filter=Q(status=ItemStatus.WAITING)),
        set_aside=Count("pk", filter=Q(status=ItemStatus.SET_ASIDE)),
        latest=Max("pk"),
    )
    return {"items": items, **totals}


def queue_etag(room: LiveRoom) -> str:
    """Changes whenever something is sent or moderated: what the queue's poll compares."""
    state = RoomItem.objects.filter(room=room).aggregate(
        latest=Max("pk"),
        waiting=Count("pk", filter=Q(status=ItemStatus.WAITING)),
        moderated=Max("moderated_at"),
    )
    return _etag("queue", room.pk, *state.values())


def set_aside_items(room: LiveRoom):
    return (
        RoomItem.objects.filter(room=room, status=ItemStatus.SET_ASIDE)
        .select_related("barrier_type")
        .order_by("-moderated_at", "-pk")
    )


def get_room_item(room: LiveRoom, item_id: int) -> RoomItem | None:
    return RoomItem.objects.filter(room=room, pk=item_id).select_related("room").first()


def get_accepted_insight(room: LiveRoom, insight_id) -> Insight | None:
    return accepted_insights(room).filter(pk=insight_id).first()


def barrier_types() -> list[BarrierType]:
    return list(BarrierType.objects.all())


# The wall ------------------------------------------------------------------------------


@dataclass
class WallGroup:
    name: str
    insights: list

    @property
    def voices(self) -> int:
        return sum(insight.voices for insight in self.insights)


@dataclass
class Wall:
    room: LiveRoom
    groups: list[WallGroup]
    ideas: list
    decisions: list
    stories: list

    @property
    def total(self) -> int:
        return sum(group.voices for group in self.groups) + sum(
            insight.voices for insight in (*self.ideas, *self.decisions, *self.stories)
        )


def wall_etag(room: LiveRoom, *variant) -> str:
    """Names what the wall would show: the room's own changes (accepting, merging,
    votes, withdrawals) raise its version; edits and deletions on the session page, or
    a consent withdrawn there, change the sums. One query on top of the room's own."""
    state = RoomItem.objects.filter(room=room, status__in=VOICES).aggregate(
        items=Count("pk"),
        versions=Sum("insight__version"),
        edited=Max("insight__updated_at"),
        consent=Max("insight__speaker__consents__pk"),
    )
    return _etag("wall", room.pk, room.wall_version, *state.values(), *variant)


def _etag(*parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def wall(room: LiveRoom, *, by_theme: bool = False) -> Wall:
    """Accepted items, barriers grouped by type (or everything by theme), with how many
    voices each has and, during or after a vote, how many votes each idea has. Stories
    are shown only if the speaker agreed to share them, and still does."""
    insights = list(
        accepted_insights(room)
        .shareable()
        .annotate(votes=Count("room_votes", filter=Q(room_votes__room=room)))
    )
    stories = [i for i in insights if i.kind == InsightKind.QUOTE]
    ideas = [i for i in insights if i.kind == InsightKind.IDEA]
    if room.vote_opened_at is not None:
        ideas.sort(key=lambda idea: (-idea.votes, idea.pk))
    decisions = [i for i in insights if i.kind == InsightKind.DECISION]
    barriers = [i for i in insights if i.kind == InsightKind.BARRIER]
    groups = _by_theme(barriers) if by_theme else _by_barrier_type(barriers)
    return Wall(room=room, groups=groups, ideas=ideas, decisions=decisions, stories=stories)


def _by_barrier_type(barriers) -> list[WallGroup]:
    grouped = defaultdict(list)
    for barrier in barriers:
        grouped[barrier.barrier_type.name if barrier.barrier_type else UNTYPED].append(barrier)
    return _sorted_groups(grouped)


def _by_theme(barriers) -> list[WallGroup]:
    themes = hooks.learning().themes_of([barrier.pk for barrier in barriers])
    grouped = defaultdict(list)
    for barrier in barriers:
        for name in themes.get(barrier.pk) or [UNTYPED]:
            grouped[name].append(barrier)
    return _sorted_groups(grouped)


def _sorted_groups(grouped) -> list[WallGroup]:
    groups = [WallGroup(name, items) for name, items in grouped.items()]
    # The most heard first; "Something else" last, as a catch-all.
    return sorted(groups, key=lambda group: (group.name == UNTYPED, -group.voices, group.name))


# The vote ------------------------------------------------------------------------------


def votable_ideas(room: LiveRoom):
    """Every idea of the session, from the room or typed in by a facilitator."""
    return Insight.objects.filter(session_id=room.session_id, kind=InsightKind.IDEA).order_by("pk")


def vote_ranking(room: LiveRoom) -> list[Insight]:
    return list(
        votable_ideas(room)
        .annotate(votes=Count("room_votes", filter=Q(room_votes__room=room)))
        .order_by("-votes", "pk")
    )


def phone_votes(room: LiveRoom, phone_key: str) -> set[int]:
    return set(
        RoomVote.objects.filter(room=room, phone__key=phone_key).values_list(
            "insight_id", flat=True
        )
    )


def top_ideas(room: LiveRoom) -> list[dict]:
    """The ranked ideas kept when the vote closed, the best first, still in the record."""
    present = set(
        votable_ideas(room)
        .filter(pk__in=[row["insight"] for row in room.vote_result])
        .values_list("pk", flat=True)
    )
    return [row for row in room.vote_result if row["insight"] in present][:TOP_IDEAS]


# The session page ----------------------------------------------------------------------


def session_panel_room(session) -> LiveRoom | None:
    """The session's room for its panel on the session page, with how many items wait."""
    return (
        LiveRoom.objects.filter(session=session)
        .annotate(waiting=Count("items", filter=Q(items__status=ItemStatus.WAITING)))
        .first()
    )
