"""Form rendering for the whole site: every Django form renders as NHS.UK frontend markup.

settings.FORM_RENDERER points at NHSFormRenderer, so ``{{ form }}`` and
``{{ form.field.as_field_group }}`` use components/forms/form.html and field.html.
"""

import datetime
import functools
import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms.renderers import TemplatesSetting
from django.template.backends.django import DjangoTemplates
from django.utils import timezone

from partnerships import numbers
from partnerships.models import Invitation, Person, ProgrammeRole


@functools.cache
def _forms_engine():
    """The project's Django template engine, plus Django's own form templates.

    TemplatesSetting renders with the project's engine, which only finds Django's widget
    templates (django/forms/widgets/*.html, which the admin's widget templates include
    too) when "django.forms" is in INSTALLED_APPS. Rather than depend on that, forms get
    a copy of the project's engine with those templates on its path.
    """
    config = next(t for t in settings.TEMPLATES if t["BACKEND"].endswith(".DjangoTemplates"))
    params = {"APP_DIRS": False, "OPTIONS": {}, **config, "NAME": "nhsuk-forms"}
    params.pop("BACKEND")
    params["DIRS"] = [*config.get("DIRS", []), Path(forms.__file__).parent / "templates"]
    return DjangoTemplates(params)


@receiver(setting_changed)
def _reset_forms_engine(*, setting, **kwargs):
    if setting in {"TEMPLATES", "INSTALLED_APPS"}:
        _forms_engine.cache_clear()


class NHSFormRenderer(TemplatesSetting):
    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"

    def get_template(self, template_name):
        return _forms_engine().get_template(template_name)


class NHSPasswordInput(forms.PasswordInput):
    """A password input with the NHS.UK "Show" button (needs JavaScript; hidden without).

    Opt-in: a plain PasswordInput renders as an ordinary NHS.UK input.
    """


class NHSDateInput(forms.MultiWidget):
    """The NHS.UK date input: day, month and year boxes, for memorable dates.

    Use with NHSDateField (or any DateField accepting "%Y-%m-%d"). The field template
    wraps it in a fieldset whose legend is the field's label.
    """

    template_name = "components/forms/widgets/date_input.html"
    parts = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(
                attrs={
                    "class": f"nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}",
                    "inputmode": "numeric",
                }
            )
            for name, _label, width in self.parts
        }
        super().__init__(widgets, attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        has_error = context["widget"]["attrs"].get("aria-invalid") == "true"
        for subwidget, (_name, label, _width) in zip(
            context["widget"]["subwidgets"], self.parts, strict=True
        ):
            subwidget["label"] = label
            if has_error:
                subwidget["attrs"]["class"] += " nhsuk-input--error"
        context["widget"]["has_error"] = has_error
        return context

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (
            (part or "").strip() for part in super().value_from_datadict(data, files, name)
        )
        if not (day or month or year):
            return ""
        return f"{year}-{month}-{day}"


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


class NHSDateField(forms.DateField):
    """A DateField entered as day, month and year boxes (NHSDateInput)."""

    widget = NHSDateInput
    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": "Enter a real date, for example 27 3 2026"}

    def to_python(self, value):
        # strptime accepts a 2-digit year as year 26 AD, and any script's digits; ask for
        # all 4 digits, as 0 to 9, instead.
        if isinstance(value, str) and value and not _ISO_DATE.fullmatch(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class NumberField(forms.Field):
    """A number typed into a text box, read by `partnerships.numbers.read_number`: digits
    0 to 9, commas only between thousands, at most `places` decimals. Anything that could
    be read two ways ("12,50", "1e3") is refused, never guessed.

    Every message names the field (`noun`, as in "Enter the value …") and shows how to
    write it (`example`). Gives an int when `places` is 0, otherwise a Decimal.
    """

    widget = forms.TextInput
    # A kind of number (pounds, say) sets how messages describe it ("Enter the value as a
    # number, like 42"), what its decimals are called, and a symbol typed before it.
    written_as = "as a number"
    fraction_name = "decimals"
    prefix = ""

    def __init__(
        self,
        *,
        noun: str,
        example: str,
        places: int = 0,
        suffix: str = "",
        min_value=None,
        max_value=None,
        error_messages=None,
        **kwargs,
    ):
        self.noun, self.example, self.places, self.suffix = noun, example, places, suffix
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)
        self.error_messages.update(self._messages(), **(error_messages or {}))

    def _messages(self) -> dict[str, str]:
        noun, example = self.noun, self.example
        if self.places == 0:
            whole = f"Enter {noun} as a whole number, like {example}"
            invalid = decimal_comma = too_many_places = whole
        else:
            invalid = f"Enter {noun} {self.written_as}, like {example}"
            decimal_comma = (
                f"Enter {noun} with a full stop, not a comma, before the "
                f"{self.fraction_name}, like {example}"
            )
            too_many_places = (
                f"Enter {noun} {self.written_as}, with no more than {self.places} decimal "
                f"places, like {example}"
            )
        messages = {
            "required": invalid,
            numbers.NOT_A_NUMBER: invalid,
            numbers.DECIMAL_COMMA: decimal_comma,
            numbers.MISPLACED_COMMA: f"Enter {noun} with commas only between thousands, "
            f"like {'1,250.50' if self.places else '1,250'}",
            numbers.NOT_ASCII_DIGITS: f"Enter {noun} using the digits 0 to 9, like {example}",
            numbers.TOO_MANY_PLACES: too_many_places,
        }
        if self.min_value is not None:
            messages["min_value"] = f"Enter {noun} of {self.min_value:,} or more"
        if self.max_value is not None:
            messages["max_value"] = f"Enter {noun} of {self.max_value:,} or less"
        return messages

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs.update(
                inputmode="numeric" if self.places == 0 else "decimal",
                autocomplete="off",
                spellcheck="false",
            )
        return attrs

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            number = numbers.read_number(
                str(value), places=self.places, prefix=self.prefix, suffix=self.suffix
            )
        except numbers.NumberNotRead as refused:
            raise forms.ValidationError(
                self.error_messages[refused.code], code=refused.code
            ) from None
        return int(number) if self.places == 0 else number

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise forms.ValidationError(self.error_messages["min_value"], code="min_value")
        if self.max_value is not None and value > self.max_value:
            raise forms.ValidationError(self.error_messages["max_value"], code="max_value")


class VersionField(NumberField):
    """The version of a record a form was filled in from (see VersionedForm). It is
    hidden, so a wrong value was never typed: the page itself is out of date."""

    widget = forms.HiddenInput

    def __init__(
        self, *, out_of_date="This page was out of date. Go back and try again.", **kwargs
    ):
        codes = ["required", "min_value", *numbers.REASONS]
        super().__init__(
            noun="the version",
            example="1",
            min_value=1,
            error_messages=dict.fromkeys(codes, out_of_date),
            **kwargs,
        )


class VersionedForm(forms.Form):
    """A form that changes a record, remembering which version of it the person saw.

    Services save only from that version (see partnerships.versioning); on its
    EditConflict the view calls `rebase`, so the person keeps their input and sees why.
    """

    version = VersionField(required=False)

    def rebase(self, current, message=None):
        """Base the form on what is saved now, keeping the input, and say what happened.

        Saving again after reading the message overwrites the other version on purpose.
        """
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version
        if message is None:
            who = current.updated_by or "Someone else"
            when = timezone.localtime(current.updated_at)
            message = (
                f"{who} saved a change at {when:%H:%M} while you were editing. Your words "
                "are below and have not been saved yet: compare them with the saved "
                "version, then save again to keep yours."
            )
        self.add_error(None, message)
        return self


class FunderInvitationForm(forms.Form):
    """Invite a funder to see the programme's published reports."""

    full_name = forms.CharField(label="Full name", max_length=200, required=False)
    email = forms.EmailField(label="Email address")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Person.objects.filter(email__iexact=email, programme_role=ProgrammeRole.FUNDER).exists():
            raise forms.ValidationError(f"{email} can already see the funders' reports.")
        if Invitation.objects.pending().filter(role=ProgrammeRole.FUNDER, email=email).exists():
            raise forms.ValidationError(f"An invitation for {email} is already waiting.")
        return email


class NewPasswordForm(forms.Form):
    """A password chosen twice, checked against the site's password rules."""

    password1 = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. Avoid common words and your name.",
    )
    password2 = forms.CharField(
        label="Type the password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean_password1(self):
        password = self.cleaned_data["password1"]
        password_validation.validate_password(password, get_user_model()(email=self.email))
        return password

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") != cleaned["password1"]:
            self.add_error("password2", "The two passwords do not match.")
        return cleaned


class AcceptInvitationForm(NewPasswordForm):
    """Set up an account from an invitation: a name and a password."""

    full_name = forms.CharField(label="Full name", max_length=200)

    field_order = ["full_name", "password1", "password2"]
