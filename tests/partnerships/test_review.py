"""The review step every suggestion shares: "Your suggestions", the waiting counts and the
one morning email to facilitators and to the people who suggested something."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from areas.models import CaoProposal
from partnerships.models import OutboxStatus
from partnerships.privacy import registry
from partnerships.privacy.services import person_erase as erase_person
from partnerships.review import services
from partnerships.review.models import ReviewEmail, ReviewEmailPurpose
from partnerships.tasks import send_review_email, sweep_review_emails
from resources.casestudies.models import SectionComment
from resources.casestudies.services import case_study_start
from resources.outputs.models import OutputSubmission
from resources.privacy import ERASED_COMMENT
from tests.factories import CaoStatementFactory
from workshops.suggestions import services as action_suggestions
from workshops.suggestions.models import ActionSuggestion

pytestmark = pytest.mark.django_db


def _one_of_each(world, by):
    statement = CaoStatementFactory(area=world.area_a)
    CaoProposal.objects.create(
        statement=statement,
        based_on=1,
        reason="Four practices now",
        proposed_by=by,
        **{**statement.content(), "outcome": "Four practices trained"},
    )
    OutputSubmission.objects.create(
        area=world.area_a,
        proposed_by=by,
        title="Charter for Older People",
        resource_type="charter",
        description="-",
        url="https://www.example.org/charter",
    )
    ActionSuggestion.objects.create(
        area=world.area_a, proposed_by=by, description="Evening session for carers", why="-"
    )
    version = case_study_start(area=world.area_a, by=world.facilitator_a.person, title="Screening")
    SectionComment.objects.create(
        version=version, section="tips", body="Name the community leaders' roles", written_by=by
    )
    return statement


def test_your_suggestions_lists_every_kind_with_its_state(client, world):
    statement = _one_of_each(world, world.community_a.person)
    client.force_login(world.community_a)
    page = client.get(reverse("suggestions")).content.decode()
    for words in (
        statement.title,
        "Charter for Older People",
        "Evening session for carers",
        "Name the community leaders",
        "A comment on “Tips for others”",
        "Waiting for a facilitator",
        "Open",
    ):
        assert words in page
    assert "Waiting for your decision" not in page


def test_facilitators_see_what_waits_for_them_and_others_areas_do_not_count(client, world):
    _one_of_each(world, world.community_a.person)
    client.force_login(world.facilitator_a)
    page = client.get(reverse("suggestions")).content.decode()
    # The comment is for the authors, not a decision: three wait.
    assert "Waiting for your decision (3)" in page
    client.force_login(world.facilitator_b)
    assert "Waiting for your decision" not in client.get(reverse("suggestions")).content.decode()


def test_your_suggestions_costs_the_same_at_any_size(client, world, django_assert_max_num_queries):
    for _ in range(5):
        _one_of_each(world, world.community_a.person)
    client.force_login(world.community_a)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("suggestions")).status_code == 200


def test_the_header_leads_everyone_in_an_area_to_their_suggestions(client, world):
    client.force_login(world.community_a)
    page = client.get(reverse("workshops:my-actions")).content.decode()
    assert f'href="{reverse("suggestions")}"' in page


def test_next_morning_is_eight_today_before_eight_and_tomorrow_after():
    early = timezone.make_aware(dt.datetime(2026, 3, 2, 7, 30))
    late = timezone.make_aware(dt.datetime(2026, 3, 2, 8, 0))
    assert timezone.localtime(services.next_morning(early)).date() == dt.date(2026, 3, 2)
    assert timezone.localtime(services.next_morning(late)).date() == dt.date(2026, 3, 3)


def _due(email):
    ReviewEmail.objects.filter(pk=email.pk).update(send_after=timezone.now())


def test_ten_suggestions_make_one_email_listing_them_sent_once(world):
    for n in range(10):
        action_suggestions.action_suggestion_make(
            area=world.area_a, by=world.community_a.person, description=f"Idea {n}", why="-"
        )
    email = ReviewEmail.objects.get(person=world.facilitator_a.person)
    assert email.purpose == ReviewEmailPurpose.WAITING
    _due(email)
    send_review_email(email.pk)
    send_review_email(email.pk)
    [message] = mail.outbox
    assert message.to == [world.facilitator_a.person.email]
    assert message.subject == "10 suggestions to decide on"
    assert "Idea 0" in message.body
    assert "Idea 9" in message.body
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT


def test_the_sweep_sends_the_morning_email_when_it_is_due(
    world, django_capture_on_commit_callbacks
):
    action_suggestions.action_suggestion_make(
        area=world.area_a, by=world.community_a.person, description="Idea", why="-"
    )
    sweep_review_emails()
    assert mail.outbox == []  # not yet morning
    _due(ReviewEmail.objects.get())
    sweep_review_emails.apply()
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_nothing_waits_any_more(world):
    suggestion = action_suggestions.action_suggestion_make(
        area=world.area_a, by=world.community_a.person, description="Idea", why="-"
    )
    services.suggestion_decline(suggestion=suggestion, by=world.facilitator_a.person, note="No")
    email = ReviewEmail.objects.get(person=world.facilitator_a.person)
    _due(email)
    send_review_email(email.pk)
    email.refresh_from_db()
    assert email.status == OutboxStatus.SKIPPED
    assert [m.to for m in mail.outbox] == []


def test_the_proposer_hears_of_each_decision_in_one_email(world):
    person = world.community_a.person
    first, second = (
        action_suggestions.action_suggestion_make(
            area=world.area_a, by=person, description=f"Idea {n}", why="-"
        )
        for n in (1, 2)
    )
    services.suggestion_decline(suggestion=first, by=world.facilitator_a.person, note="Done")
    action_suggestions.action_suggestion_accept(
        suggestion=second, by=world.facilitator_a.person, description="Idea 2", owner=person
    )
    email = ReviewEmail.objects.get(person=person, purpose=ReviewEmailPurpose.DECIDED)
    _due(email)
    send_review_email(email.pk)
    [message] = [m for m in mail.outbox if m.subject == "What became of your suggestions"]
    assert "Declined: Done" in message.body
    assert "Accepted" in message.body


def _section(key):
    return next(section for section in registry.sections() if section.key == key)


def test_a_persons_export_holds_what_they_suggested_and_commented_in_the_areas_asked(world):
    person = world.community_a.person
    statement = _one_of_each(world, person)

    suggested = _section("suggestions").export(person, None)
    assert {row["what"] for row in suggested} == {
        statement.title,
        "Charter for Older People",
        "Evening session for carers",
    }
    assert {row["decision"] for row in suggested} == {"Waiting for a facilitator"}
    [comment] = _section("case_study_comments").export(person, None)
    assert comment["comment"] == "Name the community leaders' roles"
    assert comment["area"] == world.area_a.name

    elsewhere = frozenset({world.area_b.pk})
    assert _section("suggestions").export(person, elsewhere) == []
    assert _section("case_study_comments").export(person, elsewhere) == []
    assert registry.area_ids_of(person) >= {world.area_a.pk}


def test_erasure_removes_a_persons_comments_and_keeps_what_they_suggested(world):
    person = world.community_a.person
    _one_of_each(world, person)

    erase_person(person=person, by=world.facilitator_a.person, reason="Asked by email")

    assert SectionComment.objects.get().body == ERASED_COMMENT
    assert ActionSuggestion.objects.get().description == "Evening session for carers"
    assert CaoProposal.objects.get().proposed_by_id == person.pk
