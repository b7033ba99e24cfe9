from datetime import date

from django import forms
from django.utils import timezone

from areas.models import Indicator
from areas.pulse.models import PulseAudience
from areas.pulse.questions import BETTER, QUESTIONS, SCALE
from areas.pulse.selectors import ALL_FOUR, health_indicator
from areas.pulse.services import MAX_SLIPS
from partnerships.forms import NumberField

_SCALE_CHOICES = [(str(score), words) for score, words in SCALE.items()]


class PulseOpenForm(forms.Form):
    audience = forms.ChoiceField(
        label="Who is asked",
        choices=PulseAudience.choices,
        initial=PulseAudience.STEERING,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who is asked."},
        help_text=(
            "Each person gets a link of their own by email, and by text if they agreed "
            "to texts. You can print slips for people in the room too."
        ),
    )


class PulseAnswerForm(forms.Form):
    """The pulse itself: four statements on one scale, and one question in their words."""

    better = forms.CharField(
        label=f"{BETTER} (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not write your name or anything that says who you are.",
        error_messages={"max_length": "Keep it to 1,000 characters or fewer."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scales = {
            key: forms.TypedChoiceField(
                label=text,
                choices=_SCALE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose how far you agree.",
                    "invalid_choice": ("Choose one of the five answers."),
                },
            )
            for key, text in QUESTIONS.items()
        }
        self.fields = {**scales, **self.fields}

    @property
    def scores(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key in QUESTIONS}


class PulseSlipsForm(forms.Form):
    count = NumberField(
        label="How many slips",
        noun="how many slips to print",
        example="12",
        min_value=1,
        max_value=MAX_SLIPS,
        initial=10,
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-4"}),
        error_messages={"max_value": f"Print at most {MAX_SLIPS} at a time; print again for more."},
    )


class PulseMeasurementForm(forms.Form):
    """Record a shown result as a measurement of one of the area's indicators."""

    indicator = forms.ModelChoiceField(
        label="Indicator",
        queryset=Indicator.objects.none(),
        empty_label="Choose an indicator",
        error_messages={
            "required": "Choose the indicator.",
            "invalid_choice": "Choose one of the area's indicators.",
        },
    )
    question = forms.ChoiceField(
        label="Which result",
        choices=[("", ALL_FOUR), *QUESTIONS.items()],
        required=False,
        help_text="Its mean, from 1 to 5, becomes the measurement.",
    )

    def __init__(self, *args, area, measured_on: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(area=area)
        # Preselected only when the area follows partnership health in one: any other
        # indicator would be a guess the facilitator might not notice.
        if not self.is_bound:
            self.fields["indicator"].initial = health_indicator(area)
        self.measured_on = measured_on or timezone.localdate()

    def clean_indicator(self):
        indicator = self.cleaned_data["indicator"]
        if self.measured_on < indicator.baseline_on:
            raise forms.ValidationError(
                f"This indicator's baseline is {indicator.baseline_on:%-d %B %Y}, after the pulse."
            )
        return indicator
