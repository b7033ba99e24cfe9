"""An area's action board: every action by status, filtered, and as a spreadsheet."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from areas import selectors as area_selectors
from partnerships import access, audit
from partnerships.links import url_for_each
from partnerships.models import AuditAction
from partnerships.review.models import ReviewStatus
from partnerships.spreadsheets import csv_download
from workshops.actions import selectors
from workshops.actions.board import board_for, with_links
from workshops.actions.forms import BoardFilterForm
from workshops.suggestions.models import ActionSuggestion

DONE_PER_PAGE = 50


def _board(request, area_slug):
    area = area_selectors.get_area_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area)
    form = BoardFilterForm(request.GET or None, area=area)
    actions = selectors.board_actions(area, with_delivery=can_manage, **form.filters())
    return area, can_manage, form, actions


def _filter_query(request, *, leave_out=()) -> str:
    """The filters in use, as a query string for the board's other addresses."""
    return urlencode(
        {
            name: value
            for name, value in request.GET.items()
            if value and name in BoardFilterForm.base_fields and name not in leave_out
        }
    )


@login_required
def action_board(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, can_manage, form, actions = _board(request, area_slug)
    show_filters = bool(request.GET)  # filters in use, refused, or asked for
    query = _filter_query(request)
    if request.htmx and request.GET.get("filters") == "show":
        context = {"area": area, "form": form, "query": query}
        return render(request, "workshops/actions/board.html#filter-form", context)
    board = board_for(
        area, actions, with_delivery=can_manage, today=timezone.localdate(), query=query
    )
    return render(
        request,
        "workshops/actions/board.html",
        {
            "area": area,
            "form": form,
            "can_manage": can_manage,
            "columns": mark_safe(board["html"]),
            "total": board["total"],
            "overdue_count": board["overdue"],
            "undelivered_count": board["undelivered"],
            "query": query,
            "show_filters": show_filters,
            "can_suggest": access.can(request.user, access.Capability.PROPOSE, area),
            "suggestions_waiting": (
                ActionSuggestion.objects.filter(area=area, decision=ReviewStatus.WAITING).count()
                if can_manage
                else 0
            ),
        },
    )


@login_required
def action_board_done(request: HttpRequest, area_slug: str) -> HttpResponse:
    """Every done action on the board, with its filters, a page at a time."""
    area, can_manage, form, actions = _board(request, area_slug)
    rows = selectors.board_rows(selectors.done_first_recent(actions))
    page = Paginator(rows, DONE_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    selectors.with_latest_updates(page.object_list)
    return render(
        request,
        "workshops/actions/board_done.html",
        {
            "area": area,
            "form": form,
            "today": timezone.localdate(),
            "can_manage": can_manage,
            "page_obj": page,
            "actions": with_links(area, page.object_list),
            "query": _filter_query(request),
        },
    )


@login_required
def action_board_csv(request: HttpRequest, area_slug: str) -> HttpResponse:
    """The board's actions, with the same filters, for a spreadsheet."""
    area, _, _, actions = _board(request, area_slug)
    today = timezone.localdate()
    audit.record(AuditAction.EXPORTED, request=request, label=f"{area} actions CSV", area=area)
    action_url = url_for_each("workshops:action-detail", area.slug)
    response, writer = csv_download(f"{area.slug}-actions-{today}.csv")
    writer.writerow(
        [
            "Action",
            "Owner",
            "Organisation",
            "Status",
            "Why blocked",
            "Due",
            "Days overdue",
            "Agreed at",
            "Session date",
            "Sub-group",
            "Action page",
        ]
    )
    for action in actions:
        writer.writerow(
            [
                action.description,
                action.owner.full_name,
                action.owner.organisation or "",
                action.get_status_display(),
                action.blocked_reason,
                action.due_on.isoformat() if action.due_on else "",
                action.days_overdue(today) or "",
                action.session.title if action.session else "",
                timezone.localdate(action.session.starts_at).isoformat() if action.session else "",
                action.sub_group or "",
                request.build_absolute_uri(action_url(action.pk)),
            ]
        )
    return response
