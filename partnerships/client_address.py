"""Who is asking: the client's address, worked out once per request.

Behind TLS proxies the socket's address (REMOTE_ADDR) is the nearest proxy's, shared by
every visitor. Each proxy appends the address it was called from to X-Forwarded-For, so
with TRUSTED_PROXY_COUNT proxies of our own the client is the N-th entry from the right.
Entries further left were written by the client and are never believed.

Sign-in rate limits (through the account adapter) and the audit log both read it here.
"""

import ipaddress

from django.conf import settings

_RESOLVED = "_partnerships_client_address"


def client_address(request) -> str | None:
    """The client's IP address, or None if the request carries no usable one."""
    if not hasattr(request, _RESOLVED):
        setattr(request, _RESOLVED, _resolve(request))
    return getattr(request, _RESOLVED)


def _resolve(request):
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    # With fewer entries than proxies, the request did not come through all of them (a
    # health check from inside the network): the socket's address is the client's.
    if count and len(forwarded) >= count and forwarded[-count]:
        return _valid(forwarded[-count])
    return _valid(request.META.get("REMOTE_ADDR", ""))


def _valid(address):
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
