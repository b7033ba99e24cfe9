from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from partnerships.client_address import client_address


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """People join through an invitation to a role, never through open sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        # Sign-in rate limits count per address: the client's, not the proxy's.
        address = client_address(request)
        if address is None:
            raise PermissionDenied("Unable to determine client IP address")
        return address
