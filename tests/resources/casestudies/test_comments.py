"""Comments on a draft's sections: anyone in the partnership writes, the authors reply and
resolve; nothing of them reaches the PDF or the public page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.casestudies import services
from resources.casestudies.models import SectionComment
from resources.reports.documents import case_study_document

pytestmark = pytest.mark.django_db

WORDS = "Say which four practices took part, and when"


def _detail(version):
    return version.case_study.get_absolute_url()


def _comment(client, version, **data):
    url = reverse(
        "casestudies:comment-add", args=[version.case_study.area.slug, version.case_study_id]
    )
    return client.post(url, {"section": "problem", "body": WORDS, **data})


@pytest.mark.parametrize("persona", ["community_a", "steering_a", "lco_a", "facilitator_a"])
def test_anyone_in_the_partnership_comments_on_a_section(client, world, draft, persona):
    client.force_login(getattr(world, persona))
    response = _comment(client, draft)
    comment = SectionComment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith("#comments-problem")
    assert comment.written_by == getattr(world, persona).person
    assert comment.section == "problem"
    client.force_login(world.facilitator_a)
    page = client.get(_detail(draft)).content.decode()
    assert WORDS in page
    assert getattr(world, persona).person.full_name in page


def test_an_empty_comment_is_refused_beside_its_section(client, world, draft):
    client.force_login(world.community_a)
    response = _comment(client, draft, section="tips", body="")
    body = response.content.decode()
    assert response.status_code == 400
    assert "nhsuk-error-summary" in body
    assert 'href="#comment-tips-id_body"' in body or 'href="#comment-tips-body"' in body
    assert not SectionComment.objects.exists()


def test_the_authors_reply_and_resolve_and_resolved_comments_fold_away(client, world, draft):
    client.force_login(world.community_a)
    _comment(client, draft)
    comment = SectionComment.objects.get()
    client.force_login(world.facilitator_a)
    _comment(client, draft, section="tips", reply_to=comment.pk, body="Added: four, in July")
    reply = SectionComment.objects.exclude(pk=comment.pk).get()
    assert reply.reply_to == comment
    assert reply.section == "problem"  # a reply stays with its comment's section
    url = reverse(
        "casestudies:comment-resolve",
        args=[world.area_a.slug, draft.case_study_id, comment.pk],
    )
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_by == world.facilitator_a.person
    page = client.get(_detail(draft)).content.decode()
    assert "Resolved comments (1)" in page
    assert "1 open" not in page


def test_only_the_authors_and_the_writer_resolve(client, world, draft):
    client.force_login(world.community_a)
    _comment(client, draft)
    comment = SectionComment.objects.get()
    url = reverse(
        "casestudies:comment-resolve", args=[world.area_a.slug, draft.case_study_id, comment.pk]
    )
    client.force_login(world.steering_a)
    assert client.post(url).status_code == 403
    client.force_login(world.community_a)
    assert client.post(url).status_code == 302


def test_a_published_version_takes_no_comments(client, world, published):
    client.force_login(world.community_a)
    _comment(client, published)
    assert not SectionComment.objects.exists()


def test_comments_never_reach_the_pdf_or_the_public_page(client, world, draft, second_facilitator):
    client.force_login(world.community_a)
    _comment(client, draft)
    assert WORDS not in case_study_document(draft).html
    services.case_study_submit(version=draft, by=draft.created_by)
    services.case_study_approve(version=draft, by=second_facilitator.person)
    client.logout()
    public = client.get(draft.case_study.get_public_url())
    assert public.status_code == 200
    assert WORDS not in public.content.decode()


def test_the_page_with_comments_costs_the_same_at_any_size(client, world, draft):
    def queries_for_page():
        client.force_login(world.facilitator_a)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_detail(draft)).status_code == 200
        return len(queries)

    client.force_login(world.community_a)
    _comment(client, draft)
    one = queries_for_page()
    client.force_login(world.community_a)
    for section in ("involved", "tips", "tips", "since"):
        _comment(client, draft, section=section)
    for comment in SectionComment.objects.all():
        _comment(client, draft, reply_to=comment.pk, body="A reply")
    assert queries_for_page() == one
