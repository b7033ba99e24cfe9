"""Writes of the live room, one function per use case, each in one transaction.

Moderation claims an item with one conditional UPDATE before doing anything else, so of
two facilitators pressing "Accept" on the same item at once exactly one wins and the
other is told; a phone sending again after a dropped connection gets back what it sent.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from areas.models import Consent
from partnerships import audit
from partnerships.models import (
    AuditAction,
    ConsentDecision,
    ConsentMethod,
    ConsentRecord,
    ConsentUse,
    Person,
)
from partnerships.privacy.services import consent_record, new_pseudonym
from workshops import services as session_services
from workshops.live import codes, hooks, selectors
from workshops.live.models import (
    ItemStatus,
    LiveRoom,
    Naming,
    RoomItem,
    RoomPhone,
    RoomVote,
    Sharing,
)
from workshops.models import Insight, InsightKind, SectorHeadcount, Session, new_nonce

# What someone agreed to when they chose how their words may be shared: each use with
# their decision. "Notes only" is recorded as a "no" for case studies and reports, the
# consent records' one word for not agreeing, so those documents leave the story out.
DECISIONS = {
    Sharing.REPORTS: [
        (ConsentUse.SESSION_NOTES, ConsentDecision.GIVEN),
        (ConsentUse.CASE_STUDIES, ConsentDecision.GIVEN),
    ],
    Sharing.NOTES: [
        (ConsentUse.SESSION_NOTES, ConsentDecision.GIVEN),
        (ConsentUse.CASE_STUDIES, ConsentDecision.WITHDRAWN),
    ],
    Sharing.NONE: [],
}
WITHDRAWAL_WORDING = "Took their words back with the receipt link from their phone."
OPEN = (ItemStatus.WAITING, ItemStatus.SET_ASIDE)


class RoomFull(Exception):
    """The room holds as many items as it may; nothing more is taken."""


class AlreadyModerated(Exception):
    """Someone else accepted, merged or set aside the item first."""


class VoteClosed(Exception):
    """The vote is not open."""


def _end_of_today():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


def _unused_code() -> str:
    while True:
        code = codes.new_code()
        if not LiveRoom.objects.filter(code=code).exists():
            return code


def _wall_changed(room: LiveRoom) -> None:
    LiveRoom.objects.filter(pk=room.pk).update(wall_version=F("wall_version") + 1)


@transaction.atomic
def room_open(*, session: Session, by: Person) -> LiveRoom:
    """Open the session's room until the end of today, with a new code; an open room is
    left as it is."""
    # Two facilitators pressing "Open" together would otherwise both make a room.
    Session.objects.select_for_update().filter(pk=session.pk).first()
    room = LiveRoom.objects.filter(session=session).first()
    if room is not None and room.is_open():
        return room
    fields = {
        "code": _unused_code(),
        "opened_at": timezone.now(),
        "opened_by": by,
        "expires_at": _end_of_today(),
        "closed_at": None,
        "closed_by": None,
        "host_nonce": new_nonce(),
    }
    if room is None:
        return LiveRoom.objects.create(session=session, **fields)
    for name, value in fields.items():
        setattr(room, name, value)
    room.wall_version += 1
    room.save(update_fields=[*fields, "wall_version"])
    return room


@transaction.atomic
def room_close(*, room: LiveRoom, by: Person) -> LiveRoom:
    """Stop the join code and the table links; a vote still open is closed and kept."""
    room = LiveRoom.objects.select_for_update().get(pk=room.pk)
    if room.closed_at is not None:
        return room
    if room.vote_is_open:
        _close_vote(room)
    room.closed_at, room.closed_by = timezone.now(), by
    room.wall_version += 1
    room.save(
        update_fields=[
            "closed_at",
            "closed_by",
            "vote_closed_at",
            "vote_result",
            "wall_version",
        ]
    )
    return room


@transaction.atomic
def table_links_withdraw(*, room: LiveRoom) -> None:
    room.host_nonce = new_nonce()
    room.save(update_fields=["host_nonce"])


def _phone(room: LiveRoom, key: str) -> RoomPhone:
    phone, _ = RoomPhone.objects.get_or_create(room=room, key=key)
    return phone


@transaction.atomic
def item_submit(
    *,
    room: LiveRoom,
    client_id,
    kind: str,
    text: str,
    phone_key: str = "",
    table: int | None = None,
    barrier_type=None,
    naming: str = "",
    name: str = "",
    role: str = "",
    sharing: str = "",
    consent_wording: str = "",
    language: str = "",
) -> tuple[RoomItem, bool]:
    """Keep something sent from the room; returns it and whether it is new.

    Sending the same `client_id` again returns the first item unchanged, however often
    and however close together the tries come.
    """
    existing = RoomItem.objects.filter(room=room, client_id=client_id).first()
    if existing is not None:
        return existing, False
    if RoomItem.objects.filter(room=room).count() >= settings.LIVE_ROOM_MAX_ITEMS:
        raise RoomFull
    story = kind == InsightKind.QUOTE
    item = RoomItem(
        room=room,
        phone=_phone(room, phone_key) if phone_key else None,
        client_id=client_id,
        kind=kind,
        text=text,
        table=table,
        barrier_type=barrier_type if kind == InsightKind.BARRIER else None,
        naming=naming if story else "",
        name=name if story and naming == Naming.NAME else "",
        role=role if story and naming == Naming.ROLE else "",
        sharing=sharing if story else "",
        consent_wording=consent_wording if story else "",
        language=language,
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        # The same item arrived twice at the same moment; the other request kept it.
        return RoomItem.objects.get(room=room, client_id=client_id), False
    return item, True


def _claim(item: RoomItem, *, status: str, by: Person, **fields) -> RoomItem:
    """Take the item off the queue for one moderator, or raise AlreadyModerated."""
    claimed = RoomItem.objects.filter(
        pk=item.pk, status__in=OPEN, consent_withdrawn_at__isnull=True
    ).update(status=status, moderated_at=timezone.now(), moderated_by=by, **fields)
    if not claimed:
        raise AlreadyModerated
    item.refresh_from_db()
    return item


def _speaker(item: RoomItem, by: Person) -> Person | None:
    """The person behind a story, recorded with the consent they gave on their phone.

    Only when there is something to keep against a person: a name they gave, or a
    consent they may later withdraw. Their decisions are dated when they sent the story,
    in the words their phone showed them.
    """
    decisions = DECISIONS[item.sharing]
    if item.naming != Naming.NAME and not decisions:
        return None
    person = Person.objects.create(
        full_name=item.name if item.naming == Naming.NAME else new_pseudonym()
    )
    for use, decision in decisions:
        ConsentRecord.objects.create(
            person=person,
            use=use,
            decision=decision,
            method=ConsentMethod.ONLINE,
            wording=item.consent_wording,
            recorded_at=item.sent_at,
        )
        audit.record(
            AuditAction.CONSENT_RECORDED,
            user=by.user if by.user_id else None,
            target=person,
            use=use,
            method=ConsentMethod.ONLINE,
            decision=decision,
        )
    return person


@transaction.atomic
def item_accept(
    *,
    item: RoomItem,
    by: Person,
    text: str | None = None,
    kind: str | None = None,
    barrier_type=None,
    theme_id: int | None = None,
) -> Insight:
    """Put the item into the session's record as an ordinary insight, optionally edited
    first (stories stay in the person's own words) and tagged with a theme."""
    item = _claim(item, status=ItemStatus.ACCEPTED, by=by)
    fields = {"kind": item.kind, "text": item.text}
    if not item.is_story:
        fields["kind"] = kind or item.kind
        fields["text"] = text or item.text
    if fields["kind"] == InsightKind.BARRIER:
        fields["barrier_type"] = barrier_type
    if item.is_story:
        speaker = _speaker(item, by)
        fields.update(
            speaker=speaker,
            attribution=item.attribution,
            consent=Consent.NONE if item.sharing == Sharing.NONE else Consent.WRITTEN,
            consent_on=timezone.localdate(item.sent_at) if item.sharing != Sharing.NONE else None,
        )
        item.speaker = speaker
    insight = Insight.objects.create(
        session_id=item.room.session_id, created_by=by, updated_by=by, **fields
    )
    item.insight = insight
    item.save(update_fields=["insight", "speaker"])
    if theme_id:
        hooks.learning().tag(insight, theme_id, by)
    _wall_changed(item.room)
    return insight


@transaction.atomic
def item_merge(*, item: RoomItem, into: Insight, by: Person) -> RoomItem:
    """Count the item as one more voice for something already accepted. Stories are
    never merged: each is one person's words, under their own consent."""
    if item.is_story:
        raise AlreadyModerated
    item = _claim(item, status=ItemStatus.MERGED, by=by, insight=into)
    _wall_changed(item.room)
    return item


@transaction.atomic
def item_set_aside(*, item: RoomItem, by: Person) -> RoomItem:
    return _claim(item, status=ItemStatus.SET_ASIDE, by=by)


@transaction.atomic
def item_restore(*, item: RoomItem) -> RoomItem:
    """Put a set-aside item back in the queue (unless its story was taken back)."""
    restored = RoomItem.objects.filter(
        pk=item.pk, status=ItemStatus.SET_ASIDE, consent_withdrawn_at__isnull=True
    ).update(status=ItemStatus.WAITING, moderated_at=None, moderated_by=None)
    if not restored:
        raise AlreadyModerated
    item.refresh_from_db()
    return item


@transaction.atomic
def item_consent_withdraw(*, item: RoomItem) -> RoomItem:
    """Take a story back, from its receipt. Waiting, it is set aside and can no longer be
    accepted; accepted, its speaker's consent is withdrawn for every use, which takes it
    out of every page and document at once, as any withdrawal does."""
    item = (
        RoomItem.objects.select_for_update(of=("self",)).select_related("speaker").get(pk=item.pk)
    )
    if item.consent_withdrawn_at is not None:
        return item
    item.consent_withdrawn_at = timezone.now()
    fields = ["consent_withdrawn_at"]
    if item.status == ItemStatus.WAITING:
        item.status = ItemStatus.SET_ASIDE
        fields.append("status")
    item.save(update_fields=fields)
    if item.speaker is not None and item.insight_id is not None:
        for use in (ConsentUse.SESSION_NOTES, ConsentUse.CASE_STUDIES, ConsentUse.PUBLIC_PAGES):
            consent_record(
                person=item.speaker,
                use=use,
                decision=ConsentDecision.WITHDRAWN,
                method=ConsentMethod.ONLINE,
                wording=WITHDRAWAL_WORDING,
                by=None,
            )
    _wall_changed(item.room)
    return item


@transaction.atomic
def phone_profile_save(*, room: LiveRoom, phone_key: str, sector: str, lived_experience):
    """Record what someone chose to say about themselves and count it in the session's
    head-counts, replacing what this phone said before, so nobody is counted twice."""
    phone = _phone(room, phone_key)
    phone = RoomPhone.objects.select_for_update().get(pk=phone.pk)
    # One writer at a time for the session's counts.
    Session.objects.select_for_update().filter(pk=room.session_id).first()
    if phone.sector != sector:
        if phone.sector:
            SectorHeadcount.objects.filter(
                session_id=room.session_id, sector=phone.sector, count__gt=0
            ).update(count=F("count") - 1)
            SectorHeadcount.objects.filter(session_id=room.session_id, count=0).delete()
        if sector:
            counted, _ = SectorHeadcount.objects.get_or_create(
                session_id=room.session_id, sector=sector, defaults={"count": 0}
            )
            SectorHeadcount.objects.filter(pk=counted.pk).update(count=F("count") + 1)
    change = (lived_experience is True) - (phone.lived_experience is True)
    if change:
        Session.objects.filter(pk=room.session_id).update(
            lived_experience_headcount=Greatest(
                Coalesce(F("lived_experience_headcount"), Value(0)) + change, Value(0)
            )
        )
    phone.sector, phone.lived_experience = sector, lived_experience
    phone.save(update_fields=["sector", "lived_experience"])
    return phone


@transaction.atomic
def vote_open(*, room: LiveRoom, votes_per_phone: int) -> LiveRoom:
    """Open the vote on the session's ideas. Opening it again carries on the same vote."""
    room = LiveRoom.objects.select_for_update().get(pk=room.pk)
    room.vote_opened_at = room.vote_opened_at or timezone.now()
    room.vote_closed_at = None
    room.votes_per_phone = votes_per_phone
    room.wall_version += 1
    room.save(update_fields=["vote_opened_at", "vote_closed_at", "votes_per_phone", "wall_version"])
    return room


@transaction.atomic
def votes_cast(*, room: LiveRoom, phone_key: str, ideas: list[Insight]) -> None:
    """This phone's votes are now for `ideas` (at most the room's votes per phone);
    sending the same choice again changes nothing."""
    room = LiveRoom.objects.get(pk=room.pk)
    if not room.vote_is_open:
        raise VoteClosed
    if len(ideas) > room.votes_per_phone:
        raise ValueError("More ideas than votes")
    phone = _phone(room, phone_key)
    # A phone's two requests at once must not add up to more than its votes.
    RoomPhone.objects.select_for_update().filter(pk=phone.pk).first()
    chosen = {idea.pk for idea in ideas}
    RoomVote.objects.filter(phone=phone).exclude(insight_id__in=chosen).delete()
    kept = set(RoomVote.objects.filter(phone=phone).values_list("insight_id", flat=True))
    RoomVote.objects.bulk_create(
        RoomVote(room=room, phone=phone, insight_id=pk) for pk in chosen - kept
    )
    _wall_changed(room)


def _close_vote(room: LiveRoom) -> None:
    room.vote_closed_at = timezone.now()
    room.vote_result = [
        {"insight": idea.pk, "text": idea.text, "votes": idea.votes}
        for idea in selectors.vote_ranking(room)
    ]


@transaction.atomic
def vote_close(*, room: LiveRoom) -> LiveRoom:
    """Close the vote and keep the ranking with the session."""
    room = LiveRoom.objects.select_for_update().get(pk=room.pk)
    if not room.vote_is_open:
        return room
    _close_vote(room)
    room.wall_version += 1
    room.save(update_fields=["vote_closed_at", "vote_result", "wall_version"])
    return room


@transaction.atomic
def ideas_to_actions(*, room: LiveRoom, by: Person, choices: list[dict]) -> list:
    """Turn the room's top ideas into actions with owners, in one go, through the same
    service as an action added on the session page (so owners get their email)."""
    session = Session.objects.select_related("area").get(pk=room.session_id)
    return [
        session_services.action_add(
            session=session,
            by=by,
            description=choice["description"],
            owner=choice["owner"],
            due_on=choice["due_on"],
        )
        for choice in choices
    ]
