"""Forms of the live room: what phones and table hosts send, and the facilitators' controls.

Everything a phone shows is written for a reading age of about nine and marked for
translation (`workshops.live.i18n`); what people type is kept exactly as they typed it.
Every field says what went wrong in its own words, never Django's.
"""

from django import forms
from django.conf import settings

from partnerships.forms import NumberField
from partnerships.models import Sector
from workshops.live.i18n import gettext, gettext_lazy
from workshops.live.models import Naming, Sharing
from workshops.models import InsightKind

# Longer than anyone types on a phone in a workshop; a flood of text stops here.
TEXT_LIMIT = 500
STORY_LIMIT = 1000

# The programme's barrier types in everyday words, by slug; a type added later is shown
# by its own name until it has words here.
EVERYDAY_BARRIERS = {
    "language-and-communication": gettext_lazy("Language, or not being understood"),
    "unclear-letters-and-information": gettext_lazy(
        "Letters or leaflets that are hard to understand"
    ),
    "digital-exclusion": gettext_lazy("Needing the internet, an app or a computer"),
    "transport-and-distance": gettext_lazy("Getting there: buses, distance or parking"),
    "cost": gettext_lazy("Money: it costs too much"),
    "navigating-the-system": gettext_lazy("Not knowing where to go or who to ask"),
    "cultural-insensitivity": gettext_lazy("Not being respected for who you are"),
    "fear-stigma-and-privacy": gettext_lazy("Feeling scared, judged or embarrassed"),
    "staff-capacity": gettext_lazy("Staff are too busy"),
    "trust": gettext_lazy("Not trusting the service"),
    "isolation": gettext_lazy("Feeling alone"),
    "eligibility-and-registration": gettext_lazy(
        "Not being allowed to sign up, for example with no fixed address"
    ),
}
SOMETHING_ELSE = ""

# Where people come from, in everyday words, for the session's head-counts. Someone who
# came for themselves, as a resident, is counted as "Other": the programme's sectors are
# organisations.
EVERYDAY_SECTORS = [
    (Sector.OTHER, gettext_lazy("I came for myself: I live or work around here")),
    (Sector.VCSE, gettext_lazy("A charity or community group")),
    (Sector.FAITH, gettext_lazy("A faith group, like a church, mosque or temple")),
    (Sector.SOCIAL_ENTERPRISE, gettext_lazy("A community business or social enterprise")),
    (Sector.GP_PRACTICE, gettext_lazy("A GP surgery")),
    (Sector.PCN, gettext_lazy("A group of GP surgeries (primary care network)")),
    (Sector.NHS_TRUST, gettext_lazy("A hospital or NHS service")),
    (Sector.NHS_ICB, gettext_lazy("The NHS team that plans services (ICB)")),
    (Sector.LOCAL_AUTHORITY, gettext_lazy("The council")),
    (Sector.PUBLIC_HEALTH, gettext_lazy("Public health")),
    (Sector.HEALTHWATCH, gettext_lazy("Healthwatch")),
    (Sector.HOUSING, gettext_lazy("Housing")),
]
RATHER_NOT_SAY = ""

NAMING_CHOICES = [
    (Naming.NAME, gettext_lazy("Use my name")),
    (Naming.ROLE, gettext_lazy("Say who I am, but not my name")),
    (Naming.NONE, gettext_lazy("Do not name me")),
]
SHARING_QUESTION = gettext_lazy("Can we share what you said?")
SHARING_HINT = gettext_lazy(
    "Notes go to the people and groups who work on this. Reports go to the people who pay "
    "for this work. You can change your mind later."
)
SHARING_CHOICES = [
    (Sharing.REPORTS, gettext_lazy("Yes, in the notes from today and in reports")),
    (Sharing.NOTES, gettext_lazy("Yes, but only in the notes from today")),
    (Sharing.NONE, gettext_lazy("No, only the people running today can read it")),
]


def _text_field(label, *, limit=TEXT_LIMIT, hint=""):
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        # Kept as written: only the spaces around it go.
        strip=True,
        error_messages={
            "required": gettext_lazy("Write something before you send it."),
            "max_length": gettext_lazy(
                "That is too long to send. Make it shorter, or send it in parts."
            ),
            "null_characters_not_allowed": gettext_lazy(
                "That has a character we cannot keep. Type it again."
            ),
        },
    )


class SendForm(forms.Form):
    """The part of every sending form that makes a retry safe: an id made for this
    item when the page was shown (or by the phone's script), sent with every try."""

    client_id = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": gettext_lazy("Something went wrong. Go back and send it again."),
            "invalid": gettext_lazy("Something went wrong. Go back and send it again."),
        },
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        help_text=gettext_lazy("You can see it on the screen. It has 8 letters and numbers."),
        max_length=20,
        error_messages={
            "required": gettext_lazy("Type the code you can see on the screen."),
            "max_length": gettext_lazy("The code has 8 letters and numbers. Check it."),
        },
    )


class BarrierForm(SendForm):
    kind = InsightKind.BARRIER
    text = _text_field(
        gettext_lazy("Tell us what makes things hard"),
        hint=gettext_lazy("Write as much or as little as you like, in any language."),
    )
    barrier_type = forms.ChoiceField(
        label=gettext_lazy("What is it about? You do not have to choose."),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the answers.")},
    )

    def __init__(self, *args, barrier_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.barrier_types = {str(t.pk): t for t in barrier_types}
        self.fields["barrier_type"].choices = [
            (str(t.pk), EVERYDAY_BARRIERS.get(t.slug, t.name)) for t in barrier_types
        ] + [(SOMETHING_ELSE, gettext_lazy("Something else"))]

    def item_fields(self) -> dict:
        return {
            "text": self.cleaned_data["text"],
            "barrier_type": self.barrier_types.get(self.cleaned_data["barrier_type"]),
        }


class IdeaForm(SendForm):
    kind = InsightKind.IDEA
    text = _text_field(
        gettext_lazy("Finish the sentence"),
        hint=gettext_lazy("Think big. Write it in any language."),
    )

    def item_fields(self) -> dict:
        return {"text": self.cleaned_data["text"]}


class DecisionForm(SendForm):
    """For table hosts: something the table agreed."""

    kind = InsightKind.DECISION
    text = _text_field(gettext_lazy("What did your table agree?"))

    def item_fields(self) -> dict:
        return {"text": self.cleaned_data["text"]}


class StoryForm(SendForm):
    kind = InsightKind.QUOTE
    text = _text_field(
        gettext_lazy("What do you want to say?"),
        limit=STORY_LIMIT,
        hint=gettext_lazy("It can be something that happened to you, or to someone you know."),
    )
    naming = forms.ChoiceField(
        label=gettext_lazy("How should we name you?"),
        choices=NAMING_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose how we should name you."),
            "invalid_choice": gettext_lazy("Choose how we should name you."),
        },
    )
    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=100,
        required=False,
        error_messages={"max_length": gettext_lazy("That name is too long. Make it shorter.")},
    )
    role = forms.CharField(
        label=gettext_lazy("Who are you?"),
        max_length=120,
        required=False,
        error_messages={"max_length": gettext_lazy("That is too long. Make it shorter.")},
    )
    sharing = forms.ChoiceField(
        label=SHARING_QUESTION,
        help_text=SHARING_HINT,
        choices=SHARING_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose if we can share what you said."),
            "invalid_choice": gettext_lazy("Choose if we can share what you said."),
        },
    )

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].help_text = gettext("For example: a resident of %(place)s") % {
            "place": place
        }

    def clean(self):
        cleaned = super().clean()
        naming = cleaned.get("naming")
        if naming == Naming.NAME and not cleaned.get("name"):
            self.add_error("name", gettext("Write your name, or choose another answer."))
        if naming == Naming.ROLE and not cleaned.get("role"):
            self.add_error("role", gettext("Say who you are, or choose another answer."))
        return cleaned

    def consent_wording(self) -> str:
        """The exact words the phone showed, with the answer chosen: kept as the record
        of what the person agreed to."""
        answered = gettext("Answer:")
        answer = dict(SHARING_CHOICES)[self.cleaned_data["sharing"]]
        return f"{SHARING_QUESTION} {SHARING_HINT}\n{answered} {answer}"

    def item_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "naming": data["naming"],
            "name": data["name"],
            "role": data["role"],
            "sharing": data["sharing"],
            "consent_wording": self.consent_wording(),
        }


class AboutYouForm(forms.Form):
    sector = forms.ChoiceField(
        label=gettext_lazy("Where are you from today?"),
        required=False,
        choices=[*EVERYDAY_SECTORS, (RATHER_NOT_SAY, gettext_lazy("I would rather not say"))],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the answers.")},
    )
    lived_experience = forms.ChoiceField(
        label=gettext_lazy(
            "Have you lived through what we are talking about today, yourself or in your family?"
        ),
        required=False,
        choices=[
            ("yes", gettext_lazy("Yes")),
            ("no", gettext_lazy("No")),
            (RATHER_NOT_SAY, gettext_lazy("I would rather not say")),
        ],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the answers.")},
    )

    def profile(self) -> dict:
        answer = self.cleaned_data["lived_experience"]
        return {
            "sector": self.cleaned_data["sector"],
            "lived_experience": {"yes": True, "no": False}.get(answer),
        }


class VoteForm(forms.Form):
    ideas = forms.MultipleChoiceField(
        label=gettext_lazy("Choose the ideas you like best"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("That idea is not in the vote any more.")},
    )

    def __init__(self, *args, ideas, votes, **kwargs):
        super().__init__(*args, **kwargs)
        self.votes = votes
        self.ideas = {str(idea.pk): idea for idea in ideas}
        self.fields["ideas"].choices = [(key, idea.text) for key, idea in self.ideas.items()]

    def clean_ideas(self):
        chosen = self.cleaned_data["ideas"]
        if len(chosen) > self.votes:
            raise forms.ValidationError(
                gettext("You can choose up to %(votes)s. Untick some.") % {"votes": self.votes}
            )
        return [self.ideas[key] for key in chosen]


# The facilitators' controls (in English, like the rest of the platform) ----------------


class AcceptForm(forms.Form):
    """Accept an item, perhaps edited and tagged first. Stories are kept in the person's
    own words, so only their theme can be chosen.

    The queue shows the editing fields only when a moderator opens them, so a field that
    was not sent keeps the item's own value (its `initial`): pressing Accept alone accepts
    the item as it came.
    """

    text = forms.CharField(
        label="Words",
        max_length=STORY_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[
            (InsightKind.BARRIER, "Barrier"),
            (InsightKind.IDEA, "Idea"),
            (InsightKind.DECISION, "Decision"),
        ],
    )
    barrier_type = forms.ChoiceField(label="Type of barrier", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, kind, barrier_types, theme_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.barrier_types = {str(t.pk): t for t in barrier_types}
        self.fields["barrier_type"].choices = [
            ("", "Not chosen"),
            *((key, t.name) for key, t in self.barrier_types.items()),
        ]
        self.fields["theme"].choices = [("", "No theme"), *theme_choices]
        if kind == InsightKind.QUOTE:
            for name in ("text", "kind", "barrier_type"):
                del self.fields[name]

    def _sent_or_initial(self, name):
        if self.add_prefix(name) in self.data:
            return self.cleaned_data.get(name)
        return self.initial.get(name)

    def clean(self):
        cleaned = super().clean()
        sent_text = "text" in self.fields and self.add_prefix("text") in self.data
        if sent_text and not cleaned.get("text", "").strip():
            self.add_error("text", "Enter the words to keep, or set the item aside")
        return cleaned

    def accept_fields(self) -> dict:
        theme = self.cleaned_data.get("theme")
        fields = {"theme_id": int(theme) if theme else None}
        if "text" in self.fields:
            barrier_type = self._sent_or_initial("barrier_type")
            fields.update(
                text=self._sent_or_initial("text"),
                kind=self._sent_or_initial("kind"),
                barrier_type=self.barrier_types.get(str(barrier_type or "")),
            )
        return fields


class MergeForm(forms.Form):
    into = forms.ChoiceField(
        label="Merge with",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what to merge it with",
            "invalid_choice": "Choose one of the items already accepted",
        },
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {str(target.pk): target for target in targets}
        self.fields["into"].choices = [(key, t.text) for key, t in self.targets.items()]

    def target(self):
        return self.targets[self.cleaned_data["into"]]


class VoteOpenForm(forms.Form):
    votes_per_phone = NumberField(
        label="Votes for each phone",
        noun="the number of votes",
        example="3",
        min_value=1,
        max_value=10,
        initial=lambda: settings.LIVE_VOTES_PER_PHONE,
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter how many votes each phone has",
            "min_value": "Each phone needs at least 1 vote",
            "max_value": "Give each phone 10 votes at most",
        },
    )


class TableLinkForm(forms.Form):
    table = NumberField(
        label="Table number",
        noun="the table’s number",
        example="3",
        min_value=1,
        max_value=99,
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter the table’s number",
            "min_value": "Enter a table number from 1 to 99",
            "max_value": "Enter a table number from 1 to 99",
        },
    )


class IdeaActionForm(forms.Form):
    """One of the top ideas, perhaps to become an action with an owner."""

    make = forms.BooleanField(label="Make this an action", required=False)
    description = forms.CharField(
        label="What will be done?",
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = forms.ModelChoiceField(
        label="Who owns it?",
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Choose someone from the area"},
    )
    due_on = forms.DateField(
        label="Due by",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date, like 31 3 2027"},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("make"):
            if not cleaned.get("description"):
                self.add_error("description", "Say what will be done")
            if not cleaned.get("owner"):
                self.add_error("owner", "Choose who owns it")
        return cleaned
