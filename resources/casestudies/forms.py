from django import forms

from partnerships.forms import NumberField, VersionedForm
from resources.casestudies.models import SECTIONS

MARKDOWN_HELP = (
    " Plain text; Markdown works for lists (start a line with “- ”), **bold** and links."
)


class CaseStudyStartForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="What the story is about, e.g. “Cancer screening with community leaders”.",
        error_messages={"required": "Enter a title for the case study"},
    )


class CaseStudyForm(VersionedForm):
    """The case study's words, section by section, and who wrote them."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title for the case study"},
    )
    summary = forms.CharField(
        label="Summary for the cover",
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences.",
    )
    authors = forms.ModelMultipleChoiceField(
        label="Authors",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Named on the cover with their role and organisation.",
        error_messages={"required": "Choose at least one author"},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        for name, heading, purpose in SECTIONS:
            self.fields[name] = forms.CharField(
                label=heading,
                required=False,
                max_length=8000,
                widget=forms.Textarea(attrs={"rows": 7}),
                help_text=purpose + MARKDOWN_HELP,
            )
        # Authors last, after the sections they wrote.
        self.fields["authors"] = self.fields.pop("authors")
        self.fields["authors"].queryset = people
        self.fields["authors"].label_from_instance = _described

    @classmethod
    def initial_for(cls, version) -> dict:
        return {
            "version": version.version,
            "title": version.title,
            "summary": version.summary,
            "authors": [author.person_id for author in version.authors.all() if author.person_id],
            **{name: text for name, _, text in version.sections},
        }


def _described(person) -> str:
    parts = [person.full_name, person.job_title]
    if person.organisation:
        parts.append(person.organisation.name)
    return ", ".join(part for part in parts if part)


class SectionCommentForm(forms.Form):
    """A comment on one section of a draft, or a reply to one (`reply_to`)."""

    section = forms.ChoiceField(choices=[(name, heading) for name, heading, _ in SECTIONS])
    reply_to = NumberField(
        noun="the comment replied to",
        example="1",
        min_value=1,
        required=False,
        widget=forms.HiddenInput,
    )
    body = forms.CharField(
        label="Your comment",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The authors see it beside this section. It never appears in the PDF or "
        "the published case study.",
        error_messages={"required": "Write your comment, or leave the box empty and go back."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].widget = forms.HiddenInput()

    @classmethod
    def slot(cls, section: str, reply_to: int | None = None, data=None) -> "SectionCommentForm":
        """The form of one place on the page (a section, or a reply to one comment), its
        ids unique on the page, so a refused comment comes back where it was written."""
        place = f"reply-{reply_to}" if reply_to else f"comment-{section}"
        form = cls(data, auto_id=f"{place}-%s", initial={"section": section, "reply_to": reply_to})
        form.place = place
        if reply_to:
            form.fields["body"].label = "Your reply"
            form.fields["body"].help_text = ""
        return form
