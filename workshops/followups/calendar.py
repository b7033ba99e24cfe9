"""A person's private calendar feed: the sessions they facilitate or come to, and the due
dates of their open actions.

The address carries the feed's id and an HMAC of it with a nonce, like an invitation:
nothing secret is stored, and a new nonce makes every earlier address stop working.
"""

import datetime as dt
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from workshops import ical
from workshops.followups.models import CalendarFeed
from workshops.models import Action, Attendance, Session, new_nonce

SALT = "workshops.calendar-feed"
# How far back the feed reaches for sessions; calendars keep what they already have.
PAST_SESSIONS = dt.timedelta(days=180)


def feed_token(feed: CalendarFeed) -> str:
    digest = salted_hmac(SALT, f"{feed.pk}:{feed.nonce}", algorithm="sha256").hexdigest()
    return f"{feed.pk}-{digest[:40]}"


def feed_for_token(token: str) -> CalendarFeed | None:
    pk, _, digest = token.partition("-")
    if not (pk.isascii() and pk.isdigit() and len(pk) < 19 and len(digest) == 40):
        return None
    feed = CalendarFeed.objects.filter(pk=int(pk)).select_related("person").first()
    if feed is None or not constant_time_compare(feed_token(feed), token):
        return None
    return feed


def feed_url(feed: CalendarFeed) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "workshops:calendar-ics", args=[feed_token(feed)]
    )


CALENDAR_NAME = "Health Partnerships"


def subscribe_links(url: str) -> dict[str, str]:
    """Addresses that subscribe a calendar to the feed at `url` in one click: webcal://
    opens the device's own calendar app; Outlook and Google take the address as a query."""
    webcal = "webcal://" + url.split("://", 1)[1]
    return {
        "webcal": webcal,
        "outlook": "https://outlook.office.com/calendar/0/addfromweb?"
        + urlencode({"url": url, "name": CALENDAR_NAME}),
        "outlook_com": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": url, "name": CALENDAR_NAME}),
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
    }


def feed_renew(*, person) -> CalendarFeed:
    """Start the person's feed, or give it a new address that replaces the old one."""
    feed, _ = CalendarFeed.objects.update_or_create(
        person=person, defaults={"nonce": new_nonce(), "created_at": timezone.now()}
    )
    return feed


def feed_stop(*, person) -> None:
    CalendarFeed.objects.filter(person=person).delete()


def feed_text(person, *, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    site = settings.SITE_URL.rstrip("/")
    sessions = (
        Session.objects.filter(
            Q(pk__in=Session.facilitators.through.objects.filter(person=person).values("session"))
            | Q(pk__in=Attendance.objects.filter(person=person).values("session")),
            starts_at__gte=now - PAST_SESSIONS,
        )
        .select_related("area")
        .order_by("starts_at")
    )
    actions = (
        Action.objects.open()
        .filter(owner=person, due_on__isnull=False)
        .select_related("area")
        .order_by("due_on", "pk")
    )
    host = urlsplit(settings.SITE_URL).hostname
    events = [_session_event(session, site, host) for session in sessions]
    events += [_action_event(action, site, host) for action in actions]
    return ical.calendar(events, name="Health Partnerships", stamp=now)


def _session_event(session: Session, site: str, host: str) -> ical.Event:
    url = site + session.get_absolute_url()
    where = session.venue
    if session.is_online:
        where = f"Online ({session.online_platform})" if session.online_platform else "Online"
    return ical.Event(
        uid=f"session-{session.pk}@{host}",
        summary=f"{session.title} ({session.area.name})",
        start=session.starts_at,
        end=session.ends_at,
        location=where,
        description=f"{session.get_kind_display()} of {session.area.name}’s partnership.\n{url}",
        url=url,
    )


def _action_event(action: Action, site: str, host: str) -> ical.Event:
    url = site + action.get_absolute_url()
    return ical.Event(
        uid=f"action-{action.pk}@{host}",
        summary=f"Action due: {action.description[:80]}",
        start=action.due_on,
        end=action.due_on + dt.timedelta(days=1),
        description=(
            f"{action.description}\n{action.area.name} · {action.get_status_display()}\n{url}"
        ),
        url=url,
    )
