"""The core's own records about a person: their profile, roles, invitations, consent
decisions and what they did while signed in."""

from partnerships.models import (
    AuditEvent,
    ConsentRecord,
    HeldPost,
    Invitation,
    Membership,
    Person,
)
from partnerships.privacy.consent import nameable_recorders, recorder_label
from partnerships.privacy.registry import Areas, PersonalData, in_areas, register


def _profile(person: Person, areas: Areas) -> list[dict]:
    return [
        {
            "id": person.pk,
            "full_name": person.full_name,
            "email": person.email,
            "phone": person.phone,
            "job_title": person.job_title,
            "organisation": person.organisation.name if person.organisation_id else "",
            "account_email": person.user.email if person.user_id else "",
            "programme_role": person.get_programme_role_display() if person.programme_role else "",
            "recorded_on": person.created_at,
        }
    ]


def _roles(person: Person, areas: Areas) -> list[dict]:
    memberships = in_areas(Membership.objects.filter(person=person), "area_id", areas)
    return [
        {"area": m.area.name, "role": m.get_role_display(), "since": m.created_at}
        for m in memberships.select_related("area")
    ]


def _invitations(person: Person) -> Invitation:
    return Invitation.objects.filter(email__iexact=person.email) if person.email else None


def _invitation_rows(person: Person, areas: Areas) -> list[dict]:
    invitations = _invitations(person)
    if invitations is None:
        return []
    # A funder's invitation is to the whole programme, so only the complete export has it.
    invitations = in_areas(invitations, "area_id", areas)
    return [
        {
            "email": invitation.email,
            "role": invitation.get_role_display(),
            "area": invitation.area.name if invitation.area_id else "",
            "sent_on": invitation.created_at,
            "status": invitation.status,
        }
        for invitation in invitations.select_related("area")
    ]


def _erase_invitations(person: Person, pseudonym: str) -> int:
    invitations = _invitations(person)
    return invitations.delete()[0] if invitations is not None else 0


def _consents(person: Person, areas: Areas) -> list[dict]:
    """Every decision, as each applies in every area; who recorded it is named only if
    they work in the exported areas."""
    records = list(
        ConsentRecord.objects.filter(person=person)
        .select_related("recorded_by")
        .order_by("recorded_at", "pk")
    )
    named = nameable_recorders(records, areas)
    return [
        {
            "use": record.get_use_display(),
            "decision": record.get_decision_display(),
            "how": record.get_method_display(),
            "wording_shown": record.wording,
            "recorded_by": recorder_label(record, named),
            "recorded_at": record.recorded_at,
        }
        for record in records
    ]


def _account_activity(person: Person, areas: Areas) -> list[dict]:
    if not person.user_id:
        return []
    return [
        {"at": event.at, "what": event.get_action_display(), "page": event.path}
        for event in AuditEvent.objects.filter(actor_id=person.user_id).order_by("at", "pk")
    ]


def _held_posts(person: Person, areas: Areas) -> list[dict]:
    if not person.user_id:
        return []
    return [
        {"page": held.path, "kept_at": held.held_at, "fields": held.data}
        for held in HeldPost.objects.filter(user_id=person.user_id).order_by("held_at")
    ]


def _erase_held_posts(person: Person, pseudonym: str) -> int:
    return HeldPost.objects.filter(user_id=person.user_id).delete()[0] if person.user_id else 0


def _keep(person: Person, pseudonym: str) -> int:
    """Kept on erasure: roles keep the area's counts; consent records prove what was
    agreed; the audit log can never be changed."""
    return 0


register(PersonalData("profile", "Your details", _profile, _keep))
register(
    PersonalData(
        "roles",
        "Your roles in each area",
        _roles,
        _keep,
        area_ids=lambda person: [
            Membership.objects.filter(person=person).values_list("area_id", flat=True)
        ],
    )
)
register(
    PersonalData("invitations", "Invitations sent to you", _invitation_rows, _erase_invitations)
)
register(PersonalData("consent", "What you agreed to, and when", _consents, _keep))
register(
    PersonalData(
        "held_posts",
        "Forms you sent after your sign-in ended, waiting for you",
        _held_posts,
        _erase_held_posts,
        in_area_exports=False,
    )
)
register(
    PersonalData(
        "account_activity",
        "What you did while signed in",
        _account_activity,
        _keep,
        in_area_exports=False,
    )
)
