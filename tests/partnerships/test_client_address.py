"""The client's address behind the TLS proxy: for sign-in limits, the audit log and logs."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from partnerships.client_address import client_address
from partnerships.models import AuditAction, AuditEvent
from tests.factories import PASSWORD, UserFactory

PROXY = "172.18.0.5"


def _request(forwarded=None, remote=PROXY):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def _sign_in(client, email, password, address):
    """A sign-in as the proxy passes it on: from the proxy's socket, naming the client."""
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        # Straight to the app: whatever the header says, the socket is the client.
        (0, "203.0.113.7", PROXY),
        (1, "203.0.113.7", "203.0.113.7"),
        # Entries the client wrote itself sit left of the one the proxy added.
        (1, "198.51.100.1, 10.0.0.1, 203.0.113.7", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        # A request that did not pass through every proxy (a health check inside).
        (1, None, PROXY),
        (2, "203.0.113.7", PROXY),
        (1, "not-an-address", None),
    ],
)
def test_the_client_is_the_entry_the_outermost_trusted_proxy_wrote(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(_request(forwarded)) == expected


def test_the_address_is_resolved_once_per_request(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = _request("203.0.113.7")
    assert client_address(request) == "203.0.113.7"
    request.META["HTTP_X_FORWARDED_FOR"] = "198.51.100.9"
    assert client_address(request) == "203.0.113.7"


@pytest.mark.django_db
def test_failed_sign_ins_from_many_people_behind_the_proxy_lock_no_one_else_out(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(11):
        response = _sign_in(client, UserFactory().email, "wrong-password", f"198.51.100.{number}")
        assert "Too many failed login attempts" not in response.content.decode()

    someone = UserFactory()
    response = _sign_in(client, someone.email, PASSWORD, "203.0.113.12")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(someone.pk)


@pytest.mark.django_db
def test_forged_forwarded_entries_do_not_escape_the_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(10):
        _sign_in(client, UserFactory().email, "wrong", f"10.0.0.{number}, 203.0.113.66")

    someone = UserFactory()
    response = _sign_in(client, someone.email, PASSWORD, "10.9.9.9, 203.0.113.66")

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_audit_log_records_the_client_not_the_proxy_nor_a_forgery(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()

    _sign_in(client, user.email, "wrong", "10.6.6.6, 203.0.113.7")
    _sign_in(client, user.email, PASSWORD, "203.0.113.7")

    events = AuditEvent.objects.filter(actor_email=user.email).order_by("pk")
    assert [(event.action, event.ip_address) for event in events] == [
        (AuditAction.SIGN_IN_FAILED, "203.0.113.7"),
        (AuditAction.SIGNED_IN, "203.0.113.7"),
    ]
