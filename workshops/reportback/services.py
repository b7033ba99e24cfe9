"""Writes about report-backs: withdrawing a session's links, an area sharing its record."""

from django.db import transaction

from areas.models import Area
from workshops.models import Session, new_nonce


@transaction.atomic
def withdraw_links(*, session: Session) -> None:
    """Stop every report-back link and QR code given out; the page gets a new address."""
    session.report_back_nonce = new_nonce()
    Session.objects.filter(pk=session.pk).update(report_back_nonce=session.report_back_nonce)


def share_what_we_did(*, area: Area, share: bool) -> None:
    Area.objects.filter(pk=area.pk).update(shares_what_we_did=share)
    area.shares_what_we_did = share
