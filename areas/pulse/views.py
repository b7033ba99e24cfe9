"""The pulse's pages: an area's pulses and their trend, one pulse's results (with sending,
slips for the room, closing and recording a result), and the page people answer on,
signed out, through their single-use link.

The signed-out page answers a link that is wrong with the same 404 as for nothing at all,
and a link that was used, or whose pulse closed, with a page that shows nothing of it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from areas.pulse import limits, links, selectors, services
from areas.pulse.forms import (
    PulseAnswerForm,
    PulseMeasurementForm,
    PulseOpenForm,
    PulseSlipsForm,
)
from areas.pulse.questions import MIN_ANSWERS, SCALE
from areas.selectors import get_area_and_roles_for
from partnerships import access
from partnerships.qr import qr_svg


def _managed_pulse(request, area_slug, pulse_id):
    pulse = selectors.get_pulse_for(request.user, area_slug, pulse_id)
    access.require(access.roles_in(request.user, pulse.area), access.Capability.MANAGE)
    return pulse


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pulses(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = get_area_and_roles_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area, roles=roles)
    open_pulse = selectors.open_pulse(area)
    form = PulseOpenForm(request.POST or None)
    if request.method == "POST":
        access.require(roles, access.Capability.MANAGE)
        if open_pulse is None and form.is_valid():
            try:
                pulse = services.pulse_open(
                    area=area,
                    by=access.person_for(request.user),
                    audience=form.cleaned_data["audience"],
                )
            except services.PulseAlreadyOpen:
                messages.error(request, "A pulse is open already: close it to open another.")
                return redirect(request.path)
            messages.success(request, "The pulse is open, and its links are on their way.")
            return redirect(pulse)
        if open_pulse is not None:
            return redirect(open_pulse)
    context = {
        "area": area,
        "can_manage": can_manage,
        "open_pulse": open_pulse,
        "form": form,
        "trend": selectors.area_trend(area),
        "min_answers": MIN_ANSWERS,
    }
    return render(request, "areas/pulse/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pulse_detail(request: HttpRequest, area_slug: str, pulse_id: int) -> HttpResponse:
    pulse = selectors.get_pulse_for(request.user, area_slug, pulse_id)
    area = pulse.area
    roles = access.roles_in(request.user, area)
    results = selectors.pulse_results(pulse)
    can_measure = results.shown and access.can_measure(request.user, area, roles=roles)
    form = None
    if can_measure:
        measured_on = timezone.localtime(pulse.closed_at).date() if pulse.closed_at else None
        form = PulseMeasurementForm(request.POST or None, area=area, measured_on=measured_on)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Only people who hold the figures record a result.")
        if form.is_valid():
            indicator = form.cleaned_data["indicator"]
            services.pulse_record_measurement(
                results=results,
                indicator=indicator,
                question=form.cleaned_data["question"],
                by=access.person_for(request.user),
            )
            messages.success(request, f"The result is now a measurement of “{indicator}”.")
            return redirect(indicator)
    can_manage = access.can_manage(request.user, area, roles=roles)
    context = {
        "area": area,
        "pulse": pulse,
        "results": results,
        "scale": SCALE,
        "can_manage": can_manage,
        "counts": selectors.invitation_counts(pulse) if can_manage else None,
        "form": form,
    }
    return render(request, "areas/pulse/detail.html", context)


@login_required
@require_POST
def pulse_close(request: HttpRequest, area_slug: str, pulse_id: int) -> HttpResponse:
    pulse = _managed_pulse(request, area_slug, pulse_id)
    services.pulse_close(pulse=pulse)
    messages.success(request, "The pulse is closed: its links no longer take answers.")
    return redirect(pulse)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pulse_slips(request: HttpRequest, area_slug: str, pulse_id: int) -> HttpResponse:
    """Slips to print for the room, each with its own single-use link and QR code."""
    pulse = _managed_pulse(request, area_slug, pulse_id)
    form = PulseSlipsForm(request.POST or None)
    if request.method == "POST" and pulse.is_open and form.is_valid():
        services.pulse_add_slips(pulse=pulse, count=form.cleaned_data["count"])
        return redirect(request.path)
    slips = [
        {"url": links.url_for(slip), "token": links.token_for(slip)}
        for slip in selectors.unused_slips(pulse)
    ]
    for slip in slips:
        slip["qr"] = qr_svg(slip["url"])
    context = {"area": pulse.area, "pulse": pulse, "form": form, "slips": slips}
    return render(request, "areas/pulse/slips.html", context)


def _unlisted(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Not "no-referrer": the browser would then send its answers with `Origin: null`,
    # which the CSRF check refuses. Same-origin keeps the link off every other site.
    response["Referrer-Policy"] = "same-origin"
    return response


def _notice(request, notice: str, status: int) -> HttpResponse:
    return _unlisted(render(request, "areas/pulse/notice.html", {"notice": notice}, status=status))


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    if limits.guessing(request):
        return _notice(request, "wait", 429)
    invitation = links.invitation_for(token)
    if invitation is None:
        limits.count_miss(request)
        return _notice(request, "invalid", 404)
    if invitation.used or not invitation.pulse.is_open:
        return _notice(request, "used", 410)
    form = PulseAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not limits.answer_allowed(request):
            return _notice(request, "wait", 429)
        services.pulse_answer(
            invitation=invitation, scores=form.scores, better=form.cleaned_data["better"]
        )
        return _notice(request, "thanks", 200)
    context = {"area": invitation.pulse.area, "form": form, "min_answers": MIN_ANSWERS}
    return _unlisted(render(request, "areas/pulse/answer.html", context))
