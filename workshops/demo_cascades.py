"""Demo distribution lists and cascades for the area the demo LCO coordinates.

Three lists of invented local contacts (example.org addresses, which never receive
mail), one address that unsubscribed, and the area's first written-up session cascaded
to two of the lists; the later sessions wait to be cascaded.
"""

import datetime as dt

from areas.models import Area
from partnerships.models import Person
from workshops.cascades.compose import draft_cascade
from workshops.models import (
    Cascade,
    CascadeRecipient,
    CascadeStatus,
    Contact,
    ContactBasis,
    ContactList,
    ContactListKind,
    EmailUnsubscribe,
    RecipientStatus,
    Session,
    SessionStatus,
    new_share_token,
)

AREA = "east-sussex"
LCO_EMAIL = "lco@demo.example"
LISTS = [
    (
        "Eastbourne VCSE network",
        ContactListKind.NETWORK,
        "Voluntary and community organisations across Eastbourne.",
        ContactBasis.LEGITIMATE_INTEREST,
        [
            ("Age Concern Eastbourne", "info"),
            ("Eastbourne Foodbank", "hello"),
            ("Citizens Advice East Sussex", "partnerships"),
            ("Eastbourne Carers Hub", "team"),
            ("Seaside Youth Project", "office"),
            ("Town Centre Mosque Welfare Group", "welfare"),
            ("Hampden Park Community Larder", "larder"),
            ("Langney Residents Association", "secretary"),
        ],
    ),
    (
        "Community leaders and faith groups",
        ContactListKind.COMMUNITY,
        "The community leaders who joined the partnership and the groups they speak for.",
        ContactBasis.CONSENT,
        [
            ("Polish Saturday School", "contact"),
            ("Filipino Community Eastbourne", "hello"),
            ("Bangladeshi Women's Circle", "circle"),
            ("St Mary's Church", "parish"),
            ("Eastbourne Gurdwara", "sewa"),
            ("Romanian Community Support", "ajutor"),
        ],
    ),
    (
        "Communications leads",
        ContactListKind.COMMUNICATIONS,
        "Press and newsletter contacts at the partner organisations.",
        ContactBasis.PUBLISHED_ROLE,
        [
            ("ALPS Group PCN", "comms"),
            ("Eastbourne Borough Council", "news"),
            ("Healthwatch East Sussex", "newsletter"),
            ("NHS Sussex", "communications"),
        ],
    ),
]
UNSUBSCRIBED = "welfare@town-centre-mosque-welfare-group.example.org"


def _address(organisation: str, mailbox: str) -> str:
    domain = "".join(c if c.isalnum() else "-" for c in organisation.lower()).strip("-")
    while "--" in domain:
        domain = domain.replace("--", "-")
    return f"{mailbox}@{domain}.example.org"


def load(stdout):
    area = Area.objects.filter(slug=AREA).first()
    if area is None or ContactList.objects.filter(area=area).exists():
        return
    lco = Person.objects.filter(email=LCO_EMAIL).first()
    lists = []
    for name, kind, description, basis, contacts in LISTS:
        contact_list = ContactList.objects.create(
            area=area, name=name, kind=kind, description=description, created_by=lco
        )
        Contact.objects.bulk_create(
            Contact(
                contact_list=contact_list,
                email=_address(organisation, mailbox),
                organisation=organisation,
                basis=basis,
                basis_note="Agreed at the first partnership day" if basis == "consent" else "",
                added_by=lco,
            )
            for organisation, mailbox in contacts
        )
        lists.append(contact_list)
    EmailUnsubscribe.objects.get_or_create(email=UNSUBSCRIBED)
    first = (
        Session.objects.filter(area=area, status=SessionStatus.WRITTEN_UP)
        .order_by("starts_at")
        .first()
    )
    if first is not None:
        _sent_cascade(first, lists[:2], lco)
    stdout.write(f"Loaded {len(lists)} distribution lists and a cascade for {area.name}.")


def _sent_cascade(session, lists, lco):
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
        .exclude(email=UNSUBSCRIBED)
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
