"""Quotes and stories an area adds directly, with who said them and their consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas import selectors as area_selectors
from areas.models import Consent
from areas.outcomes import selectors, services
from areas.outcomes.forms import EvidenceForm
from areas.outcomes.models import EvidenceKind
from partnerships import access

FIELDS = [
    "kind",
    "text",
    "attributed_to",
    "is_anonymised",
    "speaker",
    "collected_on",
    "consent",
    "consent_on",
]


@login_required
@require_http_methods(["GET", "POST"])
def evidence_edit(
    request: HttpRequest, area_slug: str, evidence_id: int | None = None
) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    evidence = selectors.get_evidence(area, evidence_id) if evidence_id else None
    if evidence:
        initial = {name: getattr(evidence, name) for name in FIELDS}
        initial["statements"] = list(evidence.statements.all())
    else:
        initial = {"kind": EvidenceKind.QUOTE, "consent": Consent.NONE}
    form = EvidenceForm(
        request.POST or None,
        statements=selectors.area_statements(area),
        people=selectors.area_people(area),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        saved = services.evidence_save(
            area=area, by=access.person_for(request.user), evidence=evidence, **form.cleaned_data
        )
        message = f"{saved.get_kind_display()} from {saved.attribution} saved."
        if not saved.is_consented:
            message += " Only facilitators can see it until consent is recorded."
        messages.success(request, message)
        return redirect(reverse("areas:outcomes:overview", args=[area.slug]) + "#evidence")
    return render(
        request,
        "areas/outcomes/evidence_form.html",
        {"area": area, "evidence": evidence, "form": form},
    )
