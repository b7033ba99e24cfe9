"""Forms of cascades and the distribution lists they go to."""

from django import forms

from partnerships.csv_import import CsvUploadField
from partnerships.forms import VersionedForm
from workshops.cascades import contacts
from workshops.cascades.models import ContactBasis, ContactListKind


class CascadeForm(VersionedForm):
    """The cascade's words and the lists it goes to. Lists are needed only to send."""

    subject = forms.CharField(
        label="Subject",
        max_length=200,
        error_messages={"required": "Enter a subject for the email."},
    )
    body = forms.CharField(
        label="What the email says",
        max_length=20000,
        help_text=(
            "Written from the session’s notes. Names and quotes without consent are left "
            "out; check before you send. Markdown works: # for a heading, - for a list."
        ),
        widget=forms.Textarea(attrs={"rows": 18}),
        error_messages={"required": "Enter what the email says. It cannot be empty."},
    )
    lists = forms.ModelMultipleChoiceField(
        label="Which lists should it go to?",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose lists from those shown."},
    )

    def __init__(self, *args, lists, sending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sending = sending
        self.fields["lists"].queryset = lists
        self.fields["lists"].label_from_instance = lambda contact_list: (
            f"{contact_list.name} ({contact_list.reachable_count} "
            f"{'address' if contact_list.reachable_count == 1 else 'addresses'})"
        )

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Enter what the email says. It cannot be empty.")
        return body

    def clean_lists(self):
        chosen = self.cleaned_data["lists"]
        if self.sending and not chosen:
            raise forms.ValidationError("Choose at least one list to send the cascade to.")
        if self.sending and not any(c.reachable_count for c in chosen):
            raise forms.ValidationError(
                "The lists chosen have nobody who can be emailed. Add contacts to them first."
            )
        return chosen


class ContactListForm(forms.Form):
    name = forms.CharField(
        label="Name of the list",
        max_length=120,
        help_text="For example, “Crewe community groups”.",
        error_messages={"required": "Enter a name for the list."},
    )
    kind = forms.ChoiceField(
        label="Who is on it?",
        choices=ContactListKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who is on the list."},
    )
    description = forms.CharField(label="Description (optional)", max_length=300, required=False)


def _basis_field():
    return forms.ChoiceField(
        label="Why may they be emailed?",
        choices=ContactBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why they may be emailed."},
    )


def _basis_note_field():
    return forms.CharField(
        label="Where and when they agreed, or why they would expect it (optional)",
        max_length=300,
        required=False,
    )


class ContactForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter an email address.",
            "invalid": "Enter an email address in the right format, like name@example.org.",
        },
    )
    name = forms.CharField(label="Name (optional)", max_length=200, required=False)
    organisation = forms.CharField(
        label="Organisation or group (optional)", max_length=200, required=False
    )
    basis = _basis_field()
    basis_note = _basis_note_field()


class ContactUploadForm(forms.Form):
    file = CsvUploadField(
        read=contacts.read_upload,
        empty_message=contacts.CONTACT_LIST.empty_message,
        label="Upload a list of contacts",
        help_text=(
            "A CSV file with a column headed Email; columns headed Name and Organisation "
            "are kept too."
        ),
    )
    basis = _basis_field()
    basis_note = _basis_note_field()
