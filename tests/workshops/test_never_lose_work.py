"""Drafts kept while typing, and posts kept through an expired sign-in."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, current_totp_code
from tests.workshops.factories import SessionFactory
from workshops.models import Draft, Insight


@pytest.fixture
def session(world):
    return SessionFactory(area=world.area_a)


def _draft_url(session):
    return reverse("workshops:draft-save", args=[session.area.slug, session.pk])


def test_typing_is_kept_as_a_draft_and_offered_back_on_the_page(client, world, session):
    client.force_login(world.facilitator_a)

    response = client.post(
        _draft_url(session),
        {"form_key": "insight-new-barrier", "new-barrier-text": "Buses stop at six"},
        HTTP_X_AUTOSAVE="1",
    )
    page = client.get(session.get_absolute_url()).content.decode()

    assert response.status_code == 200
    assert "saved_at" in response.json()
    assert "Buses stop at six" in page
    assert "These are the words you had not saved yet" in page


def test_saving_the_form_discards_its_draft(client, world, session):
    client.force_login(world.facilitator_a)
    client.post(
        _draft_url(session), {"form_key": "insight-new-barrier", "new-barrier-text": "Buses"}
    )

    client.post(
        reverse("workshops:insight-add", args=[session.area.slug, session.pk, "barrier"]),
        {"new-barrier-text": "Buses stop at six"},
    )

    assert not Draft.objects.exists()


def _draft_token(page: str, form_key: str) -> str:
    """The token rendered in the page's form that autosaves under `form_key`."""
    form = page.split(f'data-autosave="{form_key}"', 1)[1]
    return re.search(r'name="draft_token" value="([^"]+)"', form).group(1)


def test_an_autosave_that_arrives_after_its_form_was_saved_is_refused(client, world, session):
    client.force_login(world.facilitator_a)
    opened = {"add": "barrier"}
    token = _draft_token(
        client.get(session.get_absolute_url(), opened).content.decode(), "insight-new-barrier"
    )
    client.post(
        reverse("workshops:insight-add", args=[session.area.slug, session.pk, "barrier"]),
        {"new-barrier-text": "Buses stop at six", "draft_token": token},
    )

    # The autosave of the same words, sent before the save, reaches the server after it.
    late = client.post(
        _draft_url(session),
        {
            "form_key": "insight-new-barrier",
            "new-barrier-text": "Buses stop at six",
            "draft_token": token,
        },
    )
    page = client.get(session.get_absolute_url(), opened).content.decode()

    assert late.status_code == 409
    assert late.json() == {"error": "already-saved"}
    assert "These are the words you had not saved yet" not in page
    assert Insight.objects.filter(session=session).count() == 1
    # The fresh form the save brought back keeps drafts as before.
    fresh = _draft_token(page, "insight-new-barrier")
    assert fresh != token
    kept = client.post(
        _draft_url(session),
        {"form_key": "insight-new-barrier", "new-barrier-text": "Next", "draft_token": fresh},
    )
    assert kept.status_code == 200
    assert Draft.objects.get().data == {"new-barrier-text": "Next"}


def test_drafts_are_each_persons_own(client, world, session):
    other = world.lead
    client.force_login(world.facilitator_a)
    client.post(_draft_url(session), {"form_key": "summary", "summary-summary": "Private words"})

    client.force_login(other)
    page = client.get(session.get_absolute_url()).content.decode()

    assert "Private words" not in page


@pytest.mark.parametrize(
    "data",
    [
        {"form_key": "password", "x": "y"},
        {"form_key": "summary", "summary-summary": "x" * 20_001},
        {"form_key": "summary", **{f"field{n}": "x" for n in range(21)}},
    ],
)
def test_anything_but_a_page_form_is_not_kept(client, world, session, data):
    client.force_login(world.facilitator_a)
    assert client.post(_draft_url(session), data).status_code == 400
    assert not Draft.objects.exists()


def test_an_expired_sign_in_is_reported_to_the_page_not_redirected(client, session):
    response = client.post(_draft_url(session), {"form_key": "summary"})
    assert response.status_code == 401
    assert response.json() == {"error": "signed-out"}


def test_a_draft_can_be_discarded(client, world, session):
    client.force_login(world.facilitator_a)
    client.post(_draft_url(session), {"form_key": "summary", "summary-summary": "Old words"})

    response = client.post(_draft_url(session), {"form_key": "summary", "discard": "1"})

    assert response["Location"] == session.get_absolute_url()
    assert not Draft.objects.exists()


def _signed_in_until_it_expired(client, user, session):
    client.force_login(user)
    client.get(session.get_absolute_url())
    # The idle limit passes: the browser drops the session cookie, the server the session.
    client.cookies.pop(settings.SESSION_COOKIE_NAME)


def test_a_post_made_after_the_sign_in_expired_is_saved_after_signing_in_again(
    client, world, session
):
    add_barrier = reverse("workshops:insight-add", args=[session.area.slug, session.pk, "barrier"])
    _signed_in_until_it_expired(client, world.facilitator_a, session)

    response = client.post(add_barrier, {"new-barrier-text": "Written before the timeout"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/resume/"
    assert not Insight.objects.exists()

    signed_in = client.post(
        reverse("account_login"),
        {"login": world.facilitator_a.email, "password": PASSWORD, "next": "/resume/"},
    )
    # Facilitators also give a two-factor code; the kept post waits through that too.
    assert signed_in.status_code == 302
    authenticated = client.post(signed_in["Location"], {"code": current_totp_code()})
    assert authenticated["Location"] == "/resume/"

    shown = client.get("/resume/")
    assert "Written before the timeout" in shown.content.decode()
    assert not Insight.objects.exists()
    replayed = client.post("/resume/", {"send": "1", "held": shown.context["held"].pk}, follow=True)

    assert Insight.objects.get().text == "Written before the timeout"
    assert replayed.redirect_chain[-1][0] == f"{session.get_absolute_url()}#barriers"
    assert "We kept what you wrote" in replayed.content.decode()


def test_an_htmx_post_after_the_sign_in_expired_sends_the_page_to_sign_in(client, world, session):
    add_barrier = reverse("workshops:insight-add", args=[session.area.slug, session.pk, "barrier"])
    _signed_in_until_it_expired(client, world.facilitator_a, session)

    response = client.post(add_barrier, {"new-barrier-text": "Words"}, HTTP_HX_REQUEST="true")

    assert response["HX-Redirect"] == f"{reverse('account_login')}?next=%2Fresume%2F"


def test_resuming_with_nothing_kept_goes_home(client, world):
    client.force_login(world.facilitator_a)
    response = client.get("/resume/", follow=True)
    assert "There was nothing waiting to be saved." in response.content.decode()


@pytest.mark.parametrize("token", ["\x00", "x" * 40, "<b>"])
def test_a_save_with_a_draft_token_no_page_made_is_saved_all_the_same(
    client, world, session, token
):
    client.force_login(world.facilitator_a)
    response = client.post(
        reverse("workshops:insight-add", args=[session.area.slug, session.pk, "barrier"]),
        {"new-barrier-text": "Buses stop at six", "draft_token": token},
    )

    assert response.status_code == 302
    assert Insight.objects.filter(session=session, text="Buses stop at six").exists()
    assert not Draft.objects.exists()
