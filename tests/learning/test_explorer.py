import csv
import io
import subprocess

import pytest
from django.urls import reverse

from areas.models import Stage
from learning.models import InsightTheme, Theme
from learning.selectors import ANONYMOUS_ATTRIBUTION, visible_insights
from partnerships.models import AuditAction, AuditEvent
from resources.reports.models import CohortFunding
from tests.factories import AreaFactory, CohortFactory
from tests.learning.conftest import SECRET_QUOTE
from tests.workshops.factories import InsightFactory, QuoteFactory, SessionFactory

EXPLORER = reverse("learning:explorer")
CSV = reverse("learning:explorer-csv")
PDF = reverse("learning:brief-pdf")


def _csv_text(response):
    return b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode()


def _pdf_text(response):
    pdf = b"".join(response.streaming_content)
    # Without -layout, so a quote that wraps stays one run of words.
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(text.stdout.decode().split())


@pytest.mark.parametrize("persona", ["facilitator_b", "funder"])
def test_unconsented_quote_never_reaches_anyone_outside_the_area_team(
    client, world, heard, persona
):
    client.force_login(getattr(world, persona))
    assert heard["secret_quote"] not in visible_insights(getattr(world, persona))
    page = client.get(EXPLORER, {"kind": "quote"})
    assert page.status_code == 200
    assert SECRET_QUOTE not in page.content.decode()
    assert SECRET_QUOTE not in _csv_text(client.get(CSV))
    assert SECRET_QUOTE not in _pdf_text(client.get(PDF))


def test_counts_leave_out_the_unconsented_quote_for_other_areas(client, world, heard):
    theme = Theme.objects.first()
    InsightTheme.objects.create(insight=heard["secret_quote"], theme=theme)
    client.force_login(world.facilitator_b)
    table = client.get(EXPLORER, {"count_by": "theme"}).context["table"]
    assert table.rows == []
    client.force_login(world.facilitator_a)
    table = client.get(EXPLORER, {"count_by": "theme"}).context["table"]
    assert [(row.label, row.total) for row in table.rows] == [(theme.name, 1)]


def test_the_area_team_sees_its_own_unconsented_quote_but_the_brief_never_does(
    client, world, heard
):
    client.force_login(world.facilitator_a)
    assert SECRET_QUOTE in client.get(EXPLORER).content.decode()
    assert SECRET_QUOTE in _csv_text(client.get(CSV))
    assert SECRET_QUOTE not in _pdf_text(client.get(PDF))


def test_steering_members_and_lco_coordinators_may_not_explore(client, world, heard):
    for user in (world.steering_a, world.lco_a, world.no_role):
        client.force_login(user)
        for url in (EXPLORER, CSV, PDF):
            assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    for url in (EXPLORER, CSV, PDF):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def _fund(funder, *areas):
    for area in areas:
        CohortFunding.objects.get_or_create(funder=funder.person, cohort=area.cohort)


def test_funders_see_public_areas_only_and_never_who_said_it(client, world, heard):
    _fund(world.funder, world.area_a, world.area_b)
    world.area_b.is_public = False
    world.area_b.save(update_fields=["is_public"])
    client.force_login(world.funder)
    html = client.get(EXPLORER).content.decode()
    assert "The champion made it feel normal" in html
    assert "Maria" not in html
    assert ANONYMOUS_ATTRIBUTION in html
    assert "Discharge letters" not in html
    rows = list(csv.reader(io.StringIO(_csv_text(client.get(CSV)).lstrip("\ufeff"))))
    assert "Maria" not in str(rows)
    assert {row[0] for row in rows[1:]} == {world.area_a.name}


def test_funders_read_only_the_cohorts_they_fund_on_the_page_and_in_the_brief(client, world, heard):
    """Area B is public, but in a cohort this funder does not fund: its barriers and
    quotes are in neither the explorer nor the learning brief."""
    _fund(world.funder, world.area_a)
    client.force_login(world.funder)

    html = client.get(EXPLORER).content.decode()
    brief = _pdf_text(client.get(PDF))

    assert "The champion made it feel normal" in html
    assert "Discharge letters" not in html
    assert world.area_b.name not in brief
    assert "Discharge letters" not in brief
    assert world.area_a.name in brief


def test_the_brief_shows_the_ideas_it_counts(client, world, heard):
    client.force_login(world.lead)

    text = _pdf_text(client.get(PDF))

    assert "1 idea " in text
    assert "Community champions explain the letter" in text


def test_filters_narrow_the_items_and_each_count_links_to_them(client, world, heard):
    client.force_login(world.lead)
    response = client.get(EXPLORER, {"barrier_type": heard["letters"].slug, "across": "area"})
    items = list(response.context["page_obj"])
    assert set(items) == {heard["barrier_a"], heard["barrier_b"]}
    row = response.context["table"].rows[0]
    assert [cell.count for cell in row.cells] == [1, 1]
    html = response.content.decode()
    assert f"area={world.area_a.slug}" in html
    linked = client.get(
        EXPLORER, {"barrier_type": heard["letters"].slug, "area": world.area_a.slug}
    )
    assert list(linked.context["page_obj"]) == [heard["barrier_a"]]


def _cohort_of_areas(cohort, count, letters):
    areas = [AreaFactory(cohort=cohort, name=f"{cohort.name} area {n:02}") for n in range(count)]
    for area in areas:
        InsightFactory(session=SessionFactory(area=area), barrier_type=letters)
    return areas


def test_counts_compare_cohorts_by_default_and_open_a_cohorts_areas_a_page_at_a_time(
    client, world, heard
):
    letters = heard["letters"]
    big = CohortFactory(name="Phase 4")
    areas = _cohort_of_areas(big, 14, letters)
    client.force_login(world.lead)

    table = client.get(EXPLORER).context["table"]

    assert table.across == "cohort"
    labels = [column.label for column in table.columns]
    assert labels == sorted([world.area_a.cohort.name, world.area_b.cohort.name, "Phase 4"])
    [row] = table.rows
    assert (row.total, row.area_count) == (16, 16)
    assert [cell.count for cell in row.cells if cell.column.label == "Phase 4"] == [14]
    phase_4 = next(column for column in table.columns if column.label == "Phase 4")
    assert phase_4.areas_url == f"{EXPLORER}?cohort={big.slug}&across=area"

    first = client.get(phase_4.areas_url)
    shown = first.context["table"]
    assert [column.label for column in shown.columns] == [area.name for area in areas[:6]]
    assert shown.column_page.paginator.count == 14
    html = first.content.decode()
    assert "The table shows areas 1 to 6 of 14." in html
    assert f"?cohort={big.slug}&amp;across=area&amp;columns=2" in html
    assert first.context["page_obj"].paginator.count == 14

    last = client.get(EXPLORER, {"cohort": big.slug, "across": "area", "columns": 3})
    assert [column.label for column in last.context["table"].columns] == [
        area.name for area in areas[12:]
    ]


def test_counts_by_stage_link_to_the_items_of_that_stage(client, world, heard):
    world.area_b.stage = Stage.MAKING_IT_STICK
    world.area_b.save(update_fields=["stage"])
    client.force_login(world.lead)

    response = client.get(EXPLORER, {"across": "stage"})

    table = response.context["table"]
    assert [column.label for column in table.columns] == [
        Stage.NEXT_LEVEL.label,
        Stage.MAKING_IT_STICK.label,
    ]
    cell = table.rows[0].cells[1]
    assert cell.count == 1
    assert cell.href == (
        f"{EXPLORER}?barrier_type={heard['letters'].slug}&stage=making_it_stick&across=stage#items"
    )
    linked = client.get(cell.href.removesuffix("#items"))
    assert list(linked.context["page_obj"]) == [heard["barrier_b"]]


def test_nonsense_in_the_query_string_is_ignored_not_an_error(client, world, heard):
    client.force_login(world.lead)
    response = client.get(
        EXPLORER,
        {"area": "nowhere", "theme": "abc", "date_from": "31/31/2024", "kind": "x", "page": "zz"},
    )
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 4 + 1


def test_dates_filter_by_when_the_session_was_held(client, world, heard):
    client.force_login(world.lead)
    held = heard["session_a"].starts_at.date()
    response = client.get(EXPLORER, {"date_from": held.isoformat(), "date_to": held.isoformat()})
    assert response.context["page_obj"].paginator.count == 5
    response = client.get(EXPLORER, {"date_to": "2001-01-01"})
    assert response.context["page_obj"].paginator.count == 0


def test_htmx_gets_only_the_results(client, world, heard):
    client.force_login(world.lead)
    response = client.get(EXPLORER, headers={"HX-Request": "true", "HX-Target": "learning-results"})
    html = response.content.decode()
    assert "<form" not in html
    assert 'id="learning-count"' in html


def test_csv_is_spreadsheet_safe_with_a_bom_and_audited(client, world, heard):
    InsightFactory(session=heard["session_a"], text='=HYPERLINK("http://x")')
    client.force_login(world.lead)
    text = _csv_text(client.get(CSV))
    assert text.startswith("\ufeff")
    assert "'=HYPERLINK" in text
    assert AuditEvent.objects.filter(action=AuditAction.EXPORTED).exists()


def test_brief_has_counts_top_types_and_shared_quotes(client, world, heard):
    client.force_login(world.lead)
    text = _pdf_text(client.get(PDF))
    assert "Unclear letters and information" in text
    assert "The champion made it feel normal" in text
    assert AuditEvent.objects.filter(action=AuditAction.DOWNLOADED).exists()


def _programme(areas, insights_per_area):
    for _ in range(areas):
        session = SessionFactory(area=AreaFactory())
        for number in range(insights_per_area):
            InsightFactory(session=session)
            if number % 3 == 0:
                QuoteFactory(session=session)


@pytest.mark.parametrize("insights_per_area", [1, 25])
def test_explorer_queries_do_not_grow_with_insights(
    client, world, django_assert_max_num_queries, insights_per_area
):
    _programme(12, insights_per_area)
    InsightTheme.objects.bulk_create(
        InsightTheme(insight=insight, theme=Theme.objects.first())
        for insight in visible_insights(world.lead)[:50]
    )
    client.force_login(world.lead)
    with django_assert_max_num_queries(16):
        response = client.get(EXPLORER, {"count_by": "theme"})
    assert response.status_code == 200
