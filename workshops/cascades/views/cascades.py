"""Cascading a session's notes: the waiting list, composing and sending, the record and
its progress, the public share page and the unsubscribe link in every cascade email.

Every signed-in page finds its area through the cascade selectors, so only the area's
LCO coordinators, facilitators and programme leads get past a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from partnerships import access, audit
from partnerships.markdown import render_markdown
from partnerships.models import AuditAction
from partnerships.resubmit import login_required_keeping_post
from partnerships.versioning import EditConflict
from workshops.cascades import compose, selectors, sending, services
from workshops.cascades.forms import CascadeForm
from workshops.models import SessionStatus

READ_METHODS = ["GET", "HEAD"]


@login_required
def cascade_waiting(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = selectors.get_cascade_area_for(request.user, area_slug)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    return render(
        request,
        "workshops/cascades/waiting.html",
        {
            "area": area,
            "waiting": list(selectors.waiting_sessions(area)),
            "recent": selectors.recent_cascades(area),
        },
    )


def _form(request, session, cascade, *, sending_now=False):
    lists = selectors.contact_lists(session.area)
    if request.method == "POST":
        return CascadeForm(request.POST, lists=lists, sending=sending_now)
    if cascade is not None:
        initial = {
            "subject": cascade.subject,
            "body": cascade.body,
            "lists": list(cascade.lists.all()),
            "version": cascade.version,
        }
    else:
        draft = compose.draft_cascade(session)
        initial = {"subject": draft.subject, "body": draft.body}
    return CascadeForm(initial=initial, lists=lists)


@login_required_keeping_post(what="Save or send the cascade of a session's notes")
@require_http_methods(["GET", "POST"])
def cascade(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    """Compose and send the session's cascade; once sent, its record and progress."""
    session = selectors.get_cascade_session_for(request.user, area_slug, session_id)
    cascade = selectors.session_cascade(session)
    if cascade is not None and not cascade.is_draft:
        return _record(request, session, cascade)
    if session.status != SessionStatus.WRITTEN_UP:
        if request.method == "POST":
            raise PermissionDenied("Only a written-up session can be cascaded.")
        return render(
            request, "workshops/cascades/not_ready.html", {"area": session.area, "session": session}
        )
    sending_now = request.POST.get("intent") == "send"
    form = _form(request, session, cascade, sending_now=sending_now)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        write = services.cascade_send if sending_now else services.cascade_save
        try:
            saved = write(
                session=session,
                by=access.person_for(request.user),
                subject=data["subject"],
                body=data["body"],
                lists=data["lists"],
                version=data["version"] if cascade is not None else None,
            )
        except services.AlreadySent:
            messages.info(request, "This cascade had already been sent.")
            return redirect(request.path)
        except EditConflict as conflict:
            form.rebase(
                conflict.current,
                message=(
                    f"{conflict.current.composed_by or 'Someone else'} saved the draft while "
                    "you were editing. Your words are below and have not been saved: save "
                    "again to keep yours."
                ),
            )
        else:
            if sending_now:
                messages.success(request, "The cascade is being sent.")
            else:
                messages.success(request, "The draft has been saved. Nothing has been sent.")
            return redirect(saved)
    return render(
        request,
        "workshops/cascades/compose.html",
        {
            "area": session.area,
            "session": session,
            "cascade": cascade,
            "form": form,
            "preview": render_markdown(form["body"].value() or ""),
            "has_lists": form.fields["lists"].queryset.exists(),
        },
    )


def _record(request, session, cascade):
    if request.method == "POST":
        return redirect(cascade)
    progress = sending.progress(cascade)
    context = {"area": session.area, "session": session, "cascade": cascade, "progress": progress}
    if request.htmx and request.GET.get("section") == "progress":
        return render(request, "workshops/cascades/record.html#progress", context)
    failed = selectors.failed_recipients(cascade) if progress["failed"] else []
    if failed:
        audit.record(
            AuditAction.VIEWED_PERSONAL_DATA,
            request=request,
            target=cascade,
            label=f"Undelivered addresses of the cascade of {session.title}",
            area=session.area,
        )
    return render(
        request,
        "workshops/cascades/record.html",
        {
            **context,
            "failed": failed,
            "body": render_markdown(cascade.body),
            "share_url": (
                request.build_absolute_uri(
                    reverse("workshops:cascade-share", args=[cascade.share_token])
                )
                if cascade.share_token
                else ""
            ),
        },
    )


@login_required_keeping_post(what="Renew or withdraw a sent cascade's public page")
@require_http_methods(["POST"])
def cascade_share_link(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    """Make a new public address for the sent cascade, or withdraw the current one."""
    session = selectors.get_cascade_session_for(request.user, area_slug, session_id)
    cascade = selectors.session_cascade(session)
    if cascade is None or cascade.sent_at is None:
        raise PermissionDenied("Only a sent cascade has a page to share.")
    if request.POST.get("withdraw"):
        services.share_link_revoke(cascade=cascade)
        messages.success(
            request, "The shared page has been withdrawn. Its address no longer works."
        )
    else:
        services.share_link_create(cascade=cascade)
        messages.success(
            request, "The cascade has a new page to share. Any earlier address has stopped working."
        )
    return redirect(f"{cascade.get_absolute_url()}#share")


@require_safe
def cascade_shared(request: HttpRequest, token: str) -> HttpResponse:
    """The cascade as its recipients read it, for anyone with the address."""
    cascade = selectors.shared_cascade(token)
    response = render(
        request,
        "workshops/cascades/shared.html",
        {"cascade": cascade, "area": cascade.session.area, "body": render_markdown(cascade.body)},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


# Mail clients post the one-click unsubscribe (RFC 8058) without cookies or a CSRF token;
# the signed token is the credential, and all it can do is stop cascades to one address.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def cascade_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    email = sending.read_unsubscribe_token(token)
    if email is None:
        return render(request, "workshops/follow_ups/unsubscribe_invalid.html", status=404)
    if request.method == "POST":
        services.unsubscribe(email=email)
    return render(
        request,
        "workshops/cascades/unsubscribe.html",
        {"email": email, "done": request.method == "POST"},
    )
