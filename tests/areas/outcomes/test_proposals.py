"""Anyone in the partnership proposes a change to a statement; a facilitator decides."""

import pytest
from django.urls import reverse

from areas.models import CaoProposal, CaoRevision, ProposalStatus
from tests.factories import CaoStatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(world):
    return CaoStatementFactory(area=world.area_a)


def proposal_data(statement, **changes):
    content = statement.content()
    as_of = content.pop("as_of")
    return {
        **content,
        "as_of_day": as_of.day,
        "as_of_month": as_of.month,
        "as_of_year": as_of.year,
        "version": statement.version,
        "reason": "The training reaches four practices now",
        **changes,
    }


def propose(client, statement, **changes):
    url = reverse("areas:outcomes:proposal-new", args=[statement.area.slug, statement.pk])
    return client.post(url, proposal_data(statement, **changes))


def proposal_url(proposal):
    statement = proposal.statement
    return reverse("areas:outcomes:proposal", args=[statement.area.slug, statement.pk, proposal.pk])


@pytest.mark.parametrize("persona", ["community_a", "steering_a", "lco_a"])
def test_anyone_in_the_partnership_proposes_and_nothing_changes_yet(
    client, world, statement, persona
):
    client.force_login(getattr(world, persona))
    response = propose(client, statement, outcome="Four practices trained by May")
    proposal = CaoProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal_url(proposal)
    assert proposal.proposed_by == getattr(world, persona).person
    assert proposal.outcome == "Four practices trained by May"
    statement.refresh_from_db()
    assert statement.version == 1
    assert statement.outcome != "Four practices trained by May"


def test_a_proposal_needs_a_reason_and_a_change(client, world, statement):
    client.force_login(world.community_a)
    response = propose(client, statement, outcome="Different", reason="")
    body = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in body
    assert "Say why the statement should change" in body
    response = propose(client, statement)
    assert "Nothing has changed" in response.content.decode()
    assert not CaoProposal.objects.exists()


def test_the_facilitator_accepts_with_an_edit_and_the_revision_names_the_proposer(
    client, world, statement
):
    client.force_login(world.community_a)
    propose(client, statement, outcome="Four practices trained")
    proposal = CaoProposal.objects.get()
    client.force_login(world.facilitator_a)
    page = client.get(proposal_url(proposal)).content.decode()
    assert "Accept it, as it is or edited" in page
    response = client.post(
        proposal_url(proposal),
        {
            **proposal_data(statement, outcome="Four practices and 40 receptionists trained"),
            "do": "accept",
        },
    )
    assert response.status_code == 302
    revision = CaoRevision.objects.get(statement=statement, number=2)
    assert revision.author == world.facilitator_a.person
    assert revision.proposed_by == world.community_a.person
    assert revision.outcome == "Four practices and 40 receptionists trained"
    proposal.refresh_from_db()
    assert proposal.decision == ProposalStatus.ACCEPTED
    assert proposal.revision == revision
    assert proposal.outcome == "Four practices trained"
    history = client.get(statement.get_absolute_url()).content.decode()
    assert f"proposed by {world.community_a.person.full_name}" in history


def test_declining_says_why_and_a_decided_proposal_cannot_be_decided_again(
    client, world, statement
):
    client.force_login(world.steering_a)
    propose(client, statement, outcome="Something else")
    proposal = CaoProposal.objects.get()
    client.force_login(world.facilitator_a)
    empty = client.post(proposal_url(proposal), {"do": "decline", "decline-note": ""})
    assert "Say why, so the person who suggested it knows" in empty.content.decode()
    client.post(proposal_url(proposal), {"do": "decline", "decline-note": "Not agreed yet"})
    proposal.refresh_from_db()
    assert proposal.decision == ProposalStatus.DECLINED
    assert proposal.decision_note == "Not agreed yet"
    response = client.post(
        proposal_url(proposal), {**proposal_data(statement, outcome="X"), "do": "accept"}
    )
    assert response.status_code == 403
    assert CaoRevision.objects.filter(statement=statement).count() == 1
    client.force_login(world.steering_a)
    assert "Not agreed yet" in client.get(proposal_url(proposal)).content.decode()


def test_accepting_after_the_statement_moved_on_shows_the_change_first(client, world, statement):
    client.force_login(world.community_a)
    propose(client, statement, outcome="Proposed outcome")
    proposal = CaoProposal.objects.get()
    client.force_login(world.facilitator_a)
    opened_at = statement.version
    edit = reverse("areas:outcomes:statement-edit", args=[world.area_a.slug, statement.pk])
    client.post(edit, proposal_data(statement, title="Renamed", reason="Tidy the title"))
    response = client.post(
        proposal_url(proposal),
        {**proposal_data(statement, outcome="Proposed outcome", version=opened_at), "do": "accept"},
    )
    assert response.status_code == 200
    assert "since you opened this page" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_waiting


def test_only_facilitators_decide(client, world, statement):
    client.force_login(world.community_a)
    propose(client, statement, outcome="Changed")
    proposal = CaoProposal.objects.get()
    for persona in ("steering_a", "community_a", "lco_a"):
        client.force_login(getattr(world, persona))
        assert "Accept it" not in client.get(proposal_url(proposal)).content.decode()
        response = client.post(
            proposal_url(proposal), {**proposal_data(statement, outcome="Y"), "do": "accept"}
        )
        assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.is_waiting


def test_people_outside_the_area_cannot_propose(client, world, statement):
    url = reverse("areas:outcomes:proposal-new", args=[world.area_a.slug, statement.pk])
    for user in (world.community_b, world.funder, world.no_role):
        client.force_login(user)
        assert client.get(url).status_code == 404
    assert not CaoProposal.objects.exists()
