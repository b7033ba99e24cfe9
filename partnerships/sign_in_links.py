"""One-time sign-in links, for the first programme lead of a new instance.

A link is signed with the secret key and carries the time it was made, so it expires
after SIGN_IN_LINK_MINUTES. It also carries a digest of the account's password hash and
last sign-in: choosing a password through it changes both, so it works once. Nothing is
stored, so a copy of the database gives no one a way in.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from partnerships.models import User

_SALT = "partnerships.sign-in-link"


def sign_in_url(user) -> str:
    token = signing.dumps([user.pk, _state(user)], salt=_SALT)
    return settings.SITE_URL.rstrip("/") + reverse("sign-in-link", args=[token])


def user_for_token(token: str, *, for_update=False):
    """The active account the token was made for, or None if it has expired or was used."""
    try:
        pk, state = signing.loads(token, salt=_SALT, max_age=settings.SIGN_IN_LINK_MINUTES * 60)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    users = User.objects.select_for_update() if for_update else User.objects
    user = users.filter(pk=pk, is_active=True).first()
    if user is None or not constant_time_compare(_state(user), state):
        return None
    return user


def _state(user):
    login = user.last_login.isoformat() if user.last_login else ""
    # A short digest keeps the link short; the signature, not this, stops forgery.
    return salted_hmac(_SALT, f"{user.pk}:{user.email}:{user.password}:{login}").hexdigest()[:20]
