"""The first draft of a cascade leaves out personal data and unconsented quotes."""

from tests.workshops.cascade_factories import WrittenUpSessionFactory
from tests.workshops.factories import (
    ActionFactory,
    AttendanceFactory,
    InsightFactory,
    QuoteFactory,
)
from workshops.cascades.compose import NAME_REMOVED, draft_cascade, strip_names
from workshops.models import Consent, InsightKind


def test_the_draft_carries_what_was_heard_decided_and_agreed(db):
    session = WrittenUpSessionFactory(title="Second partnership day")
    InsightFactory(session=session, text="Letters arrive only in English")
    InsightFactory(session=session, kind=InsightKind.IDEA, text="Translate the invitation")
    InsightFactory(session=session, kind=InsightKind.DECISION, text="Start with Tetum")
    ActionFactory(session=session, description="Ask the practice for the letter template")

    draft = draft_cascade(session)

    assert draft.subject == f"{session.area.name}: notes from Second partnership day"
    for text in (
        session.summary,
        "Letters arrive only in English",
        "Translate the invitation",
        "Start with Tetum",
        "Ask the practice for the letter template",
    ):
        assert text in draft.body


def test_names_of_attendees_speakers_and_owners_are_never_in_the_draft(db):
    session = WrittenUpSessionFactory()
    attendee = AttendanceFactory(session=session).person
    owner = ActionFactory(session=session).owner
    session.summary = f"{attendee.full_name} opened the day; {owner.full_name} took notes."
    session.save()
    QuoteFactory(session=session, speaker=attendee, text="We were listened to", attribution="")

    body = draft_cascade(session).body

    assert attendee.full_name not in body
    assert owner.full_name not in body
    assert attendee.full_name.split()[0] not in body
    assert f"{NAME_REMOVED} opened the day" in body
    assert "We were listened to" in body


def test_quotes_appear_only_with_consent_and_as_the_speaker_agreed(db):
    session = WrittenUpSessionFactory()
    QuoteFactory(session=session, text="Said with consent", attribution="A carer in Crewe")
    QuoteFactory(session=session, text="Said without consent", consent=Consent.NONE)

    body = draft_cascade(session).body

    assert "Said with consent" in body
    assert "A carer in Crewe" in body
    assert "Said without consent" not in body


def test_names_are_replaced_only_as_whole_words():
    text = "Ann and Annabel met Ann Lee at the Annexe."
    assert strip_names(text, {"Ann Lee", "Ann"}) == (
        f"{NAME_REMOVED} and Annabel met {NAME_REMOVED} at the Annexe."
    )
