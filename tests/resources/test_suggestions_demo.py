"""The demo shows every kind of suggestion, waiting and decided, once however often loaded."""

import io

import pytest

from areas import demo as areas_demo
from areas.models import CaoProposal
from partnerships.review.models import ReviewStatus
from resources import demo
from resources.casestudies.models import SectionComment
from resources.outputs.models import OutputSubmission
from workshops import demo as workshops_demo
from workshops.suggestions.models import ActionSuggestion

pytestmark = pytest.mark.django_db


def test_the_demo_partnership_suggests_every_kind_once():
    areas_demo.load(io.StringIO())
    workshops_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    decisions = set(ActionSuggestion.objects.values_list("decision", flat=True))
    assert decisions == set(ReviewStatus)
    assert ActionSuggestion.objects.get(decision="accepted").action.owner.email == (
        "steering@demo.example"
    )
    assert set(OutputSubmission.objects.values_list("decision", flat=True)) == {
        ReviewStatus.WAITING,
        ReviewStatus.ACCEPTED,
    }
    assert OutputSubmission.objects.get(decision="accepted").resource is not None
    assert CaoProposal.objects.filter(proposed_by__email="community@demo.example").exists()
    assert SectionComment.objects.filter(resolved_at__isnull=False).count() == 1
    assert SectionComment.objects.filter(reply_to__isnull=False).count() == 1
