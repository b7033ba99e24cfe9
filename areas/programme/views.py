"""The programme dashboard (every area a user may see, in one table) and its public page."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from areas.programme import selectors
from areas.programme.forms import SORT_CHOICES, filters_query, read_filters
from partnerships import access, audit
from partnerships.caching import public_page
from partnerships.htmx import render_page_or_partial, wants_partial
from partnerships.models import AuditAction
from partnerships.spreadsheets import csv_download

# A page of the dashboard: 1,250 areas in one table took seconds to send and to read.
AREAS_PER_PAGE = 50

# Ids the htmx attributes in templates/areas/programme/dashboard.html point at.
FILTERS_ID = "programme-filters"
RESULTS_ID = "programme-results"

# Sortable columns: (sort key, header, the sorts whose values the column shows). The stage
# column shows when it last changed, the steering group column its mix of sectors.
HEADERS = [
    ("name", "Area", {"name"}),
    ("cohort", "Cohort", {"cohort"}),
    ("stage", "Stage", {"stage", "stage_changed"}),
    ("focus", "Focus", {"focus"}),
    ("steering", "Steering group", {"steering", "sectors"}),
    ("last_session", "Last session", {"last_session"}),
    ("next_session", "Next session", {"next_session"}),
    ("overdue", "Actions open / overdue", {"overdue"}),
    ("budget", "Budget used", {"budget"}),
]


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every area the user may see, filtered and sorted from the query string.

    One view for the page and its htmx refreshes: a request from the filter form or a
    sort link gets only the results partial, so the queries and the access scope are
    the same either way.
    """
    cohorts = list(selectors.visible_cohorts(request.user))
    filters, form = read_filters(request.GET, cohorts=cohorts)
    now = timezone.now()
    page = Paginator(
        selectors.programme_areas_query(request.user, now=now, **filters), AREAS_PER_PAGE
    ).get_page(request.GET.get("page"))
    areas = selectors.with_figures(list(page.object_list))
    context = {
        "areas": selectors.with_activity(request.user, areas, now=now),
        "area_count": page.paginator.count,
        "page_obj": page,
        "form": form,
        "filters": filters,
        "is_filtered": any(filters[name] for name in ("q", "cohort", "stage", "attention")),
        "has_areas": bool(cohorts),
        "sees_all": access.is_programme_lead(request.user),
        "is_funder": access.is_funder(request.user),
        "headers": _headers(filters),
        "sort_label": dict(SORT_CHOICES)[filters["sort"]],
        "quiet_days": selectors.QUIET_DAYS,
        "csv_url": _url("areas:list-csv", filters_query(filters)),
        "filters_id": FILTERS_ID,
        "results_id": RESULTS_ID,
    }
    if wants_partial(request, target=RESULTS_ID):
        # A sort link changed the sort behind the form's back: send its select along.
        # Not when the form itself asked, or the select could be reset under the cursor.
        context["refresh_sort_field"] = request.htmx.trigger != FILTERS_ID
    return render_page_or_partial(
        request,
        "areas/programme/dashboard.html",
        context,
        partial="htmx-results",
        target=RESULTS_ID,
    )


@login_required
@require_safe
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's rows, with the same filters and sort, as a spreadsheet."""
    cohorts = list(selectors.visible_cohorts(request.user))
    filters, _ = read_filters(request.GET, cohorts=cohorts)
    now = timezone.now()
    areas = selectors.programme_areas(request.user, now=now, **filters)
    today = timezone.localdate(now)
    audit.record(AuditAction.EXPORTED, request=request, label="Programme areas CSV")
    response, writer = csv_download(f"programme-areas-{today}.csv")
    writer.writerow(
        [
            "Area",
            "Cohort",
            "Stage",
            "Stage last changed",
            "Focus",
            "Steering group members",
            "Sectors represented",
            "Sectors",
            "Last session",
            "Next session",
            "Open actions",
            "Overdue actions",
            "Budget allocated this year",
            "Budget spent this year",
            "Budget used (%)",
            "Area page",
        ]
    )
    for area in areas:
        writer.writerow(
            [
                area.name,
                area.cohort.name,
                area.get_stage_display(),
                _day(area.stage_changed_at),
                area.focus,
                area.steering_size,
                area.sector_count,
                "; ".join(area.sector_labels),
                _day(area.last_session_at),
                _day(area.next_session_at),
                area.open_actions,
                area.overdue_actions,
                _blank_if_none(area.budget_allocated),
                _blank_if_none(area.budget_spent),
                "" if area.budget_used is None else int(area.budget_used),
                request.build_absolute_uri(area.get_absolute_url()),
            ]
        )
    return response


@public_page
@require_safe
def public_programme(request: HttpRequest) -> HttpResponse:
    """The areas the programme works with, for anyone: names and focuses, no people."""
    today = timezone.localdate()
    current, past = selectors.public_cohorts(today=today)
    return render(
        request,
        "public/programme.html",
        {"current_cohorts": current, "past_cohorts": past, "today": today},
    )


def _headers(filters: dict) -> list[dict]:
    """The table's column headers: sortable ones link to their sort, keeping the filters."""
    sort = filters["sort"]
    sorted_key, descending = sort.removeprefix("-"), sort.startswith("-")
    headers = []
    for key, label, shows in HEADERS:
        # A link sorts by its own column, reversing the sort if it is that already.
        next_sort = f"-{key}" if sort == key else key
        headers.append(
            {
                "key": key,
                "label": label,
                "href": _url("areas:list", filters_query(filters, sort=next_sort)),
                "aria_sort": ("descending" if descending else "ascending")
                if sorted_key in shows
                else "",
            }
        )
    return headers


def _day(moment) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def _blank_if_none(value) -> str:
    return "" if value is None else f"{value:.2f}"


def _url(name: str, params: dict) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(params)}" if params else url
