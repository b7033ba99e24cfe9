import io

import pytest

from areas import demo as areas_demo
from areas.models import Area
from partnerships import demo_data
from partnerships.pdf import html_to_pdf
from resources import demo
from resources.casestudies.models import CaseStudyVersion
from resources.models import Resource, SessionUse
from resources.reports import documents
from resources.reports.models import CohortFunding
from tests.resources.casestudies.conftest import pdf_text
from workshops import demo as workshops_demo

pytestmark = pytest.mark.django_db


def test_the_demo_library_loads_once_with_every_title():
    areas_demo.load(io.StringIO())
    workshops_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert out.getvalue().count("Loaded the resource library: 12 resources.") == 1
    # Besides the output the demo partnership offered and its facilitator published.
    library = demo_data.load("resources", "library")
    assert set(Resource.objects.filter(submission=None).values_list("title", flat=True)) == {
        resource["title"] for resource in library["resources"]
    }
    assert all(resource.stages for resource in Resource.objects.prefetch_related("stage_links"))
    assert Resource.objects.filter(is_public=True).count() == 10
    wandsworth = Area.objects.get(slug="wandsworth")
    assert {theme.name for theme in wandsworth.focus_themes.all()} == {
        "Community research",
        "Trust and power",
    }
    assert SessionUse.objects.count() == len(library["uses"])


def test_the_demo_publishes_east_sussexs_case_study_for_the_funder_once():

    areas_demo.load(io.StringIO())
    workshops_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    demo.load(out)

    assert out.getvalue().count(demo_data.load("resources", "case_study")["title"]) == 1
    version = CaseStudyVersion.objects.published().get()
    # Its next version is a draft the partnership comments on (resources/outputs/demo.py).
    assert CaseStudyVersion.objects.unpublished().get().comments.exists()
    assert version.case_study.area.slug == "east-sussex"
    assert version.approved_by != version.created_by
    assert set(CohortFunding.objects.values_list("cohort__slug", flat=True)) == {
        "2021-2023",
        "phase-2",
    }
    text = pdf_text(html_to_pdf(documents.case_study_document(version).html)[0])
    assert "Tips for others" in text
    assert "Receptionists trained in cultural competency" in text
