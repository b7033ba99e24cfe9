"""Comments on case-study drafts, as "Your suggestions" lists them."""

from django.utils.text import Truncator

from partnerships.review.registry import Entry, Kind, register
from resources.casestudies.models import SectionComment


def _entry(comment: SectionComment) -> Entry:
    case_study = comment.version.case_study
    return Entry(
        kind=f"A comment on “{comment.get_section_display()}”",
        title=Truncator(comment.body).words(12),
        area_name=case_study.area.name,
        state="Resolved" if comment.is_resolved else "Open",
        at=comment.written_at,
        url=f"{case_study.get_absolute_url()}#comments-{comment.section}",
    )


register(
    Kind(
        noun="comment",
        rows=lambda: SectionComment.objects.select_related("version__case_study__area"),
        area_path="version__case_study__area",
        entry=_entry,
        reviewed=False,
        by_field="written_by",
        at_field="written_at",
        order=4,
    )
)
