"""An area's plan and progress on one page, and every area's statements as of a date."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from areas import selectors as area_selectors
from areas.outcomes import printing, sections, selectors
from areas.outcomes.forms import AsOfForm
from partnerships import access
from partnerships.htmx import render_page_or_partial
from partnerships.pdf import render_pdf


@login_required
def overview(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area, roles=roles)
    return render(
        request,
        "areas/outcomes/overview.html",
        {
            "area": area,
            "can_manage": can_manage,
            "statements": list(selectors.area_statements(area)),
            "indicators": list(selectors.area_indicators(area)),
            "evidence": list(selectors.evidence_for(area, include_unconsented=can_manage)),
        },
    )


# Areas a page of the programme view shows (each with its charts, about 40 KB of HTML);
# the PDF holds them all.
AREAS_PER_PAGE = 10

# The element the area search refreshes as the user types (statements_as_of.html).
RESULTS_ID = "as-of-results"


def _as_of(request, *, paginate: bool) -> dict:
    """The date, area or part of a name asked for in the query string, with what stood then.

    A date that is not a date (or is in the future) is shown as an error on the form, and
    the page shows today meanwhile; so is an area that is not the user's, showing them all.
    Nothing here reads every area the user may see: a programme lead sees the programme.
    """
    today = timezone.localdate()
    for_funder = access.is_funder(request.user)
    all_label = "All the areas you fund" if for_funder else "All your areas"
    # No date means today: links from an area's page name the area and not the day.
    asked = request.GET.copy()
    asked["on"] = asked.get("on") or today.isoformat()
    form = AsOfForm(asked, areas=selectors.as_of_areas(request.user), all_label=all_label)
    form.is_valid()
    cleaned = form.cleaned_data
    on, chosen, name = cleaned.get("on") or today, cleaned.get("area"), cleaned.get("q") or ""
    if chosen:
        name = ""  # one area, from a link to it: not narrowed by a name as well
    area_slug = chosen.slug if chosen else ""
    params = {
        "on": on.isoformat(),
        **({"area": area_slug} if area_slug else {}),
        **({"q": name} if name else {}),
    }
    scope = {"area_slug": area_slug, "name_contains": name}
    page = None
    if paginate:
        page = Paginator(selectors.areas_for_as_of(request.user, **scope), AREAS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        # The page's sections come from their cache, so it reads no measurements.
        areas = selectors.with_statements_as_of(list(page.object_list), on=on, series=False)
    else:
        areas = selectors.statements_as_of(request.user, on=on, **scope)
    return {
        "page_obj": page,
        "form": form,
        "on": on,
        "is_today": on == today,
        "areas": [area for area in areas if area.statements_then or area.indicators_then],
        # Areas with nothing to show yet are named once at the end, not given a section each.
        "quiet_areas": [
            area for area in areas if not (area.statements_then or area.indicators_then)
        ],
        "scope_title": _scope_title(request.user),
        "all_label": all_label,
        # Funders read the statements of the areas they fund as in their reports: without
        # links to the areas' own pages (not theirs to see) or the names of who wrote them.
        "for_funder": for_funder,
        "pdf_url": f"{reverse('areas:statements-as-of-pdf')}?{urlencode(params)}",
        "all_areas_url": f"{reverse('areas:statements-as-of')}?{urlencode({'on': on.isoformat()})}",
        "chosen_area": chosen,
        "name_contains": name,
        "area_slug": area_slug,
    }


def _scope_title(user) -> str:
    if access.is_programme_lead(user):
        return "Every area in the programme"
    if access.is_funder(user):
        return "The areas you fund"
    return "Your areas"


@login_required
@require_safe
def statements_as_of(request: HttpRequest) -> HttpResponse:
    context = _as_of(request, paginate=True)
    shown = sections.area_sections(
        context["areas"], for_funder=context["for_funder"], up_to=context["on"]
    )
    for area in context["areas"]:
        area.section = shown[area.pk]
    return render_page_or_partial(
        request,
        "areas/outcomes/statements_as_of.html",
        context,
        partial="htmx-results",
        target=RESULTS_ID,
    )


@login_required
@require_safe
def statements_as_of_pdf(request: HttpRequest) -> HttpResponse:
    context = _as_of(request, paginate=False)
    shown = {key: context[key] for key in ("areas", "quiet_areas", "area_slug")}
    pdf = render_pdf(
        "areas/outcomes/statements_as_of_pdf.html",
        {
            **context,
            "generated_at": timezone.localtime(),
            "cover": printing.statements_cover(
                **shown, on=context["on"], scope_title=context["scope_title"]
            ),
            "summary": printing.statements_summary(**shown),
        },
    )
    name = f"cao-statements-{context['area_slug'] or 'programme'}-{context['on']}.pdf"
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
