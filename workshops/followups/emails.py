"""Each follow-up email, written at the moment it is sent from what is true then.

Every email has a plain-text and an HTML part, a link straight to what it is about, and
a one-click unsubscribe for its kind (RFC 8058 headers). An email that is no longer
wanted — the action is done, has a new owner or a new due date, the person turned that
kind off — raises NotNeeded instead, and its row is marked skipped with the reason.
"""

import datetime as dt
from email.utils import formataddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from partnerships.outbox import NotNeeded
from workshops.actions.links import owner_link_token
from workshops.followups.models import KIND_TO_STOP, FollowUp, FollowUpOptOut, FollowUpPurpose
from workshops.followups.preferences import unsubscribe_token
from workshops.models import Action, ActionStatus, Cascade, InsightKind, Session


def compose(follow_up: FollowUp) -> EmailMultiAlternatives:
    person = follow_up.person
    if not person.email:
        raise NotNeeded("The person has no email address.")
    if FollowUpOptOut.objects.filter(person=person, kind=follow_up.kind).exists():
        raise NotNeeded("The person has turned these emails off.")
    today = timezone.localdate()
    subject, template, context = WRITERS[follow_up.purpose](follow_up, today)
    unsubscribe_url = absolute(
        reverse(
            "workshops:unsubscribe",
            args=[unsubscribe_token(person_id=person.pk, kind=follow_up.kind)],
        )
    )
    context |= {
        "subject": subject,
        "person": person,
        "purpose": follow_up.purpose,
        "today": today,
        "kind_to_stop": KIND_TO_STOP[follow_up.kind],
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": (
            absolute(reverse("workshops:follow-up-preferences")) if person.has_account else ""
        ),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/follow_ups/{template}.txt", context),
        to=[formataddr((person.full_name, person.email))],
        headers={
            "Message-ID": f"<follow-up-{follow_up.pk}@{urlsplit(settings.SITE_URL).hostname}>",
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # Asks mail servers not to send out-of-office replies to an automatic email.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"emails/follow_ups/{template}.html", context), "text/html"
    )
    return message


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def action_link(action: Action, person) -> str:
    """Where the email sends `person` for `action`: its page, or for an owner without an
    account the owner link, which works without signing in."""
    if person.has_account or action.owner_id != person.pk:
        return absolute(action.get_absolute_url())
    return absolute(reverse("workshops:owner-link", args=[owner_link_token(action)]))


def _short(action: Action) -> str:
    return Truncator(" ".join(action.description.split())).chars(60)


def _action(follow_up: FollowUp) -> Action:
    action = (
        Action.objects.filter(pk=follow_up.action_id)
        .select_related("area", "session", "owner__organisation", "sub_group")
        .first()
    )
    if action is None:
        raise NotNeeded("The action was deleted.")
    return action


def _owned_action(follow_up: FollowUp) -> Action:
    action = _action(follow_up)
    if action.owner_id != follow_up.person_id:
        raise NotNeeded("The action has a new owner.")
    return action


def _assigned(follow_up, today):
    action = _owned_action(follow_up)
    context = {"action": action, "action_url": action_link(action, follow_up.person)}
    return f"New action for you: {_short(action)}", "assigned", context


def _reminder(follow_up, today):
    action = _owned_action(follow_up)
    if action.status == ActionStatus.DONE:
        raise NotNeeded("The action is done.")
    purpose = follow_up.purpose
    if purpose == FollowUpPurpose.OVERDUE and not action.days_overdue(today):
        raise NotNeeded("The action is no longer overdue.")
    if purpose != FollowUpPurpose.OVERDUE and action.due_on != follow_up.key_date:
        raise NotNeeded("The due date has changed.")
    if purpose == FollowUpPurpose.DUE_SOON and action.due_on <= today:
        raise NotNeeded("The due date came before the reminder could be sent.")
    if purpose == FollowUpPurpose.DUE_TODAY and action.due_on < today:
        raise NotNeeded("The due date passed before the reminder could be sent.")
    if purpose == FollowUpPurpose.DUE_TODAY:
        subject = f"Due today: {_short(action)}"
    elif purpose == FollowUpPurpose.DUE_SOON:
        subject = f"Due {action.due_on:%A %-d %B}: {_short(action)}"
    else:
        subject = f"Overdue: {_short(action)}"
    context = {
        "action": action,
        "action_url": action_link(action, follow_up.person),
        "days_overdue": action.days_overdue(today),
        "days_left": (action.due_on - today).days,
    }
    return subject, "reminder", context


def _escalation(follow_up, today):
    action = _action(follow_up)
    if action.status == ActionStatus.DONE:
        raise NotNeeded("The action is done.")
    if action.due_on != follow_up.key_date:
        raise NotNeeded("The due date has changed.")
    context = {
        "action": action,
        "action_url": absolute(action.get_absolute_url()),
        "days_overdue": action.days_overdue(today),
        "nudges": settings.FOLLOW_UP_OVERDUE_NUDGES,
    }
    subject = f"Still overdue: {action.owner}’s action in {action.area.name}"
    return subject, "escalation", context


def _summary(follow_up, today):
    session = Session.objects.select_related("area").get(pk=follow_up.session_id)
    decisions = session.insights.shareable().filter(kind=InsightKind.DECISION)
    actions = session.actions.select_related("owner__organisation").order_by("due_on", "pk")
    context = {
        "session": session,
        "session_url": absolute(session.get_absolute_url()),
        "decisions": list(decisions),
        "actions": [(action, action_link(action, follow_up.person)) for action in actions],
    }
    return f"What we agreed: {session.title}", "summary", context


def _digest(follow_up, today):
    person = follow_up.person
    actions = list(
        Action.objects.open()
        .filter(owner=person)
        .select_related("area", "session")
        .order_by("due_on", "pk")
    )
    if not actions:
        raise NotNeeded("The person has no open actions.")
    week_end = today + dt.timedelta(days=7)
    groups = {"overdue": [], "this_week": [], "later": []}
    for action in actions:
        if action.days_overdue(today):
            groups["overdue"].append(action)
        elif action.due_on and action.due_on <= week_end:
            groups["this_week"].append(action)
        else:
            groups["later"].append(action)
    context = {
        "groups": [
            (label, [(action, action_link(action, person)) for action in groups[key]])
            for key, label in (
                ("overdue", "Overdue"),
                ("this_week", "Due in the next 7 days"),
                ("later", "Later, or no due date"),
            )
            if groups[key]
        ],
        "count": len(actions),
        "overdue": len(groups["overdue"]),
        "my_actions_url": absolute(reverse("workshops:my-actions")) if person.has_account else "",
    }
    overdue = f", {len(groups['overdue'])} overdue" if groups["overdue"] else ""
    noun = "action" if len(actions) == 1 else "actions"
    return f"Your week: {len(actions)} open {noun}{overdue}", "digest", context


def _cascade_due(follow_up, today):
    session = Session.objects.select_related("area").get(pk=follow_up.session_id)
    if Cascade.objects.filter(session=session, sent_at__isnull=False).exists():
        raise NotNeeded("The session has been cascaded.")
    context = {
        "session": session,
        "cascade_url": absolute(reverse("workshops:cascade", args=[session.area.slug, session.pk])),
        "waiting_url": absolute(reverse("workshops:cascade-waiting", args=[session.area.slug])),
        "days": (today - timezone.localdate(session.starts_at)).days,
    }
    return f"Waiting to be cascaded: {session.title}", "cascade_due", context


WRITERS = {
    FollowUpPurpose.ASSIGNED: _assigned,
    FollowUpPurpose.DUE_SOON: _reminder,
    FollowUpPurpose.DUE_TODAY: _reminder,
    FollowUpPurpose.OVERDUE: _reminder,
    FollowUpPurpose.ESCALATION: _escalation,
    FollowUpPurpose.SUMMARY: _summary,
    FollowUpPurpose.DIGEST: _digest,
    FollowUpPurpose.CASCADE_DUE: _cascade_due,
}
