from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import dateformat, timezone

from areas.models import Stage
from partnerships.forms import NHSDateField
from resources import files
from resources.models import ResourceType, Theme
from workshops.models import Session

# Longer searches are cut, not refused: the box is for a few words.
MAX_SEARCH_LENGTH = 100


class LibraryFilterForm(forms.Form):
    """The library's search box and filters. Read from the query string; never saved."""

    q = forms.CharField(
        label="Search titles and summaries",
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "maxlength": MAX_SEARCH_LENGTH}
        ),
    )
    type = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "All types"), *ResourceType.choices],
        widget=forms.Select(attrs={"class": "nhsuk-u-width-full"}),
    )
    theme = forms.ChoiceField(
        label="Theme", required=False, widget=forms.Select(attrs={"class": "nhsuk-u-width-full"})
    )
    stage = forms.ChoiceField(
        label="Helps with",
        required=False,
        choices=[("", "All kinds of support"), *Stage.choices],
        widget=forms.Select(attrs={"class": "nhsuk-u-width-full"}),
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", "All themes"),
            *((theme.slug, theme.name) for theme in themes),
        ]


def read_filters(params, *, themes) -> tuple[dict, LibraryFilterForm]:
    """The search and filters in `params` that make sense, and an unbound form showing them.

    A value we do not offer (a theme since renamed, a hand-edited link) is dropped rather
    than shown as an error: these are addresses people bookmark and share.
    """
    bound = LibraryFilterForm(params, themes=themes)
    bound.is_valid()
    data = bound.cleaned_data
    filters = {
        "q": (data.get("q") or "").strip()[:MAX_SEARCH_LENGTH],
        "resource_type": data.get("type") or "",
        "theme": data.get("theme") or "",
        "stage": data.get("stage") or "",
    }
    initial = {**filters, "type": filters["resource_type"]}
    return filters, LibraryFilterForm(initial=initial, themes=themes)


class ResourceForm(forms.Form):
    """Add or change a resource: a link or an uploaded file, and what it helps with."""

    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    summary = forms.CharField(
        label="Summary",
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences: what it is, and when it helps a partnership.",
        error_messages={"required": "Enter a summary"},
    )
    resource_type = forms.ChoiceField(
        label="Type",
        choices=ResourceType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of resource"},
    )
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message="Enter a link starting with https://, like https://www.example.org/guide",
            )
        ],
        help_text="Where people can read, watch or download it. Leave empty to upload a file.",
        error_messages={"invalid": "Enter a link like https://www.example.org/guide"},
    )
    upload = forms.FileField(
        label="Or upload a file",
        required=False,
        widget=forms.FileInput,
        error_messages={"empty": "The selected file is empty"},
    )
    remove_file = forms.BooleanField(label="Remove the current file", required=False)
    publisher = forms.CharField(
        label="Publisher",
        max_length=200,
        help_text="The organisation that wrote or published it.",
        error_messages={"required": "Enter the publisher"},
    )
    published_on = NHSDateField(
        label="Date published", required=False, help_text="For example, 15 3 2023"
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stages = forms.MultipleChoiceField(
        label="Which kinds of support does it help with?",
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Area pages recommend it to partnerships at these stages.",
        error_messages={"required": "Select at least one kind of support it helps with"},
    )
    is_public = forms.BooleanField(
        label="Show it in the public library",
        required=False,
        help_text="Anyone can find it there without signing in. Leave this unticked for "
        "material only the programme's partnerships should see.",
    )

    def __init__(self, *args, resource=None, **kwargs):
        self.resource = resource
        super().__init__(*args, **kwargs)
        limit = files.megabytes(settings.RESOURCE_UPLOAD_MAX_BYTES)
        hint = f"{files.ACCEPTED_TYPES}, up to {limit}."
        if self.has_file:
            kind = files.KINDS[resource.file_type]
            hint = (
                f"It has a {kind.label} ({filesizeformat(resource.file_size)}) now. "
                f"Choose a new file to replace it: {files.ACCEPTED_TYPES}, up to {limit}."
            )
        else:
            self.fields.pop("remove_file", None)
        if "upload" in self.fields:  # forms built on this one may not take a file
            self.fields["upload"].help_text = hint

    @property
    def has_file(self) -> bool:
        return bool(self.resource and self.resource.file)

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            files.identify(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if {"url", "upload"} & set(self.errors):
            return cleaned
        url, upload = cleaned.get("url"), cleaned.get("upload")
        keeps_file = self.has_file and not cleaned.get("remove_file")
        if url and upload:
            self.add_error("url", "Enter a link or upload a file, not both")
        elif url and keeps_file:
            self.add_error(
                "url",
                "Enter a link or keep the current file, not both. To use a link instead, "
                "tick “Remove the current file”",
            )
        elif not (url or upload or keeps_file):
            self.add_error("url", "Enter a link or upload a file")
        return cleaned

    @staticmethod
    def initial_for(resource) -> dict:
        return {
            "title": resource.title,
            "summary": resource.summary,
            "resource_type": resource.resource_type,
            "url": resource.url,
            "publisher": resource.publisher,
            "published_on": resource.published_on,
            "themes": list(resource.themes.all()),
            "stages": [stage.value for stage in resource.stages],
            "is_public": resource.is_public,
        }


class FocusThemesForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label="Which themes does the area's focus touch?",
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. The area page recommends resources on these themes, "
        "alongside those for the area's stage.",
    )


class SessionUseForm(forms.Form):
    """Which of the person's sessions a resource was used in."""

    session = forms.ModelChoiceField(
        label="Record a session where it was used",
        queryset=Session.objects.none(),
        empty_label="Choose a session",
        help_text="Sessions of your areas from the past year, and those still to come.",
        error_messages={
            "required": "Choose the session where it was used",
            "invalid_choice": "Choose one of your areas' sessions from the list",
        },
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = _session_label


def _session_label(session) -> str:
    day = dateformat.format(timezone.localtime(session.starts_at), "j F Y")
    return f"{day}: {session.title} ({session.area.name})"
