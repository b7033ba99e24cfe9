from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone

from areas.models import Consent
from areas.outcomes.models import (
    CaoContent,
    CaoStatus,
    Direction,
    EvidenceKind,
    IndicatorKind,
    Unit,
    format_number,
)
from partnerships.forms import NHSDateField, NumberField, VersionField

_TEXT = {"rows": 4}


# Indicators store two decimal places, up to the database column's twelve digits.
_FIGURE_LIMIT = Decimal("9999999999.99")


def _figure_field(label, noun, **kwargs):
    """A measure's figure, as people write them: "29,508", "71.5%", " 42 "."""
    return NumberField(
        label=label,
        noun=noun,
        example="42 or 71.5",
        places=2,
        suffix="%",
        max_value=_FIGURE_LIMIT,
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10"}),
        **kwargs,
    )


def _check_value(value: Decimal | None, *, is_percentage: bool) -> None:
    if value is None:
        return
    if value < 0:
        raise forms.ValidationError("The value cannot be negative.")
    if is_percentage and value > 100:
        raise forms.ValidationError(
            f"A percentage cannot be more than 100. You entered {format_number(value)}."
        )


def _not_in_future(day: date | None, what: str) -> date | None:
    if day and day > timezone.localdate():
        raise forms.ValidationError(f"{what} cannot be in the future.")
    return day


class CaoStatementForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=150,
        help_text="A short name for lists and reports, e.g. “Screening letters people can read”.",
    )
    challenge = forms.CharField(
        label="Challenge",
        help_text="The problem, who it affects and where.",
        widget=forms.Textarea(attrs=_TEXT),
    )
    actions = forms.CharField(
        label="Actions",
        help_text="What the partnership will do about it, and who is doing it.",
        widget=forms.Textarea(attrs=_TEXT),
    )
    outcome = forms.CharField(
        label="Expected outcome",
        help_text="The change you expect to see, and how you will know.",
        widget=forms.Textarea(attrs=_TEXT),
    )
    status = forms.ChoiceField(label="Status", choices=CaoStatus.choices, widget=forms.RadioSelect)
    as_of = NHSDateField(
        label="As of",
        help_text="The date this statement describes the plan at. For example, 15 3 2024",
    )

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in CaoContent.CONTENT_FIELDS}


class CaoRevisionForm(CaoStatementForm):
    reason = forms.CharField(
        label="Why are you changing it?",
        error_messages={"required": "Say why you are changing the statement."},
        help_text="Everyone who reads the history will see this, e.g. “Agreed at the May "
        "steering group: training now covers all four practices”.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = VersionField()


class ProposalForm(CaoStatementForm):
    """A change proposed by someone in the partnership, or a facilitator's edit of one."""

    reason = forms.CharField(
        label="Why should it change?",
        error_messages={"required": "Say why the statement should change."},
        help_text="The facilitators read this before they decide, and it stays in the "
        "statement's history if they accept.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = VersionField()


class RestoreForm(forms.Form):
    reason = forms.CharField(
        label="Why are you bringing this version back?",
        error_messages={"required": "Say why you are bringing this version back."},
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = VersionField()


class CompareForm(forms.Form):
    """Which two revisions to put side by side; read from the query string."""

    old = forms.TypedChoiceField(label="Compare revision", coerce=int)
    new = forms.TypedChoiceField(label="with revision", coerce=int)

    def __init__(self, *args, revisions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (revision.number, f"{revision.number} – {revision.created_at:%-d %b %Y}")
            for revision in revisions
        ]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=150,
        help_text="What is measured, e.g. “Receptionists trained in cultural competency”.",
    )
    kind = forms.ChoiceField(
        label="Kind of measure",
        choices=IndicatorKind.choices,
        widget=forms.RadioSelect,
        help_text="Process measures count what the partnership does; outcome measures show "
        "the change it is working towards, which can take years.",
    )
    unit = forms.ChoiceField(label="Each value is", choices=Unit.choices, widget=forms.RadioSelect)
    unit_label = forms.CharField(
        label="What is counted",
        max_length=60,
        required=False,
        help_text="For a number, e.g. receptionists, referrals or people. Not needed for a "
        "percentage.",
    )
    direction = forms.ChoiceField(
        label="Which way is good?", choices=Direction.choices, widget=forms.RadioSelect
    )
    definition = forms.CharField(
        label="How it is counted (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    baseline_value = _figure_field("Baseline value", "the baseline value")
    baseline_on = NHSDateField(label="Baseline date", help_text="For example, 1 1 2023")
    target_value = _figure_field("Target value (optional)", "the target value", required=False)
    target_on = NHSDateField(label="Target date (optional)", required=False)
    statements = forms.ModelMultipleChoiceField(
        label="Statements it shows progress on",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, statements, measured_since=None, **kwargs):
        """`measured_since`: the earliest measurement already recorded, when editing."""
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = statements
        self.measured_since = measured_since

    def clean(self):
        cleaned = super().clean()
        is_percentage = cleaned.get("unit") == Unit.PERCENTAGE
        for name in ("baseline_value", "target_value"):
            try:
                _check_value(cleaned.get(name), is_percentage=is_percentage)
            except forms.ValidationError as error:
                self.add_error(name, error)
        if cleaned.get("unit") == Unit.COUNT and not cleaned.get("unit_label"):
            self.add_error("unit_label", "Say what is counted, e.g. receptionists or referrals.")
        if is_percentage:
            cleaned["unit_label"] = ""
        target_value, target_on = cleaned.get("target_value"), cleaned.get("target_on")
        if target_value is not None and not target_on and "target_on" not in self.errors:
            self.add_error("target_on", "Enter the date the target should be reached by.")
        if target_on and target_value is None and "target_value" not in self.errors:
            self.add_error("target_value", "Enter the target value, or leave both empty.")
        baseline_on = cleaned.get("baseline_on")
        if baseline_on and target_on and target_on <= baseline_on:
            self.add_error("target_on", "The target date must be after the baseline date.")
        if baseline_on and self.measured_since and baseline_on > self.measured_since:
            self.add_error(
                "baseline_on",
                f"A measurement is dated {self.measured_since:%-d %B %Y}, before this. "
                "The baseline must come first.",
            )
        return cleaned


class MeasurementForm(forms.Form):
    measured_on = NHSDateField(
        label="Date",
        help_text="For example, 31 7 2023",
        error_messages={"required": "Enter the date the figure is for."},
    )
    value = _figure_field("Value", "the value", error_messages={"required": "Enter the value."})
    source = forms.CharField(
        label="Source",
        max_length=200,
        error_messages={"required": "Say where the figure comes from."},
        help_text="Where the figure comes from, e.g. the practice's training register.",
    )
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.is_percentage:
            self.fields["value"].label = "Value (%)"
        elif indicator.unit_label:
            self.fields["value"].label = f"Value ({indicator.unit_label})"

    def clean_measured_on(self):
        measured_on = _not_in_future(self.cleaned_data["measured_on"], "The date")
        baseline_on = self.indicator.baseline_on
        if measured_on < baseline_on:
            raise forms.ValidationError(
                f"The date must be on or after the baseline date, {baseline_on:%-d %B %Y}."
            )
        return measured_on

    def clean_value(self):
        value = self.cleaned_data["value"]
        _check_value(value, is_percentage=self.indicator.is_percentage)
        return value


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=EvidenceKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label="In their words",
        help_text="As it was said or written. Change details that could identify someone "
        "who asked not to be named.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attributed_to = forms.CharField(
        label="Who said it",
        max_length=200,
        help_text="A name, or a description such as “a receptionist at a GP practice”.",
    )
    is_anonymised = forms.BooleanField(
        label="The name has been changed or left out", required=False
    )
    speaker = forms.ModelChoiceField(
        label="Who said it, if they are on the platform (kept inside the area team)",
        queryset=None,
        required=False,
        empty_label="Not recorded",
        help_text="Their consent decisions then apply: if they withdraw, it leaves every report.",
    )
    collected_on = NHSDateField(label="When was it said or written?")
    consent = forms.ChoiceField(
        label="Have they agreed to it being shared?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        help_text="Without consent, only the area's facilitators can see it, and it never "
        "appears in reports.",
    )
    consent_on = NHSDateField(
        label="Date consent was given",
        required=False,
        help_text="Leave empty if they have not agreed yet.",
    )
    statements = forms.ModelMultipleChoiceField(
        label="Statements it speaks to",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, statements, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = statements
        self.fields["speaker"].queryset = people

    def clean_collected_on(self):
        return _not_in_future(self.cleaned_data["collected_on"], "The date")

    def clean_consent_on(self):
        return _not_in_future(self.cleaned_data["consent_on"], "The consent date")

    def clean(self):
        cleaned = super().clean()
        consent = cleaned.get("consent")
        if consent == Consent.NONE:
            cleaned["consent_on"] = None
        elif consent and not cleaned.get("consent_on") and "consent_on" not in self.errors:
            self.add_error("consent_on", "Enter the date they gave consent.")
        return cleaned


class AsOfForm(forms.Form):
    """The programme view's date and area; read from the query string.

    Areas are found by typing part of a name rather than picked from a list: a programme
    lead's list held every area of the programme, and rendering it grew with the
    programme. `area` comes from links to one area's statements (its outcomes page)."""

    on = forms.DateField(label="As they stood on", widget=forms.DateInput)
    q = forms.CharField(
        label="Area name",
        required=False,
        max_length=100,
        error_messages={"max_length": "Area name must be 100 characters or fewer."},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # Any text: an address that is not an area's slug is simply not found.
    area = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, areas, all_label="All your areas", **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        hint = f"Type part of an area's name, or leave it empty for {all_label.lower()}."
        self.fields["q"].help_text = hint

    def clean_on(self):
        return _not_in_future(self.cleaned_data["on"], "The date")

    def clean_q(self):
        return self.cleaned_data["q"].strip()

    def clean_area(self):
        """The area asked for by its address, if the user may read it; the same message
        whether it does not exist or is not theirs."""
        slug = self.cleaned_data["area"]
        if not slug:
            return None
        area = self.areas.filter(slug=slug).only("slug", "name").first()
        if area is None:
            # Shown on the search field, where the person finds the area instead.
            self.add_error("q", "We could not find that area among yours. Search for it by name.")
        return area


class IndicatorEditForm(IndicatorForm):
    version = VersionField()
