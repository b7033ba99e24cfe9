"""Forms of the action pages: an owner's update, reassigning, filtering the board, and
which follow-up emails a person gets."""

from django import forms

from areas.models import SubGroup
from partnerships.forms import VersionedForm
from partnerships.models import Person
from workshops.actions.models import ActionStatus
from workshops.forms import OWNER_HELP, OwnerChoiceField
from workshops.models import FollowUpKind, Session


class ProgressForm(VersionedForm):
    """An owner's update: the status (blocked needs a reason) and an optional note."""

    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action’s status."},
    )
    # Always shown rather than revealed by choosing Blocked: NHS.UK's conditional radios
    # put aria-expanded on a radio, which ARIA does not allow.
    blocked_reason = forms.CharField(
        label="What is blocking it?",
        required=False,
        max_length=2000,
        help_text="If you choose Blocked: what is in the way, and what would help?",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label="Progress note",
        required=False,
        max_length=4000,
        help_text="Optional. What has happened, or what happens next.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, action, **kwargs):
        kwargs.setdefault("prefix", f"progress-{action.pk}")
        kwargs.setdefault("initial", self.initial_for(action))
        super().__init__(*args, **kwargs)
        self.action = action

    @staticmethod
    def initial_for(action) -> dict:
        return {
            "status": action.status,
            "blocked_reason": action.blocked_reason,
            "version": action.version,
        }

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        reason = cleaned.get("blocked_reason", "").strip()
        if status == ActionStatus.BLOCKED and not reason:
            self.add_error("blocked_reason", "Say what is blocking the action.")
            return cleaned
        unchanged = status == self.action.status and (
            status != ActionStatus.BLOCKED or reason == self.action.blocked_reason
        )
        if status and unchanged and not cleaned.get("note", "").strip():
            self.add_error("note", "Choose a new status or write a progress note.")
        return cleaned


class ReassignForm(VersionedForm):
    owner = OwnerChoiceField(
        label="New owner",
        queryset=Person.objects.none(),
        empty_label="Choose a person",
        help_text=f"They will get an email saying the action is theirs. {OWNER_HELP}",
        error_messages={
            "required": "Choose who owns the action now.",
            "invalid_choice": "Choose an owner from this area’s partnership.",
        },
    )

    def __init__(self, *args, action, people, **kwargs):
        kwargs.setdefault("prefix", "reassign")
        kwargs.setdefault("initial", {"version": action.version})
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["owner"].queryset = people

    def clean_owner(self):
        owner = self.cleaned_data["owner"]
        if owner.pk == self.action.owner_id:
            raise forms.ValidationError(f"{owner} owns the action already. Choose someone else.")
        return owner


class OwnerEmailForm(forms.Form):
    """An email address for an owner recorded without one."""

    email = forms.EmailField(
        label="Their email address",
        error_messages={
            "required": "Enter their email address.",
            "invalid": "Enter an email address in the right form, like name@example.org.",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "owner-email")
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if Person.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "That address is already on someone else’s record. Check it with them."
            )
        return email


class BoardFilterForm(forms.Form):
    """The action board's filters: a plain GET form, the same for the page and its CSV."""

    owner = forms.ModelChoiceField(
        label="Owner", queryset=Person.objects.none(), required=False, empty_label="Anyone"
    )
    sub_group = forms.ModelChoiceField(
        label="Sub-group", queryset=SubGroup.objects.none(), required=False, empty_label="Any"
    )
    session = forms.ModelChoiceField(
        label="Agreed at", queryset=Session.objects.none(), required=False, empty_label="Any"
    )
    due_from = forms.DateField(
        label="Due from", required=False, error_messages={"invalid": "Enter a real date."}
    )
    due_to = forms.DateField(
        label="Due by", required=False, error_messages={"invalid": "Enter a real date."}
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the options show: an area has hundreds of actions and its sessions'
        # notes are long.
        self.fields["owner"].queryset = (
            Person.objects.filter(owned_actions__area=area).distinct().only("full_name")
        )
        self.fields["sub_group"].queryset = SubGroup.objects.filter(area=area).only("name")
        self.fields["session"].queryset = Session.objects.filter(area=area).only(
            "title", "starts_at"
        )
        self.fields["session"].label_from_instance = lambda session: (
            f"{session.title} ({session.starts_at:%-d %b %Y})"
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("due_from"), cleaned.get("due_to")
        if start and end and end < start:
            self.add_error("due_to", "The “due by” date must be on or after the “due from” date.")
        return cleaned

    def filters(self) -> dict:
        """The valid filters as keyword arguments for the board's selector; none if invalid."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class PreferencesForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label="Send me emails",
        choices=FollowUpKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick any you do not want. Every email also has a link to stop that kind.",
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wanted"].choices = [(kind, FollowUpKind(kind).label) for kind in kinds]
