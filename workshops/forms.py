"""Forms of the session pages. Each takes the area, so every choice is scoped to it."""

import datetime as dt

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.utils import timezone

from areas.models import SubGroup
from partnerships.csv_import import CsvUploadField
from partnerships.forms import NumberField, VersionedForm
from partnerships.models import AreaRole, Organisation, Person, Sector
from workshops import registration
from workshops.models import (
    MEETING_KINDS,
    BarrierType,
    Consent,
    InsightKind,
    SessionFormat,
    SessionKind,
    SessionStatus,
)


def _combine(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class SessionForm(VersionedForm):
    kind = forms.ChoiceField(
        label="What kind of session is it?",
        choices=SessionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of session it is."},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, “Second partnership day: screening letters”.",
        error_messages={"required": "Enter a title for the session."},
    )
    date = forms.DateField(
        label="Date",
        error_messages={
            "required": "Enter the date of the session.",
            "invalid": "Enter a real date.",
        },
    )
    start_time = forms.TimeField(
        label="Start time",
        error_messages={"required": "Enter the time the session starts, for example 10:00."},
    )
    end_time = forms.TimeField(label="End time", required=False)
    format = forms.ChoiceField(
        label="Where is it held?",
        choices=SessionFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose in person or online."},
    )
    venue = forms.CharField(
        label="Venue", max_length=300, required=False, help_text="Name and address of the venue."
    )
    accessibility_notes = forms.CharField(
        label="Access at the venue",
        required=False,
        help_text="Step-free access, hearing loop, quiet room, parking, accessible toilets.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    online_platform = forms.CharField(
        label="Online platform", max_length=100, required=False, help_text="For example, Zoom."
    )
    sub_group = forms.ModelChoiceField(
        label="Sub-group",
        queryset=SubGroup.objects.none(),
        required=False,
        empty_label="Not a sub-group meeting",
    )
    facilitators = forms.ModelMultipleChoiceField(
        label="Facilitators",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(
        label="Purpose and agenda",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    status = forms.ChoiceField(
        label="Status",
        choices=SessionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the session is planned, held or written up."},
    )

    def __init__(self, *args, area, meetings_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if meetings_only:
            # Steering group members and LCO coordinators log their own meetings: only
            # those kinds, with what happened written on the same form.
            self.fields["kind"].choices = [(kind, kind.label) for kind in MEETING_KINDS]
            self.fields["summary"] = forms.CharField(
                label="What happened and what was agreed",
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        self.fields["sub_group"].queryset = SubGroup.objects.filter(area=area)
        self.fields["facilitators"].queryset = Person.objects.filter(
            memberships__area=area, memberships__role=AreaRole.FACILITATOR
        ).order_by("full_name")

    @staticmethod
    def initial_for(session) -> dict:
        local_start = timezone.localtime(session.starts_at)
        return {
            "kind": session.kind,
            "title": session.title,
            "date": local_start.date(),
            "start_time": local_start.time(),
            "end_time": timezone.localtime(session.ends_at).time() if session.ends_at else None,
            "format": session.format,
            "venue": session.venue,
            "accessibility_notes": session.accessibility_notes,
            "online_platform": session.online_platform,
            "sub_group": session.sub_group,
            "facilitators": list(session.facilitators.all()),
            "purpose": session.purpose,
            "status": session.status,
            "summary": session.summary,
            "version": session.version,
        }

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end and end <= start:
            self.add_error(
                "end_time", f"The end time must be after the start time ({start:%H:%M})."
            )
        if cleaned.get("format") == SessionFormat.IN_PERSON and not cleaned.get("venue"):
            self.add_error("venue", "Enter the venue, or choose online.")
        if cleaned.get("format") == SessionFormat.ONLINE and not cleaned.get("online_platform"):
            self.add_error("online_platform", "Enter the online platform, for example Zoom.")
        if cleaned.get("kind") == SessionKind.SUB_GROUP_MEETING and not cleaned.get("sub_group"):
            self.add_error("sub_group", "Choose which sub-group is meeting.")
        held = cleaned.get("status") in (SessionStatus.HELD, SessionStatus.WRITTEN_UP)
        if held and day and start and _combine(day, start) > timezone.now():
            self.add_error(
                "status",
                "A session in the future cannot have been held yet. "
                "Choose “Planned”, or correct the date.",
            )
        return cleaned

    def session_fields(self) -> dict:
        """The cleaned data in the shape the services take."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "starts_at": _combine(data["date"], data["start_time"]),
            "ends_at": _combine(data["date"], data["end_time"]) if data["end_time"] else None,
            "format": data["format"],
            "venue": data["venue"] if data["format"] == SessionFormat.IN_PERSON else "",
            "accessibility_notes": data["accessibility_notes"],
            "online_platform": (
                data["online_platform"] if data["format"] == SessionFormat.ONLINE else ""
            ),
            "sub_group": data["sub_group"],
            "facilitators": list(data["facilitators"]),
            "purpose": data["purpose"],
            "status": data["status"],
            **({"summary": data["summary"].strip()} if "summary" in data else {}),
        }


def offer_people(field, people: list) -> None:
    """Offer people already read from the database: a page whose pickers all offer the
    same people reads them once, rather than once a picker."""
    options = [
        (
            ModelChoiceIteratorValue(field.prepare_value(person), person),
            field.label_from_instance(person),
        )
        for person in people
    ]
    blank = [] if field.empty_label is None else [("", field.empty_label)]
    field.widget.choices = [*blank, *options]


class AttendeesForm(forms.Form):
    """Tick people the area already knows to add them to the attendance list."""

    people = forms.ModelMultipleChoiceField(
        label="People the partnership already knows",
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one person to add."},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people


class NewAttendeeForm(forms.Form):
    """Someone who came but is not yet known to the partnership."""

    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text=(
            "Optional. If it is the address of someone already in your areas, they are "
            "added instead."
        ),
    )
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.none(), required=False
    )
    lived_experience = forms.BooleanField(
        label="Came with lived experience of the issue", required=False
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = "None, or not listed"

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


# More people than any partnership day holds: a slip of the keyboard, not a head-count.
HEADCOUNT_LIMIT = 10_000


class HeadcountsForm(forms.Form):
    """People counted rather than named: a number for each sector."""

    lived_experience = NumberField(
        label="Of these, how many had lived experience?",
        noun="how many had lived experience",
        example="4",
        min_value=0,
        required=False,
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-4"}),
        error_messages={"min_value": "Enter 0 or more people with lived experience."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        counted = {
            sector: NumberField(
                label=label,
                noun=f"the number of people from {label}",
                example="12",
                min_value=0,
                max_value=HEADCOUNT_LIMIT,
                required=False,
                widget=forms.TextInput(attrs={"class": "nhsuk-input--width-4"}),
                error_messages={
                    "min_value": f"Enter 0 or more people from {label}.",
                    "max_value": f"Enter {HEADCOUNT_LIMIT:,} or fewer people from {label}.",
                },
            )
            for sector, label in Sector.choices
        }
        self.fields = {**counted, "lived_experience": self.fields["lived_experience"]}

    @staticmethod
    def initial_for(session, headcounts) -> dict:
        return {
            **{headcount.sector: headcount.count for headcount in headcounts},
            "lived_experience": session.lived_experience_headcount,
        }

    def clean(self):
        cleaned = super().clean()
        total = sum(cleaned.get(sector) or 0 for sector in Sector.values)
        lived = cleaned.get("lived_experience") or 0
        if lived > total:
            self.add_error(
                "lived_experience",
                f"This is more than the {total} people counted above. "
                "Count people with lived experience within the sector numbers.",
            )
        return cleaned

    def counts(self) -> dict[str, int]:
        return {sector: self.cleaned_data.get(sector) or 0 for sector in Sector.values}


INSIGHT_LABELS = {
    InsightKind.BARRIER: "What gets in the way?",
    InsightKind.IDEA: "Wouldn’t it be brilliant if…",
    InsightKind.DECISION: "What was decided?",
    InsightKind.QUOTE: "What did they say?",
}


class InsightForm(VersionedForm):
    """A barrier, idea, decision or quote; quotes add who said it and their consent."""

    text = forms.CharField(label="", max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    barrier_type = forms.ModelChoiceField(
        label="Type of barrier",
        queryset=BarrierType.objects.all(),
        required=False,
        empty_label="Something else",
    )
    attribution = forms.CharField(
        label="How should the speaker be named?",
        max_length=200,
        required=False,
        help_text="Their name if they agreed, or a description such as “a carer from Pensnett”.",
    )
    speaker = forms.ModelChoiceField(
        label="Who said it (kept inside the area team)",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Not recorded",
    )
    consent = forms.ChoiceField(
        label="Consent to quote them",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        initial=Consent.NONE,
    )
    consent_on = forms.DateField(label="Date consent was given", required=False)

    FIELDS_BY_KIND = {
        InsightKind.BARRIER: ("text", "barrier_type"),
        InsightKind.IDEA: ("text",),
        InsightKind.DECISION: ("text",),
        InsightKind.QUOTE: ("text", "attribution", "speaker", "consent", "consent_on"),
    }

    def __init__(self, *args, kind, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = {*self.FIELDS_BY_KIND[kind], "version"}
        self.fields = {name: field for name, field in self.fields.items() if name in keep}
        self.fields["text"].label = INSIGHT_LABELS[kind]
        self.fields["text"].error_messages["required"] = {
            InsightKind.BARRIER: "Describe the barrier.",
            InsightKind.IDEA: "Describe the idea.",
            InsightKind.DECISION: "Describe what was decided.",
            InsightKind.QUOTE: "Enter the words they said.",
        }[kind]
        if "speaker" in self.fields:
            self.fields["speaker"].queryset = people

    @staticmethod
    def initial_for(insight) -> dict:
        return {
            "text": insight.text,
            "barrier_type": insight.barrier_type_id,
            "attribution": insight.attribution,
            "speaker": insight.speaker_id,
            "consent": insight.consent,
            "consent_on": insight.consent_on,
            "version": insight.version,
        }

    def clean(self):
        cleaned = super().clean()
        if self.kind != InsightKind.QUOTE:
            return cleaned
        consent, consent_on = cleaned.get("consent"), cleaned.get("consent_on")
        if consent in (Consent.VERBAL, Consent.WRITTEN) and not consent_on:
            self.add_error("consent_on", "Enter the date they gave consent.")
        if consent == Consent.NONE and consent_on:
            self.add_error(
                "consent_on",
                "Remove the date, or record the consent they gave (verbal or written).",
            )
        if consent_on and consent_on > timezone.localdate():
            self.add_error("consent_on", "The date consent was given must be today or earlier.")
        return cleaned

    def insight_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"].strip(),
            "barrier_type": data.get("barrier_type"),
            "attribution": data.get("attribution", ""),
            "speaker": data.get("speaker"),
            "consent": data.get("consent") or Consent.NONE,
            "consent_on": data.get("consent_on"),
        }


class OwnerChoiceField(forms.ModelChoiceField):
    """Picks an action's owner, naming those no email can reach, so it shows as they are chosen."""

    # The people offered, when they were read for the picker (see `offer`).
    listed = None

    def offer(self, people: list) -> None:
        """Offer people already read, and check a choice against them rather than asking
        the database again."""
        offer_people(self, people)
        self.listed = people

    def to_python(self, value):
        if self.listed is None or value in self.empty_values:
            return super().to_python(value)
        chosen = next((person for person in self.listed if str(person.pk) == str(value)), None)
        if chosen is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return chosen

    def label_from_instance(self, person):
        if person.email:
            return person.full_name
        return f"{person.full_name} (no email address)"


OWNER_HELP = (
    "Someone with no email address gets no emails about the action: tell them yourself, "
    "or add their address on the action’s page."
)


class ActionForm(VersionedForm):
    description = forms.CharField(
        label="What will be done?", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = OwnerChoiceField(
        label="Who owns it?",
        queryset=Person.objects.none(),
        empty_label="Choose a person",
        help_text=OWNER_HELP,
        error_messages={
            "required": "Choose who owns the action.",
            "invalid_choice": "Choose an owner from this area’s partnership.",
        },
    )
    due_on = forms.DateField(label="Due by", required=False)
    sub_group = forms.ModelChoiceField(
        label="Sub-group leading it",
        queryset=SubGroup.objects.none(),
        required=False,
        empty_label="None",
    )

    def __init__(self, *args, area, people, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["owner"].queryset = people
        self.fields["sub_group"].queryset = SubGroup.objects.filter(area=area)

    @staticmethod
    def initial_for(action) -> dict:
        return {
            "description": action.description,
            "owner": action.owner_id,
            "due_on": action.due_on,
            "sub_group": action.sub_group_id,
            "version": action.version,
        }

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        held_on = self.session and timezone.localtime(self.session.starts_at).date()
        if due_on and held_on and due_on < held_on:
            raise forms.ValidationError(
                f"The due date must be on or after the session ({held_on:%-d %B %Y})."
            )
        return due_on

    def action_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "description": data["description"].strip(),
            "owner": data["owner"],
            "due_on": data["due_on"],
            "sub_group": data["sub_group"],
        }


class SummaryForm(VersionedForm):
    summary = forms.CharField(
        label="Notes of the session",
        required=False,
        help_text="What happened and what was agreed, in plain words. Markdown is allowed.",
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    written_up = forms.BooleanField(
        label="The write-up is finished: mark the session as written up", required=False
    )


class RegistrationUploadForm(forms.Form):
    """A registration list to preview; cleaning reads the file, so its problems show here."""

    file = CsvUploadField(
        read=registration.read_upload,
        empty_message=registration.REGISTRATION_LIST.empty_message,
        label="Upload a registration list",
        help_text=(
            "A CSV file from Eventbrite, Zoom or Teams, or a spreadsheet saved as CSV. It needs "
            "a Name column (or First name and Last name); Email and Organisation columns help "
            "match people already on the platform."
        ),
    )
