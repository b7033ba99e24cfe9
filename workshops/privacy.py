"""The records sessions keep about a person, for their export and erasure.

On erasure attendance rows stay (they are the session's headcount, now under a
pseudonym), the person's quotes are removed, their name is replaced in notes and
actions, and the emails queued for them are dropped.
"""

from django.db.models import Q

from areas.models import Consent
from partnerships.privacy import retention
from partnerships.privacy.registry import (
    Areas,
    PersonalData,
    ids_in,
    in_areas,
    keep,
    register,
    replace_name,
)
from workshops.models import (
    Action,
    Attendance,
    CalendarFeed,
    Cascade,
    CascadeRecipient,
    Contact,
    Draft,
    EmailUnsubscribe,
    FollowUp,
    FollowUpOptOut,
    FollowUpStatus,
    Insight,
    InsightKind,
    RegistrationImport,
    ReportBackText,
    Session,
)

REMOVED_QUOTE = "This quote was removed when the speaker’s data was erased."


def _attendance(person, areas: Areas):
    attended = in_areas(Attendance.objects.filter(person=person), "session__area_id", areas)
    return [
        {
            "session": a.session.title,
            "area": a.session.area.name,
            "date": a.session.starts_at,
            "came_from": a.organisation.name if a.organisation_id else "",
            "lived_experience": a.lived_experience,
        }
        for a in attended.select_related("session__area", "organisation")
    ]


def _quotes(person, areas: Areas):
    quotes = in_areas(Insight.objects.filter(speaker=person), "session__area_id", areas)
    return [
        {
            "session": quote.session.title,
            "area": quote.session.area.name,
            "said": quote.text,
            "named_as": quote.attribution,
            "consent": quote.get_consent_display(),
            "consent_on": quote.consent_on,
        }
        for quote in quotes.select_related("session__area")
    ]


def _erase_quotes(person, pseudonym):
    return Insight.objects.filter(speaker=person).update(
        text=REMOVED_QUOTE, attribution="", consent=Consent.NONE, consent_on=None
    )


def _actions(person, areas: Areas):
    actions = in_areas(Action.objects.filter(owner=person), "area_id", areas)
    return [
        {
            "area": action.area.name,
            "action": action.description,
            "due_on": action.due_on,
            "status": action.get_status_display(),
        }
        for action in actions.select_related("area")
    ]


def _area_ids(person):
    return [
        Attendance.objects.filter(person=person).values_list("session__area_id", flat=True),
        Insight.objects.filter(speaker=person).values_list("session__area_id", flat=True),
        Action.objects.filter(owner=person).values_list("area_id", flat=True),
    ]


def _erase_mentions(person, pseudonym):
    areas = ids_in(_area_ids(person))
    return (
        replace_name(Action.objects.filter(area_id__in=areas), ["description"], person, pseudonym)
        + replace_name(
            Insight.objects.filter(session__area_id__in=areas).exclude(kind=InsightKind.QUOTE),
            ["text"],
            person,
            pseudonym,
        )
        + replace_name(
            Session.objects.filter(area_id__in=areas), ["summary", "purpose"], person, pseudonym
        )
    )


def _mentions(person, areas: Areas):
    name = person.full_name.strip()
    held = ids_in(_area_ids(person))
    if areas is not None:
        held &= areas
    actions = Action.objects.filter(area_id__in=held, description__icontains=name)
    heard = Insight.objects.filter(session__area_id__in=held, text__icontains=name).exclude(
        kind=InsightKind.QUOTE
    )
    sessions = Session.objects.filter(area_id__in=held).filter(
        Q(summary__icontains=name) | Q(purpose__icontains=name)
    )
    return [
        *(
            {"where": "action", "area": a.area.name, "text": a.description}
            for a in actions.select_related("area")
        ),
        *(
            {"where": i.get_kind_display(), "area": i.session.area.name, "text": i.text}
            for i in heard.select_related("session__area")
        ),
        *(
            {"where": "session notes", "area": s.area.name, "text": s.summary}
            for s in sessions.select_related("area")
        ),
    ]


def _emails(person, areas: Areas):
    follow_ups = FollowUp.objects.filter(person=person)
    if areas is not None:
        # A weekly digest spans the person's areas, so only the complete export has it.
        follow_ups = follow_ups.filter(Q(action__area_id__in=areas) | Q(session__area_id__in=areas))
    return [
        {
            "about": follow_up.get_purpose_display(),
            "status": follow_up.get_status_display(),
            "sent_at": follow_up.sent_at,
        }
        for follow_up in follow_ups
    ]


def _erase_emails(person, pseudonym):
    removed = FollowUp.objects.filter(person=person).delete()[0]
    removed += FollowUpOptOut.objects.filter(person=person).delete()[0]
    removed += CalendarFeed.objects.filter(person=person).delete()[0]
    return removed + Draft.objects.filter(person=person).delete()[0]


def _texts(person, areas: Areas):
    texts = in_areas(
        ReportBackText.objects.filter(person=person).select_related("session__area"),
        "session__area_id",
        areas,
    )
    return [
        {
            "about": f"What happened after {text.session.title}",
            "area": text.session.area.name,
            "status": text.get_status_display(),
            "sent_at": text.sent_at,
        }
        for text in texts
    ]


def _text_area_ids(person):
    return [ReportBackText.objects.filter(person=person).values_list("session__area_id", flat=True)]


def _erase_texts(person, pseudonym):
    return ReportBackText.objects.filter(person=person).delete()[0]


def _email(person) -> str:
    return person.email.strip().lower()


def _cascade_contacts(person, areas: Areas):
    """The distribution lists the person's address is on and the cascades sent to it."""
    email = _email(person)
    if not email:
        return []
    contacts = in_areas(Contact.objects.filter(email=email), "contact_list__area_id", areas)
    recipients = in_areas(
        CascadeRecipient.objects.filter(email=email), "cascade__session__area_id", areas
    )
    on_lists = [
        {
            "list": c.contact_list.name,
            "area": c.contact_list.area.name,
            "why_emailed": c.get_basis_display(),
            "note": c.basis_note,
            "added_at": c.added_at,
        }
        for c in contacts.select_related("contact_list__area")
    ]
    received = [
        {
            "cascade": r.cascade.subject,
            "area": r.cascade.session.area.name,
            "status": r.get_status_display(),
            "sent_at": r.sent_at,
        }
        for r in recipients.select_related("cascade__session__area")
    ]
    if areas is not None:
        # An unsubscribe holds for every area's lists, so it belongs to none of them.
        return on_lists + received
    unsubscribed = [
        {"unsubscribed_from_cascades": u.created_at}
        for u in EmailUnsubscribe.objects.filter(email=email)
    ]
    return on_lists + received + unsubscribed


def _cascade_area_ids(person):
    email = _email(person)
    if not email:
        return []
    return [Contact.objects.filter(email=email).values_list("contact_list__area_id", flat=True)]


def _erase_cascade_contacts(person, pseudonym):
    """Take the address off every list and out of past cascades' recipients (their counts
    stay), and the name out of cascades sent in the person's areas. An unsubscribe is
    kept: it is what stops the address being emailed if someone adds it again."""
    email = _email(person)
    areas = ids_in([*_area_ids(person), *_cascade_area_ids(person)])
    changed = replace_name(
        Cascade.objects.filter(session__area_id__in=areas),
        ["subject", "body"],
        person,
        pseudonym,
    )
    if not email:
        return changed
    changed += Contact.objects.filter(email=email).delete()[0]
    for recipient in CascadeRecipient.objects.filter(email=email).only("pk"):
        recipient.email = f"erased-{recipient.pk}@invalid"
        recipient.name = ""
        recipient.save(update_fields=["email", "name"])
        changed += 1
    return changed


register(PersonalData("attendance", "Sessions you came to", _attendance, keep, _area_ids))
register(PersonalData("quotes", "Things you said that were recorded", _quotes, _erase_quotes))
register(PersonalData("actions", "Actions you own", _actions, keep))
register(PersonalData("session_mentions", "Notes that name you", _mentions, _erase_mentions))
register(PersonalData("emails", "Emails about your actions", _emails, _erase_emails))
register(
    PersonalData(
        "texts",
        "Text messages sent to you after sessions",
        _texts,
        _erase_texts,
        _text_area_ids,
    )
)
register(
    PersonalData(
        "cascade_contacts",
        "Distribution lists your address is on, and the session notes sent to it",
        _cascade_contacts,
        _erase_cascade_contacts,
        _cascade_area_ids,
        # Anyone can type an address onto a list: it shows nothing about whose it is.
        links_person=False,
    )
)


retention.register(
    retention.RetentionRule(
        "Quotes nobody agreed to share",
        Insight,
        "created_at",
        365,
        retention.DELETE,
        "Deleted if consent was never recorded.",
        select=lambda rows, cutoff: rows.filter(kind=InsightKind.QUOTE, consent=Consent.NONE),
    ),
    retention.RetentionRule(
        "Registration lists waiting to be confirmed",
        RegistrationImport,
        "created_at",
        30,
        retention.DELETE,
        "Deleted; the people on a confirmed list are already recorded as attendees.",
    ),
    retention.RetentionRule(
        "Unsent drafts of forms",
        Draft,
        "saved_at",
        30,
        retention.DELETE,
        "Deleted.",
    ),
    retention.RetentionRule(
        "Records of follow-up emails",
        FollowUp,
        "created_at",
        365,
        retention.DELETE,
        "Deleted once sent, failed or no longer needed.",
        select=lambda rows, cutoff: rows.exclude(
            status__in=[FollowUpStatus.PENDING, FollowUpStatus.SENDING]
        ),
    ),
)
