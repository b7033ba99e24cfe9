import csv
import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from areas.models import Area, Budget, SpendLine, SpendStatus, Stage, StageChange, SteeringMember
from partnerships.models import AreaRole, Membership, Organisation, Person, Sector
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory, this_financial_year
from tests.factories import (
    AreaFactory,
    CohortFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SteeringMemberFactory,
    user_with_role,
)
from tests.workshops.factories import ActionFactory, SessionFactory
from workshops.models import Action, ActionStatus, Session

pytestmark = pytest.mark.django_db

DASHBOARD = "/areas/"
CSV = "/areas/export.csv"
HTMX_FORM = {
    "HX-Request": "true",
    "HX-Target": "programme-results",
    "HX-Trigger": "programme-filters",
}
HTMX_SORT_LINK = {"HX-Request": "true", "HX-Target": "programme-results", "HX-Trigger": "sort-name"}


@pytest.fixture
def programme(world):
    """Area A and B of the world, plus three more areas over two more cohorts."""
    early = CohortFactory(name="Phase 1", starts_on=date(2021, 9, 1), ends_on=date(2023, 8, 31))
    late = CohortFactory(name="Phase 3", starts_on=date(2025, 4, 1))
    areas = {
        "wirral": AreaFactory(
            name="Wirral", cohort=early, stage=Stage.MAKING_IT_STICK, focus="Older people"
        ),
        "sheffield": AreaFactory(
            name="Sheffield", cohort=early, stage=Stage.GETTING_STARTED, focus="Stop smoking"
        ),
        "dudley": AreaFactory(
            name="Dudley", cohort=late, stage=Stage.GETTING_UNSTUCK, focus="Childhood obesity"
        ),
    }
    return {"early": early, "late": late, **areas}


def _names(response):
    return [area.name for area in response.context["areas"]]


def _seat(area, sector, **kwargs):
    organisation = OrganisationFactory(sector=sector)
    return SteeringMemberFactory(
        area=area, person=PersonFactory(organisation=organisation), **kwargs
    )


def _action(area, **kwargs):
    return ActionFactory(area=area, session=None, **kwargs)


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


# Who sees what


def test_anonymous_is_sent_to_sign_in(client):
    for url in (DASHBOARD, CSV):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_urls_are_named():
    assert reverse("areas:list") == DASHBOARD
    assert reverse("areas:list-csv") == CSV


def test_programme_lead_sees_every_area(client, world, programme):
    client.force_login(world.lead)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert set(_names(response)) == {"Wandsworth", "Somerset", "Wirral", "Sheffield", "Dudley"}
    assert "Every area in the programme" in response.content.decode()


def test_steering_member_of_a_sees_only_a(client, world, programme):
    client.force_login(world.steering_a)
    response = client.get(DASHBOARD)
    assert _names(response) == ["Wandsworth"]
    body = response.content.decode()
    assert "Your areas" in body
    assert world.area_b.name not in body
    # The cohort filter offers only the cohorts of areas they can see.
    assert [choice for choice, _ in response.context["form"].fields["cohort"].choices] == [
        "",
        world.area_a.cohort.slug,
    ]


def test_members_of_b_never_see_a_row_of_a(client, world, programme):
    for persona, user in world.members_of_b.items():
        client.force_login(user)
        for params in ({}, {"q": "wands"}, {"cohort": world.area_a.cohort.slug}):
            page = client.get(DASHBOARD, params)
            assert world.area_a not in page.context["areas"], persona
            assert world.area_a.name not in page.content.decode(), persona
            assert world.area_a.name not in client.get(CSV, params).content.decode(), persona
            partial = client.get(DASHBOARD, params, headers=HTMX_FORM)
            assert world.area_a.name not in partial.content.decode(), persona


def test_someone_without_an_area_is_told_how_to_join(client, world):
    client.force_login(world.no_role)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["areas"] == []
    body = response.content.decode()
    assert "You are not part of any area yet" in body
    assert 'id="programme-filters"' not in body


# What each row says


def test_row_figures_count_current_steering_members_and_their_sectors(client, world, programme):
    wirral = programme["wirral"]
    _seat(wirral, Sector.VCSE)
    _seat(wirral, Sector.VCSE)
    _seat(wirral, Sector.NHS_TRUST)
    _seat(wirral, Sector.LOCAL_AUTHORITY)
    _seat(wirral, Sector.HOUSING, left_on=date(2025, 1, 31), left_reason="Moved away")
    SteeringMemberFactory(area=wirral, person=PersonFactory(organisation=None))
    client.force_login(world.lead)

    response = client.get(DASHBOARD)

    row = next(area for area in response.context["areas"] if area == wirral)
    assert row.steering_size == 5
    assert row.sector_count == 3
    assert row.sector_labels == ["VCSE / charity", "NHS trust", "Local authority"]
    assert "VCSE / charity, NHS trust, Local authority" in response.content.decode()


def test_row_shows_when_the_stage_last_changed_or_a_dash(client, world, programme):
    changed_at = timezone.make_aware(datetime(2025, 3, 14, 10, 0))
    StageChange.objects.create(
        area=programme["dudley"],
        stage=Stage.NEXT_LEVEL,
        reason="Started",
        changed_at=changed_at - timedelta(days=60),
    )
    StageChange.objects.create(
        area=programme["dudley"],
        stage=Stage.GETTING_UNSTUCK,
        reason="Leads left",
        changed_at=changed_at,
    )
    client.force_login(world.lead)

    response = client.get(DASHBOARD, {"q": "dudley"})
    assert response.context["areas"][0].stage_changed_at == changed_at
    assert "since 14\u00a0Mar\u00a02025" in response.content.decode()

    never_changed = client.get(DASHBOARD, {"q": "wirral"}).content.decode()
    assert "no change of stage recorded" in never_changed


def test_rows_show_sessions_actions_and_budget_from_the_data(client, world):
    now = timezone.now()
    SessionFactory(area=world.area_a, starts_at=now - timedelta(days=120))
    SessionFactory(area=world.area_a, starts_at=now - timedelta(days=30))
    SessionFactory(area=world.area_a, starts_at=now + timedelta(days=400))
    SessionFactory(area=world.area_a, starts_at=now + timedelta(days=21))
    today = timezone.localdate()
    _action(world.area_a, due_on=today - timedelta(days=3))
    _action(world.area_a, due_on=today - timedelta(days=1))
    _action(world.area_a, due_on=today)
    _action(world.area_a, due_on=today - timedelta(days=9), status=ActionStatus.DONE)
    _action(world.area_b, due_on=today - timedelta(days=9))
    budget = BudgetFactory(area=world.area_a, allocated=Decimal("400.00"))
    SpendLineFactory(budget=budget, amount=Decimal("100.00"), status=SpendStatus.APPROVED)
    SpendLineFactory(budget=budget, amount=Decimal("50.00"), status=SpendStatus.PENDING)
    BudgetFactory(area=world.area_a, financial_year=this_financial_year() - 1)
    client.force_login(world.lead)

    response = client.get(DASHBOARD, {"sort": "name"})

    somerset, wandsworth = response.context["areas"]
    assert wandsworth.last_session_at == now - timedelta(days=30)
    assert wandsworth.next_session_at == now + timedelta(days=21)
    assert (wandsworth.open_actions, wandsworth.overdue_actions) == (3, 2)
    assert (wandsworth.budget_allocated, wandsworth.budget_spent) == (
        Decimal("400.00"),
        Decimal("100.00"),
    )
    assert wandsworth.budget_used == 25
    assert (somerset.last_session_at, somerset.next_session_at) == (None, None)
    assert (somerset.open_actions, somerset.overdue_actions) == (1, 1)
    assert somerset.budget_allocated is None
    body = response.content.decode()
    assert "30 days ago" in body
    assert "in 21 days" in body
    assert "3 open" in body
    assert "2 overdue" in body
    assert "25%" in body
    assert "£100.00 of £400.00" in body
    assert "None planned" in body
    assert "None yet" in body
    assert "No budget this year" in body
    assert "for now" not in body
    assert "not recorded yet" not in body

    header, *rows = _csv_rows(client.get(CSV, {"sort": "name"}))
    figures = dict(zip(header, rows[1], strict=True))
    assert figures["Last session"] == timezone.localdate(wandsworth.last_session_at).isoformat()
    assert figures["Next session"] == timezone.localdate(wandsworth.next_session_at).isoformat()
    assert (figures["Open actions"], figures["Overdue actions"]) == ("3", "2")
    assert figures["Budget allocated this year"] == "400.00"
    assert (figures["Budget spent this year"], figures["Budget used (%)"]) == ("100.00", "25")


def test_budget_figures_only_for_those_who_see_the_budgets(client, world):
    budget = BudgetFactory(area=world.area_a, allocated=Decimal("200.00"))
    SpendLineFactory(budget=budget, amount=Decimal("20.00"), status=SpendStatus.APPROVED)
    personas = ((world.lco_a, True), (world.facilitator_a, True), (world.steering_a, False))
    for user, shown in personas:
        client.force_login(user)
        response = client.get(DASHBOARD)
        [area] = response.context["areas"]
        assert area.budget_visible is shown
        assert (area.budget_used == 10) if shown else (area.budget_used is None)
        assert ("£20.00 of £200.00" in response.content.decode()) is shown


def _activity(world, programme):
    """Wirral: overdue actions, no session for 200 days. Dudley: a session last week and
    one planned. Sheffield: one overdue of two open, a session planned, none held."""
    now = timezone.now()
    today = timezone.localdate()
    for days in (5, 30):
        _action(programme["wirral"], due_on=today - timedelta(days=days))
    _action(programme["sheffield"], due_on=today - timedelta(days=2))
    _action(programme["sheffield"], due_on=today + timedelta(days=2))
    SessionFactory(area=programme["wirral"], starts_at=now - timedelta(days=200))
    SessionFactory(area=programme["dudley"], starts_at=now - timedelta(days=7))
    SessionFactory(area=programme["dudley"], starts_at=now + timedelta(days=7))
    SessionFactory(area=programme["sheffield"], starts_at=now + timedelta(days=3))


def test_sort_overdue_actions_first(client, world, programme):
    _activity(world, programme)
    client.force_login(world.lead)
    names = _names(client.get(DASHBOARD, {"sort": "overdue"}))
    assert names[:2] == ["Wirral", "Sheffield"]
    assert _names(client.get(DASHBOARD, {"sort": "-overdue"}))[-2:] == ["Sheffield", "Wirral"]


def test_sort_by_last_and_next_session(client, world, programme):
    _activity(world, programme)
    client.force_login(world.lead)
    assert _names(client.get(DASHBOARD, {"sort": "last_session"}))[:2] == ["Wirral", "Dudley"]
    assert _names(client.get(DASHBOARD, {"sort": "-last_session"}))[:2] == ["Dudley", "Wirral"]
    assert _names(client.get(DASHBOARD, {"sort": "next_session"}))[:2] == ["Sheffield", "Dudley"]


def test_sort_by_budget_used(client, world, programme):
    for area, spent in ((programme["wirral"], "90.00"), (programme["dudley"], "10.00")):
        budget = BudgetFactory(area=area, allocated=Decimal("100.00"))
        SpendLineFactory(budget=budget, amount=Decimal(spent), status=SpendStatus.APPROVED)
    client.force_login(world.lead)
    assert _names(client.get(DASHBOARD, {"sort": "budget"}))[:2] == ["Dudley", "Wirral"]
    assert _names(client.get(DASHBOARD, {"sort": "-budget"}))[:2] == ["Wirral", "Dudley"]


@pytest.mark.parametrize(
    ("attention", "expected"),
    [
        ("overdue", {"Wirral", "Sheffield"}),
        ("quiet", {"Wirral", "Sheffield", "Wandsworth", "Somerset"}),
        ("unplanned", {"Wirral", "Wandsworth", "Somerset"}),
    ],
)
def test_filter_areas_needing_attention(client, world, programme, attention, expected):
    _activity(world, programme)
    client.force_login(world.lead)
    response = client.get(DASHBOARD, {"attention": attention})
    assert set(_names(response)) == expected
    assert response.context["is_filtered"]
    rows = _csv_rows(client.get(CSV, {"attention": attention}))
    assert {row[0] for row in rows[1:]} == expected


def test_attention_filter_and_figure_sorts_are_plain_links_and_form_fields(client, world):
    client.force_login(world.lead)
    body = client.get(DASHBOARD).content.decode()
    assert '<select name="attention"' in body
    assert '<option value="overdue">With overdue actions</option>' in body
    for key in ("last_session", "next_session", "overdue", "budget"):
        assert f'id="sort-{key}" href="/areas/?sort={key}"' in body


def test_area_names_link_to_their_pages(client, world):
    client.force_login(world.lead)
    body = client.get(DASHBOARD).content.decode()
    assert f'href="{world.area_a.get_absolute_url()}"' in body


def test_a_row_shows_names_and_focus_as_text_not_markup(client, world):
    world.area_a.name = "<b>Dudley</b> & Halesowen"
    world.area_a.focus = "<script>alert(1)</script>"
    world.area_a.save(update_fields=["name", "focus"])
    world.area_a.cohort.name = "<i>Wave 1</i>"
    world.area_a.cohort.save(update_fields=["name"])
    client.force_login(world.lead)

    body = client.get(DASHBOARD).content.decode()

    for typed in ("<b>Dudley", "<script>alert", "<i>Wave"):
        assert typed not in body
    assert "&lt;b&gt;Dudley&lt;/b&gt; &amp; Halesowen</a>" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;i&gt;Wave 1&lt;/i&gt;" in body


# Filters, search and sort


def test_filter_by_cohort(client, world, programme):
    client.force_login(world.lead)
    response = client.get(DASHBOARD, {"cohort": programme["early"].slug})
    assert _names(response) == ["Sheffield", "Wirral"]
    assert "2 areas</strong> match your filters" in response.content.decode()


def test_filter_by_stage(client, world, programme):
    client.force_login(world.lead)
    assert _names(client.get(DASHBOARD, {"stage": Stage.GETTING_UNSTUCK})) == ["Dudley"]


def test_search_by_name_is_case_insensitive_and_matches_inside_names(client, world, programme):
    client.force_login(world.lead)
    assert _names(client.get(DASHBOARD, {"q": "  EFFIEL "})) == ["Sheffield"]


def test_filters_combine(client, world, programme):
    client.force_login(world.lead)
    params = {"cohort": programme["early"].slug, "stage": Stage.MAKING_IT_STICK, "q": "w"}
    assert _names(client.get(DASHBOARD, params)) == ["Wirral"]
    params["stage"] = Stage.GETTING_STARTED
    assert _names(client.get(DASHBOARD, params)) == []


def test_values_we_do_not_offer_are_ignored(client, world, programme):
    client.force_login(world.lead)
    response = client.get(
        DASHBOARD, {"cohort": "no-such-cohort", "stage": "bogus", "attention": "bogus"}
    )
    assert len(response.context["areas"]) == 5
    assert response.context["filters"] == {
        "q": "",
        "cohort": "",
        "stage": "",
        "attention": "",
        "sort": "cohort",
    }
    assert "nhsuk-error-message" not in response.content.decode()


def test_nothing_matches_says_so_with_a_link_to_clear_the_filters(client, world):
    client.force_login(world.lead)
    response = client.get(DASHBOARD, {"q": "zzz"})
    body = response.content.decode()
    assert "No areas match your filters" in body
    assert f'<a href="{DASHBOARD}">Clear filters</a>' in body
    assert "0 areas</strong> match your filters" in body
    assert "<table" not in body


def test_default_sort_is_cohort_then_name(client, world, programme):
    client.force_login(world.lead)
    # Phase 1 (2021) first, then Phase 3 (2025), then the world's cohorts with no start date.
    names = _names(client.get(DASHBOARD))
    assert names[:3] == ["Sheffield", "Wirral", "Dudley"]
    assert set(names[3:]) == {"Somerset", "Wandsworth"}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Dudley", "Sheffield", "Somerset", "Wandsworth", "Wirral"]),
        ("-name", ["Wirral", "Wandsworth", "Somerset", "Sheffield", "Dudley"]),
        ("focus", ["Dudley", "Wirral", "Sheffield"]),
        ("-cohort", ["Dudley", "Sheffield", "Wirral"]),
        ("stage", ["Sheffield", "Somerset", "Wandsworth", "Wirral", "Dudley"]),
        ("-stage", ["Dudley", "Wirral", "Somerset", "Wandsworth", "Sheffield"]),
    ],
)
def test_sort_by_column_both_ways(client, world, programme, sort, expected):
    client.force_login(world.lead)
    names = [n for n in _names(client.get(DASHBOARD, {"sort": sort})) if n in expected]
    assert names == expected


def test_sort_by_steering_group_size_and_sector_mix(client, world, programme):
    for sector in (Sector.VCSE, Sector.PCN, Sector.FAITH):
        _seat(programme["sheffield"], sector)
    _seat(programme["dudley"], Sector.VCSE)
    _seat(programme["dudley"], Sector.VCSE)
    client.force_login(world.lead)

    largest = _names(client.get(DASHBOARD, {"sort": "-steering"}))
    # Wandsworth has the world's one steering seat; ties fall back to the name.
    assert largest == ["Sheffield", "Dudley", "Wandsworth", "Somerset", "Wirral"]
    most_sectors = _names(client.get(DASHBOARD, {"sort": "-sectors"}))
    assert most_sectors[0] == "Sheffield"
    assert _names(client.get(DASHBOARD, {"sort": "sectors"}))[-1] == "Sheffield"


def test_sort_by_stage_change_keeps_areas_never_changed_last(client, world, programme):
    now = timezone.now()
    StageChange.objects.create(
        area=programme["wirral"], stage=Stage.MAKING_IT_STICK, reason="x", changed_at=now
    )
    StageChange.objects.create(
        area=programme["dudley"],
        stage=Stage.GETTING_UNSTUCK,
        reason="x",
        changed_at=now - timedelta(days=30),
    )
    client.force_login(world.lead)
    assert _names(client.get(DASHBOARD, {"sort": "stage_changed"}))[:2] == ["Dudley", "Wirral"]
    newest = _names(client.get(DASHBOARD, {"sort": "-stage_changed"}))
    assert newest[:2] == ["Wirral", "Dudley"]
    assert set(newest[2:]) == {"Sheffield", "Somerset", "Wandsworth"}


@pytest.mark.parametrize("sort", ["password", "-", "name;drop", "cohort__name", "last_session_at"])
def test_unknown_sort_is_ignored(client, world, programme, sort):
    client.force_login(world.lead)
    response = client.get(DASHBOARD, {"sort": sort})
    assert response.status_code == 200
    assert response.context["filters"]["sort"] == "cohort"
    assert _names(response) == _names(client.get(DASHBOARD))


def test_sort_links_keep_the_filters_and_mark_the_sorted_column(client, world, programme):
    client.force_login(world.lead)
    body = client.get(DASHBOARD, {"q": "i", "stage": Stage.MAKING_IT_STICK, "sort": "name"})
    html = body.content.decode()
    # Sorted by name ascending: its header says so, and its link reverses the sort.
    assert 'data-sort aria-sort="ascending">' in html
    assert 'href="/areas/?q=i&amp;stage=making_it_stick&amp;sort=-name"' in html
    assert 'href="/areas/?q=i&amp;stage=making_it_stick&amp;sort=steering"' in html
    assert html.count("aria-sort=") == 1

    descending = client.get(DASHBOARD, {"sort": "-name"}).content.decode()
    assert 'aria-sort="descending"' in descending
    assert 'href="/areas/?sort=name"' in descending


def test_the_filter_form_works_without_javascript(client, world):
    client.force_login(world.lead)
    html = client.get(DASHBOARD).content.decode()
    assert 'method="get" action="/areas/"' in html
    assert '<button class="nhsuk-button nhsuk-button--secondary' in html
    for field in ("id_q", "id_cohort", "id_stage", "id_sort"):
        assert f'for="{field}"' in html
    assert 'role="status" aria-live="polite"' in html
    assert "<caption" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html


# htmx


def test_htmx_request_from_the_form_gets_only_the_results(client, world, programme):
    client.force_login(world.lead)
    response = client.get(DASHBOARD, {"q": "wirral"}, headers=HTMX_FORM)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<h1" not in html
    assert 'id="programme-filters"' not in html
    assert "<table" in html
    assert "Wirral" in html
    assert "Sheffield" not in html
    # The count goes to the live region outside the swapped results.
    assert '<p id="programme-count" data-hx-swap-oob="innerHTML"><strong>1 area</strong>' in html
    # The form's own sort select is left alone while someone is using the form.
    assert 'id="programme-sort"' not in html
    assert "HX-Request" in response["Vary"]


def test_htmx_request_from_a_sort_link_also_updates_the_sort_select(client, world, programme):
    client.force_login(world.lead)
    html = client.get(DASHBOARD, {"sort": "-name"}, headers=HTMX_SORT_LINK).content.decode()
    assert '<div id="programme-sort" data-hx-swap-oob="true">' in html
    assert '<option value="-name" selected>' in html


def test_htmx_history_restore_gets_the_whole_page(client, world):
    client.force_login(world.lead)
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = client.get(DASHBOARD, headers=headers).content.decode()
    assert "<html" in html
    assert 'id="programme-filters"' in html


def test_page_wires_htmx_onto_the_form_and_sort_links(client, world):
    client.force_login(world.lead)
    html = client.get(DASHBOARD).content.decode()
    assert 'data-hx-get="/areas/"' in html
    assert 'data-hx-target="#programme-results"' in html
    assert 'data-hx-push-url="true"' in html
    assert "input changed delay:400ms from:#id_q" in html
    assert '<div id="programme-results">' in html
    assert 'id="sort-name" href="/areas/?sort=name" data-hx-get="/areas/?sort=name"' in html


# CSV


def test_csv_has_the_same_filtered_sorted_rows(client, world, programme):
    _seat(programme["wirral"], Sector.VCSE)
    _seat(programme["wirral"], Sector.NHS_ICB)
    client.force_login(world.lead)
    params = {"cohort": programme["early"].slug, "sort": "-name"}

    response = client.get(CSV, params)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="programme-areas-')
    header, *rows = _csv_rows(response)
    assert header[:4] == ["Area", "Cohort", "Stage", "Stage last changed"]
    assert [row[0] for row in rows] == _names(client.get(DASHBOARD, params))
    assert rows[0] == [
        "Wirral",
        "Phase 1",
        "Making it stick",
        "",
        "Older people",
        "2",
        "2",
        "VCSE / charity; NHS integrated care board",
        "",
        "",
        "0",
        "0",
        "",
        "",
        "",
        f"http://testserver{programme['wirral'].get_absolute_url()}",
    ]


def test_dashboard_links_to_the_csv_with_its_filters(client, world, programme):
    client.force_login(world.lead)
    html = client.get(DASHBOARD, {"stage": Stage.GETTING_UNSTUCK, "sort": "-name"})
    assert 'href="/areas/export.csv?stage=getting_unstuck&amp;sort=-name"' in html.content.decode()


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\tTab", "\rReturn"]
)
def test_csv_neutralises_spreadsheet_formulas(client, world, dangerous):
    AreaFactory(name=dangerous, cohort=world.area_a.cohort, focus=dangerous)
    client.force_login(world.lead)
    rows = _csv_rows(client.get(CSV, {"sort": "name"}))
    row = next(row for row in rows if row[0].endswith(dangerous))
    assert row[0] == f"'{dangerous}"
    assert row[4] == f"'{dangerous}"


def test_csv_leaves_safe_text_alone(client, world):
    client.force_login(world.lead)
    rows = _csv_rows(client.get(CSV))
    assert {row[0] for row in rows[1:]} == {"Wandsworth", "Somerset"}


# Query counts


def _build_programme(size):
    """`size` areas over three cohorts, most with steering groups across sectors and stage
    changes, created in a handful of bulk inserts."""
    cohorts = [CohortFactory(starts_on=date(2021 + i, 4, 1)) for i in range(3)]
    areas = Area.objects.bulk_create(
        AreaFactory.build(cohort=cohorts[i % 3], stage=Stage.values[i % 4]) for i in range(size)
    )
    sectors = list(Sector)
    organisations = Organisation.objects.bulk_create(
        OrganisationFactory.build(sector=sectors[i % len(sectors)]) for i in range(24)
    )
    people = Person.objects.bulk_create(
        PersonFactory.build(organisation=organisations[i % 24]) for i in range(size * 3)
    )
    SteeringMember.objects.bulk_create(
        SteeringMember(
            area=areas[i % size],
            person=person,
            organisation=person.organisation,
            left_on=date(2025, 1, 1) if i % 7 == 0 else None,
        )
        for i, person in enumerate(people)
    )
    now = timezone.now()
    StageChange.objects.bulk_create(
        StageChange(
            area=area,
            stage=area.stage,
            reason="Moved on",
            changed_at=now - timedelta(days=i + days),
        )
        for i, area in enumerate(areas)
        if i % 3
        for days in (0, 40)
    )
    today = timezone.localdate()
    Session.objects.bulk_create(
        SessionFactory.build(area=area, starts_at=now + timedelta(days=days))
        for i, area in enumerate(areas)
        for days in (-200, -(i % 120), i % 60 + 1)
    )
    Action.objects.bulk_create(
        ActionFactory.build(
            area=area,
            session=None,
            owner=people[i],
            due_on=today + timedelta(days=days),
            status=ActionStatus.DONE if days == 1 else ActionStatus.NOT_STARTED,
        )
        for i, area in enumerate(areas)
        for days in (-(i % 5) - 1, 1, 30)
    )
    budgets = Budget.objects.bulk_create(
        BudgetFactory.build(area=area, allocated=Decimal(100 + i)) for i, area in enumerate(areas)
    )
    SpendLine.objects.bulk_create(
        SpendLineFactory.build(
            budget=budget, status=SpendStatus.APPROVED, recorded_by=people[0], amount=Decimal(5)
        )
        for budget in budgets
    )
    return areas


def _count_queries(client, url, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(queries)


# Eight are the same on every signed-in page (session, user, person, roles, two-factor
# check, and saving the session in a savepoint); the dashboard's own are five: cohorts
# for the filter, how many areas match, a page of them, the current seats of those
# areas' steering groups, from which their figures are counted, and their sessions,
# actions and budgets.
DASHBOARD_QUERIES = 13
# The export also writes its audit entry.
CSV_QUERIES = 13


@pytest.mark.parametrize("persona", ["lead", "facilitator"])
def test_query_count_does_not_grow_with_areas(
    client, world, persona, django_assert_max_num_queries
):
    # A facilitator's scope is a subquery on their memberships; a lead's is every area.
    user = world.lead if persona == "lead" else user_with_role(world.area_a, AreaRole.FACILITATOR)
    client.force_login(user)
    requests = [
        (DASHBOARD, {}),
        (DASHBOARD, {"headers": HTMX_FORM}),
        (DASHBOARD, {"data": {"sort": "-sectors", "stage": Stage.NEXT_LEVEL}}),
        (DASHBOARD, {"data": {"sort": "overdue", "attention": "quiet"}}),
        (DASHBOARD, {"data": {"sort": "-budget", "attention": "unplanned"}}),
        (CSV, {}),
        (CSV, {"data": {"sort": "last_session", "attention": "unplanned"}}),
    ]
    few = [_count_queries(client, url, **kwargs) for url, kwargs in requests]

    areas = _build_programme(200)
    if persona == "facilitator":
        Membership.objects.bulk_create(
            MembershipFactory.build(person=user.person, area=area, role=AreaRole.FACILITATOR)
            for area in areas[::2]
        )
    many = [_count_queries(client, url, **kwargs) for url, kwargs in requests]

    assert many == few
    response = client.get(DASHBOARD)
    assert response.context["area_count"] == (202 if persona == "lead" else 101)
    assert len(response.context["areas"]) == 50
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        client.get(DASHBOARD)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        client.get(DASHBOARD, headers=HTMX_FORM)
    with django_assert_max_num_queries(CSV_QUERIES):
        client.get(CSV)


def test_the_dashboard_shows_fifty_areas_a_page_and_counts_them_all(client, world):
    areas = _build_programme(60)
    client.force_login(world.lead)

    first = client.get(DASHBOARD, {"sort": "name"})
    second = client.get(DASHBOARD, {"sort": "name", "page": 2})

    names = sorted(area.name for area in [world.area_a, world.area_b, *areas])
    assert _names(first) == names[:50]
    assert _names(second) == names[50:]
    assert "62 areas</strong>, showing 1 to 50" in first.content.decode()
    assert 'href="?sort=name&amp;page=2"' in first.content.decode()


def _steering_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if 'FROM "areas_steeringmember"' in q["sql"]]


def test_a_page_counts_only_its_own_areas_steering_groups(client, world):
    _build_programme(60)
    client.force_login(world.lead)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD, {"sort": "name", "page": 2})

    shown = response.context["areas"]
    assert len(shown) == 12
    # The page's areas are cut without any steering figures; one query then reads the
    # current seats of just those twelve areas.
    [seats] = _steering_queries(queries.captured_queries)
    [ids] = re.findall(r'"area_id" IN \(([^)]*)\)', seats)
    assert {int(pk) for pk in ids.split(", ")} == {area.pk for area in shown}
    assert not any(
        "areas_steeringmember" in query["sql"] and "COUNT(" in query["sql"]
        for query in queries.captured_queries
    )
    for area in shown:
        current = SteeringMember.objects.current().filter(area=area)
        assert area.steering_size == current.count()
        assert area.sector_count == current.values("organisation__sector").distinct().count()


def test_sorting_by_steering_figures_still_orders_every_area(client, world):
    areas = _build_programme(60)
    client.force_login(world.lead)

    response = client.get(DASHBOARD, {"sort": "-steering"})

    sizes = sorted(
        (SteeringMember.objects.current().filter(area=area).count() for area in areas),
        reverse=True,
    )
    assert [area.steering_size for area in response.context["areas"]] == sizes[:50]
    by_sectors = client.get(DASHBOARD, {"sort": "sectors", "page": 2})
    counts = [area.sector_count for area in by_sectors.context["areas"]]
    assert counts == sorted(counts)
