"""Reporting back: the page everyone who came can open without an account, the page
where a facilitator hands it out (link, QR code, print, texts), and each area's public
record of what it has done, which the area turns on itself.

The anonymous pages answer a token that does not work, or an area that does not share,
with the same 404 as for nothing at all.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from areas import selectors as area_selectors
from areas.models import Area
from partnerships import access
from partnerships.qr import qr_svg
from workshops import selectors
from workshops.reportback import links, services, texts
from workshops.reportback import selectors as report_selectors

LARGE = "large"


def _unlisted(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def report_back(request: HttpRequest, token: str, size: str = "") -> HttpResponse:
    session = links.session_for(token)
    if session is None:
        return _unlisted(render(request, "workshops/report_back/invalid.html", status=404))
    if session.status not in links.HELD:
        # Only the title and the day: nothing is known yet, and nobody is named.
        context = {"session": session, "area": session.area}
        return _unlisted(render(request, "workshops/report_back/pending.html", context))
    context = {
        "report": report_selectors.session_report(session),
        "area": session.area,
        "token": token,
        "large": size == LARGE,
    }
    return _unlisted(render(request, "workshops/report_back/page.html", context))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_back_manage(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    held = session.status in links.HELD
    if request.method == "POST" and held:
        if request.POST.get("do") == "withdraw":
            services.withdraw_links(session=session)
            messages.success(request, "The old link and QR code no longer work.")
        else:
            count = texts.text_report_back(session=session)
            messages.success(
                request,
                f"{count} text{'' if count == 1 else 's'} on the way."
                if count
                else "Everyone who agreed has been sent a text already.",
            )
        return redirect(request.path)
    context = {"area": session.area, "session": session, "held": held}
    if held:
        url = links.url_for(session)
        context |= {
            "url": url,
            "token": links.token_for(session),
            "qr": qr_svg(url),
            "textable": len(texts.textable(session)),
            "texts": texts.counts(session),
        }
    return render(request, "workshops/report_back/manage.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def together_settings(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    if not access.can_manage(request.user, area):
        raise PermissionDenied("Only the area's facilitators choose what it publishes.")
    if request.method == "POST":
        share = request.POST.get("share") == "yes"
        services.share_what_we_did(area=area, share=share)
        messages.success(
            request,
            "The page is published." if share else "The page is no longer published.",
        )
        return redirect(request.path)
    return render(
        request,
        "workshops/report_back/together_settings.html",
        {"area": area, "public_url": reverse("workshops:together", args=[area.slug])},
    )


@require_safe
def together(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=area_slug, shares_what_we_did=True)
    return render(
        request,
        "workshops/report_back/together.html",
        {"area": area, "together": report_selectors.what_we_did_together(area)},
    )
