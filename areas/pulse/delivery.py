"""Sending each invitation's link: by email to everyone with an address, and by text to
people with a UK mobile number whose latest decision on texts is "agreed".

Both are rows of one outbox (PulseMessage), claimed and sent as every email is
(partnerships/outbox.py). Whether the link is still wanted, and whether the person may
still be texted, is asked again just before sending.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from areas.pulse import links
from areas.pulse.models import PulseChannel, PulseMessage
from partnerships.models import ConsentDecision, ConsentUse, Person
from partnerships.outbox import NotNeeded, Outbox
from partnerships.privacy.consent import latest_decision
from partnerships.sms import TextMessage, mobile_number

outbox = Outbox(
    PulseMessage,
    task="areas.tasks.send_pulse_message",
    noun="pulse invitation",
    related=("invitation__pulse__area", "invitation__person"),
)


def agreed_to_texts(people):
    """Those of `people` with a phone number on record who agreed to texts."""
    return (
        people.filter(erased_at__isnull=True)
        .exclude(phone="")
        .alias(texts=latest_decision("pk", ConsentUse.TEXT_MESSAGES))
        .filter(texts=ConsentDecision.GIVEN)
    )


def channels_for(person: Person, *, texts_agreed: bool) -> list[str]:
    channels = [PulseChannel.EMAIL] if person.email else []
    if texts_agreed and mobile_number(person.phone):
        channels.append(PulseChannel.TEXT)
    return channels


def compose(row: PulseMessage) -> EmailMessage | TextMessage:
    invitation = row.invitation
    person = invitation.person
    if invitation.used:
        raise NotNeeded("The link was used before it was sent.")
    if not invitation.pulse.is_open:
        raise NotNeeded("The pulse closed before the link was sent.")
    if person is None or person.erased_at:
        raise NotNeeded("The person is no longer on record.")
    context = {"area": invitation.pulse.area, "url": links.url_for(invitation)}
    if row.channel == PulseChannel.TEXT:
        number = mobile_number(person.phone)
        if number is None or not agreed_to_texts(Person.objects.filter(pk=person.pk)).exists():
            raise NotNeeded("They no longer agree to texts, or left no mobile number.")
        body = render_to_string("emails/pulse_invitation_text.txt", context).strip()
        return TextMessage(to=number, body=body, reference=f"pulse-text-{row.pk}")
    if not person.email:
        raise NotNeeded("They have no email address on record.")
    host = urlsplit(settings.SITE_URL).hostname
    return EmailMessage(
        subject=f"How is the {invitation.pulse.area.name} partnership working for you?",
        body=render_to_string("emails/pulse_invitation.txt", context),
        to=[person.email],
        # Fixed by the row, so a repeat after a crash is recognisable as the same email.
        headers={"Message-ID": f"<pulse-invitation-{row.pk}@{host}>"},
    )
