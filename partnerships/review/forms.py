"""The decline form every kind of suggestion shares."""

from django import forms


class DeclineForm(forms.Form):
    note = forms.CharField(
        label="Why not?",
        error_messages={"required": "Say why, so the person who suggested it knows."},
        help_text="The person who suggested it sees this.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
