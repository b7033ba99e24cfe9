"""Writes for reach and inclusion: each use case in one transaction."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships import audit
from partnerships.models import AuditAction, ConsentMethod
from workshops.reach.models import (
    CommunityHeadcount,
    NamedCommunity,
    SupportCost,
    SupportNeeds,
)

NEEDS_FIELDS = (
    "preferred_language",
    "interpreter",
    "access_needs",
    "transport_help",
    "childcare_help",
)


class CommunityExists(Exception):
    """The area already names a community by that name."""


@transaction.atomic
def support_needs_record(
    *, person, by, consent_method: str = ConsentMethod.ONLINE, area=None, request=None, **needs
) -> SupportNeeds:
    """Keep what `person` said would help them take part, as they agreed to: `by` is who
    recorded it (the person themselves, or a facilitator of `area` who heard them agree)."""
    values = {name: needs[name] for name in NEEDS_FIELDS}
    record, _ = SupportNeeds.objects.update_or_create(
        person=person,
        defaults={
            **values,
            "consent_method": consent_method,
            "recorded_by": by,
            "recorded_in": area,
            "recorded_at": timezone.now(),
        },
    )
    audit.record(
        AuditAction.CONSENT_RECORDED,
        request=request,
        target=person,
        area=area,
        use="support_needs",
        method=consent_method,
    )
    return record


@transaction.atomic
def support_needs_withdraw(*, person, area=None, request=None) -> bool:
    """Consent withdrawn: what they needed is deleted, not hidden. Whether there was any."""
    deleted, _ = SupportNeeds.objects.filter(person=person).delete()
    if deleted:
        audit.record(
            AuditAction.CONSENT_WITHDRAWN,
            request=request,
            target=person,
            area=area,
            use="support_needs",
        )
    return bool(deleted)


def community_add(*, area, name: str) -> NamedCommunity:
    try:
        with transaction.atomic():
            return NamedCommunity.objects.create(area=area, name=name.strip())
    except IntegrityError as error:
        raise CommunityExists(name) from error


def community_retire(*, community: NamedCommunity) -> None:
    """Stop counting a community; what was counted stays in the area's reach."""
    community.retired_at = timezone.now()
    community.save(update_fields=["retired_at"])


@transaction.atomic
def community_headcounts_save(*, session, counts: dict[NamedCommunity, int | None]) -> None:
    """Set how many came from each community; an empty count removes the community's row."""
    for community, count in counts.items():
        if count is None:
            CommunityHeadcount.objects.filter(session=session, community=community).delete()
        else:
            CommunityHeadcount.objects.update_or_create(
                session=session, community=community, defaults={"count": count}
            )


class AlreadyLinked(Exception):
    """The line was linked to a session meanwhile: a line pays for one thing."""


def support_cost_link(*, session, line, kind: str, by) -> SupportCost:
    try:
        # A savepoint, so that a line linked by someone else meanwhile leaves the
        # caller's transaction usable.
        with transaction.atomic():
            return SupportCost.objects.create(session=session, line=line, kind=kind, linked_by=by)
    except IntegrityError as taken:
        raise AlreadyLinked("Someone has just linked this claim to a session.") from taken


def support_cost_unlink(*, cost: SupportCost) -> None:
    cost.delete()
