"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
