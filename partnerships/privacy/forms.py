from django import forms

from partnerships.models import ConsentDecision, ConsentMethod, ConsentUse

# What the programme reads out or shows for each use; edited when other words were used,
# so the record keeps the exact wording the person heard.
STANDARD_WORDING = {
    ConsentUse.SESSION_NOTES: (
        "We would like to include things you said today in the notes of this session, "
        "which go to the partnership and its local networks. We will name you only as you "
        "ask. You can change your mind at any time and we will take your words out."
    ),
    ConsentUse.CASE_STUDIES: (
        "We would like to use your words in case studies and reports for our funders. "
        "You can change your mind at any time and we will take them out of future copies."
    ),
    ConsentUse.PUBLIC_PAGES: (
        "We would like to use your words on pages anyone can read. You can change your "
        "mind at any time and we will take them down."
    ),
    ConsentUse.PHOTOS: (
        "We would like to use photographs of you from our sessions. You can change your "
        "mind at any time and we will stop using them."
    ),
    ConsentUse.TEXT_MESSAGES: (
        "We would like to text your mobile a link to what happened after this session and "
        "what is being done about it. We will not use your number for anything else. You "
        "can change your mind at any time and we will stop."
    ),
}


class ConsentForm(forms.Form):
    use = forms.ChoiceField(
        label="What is it about?",
        choices=ConsentUse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the decision is about"},
    )
    decision = forms.ChoiceField(
        label="What did they decide?",
        choices=ConsentDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether they agreed or withdrew"},
    )
    method = forms.ChoiceField(
        label="How did they tell you?",
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they told you"},
    )
    wording = forms.CharField(
        label="The exact words they were shown or read out",
        help_text="Change this if you used other words.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the words they were shown or read out"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("wording", STANDARD_WORDING[ConsentUse.SESSION_NOTES])


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand this cannot be undone",
        error_messages={"required": "Confirm that you understand this cannot be undone"},
    )
