"""The case-study pages inside an area: who may read, write and approve."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.casestudies import services
from resources.casestudies.models import SECTION_NAMES, CaseStudy, CaseStudyStatus
from tests.resources.casestudies.story import SECRET_QUOTE, SHARED_QUOTE
from tests.workshops.factories import (
    AttendanceFactory,
    InsightFactory,
    QuoteFactory,
    SessionFactory,
)


def _url(name, version, **extra):
    return reverse(
        f"casestudies:{name}",
        kwargs={
            "area_slug": version.case_study.area.slug,
            "case_study_id": version.case_study_id,
            **extra,
        },
    )


def _form_data(version, **changes):
    data = {
        "version": version.version,
        **{name: getattr(version, name) for name in services.EDITABLE_FIELDS},
        "authors": [author.person_id for author in version.authors.all()],
    }
    return {**data, **changes}


def test_a_facilitator_starts_a_case_study_from_the_list(client, world, story):
    client.force_login(world.facilitator_a)
    url = reverse("casestudies:new", kwargs={"area_slug": world.area_a.slug})

    response = client.post(url, {"title": "Screening with community leaders"})

    study = CaseStudy.objects.get(area=world.area_a)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "casestudies:edit", kwargs={"area_slug": world.area_a.slug, "case_study_id": study.pk}
    )


def test_a_missing_title_is_explained_next_to_the_field(client, world):
    client.force_login(world.facilitator_a)
    url = reverse("casestudies:new", kwargs={"area_slug": world.area_a.slug})

    response = client.post(url, {"title": ""})

    assert response.status_code == 200
    assert "Enter a title for the case study" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_steering_members_read_but_may_not_write(client, world, draft):
    client.force_login(world.steering_a)

    assert client.get(_url("detail", draft)).status_code == 200
    assert client.get(_url("edit", draft)).status_code == 403
    assert client.post(_url("submit", draft)).status_code == 403
    new = reverse("casestudies:new", kwargs={"area_slug": world.area_a.slug})
    assert client.post(new, {"title": "Mine"}).status_code == 403


def test_the_editor_saves_sections_and_authors(client, world, draft, second_facilitator):
    client.force_login(world.facilitator_a)
    data = _form_data(
        draft,
        tips="- Recruit community leaders first",
        authors=[world.facilitator_a.person.pk, second_facilitator.person.pk],
    )

    response = client.post(_url("edit", draft), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.tips == "- Recruit community leaders first"
    assert draft.authors.count() == 2


def test_the_editor_keeps_input_and_explains_a_conflict(client, world, draft):
    client.force_login(world.facilitator_a)
    client.post(_url("edit", draft), _form_data(draft, tips="First writer"))

    response = client.post(_url("edit", draft), _form_data(draft, tips="Second writer"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "while you were editing" in page
    assert "Second writer" in page


def test_the_editor_requires_an_author(client, world, draft):
    client.force_login(world.facilitator_a)
    response = client.post(_url("edit", draft), _form_data(draft, authors=[]))
    assert "Choose at least one author" in response.content.decode()


def test_the_author_is_not_offered_approval_and_is_refused_it(client, world, draft):
    services.case_study_submit(version=draft, by=draft.created_by)
    client.force_login(world.facilitator_a)

    page = client.get(_url("detail", draft)).content.decode()
    assert "Approve and publish" not in page
    assert "another facilitator" in page

    client.post(_url("approve", draft))
    draft.refresh_from_db()
    assert draft.status == CaseStudyStatus.IN_REVIEW


def test_a_second_facilitator_approves_through_the_page(client, world, draft, second_facilitator):
    services.case_study_submit(version=draft, by=draft.created_by)
    client.force_login(second_facilitator)

    assert "Approve and publish" in client.get(_url("detail", draft)).content.decode()
    client.post(_url("approve", draft))

    draft.refresh_from_db()
    assert draft.status == CaseStudyStatus.PUBLISHED
    assert draft.approved_by == second_facilitator.person


def test_the_detail_page_shows_consented_quotes_only(client, world, draft):
    client.force_login(world.facilitator_a)
    page = client.get(_url("detail", draft)).content.decode()
    assert SHARED_QUOTE in page
    assert SECRET_QUOTE not in page


def test_the_pages_read_in_a_bounded_number_of_queries(
    client, world, draft, django_assert_max_num_queries
):
    client.force_login(world.facilitator_a)
    # A draft's figures are read live: who took part (attendance, head-counts, the
    # steering group), sessions, barriers, actions, indicators, stage changes and aims;
    # and who has edited the version.
    with django_assert_max_num_queries(33):
        assert client.get(_url("detail", draft)).status_code == 200
    with django_assert_max_num_queries(33):
        assert client.get(_url("edit", draft)).status_code == 200
    with django_assert_max_num_queries(14):
        list_url = reverse("casestudies:list", kwargs={"area_slug": world.area_a.slug})
        assert client.get(list_url).status_code == 200


def test_the_detail_page_costs_the_same_queries_with_twice_the_sessions(client, world, draft):
    client.force_login(world.facilitator_a)
    with CaptureQueriesContext(connection) as before:
        client.get(_url("detail", draft))
    for session in SessionFactory.create_batch(4, area=world.area_a):
        AttendanceFactory.create_batch(3, session=session)
        InsightFactory(session=session)
        QuoteFactory(session=session)

    with CaptureQueriesContext(connection) as after:
        client.get(_url("detail", draft))

    assert len(after) == len(before)


def test_a_lead_who_rewrote_the_draft_is_not_offered_approval_and_is_refused_it(
    client, world, draft
):
    client.force_login(world.lead)
    rewritten = {name: f"Rewritten {name}" for name in SECTION_NAMES}
    client.post(
        _url("edit", draft),
        _form_data(draft, **rewritten, authors=[world.facilitator_a.person.pk]),
    )
    services.case_study_submit(version=draft, by=draft.created_by)

    page = client.get(_url("detail", draft)).content.decode()
    client.post(_url("approve", draft))

    assert "Approve and publish" not in page
    assert "You wrote, edited or sent this version" in page
    draft.refresh_from_db()
    assert draft.status == CaseStudyStatus.IN_REVIEW
    assert draft.problem == "Rewritten problem"
