"""Deployment checks of our own, run by `manage.py check --deploy`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError

# Sign-ins whose password is published live at these reserved domains: the demo's
# (areas/demo/programme.toml) and the benchmark's (scale/accounts.py). Real people never
# have them.
PUBLISHED_PASSWORD_DOMAINS = ("demo.example", "bench.example")

# Email backends that never deliver: on an invitation-only platform nobody could join.
UNDELIVERED_EMAIL_BACKENDS = ("console", "locmem", "filebased", "dummy")


@register(Tags.security, deploy=True)
def shared_cache_for_rate_limits(app_configs, **kwargs):
    """Sign-in rate limits and used two-factor codes live in the cache; a per-process
    cache would let each web worker allow its own share of guesses."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The cache is not shared between processes, so sign-in rate limits are not either.",
                hint="Set REDIS_URL (or CACHE_URL) to a shared cache in production.",
                id="partnerships.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def reauthentication_required(app_configs, **kwargs):
    if not getattr(settings, "ACCOUNT_REAUTHENTICATION_REQUIRED", False):
        return [
            Warning(
                "Changing an email address or password does not ask for the password again.",
                hint="Set ACCOUNT_REAUTHENTICATION_REQUIRED = True.",
                id="partnerships.W002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def client_address_behind_a_proxy(app_configs, **kwargs):
    """Production trusts a proxy's X-Forwarded-Proto; without its count, every visitor
    has the proxy's address, and ten wrong passwords from anyone lock everyone out."""
    if settings.SECURE_PROXY_SSL_HEADER and not settings.TRUSTED_PROXY_COUNT:
        return [
            Warning(
                "TRUSTED_PROXY_COUNT is 0, so behind a proxy every visitor shares its address "
                "for sign-in limits and the audit log.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of the app "
                "(1 for the compose stack's proxy).",
                id="partnerships.W003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def no_published_sign_ins(app_configs, **kwargs):
    from partnerships.models import User

    try:
        emails = [
            email
            for domain in PUBLISHED_PASSWORD_DOMAINS
            for email in User.objects.filter(email__iendswith=f"@{domain}").values_list(
                "email", flat=True
            )[:3]
        ]
    except DatabaseError:
        return [_database_unread("demo sign-ins")]
    if emails:
        return [
            Error(
                f"The database holds sign-ins whose password is published ({', '.join(emails)}).",
                hint="This database was loaded with demo or benchmark data: start from an "
                "empty database, or deactivate and erase those accounts.",
                id="partnerships.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def email_is_delivered(app_configs, **kwargs):
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend in UNDELIVERED_EMAIL_BACKENDS:
        return [
            Error(
                f"Email goes to the {backend} backend, so invitations never reach anyone.",
                hint="Set EMAIL_URL to your mail server, e.g. "
                "smtp+tls://user:password@smtp.example.org:587.",
                id="partnerships.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def site_url_is_https(app_configs, **kwargs):
    if urlsplit(settings.SITE_URL).scheme != "https":
        return [
            Error(
                f"SITE_URL ({settings.SITE_URL}) is not an https address, so links in emails "
                "are sent in the clear or lead nowhere.",
                hint="Set SITE_URL to the public address, e.g. https://partnerships.example.org.",
                id="partnerships.E003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def site_matches_site_url(app_configs, **kwargs):
    """allauth's emails name the Site ("Hello from example.com!"); migrate sets it from
    SITE_URL, so a mismatch means SITE_URL changed since the last migrate."""
    from django.contrib.sites.models import Site

    from partnerships.sites import site_domain

    try:
        site = Site.objects.filter(pk=settings.SITE_ID).first()
    except DatabaseError:
        return [_database_unread("the site's name")]
    if site is None or site.domain != site_domain() or site.name != settings.SITE_NAME:
        shown = f"{site.name} ({site.domain})" if site else "missing"
        return [
            Error(
                f"The site is {shown}, not {settings.SITE_NAME} ({site_domain()}) from "
                "SITE_URL and SITE_NAME, so emails name the wrong site.",
                hint="Run `manage.py migrate`: it sets the site from SITE_URL and SITE_NAME.",
                id="partnerships.E004",
            )
        ]
    return []


def _database_unread(what):
    return Warning(
        f"The database could not be read, so {what} could not be checked.",
        hint="Run `manage.py check --deploy` where DATABASE_URL reaches the database.",
        id="partnerships.W004",
    )
