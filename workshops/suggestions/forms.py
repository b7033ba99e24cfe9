from django import forms

from partnerships.forms import NHSDateField
from partnerships.models import Person
from workshops.forms import OWNER_HELP, OwnerChoiceField


class ActionSuggestionForm(forms.Form):
    """A new action for the board, as someone in the partnership suggests it."""

    description = forms.CharField(
        label="What should be done?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what should be done."},
    )
    why = forms.CharField(
        label="Why does it matter?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What it would change, and for whom.",
        error_messages={"required": "Say why it matters."},
    )
    owner = OwnerChoiceField(
        label="Who could own it?",
        queryset=Person.objects.none(),
        required=False,
        empty_label="I do not know yet",
        help_text="Optional. The facilitators ask them before the action is theirs.",
        error_messages={"invalid_choice": "Choose someone from this area’s partnership."},
    )
    due_on = NHSDateField(
        label="By when?", required=False, help_text="Optional. For example, 27 3 2026"
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people


class AcceptActionForm(ActionSuggestionForm):
    """Accepting, as suggested or edited: an action needs an owner, and says nothing of why."""

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, people=people, **kwargs)
        del self.fields["why"]
        owner = self.fields["owner"]
        owner.required, owner.empty_label = True, "Choose a person"
        owner.label, owner.help_text = "Who owns it?", OWNER_HELP
        owner.error_messages["required"] = "Choose who owns the action."
        self.fields["description"].label = "What will be done?"
        self.fields["due_on"].label = "Due by"

    @staticmethod
    def initial_for(suggestion) -> dict:
        return {
            "description": suggestion.description,
            "owner": suggestion.suggested_owner_id,
            "due_on": suggestion.due_on,
        }
