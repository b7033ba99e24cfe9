"""Which follow-up emails a person gets, the unsubscribe link in each, and the calendar."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from partnerships import access
from partnerships.models import AreaRole, Person
from partnerships.resubmit import login_required_keeping_post
from workshops.actions.forms import PreferencesForm
from workshops.followups import calendar, preferences
from workshops.models import KIND_TO_STOP, CalendarFeed, FollowUpKind


def _person(request) -> Person:
    person = access.person_for(request.user)
    if person is None:
        raise Http404("This account has no record in the programme.")
    return person


@login_required_keeping_post(what="Change which emails you get")
@require_http_methods(["GET", "POST"])
def follow_up_preferences(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    facilitates = access.is_programme_lead(request.user) or access.holds_any_role(
        request.user, [AreaRole.FACILITATOR]
    )
    offered = preferences.kinds_for(
        facilitates=facilitates,
        coordinates=access.holds_any_role(request.user, [AreaRole.LCO_COORDINATOR]),
    )
    turned_off = preferences.turned_off(person)
    form = PreferencesForm(
        request.POST or None,
        kinds=offered,
        initial={"wanted": [kind for kind in offered if kind not in turned_off]},
    )
    if request.method == "POST" and form.is_valid():
        preferences.preferences_save(
            person=person, offered=offered, wanted=set(form.cleaned_data["wanted"])
        )
        messages.success(request, "Your email choices have been saved.")
        return redirect("workshops:follow-up-preferences")
    return render(request, "workshops/follow_ups/preferences.html", {"form": form})


# Mail clients post the one-click unsubscribe (RFC 8058) without cookies or a CSRF token;
# the signed token in the address is the credential, and all it can do is turn one kind
# of email off for the person it names.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm; POST (the button, or a mail client's one click) turns it off."""
    read = preferences.read_unsubscribe_token(token)
    person = Person.objects.filter(pk=read[0]).first() if read else None
    if person is None:
        return render(request, "workshops/follow_ups/unsubscribe_invalid.html", status=404)
    kind = FollowUpKind(read[1])
    if request.method == "POST":
        preferences.unsubscribe(person_id=person.pk, kind=kind)
    return render(
        request,
        "workshops/follow_ups/unsubscribe.html",
        {"kind_to_stop": KIND_TO_STOP[kind], "done": request.method == "POST", "person": person},
    )


@login_required_keeping_post(what="Renew or turn off your calendar address")
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if request.method == "POST":
        if request.POST.get("stop"):
            calendar.feed_stop(person=person)
            messages.success(request, "Your calendar address has been turned off.")
        else:
            calendar.feed_renew(person=person)
            messages.success(
                request, "Your calendar has a new address. Any earlier address has stopped working."
            )
        return redirect("workshops:calendar-settings")
    feed = CalendarFeed.objects.filter(person=person).first()
    url = calendar.feed_url(feed) if feed else ""
    return render(
        request,
        "workshops/follow_ups/calendar.html",
        {"feed": feed, "feed_url": url, "links": calendar.subscribe_links(url) if feed else {}},
    )


@require_safe
def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    feed = calendar.feed_for_token(token)
    if feed is None:
        raise Http404("No calendar at this address.")
    response = HttpResponse(
        calendar.feed_text(feed.person), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="health-partnerships.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
