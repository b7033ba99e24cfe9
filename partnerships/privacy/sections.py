"""The core's own records about a person: their profile, roles, invitations, consent
decisions and what they did while signed in."""

from partnerships.models import AuditEvent, ConsentRecord, Invitation, Membership, Person
from partnerships.privacy.registry import PersonalData, register


def _profile(person: Person) -> list[dict]:
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


def _roles(person: Person) -> list[dict]:
    return [
        {"area": m.area.name, "role": m.get_role_display(), "since": m.created_at}
        for m in Membership.objects.filter(person=person).select_related("area")
    ]


def _invitations(person: Person) -> Invitation:
    return Invitation.objects.filter(email__iexact=person.email) if person.email else None


def _invitation_rows(person: Person) -> list[dict]:
    invitations = _invitations(person)
    if invitations is None:
        return []
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


def _consents(person: Person) -> list[dict]:
    return [
        {
            "use": record.get_use_display(),
            "decision": record.get_decision_display(),
            "how": record.get_method_display(),
            "wording_shown": record.wording,
            "recorded_by": record.recorded_by.full_name if record.recorded_by_id else "",
            "recorded_at": record.recorded_at,
        }
        for record in ConsentRecord.objects.filter(person=person)
        .select_related("recorded_by")
        .order_by("recorded_at", "pk")
    ]


def _account_activity(person: Person) -> list[dict]:
    if not person.user_id:
        return []
    return [
        {"at": event.at, "what": event.get_action_display(), "page": event.path}
        for event in AuditEvent.objects.filter(actor_id=person.user_id).order_by("at", "pk")
    ]


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
register(PersonalData("account_activity", "What you did while signed in", _account_activity, _keep))
