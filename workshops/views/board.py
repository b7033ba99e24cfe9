"""An area's action board: every action by status, filtered, and as a spreadsheet."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from areas import selectors as area_selectors
from partnerships import access, audit
from partnerships.models import AuditAction
from partnerships.spreadsheets import csv_download
from workshops.actions import selectors
from workshops.actions.forms import BoardFilterForm


def _board(request, area_slug):
    area = area_selectors.get_area_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area)
    form = BoardFilterForm(request.GET or None, area=area)
    actions = selectors.board_actions(area, with_delivery=can_manage, **form.filters())
    return area, can_manage, form, actions


@login_required
def action_board(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, can_manage, form, actions = _board(request, area_slug)
    actions = list(actions)
    today = timezone.localdate()
    overdue = [action for action in actions if action.days_overdue(today)]
    query = urlencode({name: value for name, value in request.GET.items() if value})
    return render(
        request,
        "workshops/actions/board.html",
        {
            "area": area,
            "form": form,
            "today": today,
            "can_manage": can_manage,
            "groups": selectors.by_status(actions),
            "total": len(actions),
            "overdue_count": len(overdue),
            "undelivered_count": sum(getattr(action, "undelivered", False) for action in actions),
            "query": query,
        },
    )


@login_required
def action_board_csv(request: HttpRequest, area_slug: str) -> HttpResponse:
    """The board's actions, with the same filters, for a spreadsheet."""
    area, _, _, actions = _board(request, area_slug)
    today = timezone.localdate()
    audit.record(AuditAction.EXPORTED, request=request, label=f"{area} actions CSV", area=area)
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
                request.build_absolute_uri(
                    reverse("workshops:action-detail", args=[area.slug, action.pk])
                ),
            ]
        )
    return response
