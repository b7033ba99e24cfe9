from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """People join through an invitation to a role, never through open sign-up."""

    def is_open_for_signup(self, request):
        return False
