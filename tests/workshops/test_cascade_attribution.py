"""A quote is attributed exactly as its speaker agreed — by name, by role, or not at
all — in the cascade's draft, both parts of its email, its share page and the notes PDF;
and the email's text part reads as plain text."""

import subprocess

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PersonFactory
from tests.workshops.cascade_factories import (
    ContactFactory,
    ContactListFactory,
    WrittenUpSessionFactory,
)
from tests.workshops.factories import ActionFactory, AttendanceFactory, QuoteFactory
from workshops.cascades import services
from workshops.cascades.compose import ANONYMOUS_SPEAKER, NAME_REMOVED, draft_cascade

pytestmark = pytest.mark.django_db

QUOTE = "The letter made no sense to me"

# How the speaker agreed to be named: (as recorded, as shown).
AGREED = {
    "named": ("Zofia, a resident of Eastbourne", "Zofia, a resident of Eastbourne"),
    "role only": ("A community leader in Eastbourne", "A community leader in Eastbourne"),
    "anonymous": ("", ANONYMOUS_SPEAKER),
}


def _sent(session, by, body, django_capture_on_commit_callbacks):
    contacts = ContactListFactory(area=session.area)
    ContactFactory(contact_list=contacts, email="network@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        return services.cascade_send(
            session=session,
            by=by,
            subject="Notes",
            body=body,
            lists=[contacts],
            version=None,
        )


def _pdf_text(response) -> str:
    pdf = b"".join(response.streaming_content)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(text.stdout.decode().split())


@pytest.mark.parametrize("agreed", AGREED, ids=list(AGREED))
def test_a_quote_is_attributed_as_its_speaker_agreed_everywhere(
    client, world, agreed, django_capture_on_commit_callbacks
):
    recorded, shown = AGREED[agreed]
    session = WrittenUpSessionFactory(area=world.area_a)
    zofia = AttendanceFactory(session=session, person=PersonFactory(full_name="Zofia Nowak")).person
    QuoteFactory(session=session, speaker=zofia, text=QUOTE, attribution=recorded)

    body = draft_cascade(session).body
    cascade = _sent(session, world.lco_a.person, body, django_capture_on_commit_callbacks)
    email = mail.outbox[0]
    share = client.get(reverse("workshops:cascade-share", args=[cascade.share_token]))
    client.force_login(world.steering_a)
    notes_pdf = _pdf_text(
        client.get(reverse("workshops:session-notes-pdf", args=[session.area.slug, session.pk]))
    )

    assert f"“{QUOTE}”  \n> — {shown}" in body
    assert f"“{QUOTE}”\n    — {shown}" in email.body
    assert f"— {shown}" in email.alternatives[0][0]
    assert f"— {shown}" in share.content.decode()
    assert QUOTE in notes_pdf
    assert recorded in notes_pdf
    for text in (body, email.body, email.alternatives[0][0], share.content.decode(), notes_pdf):
        assert NAME_REMOVED not in text
        assert ("Zofia" in text) == (agreed == "named")


def test_names_are_still_taken_out_of_everything_else(world):
    session = WrittenUpSessionFactory(area=world.area_a)
    zofia = AttendanceFactory(session=session, person=PersonFactory(full_name="Zofia Nowak")).person
    session.summary = "Zofia Nowak opened the day."
    session.save()
    QuoteFactory(session=session, speaker=zofia, text="Ask Zofia", attribution="Zofia, a resident")

    body = draft_cascade(session).body

    assert f"{NAME_REMOVED} opened the day." in body
    assert f"“Ask {NAME_REMOVED}”  \n> — Zofia, a resident" in body


def test_the_draft_reads_cleanly(world):
    session = WrittenUpSessionFactory(area=world.area_a, summary="## What we heard\n\nA lot.")
    ActionFactory(session=session, description="Ask the church.", due_on="2026-12-20")

    body = draft_cascade(session).body

    assert "- Ask the church, by 20 December 2026" in body
    assert body.count("What we heard") == 1


def test_the_emails_text_part_is_plain_text(world, django_capture_on_commit_callbacks):
    session = WrittenUpSessionFactory(area=world.area_a)
    body = (
        "Here is **what happened**.\n\n# What happens next\n\n- Ask the church\n"
        "- Book [training](https://example.org/training)\n\n> “Quoted”  \n> — A carer"
    )

    _sent(session, world.lco_a.person, body, django_capture_on_commit_callbacks)
    text = mail.outbox[0].body

    assert text.startswith(
        "Here is what happened.\n\n"
        "What happens next\n-----------------\n"
        "• Ask the church\n• Book training (https://example.org/training)\n\n"
        "    “Quoted”\n    — A carer\n"
    )
    for mark in ("**", "# ", "- Ask", "](", "> "):
        assert mark not in text
