import io
import subprocess

import pytest
from pypdf import PdfReader

from partnerships.models import AreaRole
from resources.casestudies import services
from resources.reports.models import CohortFunding
from tests.factories import user_with_role
from tests.resources.casestudies.story import tell_story


@pytest.fixture
def story(world):
    return tell_story(world.area_a)


@pytest.fixture
def second_facilitator(world):
    """Another facilitator of area A: the one who may approve what the first one wrote."""
    return user_with_role(world.area_a, AreaRole.FACILITATOR)


@pytest.fixture
def draft(world, story):
    return services.case_study_start(
        area=world.area_a, by=world.facilitator_a.person, title="Screening with community leaders"
    )


@pytest.fixture
def published(draft, second_facilitator):
    services.case_study_submit(version=draft, by=draft.created_by)
    return services.case_study_approve(version=draft, by=second_facilitator.person)


@pytest.fixture
def funding_funder(world):
    """The world's funder, funding area A's cohort."""
    CohortFunding.objects.create(funder=world.funder.person, cohort=world.area_a.cohort)
    return world.funder


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_metadata(pdf: bytes) -> dict:
    reader = PdfReader(io.BytesIO(pdf))
    return {
        "metadata": {key: str(value) for key, value in (reader.metadata or {}).items()},
        "attachments": reader.attachments,
        "pages": len(reader.pages),
    }


def render_pages(pdf: bytes, prefix: str) -> None:
    """PNGs of the pages, for looking at a document by eye (not run by the tests)."""
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-", prefix], input=pdf, check=True)
