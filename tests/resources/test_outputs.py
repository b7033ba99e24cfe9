"""People in a partnership offer what it made to the library; a facilitator publishes it."""

import pytest
from django.urls import reverse

from partnerships.review.models import ReviewEmail, ReviewStatus
from resources.models import Resource
from resources.outputs.models import OutputSubmission
from tests.resources import samples

pytestmark = pytest.mark.django_db


def offer(client, area, **changes):
    data = {
        "title": "Charter for Older People",
        "summary": "What older people in the borough asked of every service, in their words.",
        "resource_type": "charter",
        "url": "",
        **changes,
    }
    return client.post(reverse("library:output-new", args=[area.slug]), data)


@pytest.fixture
def offered(world):
    return OutputSubmission.objects.create(
        area=world.area_a,
        proposed_by=world.community_a.person,
        title="Equalities impact: a how-to guide",
        resource_type="guide",
        description="How to check a change for its effect on older people",
        url="https://www.example.org/how-to",
    )


@pytest.mark.parametrize("persona", ["community_a", "steering_a", "lco_a"])
def test_anyone_in_the_partnership_offers_a_file_checked_by_its_bytes(
    client, world, media_storage, persona
):
    client.force_login(getattr(world, persona))
    response = offer(client, world.area_a, upload=samples.upload(samples.DOCX_BYTES, "c.pdf"))
    submission = OutputSubmission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == submission.get_absolute_url()
    assert submission.proposed_by == getattr(world, persona).person
    assert submission.file_type.endswith("wordprocessingml.document")
    assert submission.file.name.endswith(".docx")
    assert not Resource.objects.exists()
    assert ReviewEmail.objects.filter(person=world.facilitator_a.person).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (samples.ELF_BYTES, "The selected file is a program, not a document."),
        (samples.DOCM_BYTES, "The selected file contains macros."),
    ],
)
def test_an_unsafe_file_is_refused_next_to_the_field_and_the_words_kept(
    client, world, media_storage, content, message
):
    client.force_login(world.community_a)
    response = offer(client, world.area_a, upload=samples.upload(content, "charter.pdf"))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "Charter for Older People" in body
    assert not OutputSubmission.objects.exists()


def test_an_offer_needs_a_link_or_a_file(client, world):
    client.force_login(world.community_a)
    body = offer(client, world.area_a, summary="").content.decode()
    assert "Enter a description" in body
    assert "Enter a link or upload a file" in body


def test_the_facilitator_publishes_it_crediting_who_offered_it(client, world, offered):
    client.force_login(world.facilitator_a)
    response = client.post(
        offered.get_absolute_url(),
        {
            "do": "accept",
            "title": "An equalities impact how-to guide",
            "summary": offered.description,
            "resource_type": "guide",
            "publisher": "Wandsworth partnership",
            "stages": ["getting_started"],
        },
    )
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == resource.get_absolute_url()
    assert resource.title == "An equalities impact how-to guide"
    assert resource.url == "https://www.example.org/how-to"
    assert resource.submission.proposed_by == world.community_a.person
    offered.refresh_from_db()
    assert offered.decision == ReviewStatus.ACCEPTED
    client.force_login(world.steering_b)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert f"{world.community_a.person.full_name}, of the Wandsworth partnership" in page


def test_a_published_file_is_the_one_offered(client, world, media_storage):
    client.force_login(world.community_a)
    offer(client, world.area_a, upload=samples.upload(samples.PDF_BYTES, "charter.pdf"))
    submission = OutputSubmission.objects.get()
    client.force_login(world.facilitator_a)
    client.post(
        submission.get_absolute_url(),
        {
            "do": "accept",
            "title": submission.title,
            "summary": submission.description,
            "resource_type": "charter",
            "publisher": "Wandsworth partnership",
            "stages": ["getting_started"],
        },
    )
    resource = Resource.objects.get()
    download = client.get(reverse("library:file", args=[resource.pk]))
    assert b"".join(download.streaming_content) == samples.PDF_BYTES
    assert resource.file_type == "application/pdf"


def test_the_facilitator_declines_with_a_reason(client, world, offered):
    client.force_login(world.facilitator_a)
    client.post(
        offered.get_absolute_url(),
        {"do": "decline", "decline-note": "It names residents; take their names out first"},
    )
    offered.refresh_from_db()
    assert offered.decision == ReviewStatus.DECLINED
    assert not Resource.objects.exists()
    client.force_login(world.community_a)
    page = client.get(offered.get_absolute_url()).content.decode()
    assert "It names residents; take their names out first" in page


@pytest.mark.parametrize("persona", ["community_a", "steering_a"])
def test_only_facilitators_publish(client, world, offered, persona):
    client.force_login(getattr(world, persona))
    response = client.post(offered.get_absolute_url(), {"do": "decline", "decline-note": "No"})
    assert response.status_code == 403


def test_the_submitted_file_downloads_for_the_area_only(client, world, media_storage):
    client.force_login(world.community_a)
    offer(client, world.area_a, upload=samples.upload(samples.PDF_BYTES, "charter.pdf"))
    submission = OutputSubmission.objects.get()
    url = reverse("library:output-file", args=[world.area_a.slug, submission.pk])
    client.force_login(world.facilitator_a)
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == samples.PDF_BYTES
    client.force_login(world.facilitator_b)
    assert client.get(url).status_code == 404


def test_the_area_page_counts_what_waits_for_its_facilitators(client, world, offered):
    client.force_login(world.facilitator_a)
    page = client.get(world.area_a.get_absolute_url()).content.decode()
    assert "1 suggestion waits for your decision" in page
    client.force_login(world.steering_a)
    assert (
        "waits for your decision"
        not in client.get(world.area_a.get_absolute_url()).content.decode()
    )


def test_the_list_of_outputs_costs_the_same_at_any_size(
    client, world, django_assert_max_num_queries
):
    for n in range(8):
        OutputSubmission.objects.create(
            area=world.area_a,
            proposed_by=world.lco_a.person,
            title=f"Guide {n}",
            resource_type="guide",
            description="-",
            url="https://www.example.org/",
        )
    client.force_login(world.facilitator_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("library:outputs", args=[world.area_a.slug])).status_code == 200
