"""Demo distribution lists and cascades for the area the demo LCO coordinates.

The lists of invented local contacts and the address that unsubscribed are in
workshops/demo/cascades.toml; the area's first written-up session is cascaded to the
first two lists, and the later sessions wait to be cascaded.
"""

import datetime as dt

from areas.models import Area
from partnerships import demo_data
from partnerships.models import Person
from workshops.cascades.compose import draft_cascade
from workshops.models import (
    Cascade,
    CascadeRecipient,
    CascadeStatus,
    Contact,
    ContactBasis,
    ContactList,
    EmailUnsubscribe,
    RecipientStatus,
    Session,
    SessionStatus,
    new_share_token,
)

LCO_EMAIL = "lco@demo.example"


def _address(organisation: str, mailbox: str) -> str:
    domain = "".join(c if c.isalnum() else "-" for c in organisation.lower()).strip("-")
    while "--" in domain:
        domain = domain.replace("--", "-")
    return f"{mailbox}@{domain}.example.org"


def load(stdout):
    data = demo_data.load("workshops", "cascades")
    area = Area.objects.filter(slug=data["area"]).first()
    if area is None or ContactList.objects.filter(area=area).exists():
        return
    lco = Person.objects.filter(email=LCO_EMAIL).first()
    lists = []
    for entry in data["lists"]:
        contact_list = ContactList.objects.create(
            area=area,
            name=entry["name"],
            kind=entry["kind"],
            description=entry["description"],
            created_by=lco,
        )
        basis = entry["basis"]
        Contact.objects.bulk_create(
            Contact(
                contact_list=contact_list,
                email=_address(contact["organisation"], contact["mailbox"]),
                organisation=contact["organisation"],
                basis=basis,
                basis_note=data["consent_note"] if basis == ContactBasis.CONSENT else "",
                added_by=lco,
            )
            for contact in entry["contacts"]
        )
        lists.append(contact_list)
    EmailUnsubscribe.objects.get_or_create(email=data["unsubscribed"])
    first = (
        Session.objects.filter(area=area, status=SessionStatus.WRITTEN_UP)
        .order_by("starts_at")
        .first()
    )
    if first is not None:
        _sent_cascade(first, lists[:2], lco, unsubscribed=data["unsubscribed"])
    stdout.write(f"Loaded {len(lists)} distribution lists and a cascade for {area.name}.")


def _sent_cascade(session, lists, lco, *, unsubscribed):
    draft = draft_cascade(session)
    sent_at = session.starts_at + dt.timedelta(days=3)
    cascade = Cascade.objects.create(
        session=session,
        subject=draft.subject,
        body=draft.body,
        status=CascadeStatus.SENT,
        composed_by=lco,
        sent_by=lco,
        created_at=sent_at,
        updated_at=sent_at,
        sent_at=sent_at,
        finished_at=sent_at + dt.timedelta(minutes=1),
        batch_at=sent_at,
        share_token=new_share_token(),
    )
    cascade.lists.set(lists)
    emails = dict.fromkeys(
        Contact.objects.filter(contact_list__in=lists)
        .exclude(email=unsubscribed)
        .order_by("pk")
        .values_list("email", flat=True)
    )
    CascadeRecipient.objects.bulk_create(
        CascadeRecipient(
            cascade=cascade,
            email=email,
            status=RecipientStatus.SENT,
            attempts=1,
            claimed_at=sent_at,
            sent_at=sent_at,
        )
        for email in emails
    )
