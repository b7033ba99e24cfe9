"""Reads of areas that pages share. Every one starts from the access scope."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from areas.models import Area
from partnerships.models import AreaRole, Invitation, Membership


def get_area_for(user, area_slug, *, roles=None) -> Area:
    """The area if `user` may see it, else 404 — the same answer as for no such area."""
    return get_object_or_404(
        Area.objects.visible_to(user, roles=roles).select_related("cohort"), slug=area_slug
    )


def areas_overview(user):
    """The areas the user may see, with the counts the area list shows, in one query."""
    return (
        Area.objects.visible_to(user)
        .select_related("cohort")
        .annotate(
            steering_count=Count(
                "memberships", filter=Q(memberships__role=AreaRole.STEERING_MEMBER)
            ),
            facilitator_count=Count(
                "memberships", filter=Q(memberships__role=AreaRole.FACILITATOR)
            ),
        )
        .order_by("cohort__starts_on", "cohort__name", "name")
    )


def area_people(area):
    """The area's memberships grouped by role, each with its person and organisation."""
    memberships = (
        Membership.objects.filter(area=area)
        .select_related("person__organisation")
        .order_by("person__full_name")
    )
    grouped = {role: [] for role in AreaRole}
    for membership in memberships:
        grouped[AreaRole(membership.role)].append(membership)
    return [(role.label, role, grouped[role]) for role in AreaRole]


def pending_invitations(area):
    return Invitation.objects.pending().filter(area=area).select_related("invited_by")
