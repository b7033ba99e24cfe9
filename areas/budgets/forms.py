"""Forms of the budget pages. Each says what is wrong with an amount or date in words."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from areas.budgets.models import Budget, BudgetKind, PaymentMethod, SpendCategory
from areas.budgets.money import (
    ALLOCATION_LIMIT,
    LINE_LIMIT,
    PENNY,
    financial_year_bounds,
    financial_year_label,
    pounds,
)
from partnerships import forms as partnerships_forms
from partnerships.forms import NHSDateField, NumberField, VersionField
from partnerships.uploads import DocumentField, size_label, upload_limit


class PoundsInput(forms.TextInput):
    """A text input with a "£" prefix; text, not number, so "£1,250.00" can be typed."""

    template_name = "components/forms/widgets/pounds_input.html"

    def __init__(self, attrs=None):
        super().__init__({"class": "nhsuk-input--width-10", **(attrs or {})})


class PoundsField(NumberField):
    """An amount in pounds and pence: a Decimal with two places, from "12.5" or "£1,250".

    Read strictly (see NumberField), then one message per mistake: nothing or not an
    amount, zero or less, absurdly large.
    """

    widget = PoundsInput
    written_as = "in pounds and pence"
    fraction_name = "pence"
    prefix = "£"

    def __init__(
        self, *, noun, limit: Decimal, too_large: str, allow_zero=False, example="12.50", **kwargs
    ):
        self.limit, self.allow_zero = limit, allow_zero
        super().__init__(noun=noun, example=example, places=2, **kwargs)
        self.error_messages |= {
            "not_positive": "Enter an amount more than £0",
            "negative": "Enter an amount of £0 or more",
            "too_large": too_large,
        }

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value < 0 or (value == 0 and not self.allow_zero):
            code = "negative" if self.allow_zero else "not_positive"
            raise forms.ValidationError(self.error_messages[code], code=code)
        if value > self.limit:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")

    def clean(self, value):
        amount = super().clean(value)
        return None if amount is None else amount.quantize(PENNY)


class VersionedForm(partnerships_forms.VersionedForm):
    """Every budget form changes an existing record, so its version is required."""

    version = VersionField(
        required=True,
        out_of_date="This page was out of date. Go back to the budget and try again.",
    )


def _override_field():
    return forms.CharField(
        label="Reason for going over the allocation",
        help_text="Kept in the budget's history with your name and the date.",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OverrideMixin:
    """Adds the override reason to a facilitator's form once going over is on the table."""

    def offer_override(self, offered: bool):
        if offered:
            self.fields["override_reason"] = _override_field()
        return self

    @property
    def override_reason(self) -> str:
        return self.cleaned_data.get("override_reason", "")


def _reason_field(label, *, required_message="", help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=2000,
        required=bool(required_message),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": required_message},
    )


class BudgetNewForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which budget?",
        choices=BudgetKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which budget this is"},
    )
    financial_year = forms.TypedChoiceField(
        label="Financial year", coerce=int, help_text="1 April to 31 March."
    )
    allocated = PoundsField(
        label="Allocation",
        noun="the allocation",
        example="2,500.00",
        limit=ALLOCATION_LIMIT,
        allow_zero=True,
        too_large=f"Enter an allocation of {pounds(ALLOCATION_LIMIT)} or less",
    )
    reason = _reason_field(
        "Note (optional)",
        help_text="For example, where the money comes from. Kept in the budget's history.",
    )

    def __init__(self, *args, area, current_year: int, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)
        self.fields["financial_year"].choices = [
            (year, financial_year_label(year))
            for year in (current_year + 1, current_year, current_year - 1)
        ]

    def clean(self):
        cleaned = super().clean()
        kind, year = cleaned.get("kind"), cleaned.get("financial_year")
        exists = Budget.objects.filter(area=self.area, kind=kind, financial_year=year).exists
        if kind and year and exists():
            self.add_error(
                "kind",
                f"{BudgetKind(kind).label} for {financial_year_label(year)} is already set "
                "up. Change its allocation on the budget's page.",
            )
        return cleaned


class AllocationForm(OverrideMixin, VersionedForm):
    allocated = PoundsField(
        label="New allocation",
        noun="the new allocation",
        example="2,500.00",
        limit=ALLOCATION_LIMIT,
        allow_zero=True,
        too_large=f"Enter an allocation of {pounds(ALLOCATION_LIMIT)} or less",
    )
    reason = _reason_field(
        "Why is the allocation changing?",
        required_message="Enter why the allocation is changing",
        help_text="Kept in the budget's history with your name and the date.",
    )

    def __init__(self, *args, budget, **kwargs):
        self.budget = budget
        super().__init__(*args, **kwargs)

    def clean_allocated(self):
        allocated = self.cleaned_data["allocated"]
        if allocated == self.budget.allocated:
            raise forms.ValidationError(
                f"The allocation is already {pounds(allocated)}. Enter a different amount."
            )
        return allocated


class SpendLineForm(OverrideMixin, forms.Form):
    """A line of spending, or a claim for one. Choices are the area's people and
    organisations; a participant not on the platform is typed in by name."""

    spent_on = NHSDateField(
        label="Date of the cost",
        help_text="For example, 14 5 2026",
        error_messages={"required": "Enter the date of the cost"},
    )
    category = forms.ChoiceField(
        label="What kind of cost is it?",
        choices=SpendCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of cost it is"},
    )
    payee = forms.ChoiceField(
        label="Who is being paid?",
        required=False,
        help_text="Someone from the partnership, or an organisation.",
    )
    payee_name = forms.CharField(
        label="Or type the name of someone not on the platform",
        help_text="Their name is kept on this line only.",
        max_length=200,
        required=False,
    )
    amount = PoundsField(
        label="Amount",
        noun="the amount",
        limit=LINE_LIMIT,
        too_large=f"Enter an amount of {pounds(LINE_LIMIT)} or less. Check the number: "
        "costs this large are not paid from these budgets",
    )
    description = forms.CharField(
        label="What was it for?",
        help_text="For example, return bus fare to the partnership day.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter what the cost was for"},
    )
    receipt = DocumentField(label="Receipt (optional)", required=False)

    def __init__(self, *args, budget, people, organisations, line=None, **kwargs):
        self.budget = budget
        super().__init__(*args, **kwargs)
        people, organisations = list(people), list(organisations)
        # A payee chosen before they left the area stays choosable on their own line.
        if line and line.payee_person and line.payee_person not in people:
            people.append(line.payee_person)
        if line and line.payee_organisation and line.payee_organisation not in organisations:
            organisations.append(line.payee_organisation)
        self._payees = {f"person-{p.pk}": p for p in people} | {
            f"organisation-{o.pk}": o for o in organisations
        }
        self.fields["payee"].choices = [
            ("", "Choose a person or organisation"),
            ("People", [(f"person-{p.pk}", p.full_name) for p in people]),
            ("Organisations", [(f"organisation-{o.pk}", o.name) for o in organisations]),
        ]
        self.fields[
            "receipt"
        ].help_text = (
            f"A PDF, or a photo or scan as PNG or JPEG, of up to {size_label(upload_limit())}."
        )

    @classmethod
    def initial_for(cls, line) -> dict:
        payee = line.payee_person or line.payee_organisation
        return {
            "spent_on": line.spent_on,
            "category": line.category,
            "payee": f"{'person' if line.payee_person_id else 'organisation'}-{payee.pk}"
            if payee
            else "",
            "payee_name": line.payee_name,
            "amount": line.amount,
            "description": line.description,
        }

    def clean_spent_on(self):
        day = self.cleaned_data["spent_on"]
        first, last = financial_year_bounds(self.budget.financial_year)
        if not first <= day <= last:
            raise forms.ValidationError(
                f"Enter a date in the {self.budget.year_label} financial year, between "
                f"{first:%-d %B %Y} and {last:%-d %B %Y}"
            )
        return day

    def clean_payee_name(self):
        return " ".join(self.cleaned_data["payee_name"].split())

    def clean(self):
        cleaned = super().clean()
        chosen, typed = cleaned.get("payee"), cleaned.get("payee_name")
        if "payee" in self.errors:
            return cleaned
        if chosen and typed:
            self.add_error("payee_name", "Choose someone from the list or type a name, not both")
        elif not (chosen or typed):
            self.add_error(
                "payee", "Choose who is being paid, or type the name of someone not listed"
            )
        elif typed:
            self._match_typed_name(cleaned, typed)
        return cleaned

    def _match_typed_name(self, cleaned, typed):
        """A typed name that is one of the people offered is that person: their line then
        shows with their record, not as someone "not on the platform"."""
        key = typed.casefold()
        matches = [
            choice
            for choice, payee in self._payees.items()
            if choice.startswith("person-") and " ".join(payee.full_name.split()).casefold() == key
        ]
        if len(matches) == 1:
            cleaned["payee"], cleaned["payee_name"] = matches[0], ""
        elif matches:
            self.add_error(
                "payee",
                f"More than one person in the partnership is called {typed}: "
                "choose the right one from the list",
            )

    def line_fields(self) -> dict:
        payee = self._payees.get(self.cleaned_data["payee"])
        return {
            "spent_on": self.cleaned_data["spent_on"],
            "category": self.cleaned_data["category"],
            "payee_person": payee if self.cleaned_data["payee"].startswith("person-") else None,
            "payee_organisation": payee
            if self.cleaned_data["payee"].startswith("organisation-")
            else None,
            "payee_name": self.cleaned_data["payee_name"],
            "amount": self.cleaned_data["amount"],
            "description": self.cleaned_data["description"].strip(),
        }


class SpendLineEditForm(VersionedForm, SpendLineForm):
    pass


class ApproveForm(OverrideMixin, VersionedForm):
    pass


class RejectForm(VersionedForm):
    reason = _reason_field(
        "Why is the claim rejected?",
        required_message="Enter why the claim is rejected",
        help_text="The LCO coordinator sees this, so they can tell the person who claimed.",
    )


class PaymentForm(VersionedForm):
    payment_method = forms.ChoiceField(
        label="How was it paid?",
        choices=PaymentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it was paid"},
    )
    paid_on = NHSDateField(
        label="When was it paid?",
        help_text="For example, 3 6 2026",
        error_messages={"required": "Enter the date it was paid"},
    )

    def __init__(self, *args, line, **kwargs):
        self.line = line
        super().__init__(*args, **kwargs)

    def clean_paid_on(self):
        day = self.cleaned_data["paid_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date it was paid must be today or in the past")
        if day < self.line.spent_on:
            raise forms.ValidationError(
                f"The date it was paid must be on or after the date of the cost, "
                f"{self.line.spent_on:%-d %B %Y}"
            )
        return day
