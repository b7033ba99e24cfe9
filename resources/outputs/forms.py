from django import forms

from resources.forms import ResourceForm


class OutputForm(ResourceForm):
    """What someone in a partnership offers the library: its title, type, a description,
    and a link or a file (checked by its bytes, as every upload to the library is)."""

    # How it is filed (publisher, themes, stages, public) is for the facilitator who
    # publishes it to say.
    publisher = published_on = themes = stages = is_public = remove_file = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        summary = self.fields["summary"]
        summary.label = "Description"
        summary.help_text = "What it is, who made it, and how another partnership could use it."
        summary.error_messages["required"] = "Enter a description"


class AcceptOutputForm(ResourceForm):
    """A facilitator publishes an output, as offered or edited, and files it for finding.
    Its link or file stays the one offered."""

    url = upload = remove_file = None

    def clean(self):
        # No link-or-file choice to check: the submission's own is published.
        return forms.Form.clean(self)

    @staticmethod
    def initial_for(submission) -> dict:
        return {
            "title": submission.title,
            "summary": submission.description,
            "resource_type": submission.resource_type,
            "publisher": f"{submission.area.name} partnership",
        }
