"""Writes of cascades and distribution lists, one transaction each."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.models import Person
from partnerships.versioning import EditConflict, save_versioned
from workshops.cascades import sending
from workshops.cascades.contacts import normalise_email, unsubscribed
from workshops.cascades.models import (
    Cascade,
    CascadeRecipient,
    CascadeStatus,
    Contact,
    ContactList,
    EmailUnsubscribe,
    new_share_token,
)
from workshops.models import Session


class AlreadySent(Exception):
    """The cascade was sent (perhaps from another tab) and can no longer change."""


class ContactRefused(Exception):
    """The address cannot go on the list; the message says why."""


def contact_list_create(*, area, by: Person, name: str, kind: str, description: str = ""):
    try:
        with transaction.atomic():
            return ContactList.objects.create(
                area=area, name=name, kind=kind, description=description, created_by=by
            )
    except IntegrityError:
        raise ContactRefused(f"{area.name} already has a list called “{name}”.") from None


def contact_add(*, contact_list: ContactList, by: Person, email: str, **fields) -> Contact:
    email = normalise_email(email)
    if unsubscribed([email]):
        raise ContactRefused(
            f"{email} unsubscribed from cascades, so it cannot be added to any list."
        )
    try:
        with transaction.atomic():
            return Contact.objects.create(
                contact_list=contact_list, email=email, added_by=by, **fields
            )
    except IntegrityError:
        raise ContactRefused(f"{email} is already on this list.") from None


def contact_remove(*, contact: Contact) -> None:
    contact.delete()


def _locked(session: Session) -> Cascade | None:
    return Cascade.objects.select_for_update().filter(session=session).first()


@transaction.atomic
def cascade_save(
    *, session: Session, by: Person, subject: str, body: str, lists, version: int | None
) -> Cascade:
    """Keep the draft as it is. `version` is the draft's version when the form was opened
    (None for a new draft), so a second editor's words are not silently overwritten."""
    cascade = _locked(session)
    now = timezone.now()
    if cascade is None:
        cascade = Cascade.objects.create(
            session=session, subject=subject, body=body, composed_by=by, updated_at=now
        )
    else:
        if not cascade.is_draft:
            raise AlreadySent
        if version != cascade.version:
            raise EditConflict(cascade)
        save_versioned(
            cascade, version=version, subject=subject, body=body, updated_at=now, composed_by=by
        )
    cascade.lists.set(lists)
    return cascade


@transaction.atomic
def cascade_send(
    *, session: Session, by: Person, subject: str, body: str, lists, version: int | None
) -> Cascade:
    """Save the words, owe the cascade to every address on the chosen lists once (an
    address on two lists gets one email; an unsubscribed address none), and start
    sending when the transaction commits."""
    cascade = cascade_save(
        session=session, by=by, subject=subject, body=body, lists=lists, version=version
    )
    names = {}
    for email, name in (
        Contact.objects.filter(contact_list__in=lists).order_by("pk").values_list("email", "name")
    ):
        names.setdefault(email, name)
    for email in unsubscribed(names):
        del names[email]
    CascadeRecipient.objects.bulk_create(
        [
            CascadeRecipient(cascade=cascade, email=email, name=name)
            for email, name in names.items()
        ],
        ignore_conflicts=True,
    )
    now = timezone.now()
    cascade.status = CascadeStatus.SENDING
    cascade.sent_by, cascade.sent_at, cascade.batch_at = by, now, now
    # The emails link to the public page, so it exists from the start; it can be withdrawn.
    cascade.share_token = new_share_token()
    cascade.save(update_fields=["status", "sent_by", "sent_at", "batch_at", "share_token"])
    if not names:
        sending.finish_if_done(cascade.pk)
    sending.dispatch_on_commit(cascade.pk)
    return cascade


def share_link_create(*, cascade: Cascade) -> Cascade:
    """Give the sent cascade a public page at a new unguessable address."""
    cascade.share_token = new_share_token()
    cascade.save(update_fields=["share_token"])
    return cascade


def share_link_revoke(*, cascade: Cascade) -> None:
    """Withdraw the public page: its address answers 404 from now on."""
    cascade.share_token = None
    cascade.save(update_fields=["share_token"])


def unsubscribe(*, email: str) -> None:
    """Never email the address a cascade again, from any list."""
    EmailUnsubscribe.objects.bulk_create(
        [EmailUnsubscribe(email=normalise_email(email))], ignore_conflicts=True
    )
