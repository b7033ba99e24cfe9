from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from partnerships import access
from partnerships.models import ProgrammeRole

# Roles that see other people's personal data, so their accounts need a second factor.
TWO_FACTOR_ROLES = frozenset({ProgrammeRole.LEAD, *access.MANAGING_ROLES})

# Where a person without a second factor may still go: setting one up, and leaving.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/accessibility/", "/privacy/")


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
        return holds_personal_data and not is_mfa_enabled(request.user)
