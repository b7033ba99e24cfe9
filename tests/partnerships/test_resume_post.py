"""A post that arrives signed out is kept only for the account that was signed in on that
browser, and sent only when that person, signed in again, sees it and confirms it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from areas.models import SpendStatus
from partnerships.middleware import SIGNED_IN_AT
from partnerships.models import HeldPost
from partnerships.resubmit import AUTHOR_COOKIE
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory
from tests.factories import PASSWORD, current_totp_code
from tests.workshops.factories import SessionFactory
from workshops.models import Insight

pytestmark = pytest.mark.django_db

OVERRIDE = "Agreed by phone with the chair."


@pytest.fixture
def big_claim(world):
    """A £9,999 claim waiting in area A, far over its budget."""
    return SpendLineFactory(
        budget=BudgetFactory(area=world.area_a, allocated=Decimal("100.00")),
        amount=Decimal("9999.00"),
        payee_name="Someone Unknown",
    )


def _approve_url(line):
    return reverse("areas:line-approve", args=[line.budget.area.slug, line.pk])


def _approve_as_nobody(client, line):
    return client.post(_approve_url(line), {"version": line.version, "override_reason": OVERRIDE})


def _sign_in(client, user):
    """Through the real forms, two-factor code included, as a person at the browser does."""
    signed_in = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD, "next": "/resume/"}
    )
    if signed_in["Location"].startswith(reverse("mfa_authenticate")):
        signed_in = client.post(signed_in["Location"], {"code": current_totp_code()})
    return signed_in


def _session_expires(client):
    """The idle limit passes: the browser drops the session cookie, the server the session."""
    client.cookies.pop(settings.SESSION_COOKIE_NAME)


def _was_signed_in(client, user):
    """`user` used this browser, then their session expired."""
    client.force_login(user)
    client.get(reverse("workshops:my-actions"))
    _session_expires(client)


def _add_barrier_url(session):
    return reverse("workshops:insight-add", args=[session.area.slug, session.pk, "barrier"])


# The attack ---------------------------------------------------------------------------


def test_a_post_from_a_browser_nobody_was_signed_in_on_is_never_replayed(client, world, big_claim):
    response = _approve_as_nobody(client, big_claim)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not HeldPost.objects.exists()
    _sign_in(client, world.facilitator_a)
    resumed = client.get("/resume/", follow=True)
    client.post("/resume/", {"send": "1"})

    big_claim.refresh_from_db()
    assert big_claim.status == SpendStatus.PENDING
    assert big_claim.decided_by is None
    assert "There was nothing waiting to be saved." in resumed.content.decode()


def test_a_post_kept_for_one_account_is_never_sent_as_another(client, world, big_claim):
    _was_signed_in(client, world.steering_a)
    _approve_as_nobody(client, big_claim)
    assert HeldPost.objects.get().user == world.steering_a

    _sign_in(client, world.facilitator_a)
    page = client.get("/resume/", follow=True).content.decode()
    client.post("/resume/", {"send": "1"})

    big_claim.refresh_from_db()
    assert big_claim.status == SpendStatus.PENDING
    assert OVERRIDE not in page
    assert "There was nothing waiting to be saved." in page
    assert not HeldPost.objects.exists()


def test_a_signed_out_post_says_nothing_was_saved_when_nobody_was_signed_in(client, world):
    session = SessionFactory(area=world.area_a)

    response = client.post(_add_barrier_url(session), {"new-barrier-text": "Words"}, follow=True)

    assert "nothing you sent was saved" in response.content.decode()
    assert not Insight.objects.exists()


# The rightful author --------------------------------------------------------------------


def test_the_author_sees_what_will_be_sent_and_where_before_anything_is_saved(
    client, world, big_claim
):
    _was_signed_in(client, world.facilitator_a)
    held = _approve_as_nobody(client, big_claim)
    assert held["Location"] == f"{reverse('account_login')}?next=/resume/"

    signed_in = _sign_in(client, world.facilitator_a)
    assert signed_in["Location"] == "/resume/"
    page = client.get("/resume/")

    body = page.content.decode()
    assert page.status_code == 200
    assert "Check what you sent before you were signed out" in body
    assert "Approve a claim" in body
    assert "Override reason" in body
    assert OVERRIDE in body
    assert _approve_url(big_claim) in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert "no-store" in page["Cache-Control"]
    big_claim.refresh_from_db()
    assert big_claim.status == SpendStatus.PENDING


def test_the_author_confirms_and_it_is_saved_once(client, world):
    session = SessionFactory(area=world.area_a)
    _was_signed_in(client, world.facilitator_a)
    client.post(_add_barrier_url(session), {"new-barrier-text": "Written before the timeout"})
    _sign_in(client, world.facilitator_a)
    client.get("/resume/")

    sent = client.post("/resume/", {"send": "1", "held": HeldPost.objects.get().pk}, follow=True)
    again = client.post("/resume/", {"send": "1"}, follow=True)

    assert Insight.objects.get().text == "Written before the timeout"
    assert sent.redirect_chain[-1][0] == f"{session.get_absolute_url()}#barriers"
    assert "We kept what you wrote and have now sent it" in sent.content.decode()
    assert "There was nothing waiting to be saved." in again.content.decode()
    assert Insight.objects.count() == 1
    assert not HeldPost.objects.exists()


def test_confirming_needs_the_csrf_token(client, world):
    session = SessionFactory(area=world.area_a)
    _was_signed_in(client, world.facilitator_a)
    client.post(_add_barrier_url(session), {"new-barrier-text": "Words"})
    client.force_login(world.facilitator_a)
    browser = Client(enforce_csrf_checks=True)
    browser.cookies = client.cookies

    refused = browser.post("/resume/", {"send": "1", "held": HeldPost.objects.get().pk})

    assert refused.status_code == 403
    assert not Insight.objects.exists()
    assert HeldPost.objects.exists()


def test_the_author_may_discard_what_was_kept(client, world):
    session = SessionFactory(area=world.area_a)
    _was_signed_in(client, world.facilitator_a)
    client.post(_add_barrier_url(session), {"new-barrier-text": "Second thoughts"})
    client.force_login(world.facilitator_a)

    response = client.post(
        "/resume/", {"discard": "1", "held": HeldPost.objects.get().pk}, follow=True
    )

    assert "What you wrote has been thrown away" in response.content.decode()
    assert not Insight.objects.exists()
    assert not HeldPost.objects.exists()


def test_a_confirmation_sends_only_the_post_it_showed(client, world):
    """Another signed-out post from a second tab replaces the kept one: the page that
    showed the first cannot send the second unseen."""
    session = SessionFactory(area=world.area_a)
    _was_signed_in(client, world.facilitator_a)
    client.post(_add_barrier_url(session), {"new-barrier-text": "First tab"})
    shown = HeldPost.objects.get().pk
    client.post(_add_barrier_url(session), {"new-barrier-text": "Second tab"})
    client.force_login(world.facilitator_a)

    client.post("/resume/", {"send": "1", "held": shown})

    assert not Insight.objects.exists()
    assert HeldPost.objects.get().data["new-barrier-text"] == ["Second tab"]


def test_a_post_kept_too_long_ago_is_not_sent(client, world):
    session = SessionFactory(area=world.area_a)
    _was_signed_in(client, world.facilitator_a)
    client.post(_add_barrier_url(session), {"new-barrier-text": "Old words"})
    held = HeldPost.objects.get()
    HeldPost.objects.update(held_at=timezone.now() - timedelta(hours=2))
    client.force_login(world.facilitator_a)

    page = client.get("/resume/", follow=True).content.decode()
    client.post("/resume/", {"send": "1", "held": held.pk})

    assert "There was nothing waiting to be saved." in page
    assert not Insight.objects.exists()


# Who counts as the author ----------------------------------------------------------------


def test_signing_out_on_purpose_forgets_who_was_signed_in(client, world):
    session = SessionFactory(area=world.area_a)
    client.force_login(world.facilitator_a)
    client.get(reverse("workshops:my-actions"))
    assert AUTHOR_COOKIE in client.cookies

    client.post(reverse("account_logout"))
    client.post(_add_barrier_url(session), {"new-barrier-text": "Typed by the next person"})

    assert client.cookies[AUTHOR_COOKIE].value == ""
    assert not HeldPost.objects.exists()


def test_the_long_day_limit_keeps_the_post_for_the_person_it_signed_out(client, world):
    session = SessionFactory(area=world.area_a)
    client.force_login(world.facilitator_a)
    client.get(reverse("workshops:my-actions"))
    browser_session = client.session
    browser_session[SIGNED_IN_AT] = 0
    browser_session.save()

    response = client.post(_add_barrier_url(session), {"new-barrier-text": "End of a long day"})

    assert response["Location"] == f"{reverse('account_login')}?next=/resume/"
    assert HeldPost.objects.get().user == world.facilitator_a


def test_the_cookie_naming_the_author_cannot_be_forged(client, world):
    session = SessionFactory(area=world.area_a)
    client.cookies[AUTHOR_COOKIE] = str(world.facilitator_a.pk)

    client.post(_add_barrier_url(session), {"new-barrier-text": "Forged"})

    assert not HeldPost.objects.exists()


def test_the_confirmation_names_fields_and_choices_in_words(client, world):
    session = SessionFactory(area=world.area_a)
    _was_signed_in(client, world.facilitator_a)
    client.post(
        reverse("workshops:insight-add", args=[session.area.slug, session.pk, "quote"]),
        {
            "new-quote-version": "3",
            "new-quote-text": "They finally listened.",
            "new-quote-attribution": "A carer from Pensnett",
            "new-quote-speaker": str(world.steering_a.person.pk),
            "new-quote-consent": "written",
            "new-quote-consent_on": "",
        },
    )
    client.force_login(world.facilitator_a)

    body = client.get("/resume/").content.decode()

    assert "How should the speaker be named?" in body
    assert "A carer from Pensnett" in body
    assert "Consent to quote them" in body
    assert "Written consent" in body
    assert "1 choice from a list" in body
    assert world.steering_a.person.full_name not in body
    assert "Version" not in body
    assert "Date consent was given" not in body
