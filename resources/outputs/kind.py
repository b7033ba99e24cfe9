"""Outputs offered to the library, as "Your suggestions" and the review emails list them."""

from partnerships.review.registry import Entry, Kind, register
from resources.outputs.models import OutputSubmission


def _entry(submission: OutputSubmission) -> Entry:
    return Entry.of(
        submission,
        kind="An output for the library",
        title=submission.title,
        area_name=submission.area.name,
        url=submission.get_absolute_url(),
    )


register(
    Kind(
        noun="output",
        rows=lambda: OutputSubmission.objects.select_related("area"),
        area_path="area",
        entry=_entry,
        order=3,
    )
)
