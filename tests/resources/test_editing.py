"""Adding and changing resources: links, uploads checked by their bytes, and who may."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from areas.models import Stage
from resources import services
from resources.models import Resource, ResourceType
from resources.search import search
from tests.factories import ResourceFactory, ThemeFactory
from tests.resources import samples

pytestmark = pytest.mark.django_db

NEW = "/library/new/"


def _form(**changes):
    data = {
        "title": "A toolkit for conducting community research",
        "summary": "Planning research with local people as partners.",
        "resource_type": ResourceType.TOOLKIT,
        "url": "https://www.example.org/toolkit",
        "publisher": "A national charity",
        "published_on_day": "15",
        "published_on_month": "3",
        "published_on_year": "2023",
        "stages": [Stage.GETTING_STARTED, Stage.NEXT_LEVEL],
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def _edit_url(resource):
    return reverse("library:edit", args=[resource.pk])


def test_a_facilitator_adds_a_link(client, world):
    theme = ThemeFactory(name="Community research")
    client.force_login(world.facilitator_b)
    response = client.post(NEW, _form(themes=[theme.pk], is_public="on"))
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == resource.get_absolute_url()
    assert resource.url == "https://www.example.org/toolkit"
    assert resource.published_on.isoformat() == "2023-03-15"
    assert resource.is_public
    assert resource.created_by == world.facilitator_b.person
    assert list(resource.themes.all()) == [theme]
    assert resource.stages == [Stage.GETTING_STARTED, Stage.NEXT_LEVEL]
    # Searchable at once: the service keeps the stored search vector up to date.
    assert list(search(Resource.objects.all(), "community research")) == [resource]
    page = client.get(response["Location"]).content.decode()
    assert "“A toolkit for conducting community research” is in the library." in page


def test_a_lead_uploads_a_file_served_as_what_its_bytes_say(client, world, media_storage):
    client.force_login(world.lead)
    client.post(
        NEW,
        _form(
            url="",
            title='Measuring "impact"\r\nX-Evil: 1',
            upload=samples.upload(samples.PDF_BYTES, "../../etc/notes.docx", "text/html"),
        ),
    )
    resource = Resource.objects.get()
    assert resource.file_type == "application/pdf"
    assert resource.file_size == len(samples.PDF_BYTES)
    # A random name in the library's folder, with the extension the bytes call for.
    assert media_storage.names() == [resource.file.name]
    assert resource.file.name.startswith("resources/")
    assert resource.file.name.endswith(".pdf")
    assert "notes" not in resource.file.name
    assert default_storage.open(resource.file.name).read() == samples.PDF_BYTES
    assert media_storage.is_private(resource.file.name, client)

    response = client.get(reverse("library:file", args=[resource.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="measuring-impact-x-evil-1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == samples.PDF_BYTES
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Download the PDF" in page
    assert "/media/" not in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (samples.ELF_BYTES, "report.pdf", "The selected file is a program, not a document."),
        (samples.MZ_BYTES, "slides.pptx", "The selected file is a program, not a document."),
        (b"<html><script>alert(1)</script>", "chart.png", "The selected file must be a PDF"),
        (samples.DOCM_BYTES, "guide.docx", "The selected file contains macros."),
        (b"", "empty.pdf", "The selected file is empty"),
    ],
)
def test_a_file_we_do_not_take_is_refused_next_to_the_field(client, world, content, name, message):
    client.force_login(world.facilitator_a)
    response = client.post(NEW, _form(url="", upload=samples.upload(content, name)))
    assert response.status_code == 200
    assert not Resource.objects.exists()
    body = response.content.decode()
    assert "There is a problem" in body
    assert f'<a href="#id_upload">{message}' in body
    assert 'id="id_upload-error"' in body
    # Everything else the person typed is still there.
    assert 'value="A toolkit for conducting community research"' in body
    assert "Planning research with local people as partners." in body
    assert 'value="15"' in body


def test_a_file_over_the_limit_is_refused(client, world, settings):
    settings.RESOURCE_UPLOAD_MAX_BYTES = 1_048_576
    client.force_login(world.facilitator_a)
    big = samples.upload(samples.PDF_BYTES + bytes(1_048_576))
    response = client.post(NEW, _form(url="", upload=big))
    assert "The selected file must be smaller than 1 MB" in response.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"url": ""}, "url", "Enter a link or upload a file"),
        (
            {"upload": samples.upload(samples.PDF_BYTES)},
            "url",
            "Enter a link or upload a file, not both",
        ),
        ({"url": "javascript:alert(1)"}, "url", "Enter a link"),
        ({"title": ""}, "title", "Enter a title"),
        ({"stages": None}, "stages_0", "Select at least one kind of support it helps with"),
        ({"resource_type": None}, "resource_type_0", "Select the type of resource"),
        ({"published_on_year": "23"}, "published_on_0", "Enter a real date"),
    ],
)
def test_mistakes_are_explained_next_to_their_field(client, world, changes, field, message):
    client.force_login(world.facilitator_a)
    response = client.post(NEW, _form(**changes))
    assert response.status_code == 200
    assert f'<a href="#id_{field}">{message}' in response.content.decode()
    assert not Resource.objects.exists()


def test_a_facilitator_swaps_a_link_for_a_file_and_back(
    client, world, media_storage, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(title="Measuring impact")
    client.force_login(world.facilitator_a)
    upload = samples.upload(samples.DOCX_BYTES, "impact.docx")
    response = client.post(
        _edit_url(resource), _form(title="Measuring impact", url="", upload=upload)
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.url == ""
    assert (
        resource.file_type
        == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    stored = resource.file.name

    form = client.get(_edit_url(resource)).content.decode()
    assert "It has a Word document (" in form
    assert "Remove the current file" in form
    response = client.post(_edit_url(resource), _form(title="Measuring impact"))
    assert "Enter a link or keep the current file, not both" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_edit_url(resource), _form(title="Measuring impact", remove_file="on"))
    resource.refresh_from_db()
    assert resource.url == "https://www.example.org/toolkit"
    assert not resource.file
    assert resource.file_type == ""
    assert not default_storage.exists(stored)
    assert media_storage.names() == []


def test_changing_the_title_changes_what_finds_it(client, world):
    resource = ResourceFactory(title="Talking points")
    client.force_login(world.lead)
    client.post(_edit_url(resource), _form(title="Conversation starters"))
    assert list(search(Resource.objects.all(), "starters")) == [resource]
    assert list(search(Resource.objects.all(), "talking")) == []


def test_the_edit_form_starts_from_the_resource(client, world):
    theme = ThemeFactory(name="Trust and power")
    resource = ResourceFactory(
        title="Barriers are coming down", themes=[theme], stages=[Stage.GETTING_UNSTUCK]
    )
    client.force_login(world.facilitator_a)
    body = client.get(_edit_url(resource)).content.decode()
    assert 'value="Barriers are coming down"' in body
    assert f'name="themes" type="checkbox" value="{theme.pk}" checked>' in body
    assert 'value="getting_unstuck" checked>' in body
    assert 'value="getting_started" checked>' not in body


@pytest.mark.parametrize("persona", ["steering_a", "lco_a", "steering_b"])
def test_other_roles_may_not_add_or_change(client, world, persona):
    resource = ResourceFactory(title="Measuring impact")
    client.force_login(getattr(world, persona))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, _form()).status_code == 403
    assert client.get(_edit_url(resource)).status_code == 403
    assert client.post(_edit_url(resource), _form(title="Changed")).status_code == 403
    resource.refresh_from_db()
    assert resource.title == "Measuring impact"
    assert not Resource.objects.exclude(pk=resource.pk).exists()


def test_signed_out_visitors_are_sent_to_sign_in_to_add(client):
    response = client.get(NEW)
    assert response["Location"].startswith(reverse("account_login"))


# Getting the file


def _with_file(**kwargs):
    return services.resource_create(
        by=None,
        title="Measuring impact",
        summary="Showing change.",
        resource_type=ResourceType.INFOGRAPHIC,
        upload=samples.upload(samples.PNG_BYTES, "chart.png", "image/png"),
        stages=[Stage.NEXT_LEVEL],
        publisher="A national charity",
        **kwargs,
    )


def test_a_public_file_is_for_anyone(client, media_storage):
    resource = _with_file(is_public=True)
    response = client.get(reverse("library:file", args=[resource.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="measuring-impact.png"'
    assert b"".join(response.streaming_content) == samples.PNG_BYTES


def test_a_partners_only_file_needs_sign_in_and_a_role(client, world):
    resource = _with_file(is_public=False)
    url = reverse("library:file", args=[resource.pk])
    assert client.get(url)["Location"] == f"{reverse('account_login')}?next={url}"
    client.force_login(world.funder)
    assert client.get(url).status_code == 404
    client.force_login(world.steering_b)
    assert client.get(url).status_code == 200


def test_a_link_has_no_file_and_a_lost_file_is_not_found(client, world, media_storage):
    client.force_login(world.steering_a)
    assert client.get(reverse("library:file", args=[ResourceFactory().pk])).status_code == 404
    resource = _with_file()
    default_storage.delete(resource.file.name)
    assert client.get(reverse("library:file", args=[resource.pk])).status_code == 404
