"""Forms for what a person needs to take part, the communities an area names, how many
came from each, and the budget lines that paid for support."""

from django import forms

from areas.budgets.money import pounds
from partnerships.forms import NumberField
from partnerships.models import ConsentMethod
from workshops.forms import HEADCOUNT_LIMIT
from workshops.reach.models import Interpreter, NamedCommunity, SupportKind

# What the person is told, whoever records it: the consent is to exactly this.
NEEDS_CONSENT_WORDING = (
    "What you tell us here is kept so that the facilitators of the sessions you come to "
    "can arrange it. Only they see your name beside it; everyone else sees numbers. You "
    "can change it or have it deleted at any time."
)


class NeedsForm(forms.Form):
    """What would help someone take part; every field is optional."""

    preferred_language = forms.CharField(
        label="Preferred language",
        max_length=60,
        required=False,
        help_text="For example, Bengali, Polish or Tetum.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-20"}),
    )
    interpreter = forms.ChoiceField(
        label="Is an interpreter needed?",
        choices=Interpreter.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    access_needs = forms.CharField(
        label="Access needs",
        max_length=1000,
        required=False,
        help_text="For example, step-free access, a hearing loop, large print, a quiet room.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    transport_help = forms.BooleanField(
        label="Help with transport would make it possible to come", required=False
    )
    childcare_help = forms.BooleanField(
        label="Help with childcare would make it possible to come", required=False
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("interpreter") == Interpreter.SPOKEN
            and not cleaned.get("preferred_language", "").strip()
        ):
            self.add_error("preferred_language", "Enter the language the interpreter should speak.")
        return cleaned

    @staticmethod
    def initial_for(needs) -> dict:
        if needs is None:
            return {}
        return {
            name: getattr(needs, name)
            for name in (
                "preferred_language",
                "interpreter",
                "access_needs",
                "transport_help",
                "childcare_help",
            )
        }


class OwnNeedsForm(NeedsForm):
    agree = forms.BooleanField(
        label="I agree to this being kept, as described above",
        error_messages={"required": "Tick the box to agree, or leave this page without saving."},
    )


class RecordedNeedsForm(NeedsForm):
    """A facilitator records what someone told them, only with their agreement."""

    consent_method = forms.ChoiceField(
        label="How did they agree?",
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they agreed to this being kept."},
    )
    agreed = forms.BooleanField(
        label="They agreed to this being kept, after hearing or reading the words above",
        error_messages={
            "required": "Record their needs only if they agreed: tick the box to confirm."
        },
    )


class CommunityForm(forms.Form):
    name = forms.CharField(
        label="Name the community",
        max_length=200,
        help_text="Specifically: for example, “Bengali speaking women in Eastbourne”.",
        error_messages={"required": "Enter the name of the community."},
    )


class CommunityCountsForm(forms.Form):
    """How many people came from each of the area's named communities."""

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.communities = {f"community_{c.pk}": c for c in communities}
        for name, community in self.communities.items():
            self.fields[name] = NumberField(
                label=community.name,
                noun=f"the number of people from {community.name}",
                example="6",
                min_value=0,
                max_value=HEADCOUNT_LIMIT,
                required=False,
                widget=forms.TextInput(attrs={"class": "nhsuk-input--width-4"}),
                error_messages={
                    "min_value": f"Enter 0 or more people from {community.name}.",
                    "max_value": (
                        f"Enter {HEADCOUNT_LIMIT:,} or fewer people from {community.name}."
                    ),
                },
            )

    @staticmethod
    def initial_for(headcounts) -> dict:
        return {f"community_{h.community_id}": h.count for h in headcounts}

    def counts(self) -> dict[NamedCommunity, int | None]:
        return {community: self.cleaned_data[name] for name, community in self.communities.items()}


class SupportKindForm(forms.Form):
    """What a budget line paid for so that people could come."""

    kind = forms.ChoiceField(
        label="What it paid for",
        choices=SupportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what it paid for."},
    )


class SupportCostForm(SupportKindForm):
    """A session's planner links one of the area's claims to it."""

    line = forms.ModelChoiceField(
        label="Claim or spending",
        queryset=None,
        empty_label="Choose a claim or spending",
        error_messages={
            "required": "Choose the claim or spending that paid for it.",
            "invalid_choice": "Choose one of the area’s claims or spending that is not linked yet.",
        },
    )
    field_order = ["line", "kind"]

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
        self.fields["line"].label_from_instance = lambda line: (
            f"{line.spent_on:%-d %b %Y}: {line.get_category_display()}, {pounds(line.amount)} "
            f"— {line.description} ({line.get_status_display().lower()})"
        )


class LineSupportForm(SupportKindForm):
    """The budget's keeper links a claim to the session it helped people come to."""

    session = forms.ModelChoiceField(
        label="Which session was it for?",
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the session it paid for.",
            "invalid_choice": "Choose one of the sessions listed.",
        },
    )
    field_order = ["session", "kind"]

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda session: (
            f"{session.title}, {session.starts_at:%-d %B %Y}"
        )
