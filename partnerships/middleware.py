import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from partnerships import access
from partnerships.models import ProgrammeRole
from partnerships.signed_in import has_second_factor

# Roles that see other people's personal data, so their accounts need a second factor.
TWO_FACTOR_ROLES = frozenset({ProgrammeRole.LEAD, *access.MANAGING_ROLES})

# Where a person without a second factor may still go: setting one up, and leaving.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/accessibility/", "/privacy/")


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY, {feature: origins allowed}, on every response:
    `camera=()` for a feature no one may use, `fullscreen=(self)` for this site only."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RequireTwoFactorMiddleware:
    """Sends programme leads, facilitators and staff (the admin) to set up TOTP first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_two_factor(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_set_up_two_factor(request):
        if not settings.MFA_REQUIRED or not request.user.is_authenticated:
            return False
        if request.path.startswith(_ALLOWED_PREFIXES):
            return False
        holds_personal_data = request.user.is_staff or access.holds_any_role(
            request.user, TWO_FACTOR_ROLES
        )
        return holds_personal_data and not has_second_factor(request.user)


SIGNED_IN_AT = "signed_in_at"
REFRESHED_AT = "refreshed_at"


class SlidingSessionMiddleware:
    """Keeps a session alive while it is used, writing it only every few minutes.

    The idle limit (SESSION_COOKIE_AGE) counts from the session's last save. Saving on
    every request slid it exactly, at the cost of a database write per request; saving
    when the last save is SESSION_REFRESH_SECONDS old slides it as far, give or take that
    much, and only ever shortens the idle limit, never lengthens it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        refreshed_at = session.get(REFRESHED_AT, 0)
        if (
            not session.is_empty()
            and time.time() - refreshed_at >= settings.SESSION_REFRESH_SECONDS
        ):
            session[REFRESHED_AT] = time.time()
        return response


@receiver(user_logged_in)
def _note_sign_in_time(sender, request, user, **kwargs):
    # Signing in saves the session: that save is its first refresh too.
    request.session[SIGNED_IN_AT] = request.session[REFRESHED_AT] = time.time()


class AbsoluteSessionLimitMiddleware:
    """Signs people out a fixed time after they signed in, however active they have been.

    The idle limit (SESSION_COOKIE_AGE) alone would let a busy shared laptop stay signed
    in for ever. A post cut off here is kept by `login_required_keeping_post` for the
    person signed out, and sent once they sign in again and confirm it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in_at = request.session.get(SIGNED_IN_AT)
        if (
            request.user.is_authenticated
            and signed_in_at is not None
            and time.time() - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS
        ):
            logout(request)
            messages.info(request, "For safety you are signed out after a long day. Sign in again.")
        return self.get_response(request)
