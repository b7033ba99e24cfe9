from datetime import date

import pytest
from django.urls import reverse

from areas.models import CaoRevision, CaoStatement, CaoStatus
from areas.outcomes import services
from partnerships.versioning import EditConflict
from tests.factories import CaoStatementFactory

pytestmark = pytest.mark.django_db

CONTENT = {
    "title": "Receptionists who understand",
    "challenge": "Patients from diverse communities feel misunderstood at the front desk.",
    "actions": "Train receptionists at four practices with community leaders.",
    "outcome": "Receptionists feel confident and patients feel welcome.",
    "status": CaoStatus.DRAFT,
    "as_of": date(2023, 1, 10),
}


def _url(name, statement, *args):
    return reverse(
        f"areas:outcomes:{name}", args=[statement.area.slug, statement.pk, *map(str, args)]
    )


def _form(statement, **changes):
    """The edit form as a browser would post it, from what the statement says now."""
    data = {**statement.content(), "version": statement.version, "reason": "Agreed in May."}
    data.update(changes)
    as_of = data.pop("as_of")
    return {
        **data,
        "as_of_day": as_of.day,
        "as_of_month": as_of.month,
        "as_of_year": as_of.year,
    }


def _snapshot(statement):
    return list(
        CaoRevision.objects.filter(statement=statement)
        .order_by("number")
        .values(
            "number",
            "title",
            "challenge",
            "actions",
            "outcome",
            "status",
            "as_of",
            "reason",
            "author_id",
            "created_at",
            "restored_from",
        )
    )


def test_a_new_statement_starts_with_its_first_revision(world):
    author = world.facilitator_a.person
    statement = services.cao_statement_create(area=world.area_a, by=author, **CONTENT)

    [revision] = statement.revisions.all()
    assert revision.number == statement.version == 1
    assert revision.content() == CONTENT
    assert revision.author == author
    assert revision.reason == "First version"


def test_revisions_and_restore_only_ever_add_to_the_history(world):
    author = world.facilitator_a.person
    statement = services.cao_statement_create(area=world.area_a, by=author, **CONTENT)
    services.cao_statement_revise(
        statement=statement,
        version=1,
        by=author,
        reason="Training agreed",
        **{**CONTENT, "status": CaoStatus.CURRENT},
    )
    services.cao_statement_revise(
        statement=statement,
        version=2,
        by=world.lead.person,
        reason="Forty receptionists trained",
        **{**CONTENT, "status": CaoStatus.CURRENT, "actions": "Forty receptionists trained."},
    )
    before = _snapshot(statement)

    restored = services.cao_statement_restore(
        revision=statement.revisions.get(number=1), version=3, by=author, reason="Back to draft"
    )

    after = _snapshot(statement)
    assert after[:3] == before, "earlier revisions are untouched"
    assert restored.number == 4
    assert restored.restored_from == 1
    assert restored.content() == CONTENT
    statement.refresh_from_db()
    assert statement.version == 4
    assert statement.content() == CONTENT


def test_a_stale_version_is_a_conflict_and_saves_nothing(world):
    statement = CaoStatementFactory(area=world.area_a)
    services.cao_statement_revise(
        statement=statement,
        version=1,
        by=world.facilitator_a.person,
        reason="First edit",
        **{**statement.content(), "title": "Theirs"},
    )

    with pytest.raises(EditConflict) as conflict:
        services.cao_statement_revise(
            statement=statement,
            version=1,
            by=world.lead.person,
            reason="Second edit",
            **{**statement.content(), "title": "Mine"},
        )

    assert conflict.value.current.title == "Theirs"
    assert statement.revisions.count() == 2
    statement.refresh_from_db()
    assert statement.title == "Theirs"


def test_saving_the_same_content_is_not_a_revision(world):
    statement = CaoStatementFactory(area=world.area_a)
    with pytest.raises(services.NothingChanged):
        services.cao_statement_revise(
            statement=statement,
            version=1,
            by=world.facilitator_a.person,
            reason="No change",
            **statement.content(),
        )
    assert statement.revisions.count() == 1


def test_facilitator_revises_a_statement_with_a_reason(client, world):
    statement = CaoStatementFactory(area=world.area_a)
    client.force_login(world.facilitator_a)

    response = client.post(
        _url("statement-edit", statement),
        _form(statement, actions="Champions visit every GP practice.", reason="Agreed in May."),
    )

    assert response.status_code == 302
    revision = statement.revisions.get(number=2)
    assert revision.actions == "Champions visit every GP practice."
    assert revision.reason == "Agreed in May."
    assert revision.author == world.facilitator_a.person
    assert CaoStatement.objects.get(pk=statement.pk).version == 2


def test_a_revision_needs_a_reason_and_keeps_what_was_typed(client, world):
    statement = CaoStatementFactory(area=world.area_a)
    client.force_login(world.facilitator_a)

    response = client.post(
        _url("statement-edit", statement), _form(statement, title="A new title", reason="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Say why you are changing the statement."]
    assert 'value="A new title"' in response.content.decode()
    assert statement.revisions.count() == 1


def test_an_unchanged_statement_is_not_saved_again(client, world):
    statement = CaoStatementFactory(area=world.area_a)
    client.force_login(world.facilitator_a)

    response = client.post(_url("statement-edit", statement), _form(statement))

    assert "Nothing has changed" in response.content.decode()
    assert statement.revisions.count() == 1


def test_the_second_of_two_editors_sees_the_conflict_and_keeps_their_text(client, world):
    statement = CaoStatementFactory(area=world.area_a)
    mine = _form(statement, actions="My plan: visit the mosque and the gurdwara.")
    # Someone else saves first, from the same version.
    services.cao_statement_revise(
        statement=statement,
        version=1,
        by=world.lead.person,
        reason="Their reason",
        **{**statement.content(), "actions": "Their plan: a stall at the market."},
    )
    client.force_login(world.facilitator_a)

    response = client.post(_url("statement-edit", statement), mine)

    assert response.status_code == 200
    body = response.content.decode()
    assert f"{world.lead.person.full_name} saved a new version" in body
    assert "Their plan: a stall at the market." in body
    assert "Their reason" in body
    assert "My plan: visit the mosque and the gurdwara.</textarea>" in body
    assert statement.revisions.count() == 2, "nothing was overwritten"
    form = response.context["form"]
    assert form["version"].value() == 2

    # Saving again, now knowingly on top of their version, goes through.
    response = client.post(_url("statement-edit", statement), {**mine, "version": 2})
    assert response.status_code == 302
    assert statement.revisions.get(number=3).actions.startswith("My plan")


def test_restoring_through_the_page_adds_a_revision(client, world):
    statement = CaoStatementFactory(area=world.area_a, title="Original title")
    services.cao_statement_revise(
        statement=statement,
        version=1,
        by=world.facilitator_a.person,
        reason="Renamed",
        **{**statement.content(), "title": "New title"},
    )
    client.force_login(world.facilitator_a)
    page = client.get(_url("revision", statement, 1)).content.decode()
    assert "Bring back revision 1" in page

    response = client.post(
        _url("revision-restore", statement, 1), {"reason": "The old name was clearer", "version": 2}
    )

    assert response.status_code == 302
    restored = statement.revisions.get(number=3)
    assert restored.title == "Original title"
    assert restored.restored_from == 1
    assert statement.revisions.get(number=2).title == "New title"


def test_restoring_needs_a_reason_and_the_latest_version(client, world):
    statement = CaoStatementFactory(area=world.area_a)
    services.cao_statement_revise(
        statement=statement,
        version=1,
        by=world.facilitator_a.person,
        reason="Renamed",
        **{**statement.content(), "title": "New title"},
    )
    client.force_login(world.facilitator_a)
    url = _url("revision-restore", statement, 1)

    no_reason = client.post(url, {"reason": "", "version": 2})
    stale = client.post(url, {"reason": "Go back", "version": 1})

    assert "Say why you are bringing this version back." in no_reason.content.decode()
    assert "Someone saved revision 2 while you were reading" in stale.content.decode()
    assert statement.revisions.count() == 2


def test_people_who_do_not_run_the_area_cannot_change_statements(client, world):
    statement = CaoStatementFactory(area=world.area_a)
    for user in (world.steering_a, world.lco_a):
        client.force_login(user)
        assert client.get(_url("statement-edit", statement)).status_code == 403
        assert client.post(_url("statement-edit", statement), _form(statement)).status_code == 403
        restore = client.post(_url("revision-restore", statement, 1), {"reason": "x", "version": 1})
        assert restore.status_code == 403
        page = client.get(_url("statement", statement)).content.decode()
        assert "Change this statement" not in page
        assert "Bring back" not in client.get(_url("revision", statement, 1)).content.decode()
    assert statement.revisions.count() == 1


def test_every_role_in_the_area_reads_a_statement_and_its_history(client, world):
    statement = CaoStatementFactory(area=world.area_a, title="Letters people can read")
    for user in (world.facilitator_a, world.steering_a, world.lco_a, world.lead):
        client.force_login(user)
        response = client.get(_url("statement", statement))
        assert response.status_code == 200
        assert "Letters people can read" in response.content.decode()


def test_outsiders_get_not_found_and_anonymous_people_sign_in(client, world):
    statement = CaoStatementFactory(area=world.area_a)
    url = _url("statement", statement)
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    client.force_login(world.facilitator_b)
    assert client.get(url).status_code == 404
    # Another area's statement id under this area's address is not found either.
    elsewhere = CaoStatementFactory(area=world.area_b)
    client.force_login(world.facilitator_a)
    wrong = reverse("areas:outcomes:statement", args=[world.area_a.slug, elsewhere.pk])
    assert client.get(wrong).status_code == 404
