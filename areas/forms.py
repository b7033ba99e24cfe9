from django import forms

from areas.models import LocalCoordinatingOrganisation, Seat, Stage, SteeringMember, SubGroup
from partnerships.models import AreaRole, Invitation, Membership, Organisation, Person, Sector


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


class StageChangeForm(forms.Form):
    stage = forms.ChoiceField(
        label="Which kind of support does the partnership need now?",
        choices=Stage.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why has this changed?",
        help_text="A sentence or two the whole programme can understand later.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, area, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)

    def clean_stage(self):
        stage = self.cleaned_data["stage"]
        if stage == self.area.stage:
            raise forms.ValidationError(
                f"{self.area} is already at “{Stage(stage).label}”. Choose a different stage."
            )
        return stage


class SeatFields(forms.Form):
    """The seat and organisation fields shared by adding, inviting and editing a member."""

    seat = forms.ChoiceField(
        label="Seat at the table", choices=Seat.choices, widget=forms.RadioSelect
    )
    organisation = forms.ModelChoiceField(
        label="Organisation they represent",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="None, or a new organisation below",
    )
    new_organisation_name = forms.CharField(
        label="Or add a new organisation", max_length=200, required=False
    )
    new_organisation_sector = forms.ChoiceField(
        label="Sector of the new organisation",
        choices=[("", "Choose a sector"), *Sector.choices],
        required=False,
    )

    def __init__(self, *args, organisations, **kwargs):
        """`organisations`: those the user may see, the only ones they may choose."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations.order_by("name")

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("new_organisation_name", "").strip()
        if name and cleaned.get("organisation"):
            self.add_error(
                "new_organisation_name",
                "Choose an organisation from the list or add a new one, not both.",
            )
        elif name:
            visible = self.fields["organisation"].queryset.filter(name__iexact=name).first()
            if visible:
                self.add_error(
                    "new_organisation_name",
                    f"“{visible.name}” is already recorded. Choose it from the list instead.",
                )
            elif Organisation.objects.filter(name__iexact=name).exists():
                self.add_error(
                    "new_organisation_name",
                    "An organisation with this name is already recorded for another area. "
                    "Ask the programme team to add it to yours.",
                )
            elif not cleaned.get("new_organisation_sector"):
                self.add_error("new_organisation_sector", "Choose the new organisation's sector.")
        return cleaned


class SteeringMemberAddForm(SeatFields):
    person = forms.ModelChoiceField(
        label="Person", queryset=Person.objects.none(), empty_label="Choose a person"
    )
    field_order = ["person", "seat", "organisation", "new_organisation_name"]

    def __init__(self, *args, people, organisations, **kwargs):
        super().__init__(*args, organisations=organisations, **kwargs)
        self.fields["person"].queryset = people


class SteeringMemberInviteForm(SeatFields):
    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(
        label="Email address", help_text="We will email them an invitation to join the platform."
    )
    field_order = ["full_name", "email", "seat", "organisation", "new_organisation_name"]

    def __init__(self, *args, area, organisations, **kwargs):
        self.area = area
        super().__init__(*args, organisations=organisations, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if (
            SteeringMember.objects.current()
            .filter(area=self.area, person__email__iexact=email)
            .exists()
        ):
            raise forms.ValidationError(f"{email} is already on the {self.area} steering group.")
        if Person.objects.filter(email__iexact=email).exists():
            # Said the same way whoever holds the address, so nothing about them leaks.
            raise forms.ValidationError(
                "Someone with this email address is already on the platform. If they take "
                "part in one of your areas, choose them in the list above; if not, ask the "
                "programme team to add them."
            )
        return email


class SteeringMemberEditForm(SeatFields):
    pass


class SteeringMemberLeaveForm(forms.Form):
    reason = forms.CharField(
        label="Why are they leaving the group?",
        help_text="For example: moved to a new role, or stepped back for now.",
        max_length=300,
    )


class SubGroupForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    activity = forms.CharField(label="The one activity this sub-group leads", max_length=300)
    lead = forms.ModelChoiceField(
        label="Lead", queryset=Person.objects.none(), required=False, empty_label="No lead yet"
    )
    members = forms.ModelMultipleChoiceField(
        label="Members",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="From the steering group. The lead is always a member.",
    )

    def __init__(self, *args, area, sub_group=None, **kwargs):
        self.area, self.sub_group = area, sub_group
        super().__init__(*args, **kwargs)
        seated = Person.objects.filter(
            steering_seats__area=area, steering_seats__left_on__isnull=True
        ).order_by("full_name")
        self.fields["lead"].queryset = seated
        self.fields["members"].queryset = seated

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = SubGroup.objects.filter(area=self.area, name__iexact=name)
        if self.sub_group:
            clash = clash.exclude(pk=self.sub_group.pk)
        if clash.exists():
            raise forms.ValidationError(f"{self.area} already has a sub-group called “{name}”.")
        return name


class LcoForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
    )
    coordinator = forms.ModelChoiceField(
        label="Coordinator",
        queryset=Person.objects.none(),
        empty_label="Choose a person",
        help_text="They can cascade session notes and manage the area's small budgets.",
    )

    def __init__(self, *args, area, people, organisations, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = people
        self.fields["organisation"].queryset = organisations.order_by("name")

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if LocalCoordinatingOrganisation.objects.filter(
            area=self.area, organisation=organisation
        ).exists():
            raise forms.ValidationError(f"{organisation} is already an LCO for {self.area}.")
        return organisation
