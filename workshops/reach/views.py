"""Reach and inclusion pages: a person's own needs, what the people at a session need
(and what the budget paid for it, linked from the session or from the budget), the
communities an area names and their counts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from areas.budgets import selectors as budget_selectors
from areas.selectors import get_area_and_roles_for
from partnerships import access, audit
from partnerships.models import AuditAction
from partnerships.resubmit import login_required_keeping_post
from workshops.reach import selectors, services
from workshops.reach.forms import (
    NEEDS_CONSENT_WORDING,
    CommunityCountsForm,
    CommunityForm,
    LineSupportForm,
    NeedsForm,
    OwnNeedsForm,
    RecordedNeedsForm,
    SupportCostForm,
)
from workshops.selectors import get_session_and_roles_for


def _needs_values(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.NEEDS_FIELDS}


@login_required_keeping_post(what="Save what would help you take part")
@require_http_methods(["GET", "HEAD", "POST"])
def my_needs(request: HttpRequest) -> HttpResponse:
    person = access.person_for(request.user)
    if person is None:
        raise Http404("No record of you to add this to.")
    needs = selectors.needs_of(person)
    if request.method == "POST" and "withdraw" in request.POST:
        services.support_needs_withdraw(person=person, request=request)
        messages.success(request, "Deleted: we no longer hold what you needed.")
        return redirect("workshops:my-needs")
    form = OwnNeedsForm(request.POST or None, initial=NeedsForm.initial_for(needs))
    if request.method == "POST" and form.is_valid():
        services.support_needs_record(
            person=person, by=person, request=request, **_needs_values(form)
        )
        messages.success(request, "Saved. Facilitators of the sessions you come to will see it.")
        return redirect("workshops:my-needs")
    return render(
        request,
        "workshops/reach/my_needs.html",
        {"form": form, "needs": needs, "wording": NEEDS_CONSENT_WORDING},
        status=400 if form.errors else 200,
    )


def _link(request, form, **chosen) -> bool:
    """Link the claim and session, one chosen on the form and the other given; False,
    with the reason on the form, if someone linked the claim meanwhile."""
    try:
        services.support_cost_link(
            by=access.person_for(request.user), **chosen, **form.cleaned_data
        )
    except services.AlreadyLinked as taken:
        form.add_error(None, str(taken))
        return False
    messages.success(request, "Linked: the session’s plan shows what it paid for.")
    return True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_needs(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    """What the people on the session's list need, by name, and the budget lines that
    paid for it; a facilitator links a claim here."""
    session, roles = get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    form = SupportCostForm(request.POST or None, lines=selectors.linkable_lines(session))
    if request.method == "POST" and form.is_valid() and _link(request, form, session=session):
        return redirect(reverse("workshops:session-needs", args=[area_slug, session_id]))
    needs = selectors.session_needs(session)
    if request.method != "POST" and needs.recorded:
        audit.record(
            AuditAction.VIEWED_PERSONAL_DATA,
            request=request,
            target=session,
            label=f"What the people at {session.title} need",
            area=session.area,
        )
    return render(
        request,
        "workshops/reach/session_needs.html",
        {"area": session.area, "session": session, "needs": needs, "form": form},
        status=400 if form.errors else 200,
    )


@login_required_keeping_post(what="Remove a budget line from a session's plan")
@require_POST
def support_cost_remove(
    request: HttpRequest, area_slug: str, session_id: int, cost_id: int
) -> HttpResponse:
    session, roles = get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    services.support_cost_unlink(cost=selectors.get_support_cost(session, cost_id))
    messages.success(request, "The claim is no longer linked to this session.")
    return redirect(reverse("workshops:session-needs", args=[area_slug, session_id]))


@login_required_keeping_post(what="Link a claim to the session it paid for")
@require_http_methods(["GET", "HEAD", "POST"])
def line_support(request: HttpRequest, area_slug: str, line_id: int) -> HttpResponse:
    """Whoever keeps the area's budget (its LCO coordinators and facilitators) links a
    claim to what the people at a session said they need, from the budget; they see
    those needs as counts, without names."""
    area = budget_selectors.get_budget_area_for(request.user, area_slug)
    line = selectors.get_linkable_line(area, line_id)
    if request.method == "POST" and "unlink" in request.POST and line.linked:
        services.support_cost_unlink(cost=line.linked)
        messages.success(request, "The claim is no longer linked to a session.")
        return redirect(reverse("workshops:line-support", args=[area_slug, line_id]))
    sessions = selectors.sessions_near(line)
    form = LineSupportForm(None if line.linked else request.POST or None, sessions=sessions)
    if request.method == "POST" and form.is_valid() and _link(request, form, line=line):
        return redirect(f"{line.budget.get_absolute_url()}#lines")
    return render(
        request,
        "workshops/reach/line_support.html",
        {
            "area": area,
            "line": line,
            "needs": selectors.need_counts(sessions),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required_keeping_post(what="Record what someone needs to take part")
@require_http_methods(["GET", "HEAD", "POST"])
def attendee_needs(
    request: HttpRequest, area_slug: str, session_id: int, attendance_id: int
) -> HttpResponse:
    """A facilitator records, with the person's agreement, what they need; or deletes it
    when they withdraw that agreement."""
    session, roles = get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    attendance = selectors.get_attendance(session, attendance_id)
    person = attendance.person
    needs = getattr(person, "support_needs", None)
    back = reverse("workshops:session-needs", args=[area_slug, session_id])
    if request.method == "POST" and "withdraw" in request.POST:
        services.support_needs_withdraw(person=person, area=session.area, request=request)
        messages.success(request, f"Deleted what {person} needed: they withdrew their agreement.")
        return redirect(back)
    form = RecordedNeedsForm(request.POST or None, initial=NeedsForm.initial_for(needs))
    if request.method == "POST" and form.is_valid():
        services.support_needs_record(
            person=person,
            by=access.person_for(request.user),
            area=session.area,
            consent_method=form.cleaned_data["consent_method"],
            request=request,
            **_needs_values(form),
        )
        messages.success(request, f"Saved what {person} needs.")
        return redirect(back)
    if request.method != "POST" and needs is not None:
        audit.record(
            AuditAction.VIEWED_PERSONAL_DATA, request=request, target=person, area=session.area
        )
    return render(
        request,
        "workshops/reach/attendee_needs.html",
        {
            "area": session.area,
            "session": session,
            "person": person,
            "needs": needs,
            "form": form,
            "wording": NEEDS_CONSENT_WORDING,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def communities(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            community = services.community_add(area=area, name=form.cleaned_data["name"])
        except services.CommunityExists:
            form.add_error("name", "The area already names a community by that name.")
        else:
            messages.success(request, f"Added “{community}”.")
            return redirect("workshops:communities", area_slug=area.slug)
    return render(
        request,
        "workshops/reach/communities.html",
        {"area": area, "form": form, "communities": selectors.area_communities(area)},
        status=400 if form.errors else 200,
    )


@login_required_keeping_post(what="Stop counting a named community")
@require_POST
def community_retire(request: HttpRequest, area_slug: str, community_id: int) -> HttpResponse:
    area, roles = get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    community = selectors.get_community(area, community_id)
    services.community_retire(community=community)
    messages.success(request, f"“{community}” is no longer counted; past counts stay.")
    return redirect("workshops:communities", area_slug=area.slug)


@login_required_keeping_post(what="Count people from the area's named communities")
@require_http_methods(["GET", "HEAD", "POST"])
def community_counts(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session, roles = get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    current = list(selectors.area_communities(session.area, current_only=True))
    form = CommunityCountsForm(
        request.POST or None,
        communities=current,
        initial=CommunityCountsForm.initial_for(session.community_headcounts.all()),
    )
    if request.method == "POST" and form.is_valid():
        services.community_headcounts_save(session=session, counts=form.counts())
        messages.success(request, "Saved how many came from each community.")
        return redirect(f"{session.get_absolute_url()}#reach")
    return render(
        request,
        "workshops/reach/community_counts.html",
        {"area": session.area, "session": session, "form": form},
        status=400 if form.errors else 200,
    )
