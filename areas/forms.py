from django import forms

from partnerships.models import AreaRole, Invitation, Membership


class InvitationForm(forms.Form):
    """Invite someone to a role in one area."""

    full_name = forms.CharField(label="Full name", max_length=200, required=False)
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(
        label="Role in the partnership", choices=AreaRole.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, area, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        email, role = cleaned.get("email"), cleaned.get("role")
        if not (email and role):
            return cleaned
        role_label = AreaRole(role).label.lower()
        if Membership.objects.filter(
            area=self.area, role=role, person__email__iexact=email
        ).exists():
            self.add_error("email", f"{email} is already a {role_label} in {self.area}.")
        elif Invitation.objects.pending().filter(area=self.area, role=role, email=email).exists():
            self.add_error(
                "email",
                f"An invitation for {email} as {role_label} is already waiting. "
                "Withdraw it below if you want to send a new one.",
            )
        return cleaned
