"""Reads the cascade and contact pages share, each in a bounded number of queries.

Cascades and distribution lists belong to the area's LCO and facilitators (and programme
leads): everyone else gets 404, the same answer as for an area that does not exist.
"""

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from areas.selectors import get_area_for
from partnerships.models import AreaRole
from workshops.cascades.models import (
    Cascade,
    CascadeRecipient,
    Contact,
    ContactImport,
    ContactList,
    EmailUnsubscribe,
    RecipientStatus,
)
from workshops.models import Session, SessionStatus

CASCADE_ROLES = frozenset({AreaRole.FACILITATOR, AreaRole.LCO_COORDINATOR})
RECENT_CASCADES = 10


def sees_cascades(roles) -> bool:
    """Whether someone with `roles` in an area (from access.roles_in) sees its cascades."""
    return bool(set(roles) & CASCADE_ROLES)


def get_cascade_area_for(user, area_slug):
    return get_area_for(user, area_slug, roles=CASCADE_ROLES)


def get_cascade_session_for(user, area_slug, session_id) -> Session:
    area = get_cascade_area_for(user, area_slug)
    session = get_object_or_404(Session.objects.filter(area=area), pk=session_id)
    session.area = area
    return session


def get_contact_list(area, list_id) -> ContactList:
    contact_list = get_object_or_404(ContactList.objects.filter(area=area), pk=list_id)
    contact_list.area = area
    return contact_list


def get_contact_import(contact_list, person, import_id) -> ContactImport:
    # A file is its uploader's working copy until confirmed; nobody else works from it.
    return get_object_or_404(
        ContactImport.objects.filter(contact_list=contact_list, uploaded_by=person), pk=import_id
    )


def _reached():
    return Coalesce(
        Subquery(
            CascadeRecipient.objects.filter(cascade=OuterRef("pk"), status=RecipientStatus.SENT)
            .order_by()
            .values("cascade")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def waiting_sessions(area):
    """Written-up sessions not yet cascaded, the longest waiting first, with any draft."""
    return (
        Session.objects.filter(area=area, status=SessionStatus.WRITTEN_UP)
        .filter(Q(cascade__isnull=True) | Q(cascade__sent_at__isnull=True))
        .select_related("area", "cascade")
        .order_by("starts_at", "pk")
    )


def recent_cascades(area):
    return list(
        Cascade.objects.filter(session__area=area, sent_at__isnull=False)
        .select_related("session", "sent_by")
        .prefetch_related("lists")
        .annotate(reached=_reached())
        .order_by("-sent_at")[:RECENT_CASCADES]
    )


def contact_lists(area):
    """The area's lists, each with how many addresses it holds and how many of those may
    be emailed (the rest unsubscribed)."""
    unsubscribed = EmailUnsubscribe.objects.filter(email=OuterRef("email"))
    counts = (
        Contact.objects.filter(contact_list=OuterRef("pk"))
        .order_by()
        .values("contact_list")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return ContactList.objects.filter(area=area).annotate(
        contact_count=Coalesce(Subquery(counts), 0),
        reachable_count=Coalesce(
            Subquery(counts.filter(~Exists(unsubscribed))),
            0,
        ),
    )


def list_contacts(contact_list):
    return list(
        contact_list.contacts.select_related("added_by").annotate(
            unsubscribed=Exists(EmailUnsubscribe.objects.filter(email=OuterRef("email")))
        )
    )


def session_cascade(session) -> Cascade | None:
    """The session's cascade for its page and record, with its lists and reach."""
    return (
        Cascade.objects.filter(session=session)
        .select_related("sent_by", "composed_by")
        .prefetch_related("lists")
        .annotate(reached=_reached())
        .first()
    )


def failed_recipients(cascade):
    return list(
        cascade.recipients.filter(status=RecipientStatus.FAILED).only("email", "name", "last_error")
    )


def shared_cascade(token: str) -> Cascade:
    """The cascade a share page shows; 404 for an unknown or withdrawn address."""
    if not token or len(token) > Cascade._meta.get_field("share_token").max_length:
        return get_object_or_404(Cascade.objects.none())
    return get_object_or_404(
        Cascade.objects.select_related("session__area").filter(sent_at__isnull=False),
        share_token=token,
    )
