"""Proposed changes to statements, as "Your suggestions" and the review emails list them."""

from django.urls import reverse

from areas.outcomes.models import CaoProposal
from partnerships.review.registry import Entry, Kind, register


def _entry(proposal: CaoProposal) -> Entry:
    statement = proposal.statement
    return Entry.of(
        proposal,
        kind="A change to a statement",
        title=statement.title,
        area_name=statement.area.name,
        url=reverse(
            "areas:outcomes:proposal", args=[statement.area.slug, statement.pk, proposal.pk]
        ),
    )


register(
    Kind(
        noun="statement",
        rows=lambda: CaoProposal.objects.select_related("statement__area"),
        area_path="statement__area",
        entry=_entry,
        order=1,
    )
)
