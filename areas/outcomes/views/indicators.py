"""Indicators, their measurements and charts.

Adding a measurement is one POST view for both ways in: a plain form post redirects back
to the page; from htmx it answers with the page's "measurements" partial (chart, table
and form), so the figures update in place with the same queries and permission checks.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from areas import selectors as area_selectors
from areas.outcomes import selectors, services
from areas.outcomes.forms import IndicatorEditForm, IndicatorForm, MeasurementForm
from areas.outcomes.models import Direction, IndicatorKind, Unit
from partnerships import access
from partnerships.versioning import EditConflict

DEFINITION_FIELDS = [
    "name",
    "kind",
    "unit",
    "unit_label",
    "direction",
    "definition",
    "baseline_value",
    "baseline_on",
    "target_value",
    "target_on",
]


@login_required
@require_http_methods(["GET", "POST"])
def indicator_new(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    form = IndicatorForm(
        request.POST or None,
        statements=selectors.area_statements(area),
        initial={"kind": IndicatorKind.PROCESS, "unit": Unit.COUNT, "direction": Direction.UP},
    )
    if request.method == "POST" and form.is_valid():
        indicator = services.indicator_create(
            area=area, by=access.person_for(request.user), **form.cleaned_data
        )
        messages.success(request, f"“{indicator.name}” has been added.")
        return redirect(indicator)
    return render(request, "areas/outcomes/indicator_form.html", {"area": area, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, area_slug: str, indicator_id: int) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    indicator = selectors.get_indicator(area, indicator_id)
    options = {
        "statements": selectors.area_statements(area),
        "measured_since": indicator.series[0].measured_on if indicator.series else None,
    }
    saved = None
    if request.method == "POST":
        form = IndicatorEditForm(request.POST, **options)
        if form.is_valid():
            try:
                indicator = services.indicator_update(indicator=indicator, **form.cleaned_data)
            except EditConflict as error:
                saved = error.current
                data = form.data.copy()
                data["version"] = saved.version
                form = IndicatorEditForm(data, **options)
                form.is_valid()
                form.add_error(
                    None,
                    "Someone else changed this indicator while you were editing. What is "
                    "saved now is shown below: check it against your changes, then save again.",
                )
            else:
                messages.success(request, f"“{indicator.name}” has been updated.")
                return redirect(indicator)
    else:
        initial = {name: getattr(indicator, name) for name in DEFINITION_FIELDS}
        form = IndicatorEditForm(
            initial={
                **initial,
                "statements": list(indicator.statements.all()),
                "version": indicator.version,
            },
            **options,
        )
    return render(
        request,
        "areas/outcomes/indicator_form.html",
        {"area": area, "indicator": indicator, "form": form, "saved": saved},
    )


@login_required
def indicator_detail(request: HttpRequest, area_slug: str, indicator_id: int) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    indicator = selectors.get_indicator(area, indicator_id)
    can_measure = access.can_measure(request.user, area, roles=roles)
    form = MeasurementForm(indicator=indicator) if can_measure else None
    return _render_indicator(request, area, indicator, roles=roles, form=form)


@login_required
@require_POST
def measurement_add(request: HttpRequest, area_slug: str, indicator_id: int) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    if not access.can_measure(request.user, area, roles=roles):
        raise PermissionDenied(
            "Only the area's facilitators and steering group members can add measurements."
        )
    indicator = selectors.get_indicator(area, indicator_id)
    form = MeasurementForm(request.POST, indicator=indicator)
    added = None
    if form.is_valid():
        added = services.measurement_add(
            indicator=indicator, by=access.person_for(request.user), **form.cleaned_data
        )
        if not request.htmx:
            messages.success(request, _added_message(indicator, added))
            return redirect(indicator)
        indicator = selectors.get_indicator(area, indicator_id)
        form = MeasurementForm(indicator=indicator)
    return _render_indicator(
        request,
        area,
        indicator,
        roles=roles,
        form=form,
        added=_added_message(indicator, added) if added else "",
        partial="measurements" if request.htmx else "",
    )


def _added_message(indicator, measurement) -> str:
    return (
        f"Measurement added: {indicator.format_value(measurement.value)} "
        f"on {measurement.measured_on:%-d %B %Y}."
    )


def _render_indicator(request, area, indicator, *, roles, form, added="", partial=""):
    template = "areas/outcomes/indicator_detail.html"
    return render(
        request,
        f"{template}#{partial}" if partial else template,
        {
            "area": area,
            "indicator": indicator,
            "measurements": indicator.series,
            "can_manage": access.can_manage(request.user, area, roles=roles),
            "form": form,
            "added": added,
        },
    )
