"""Recording to the audit log: sign-ins, refusals, exports, downloads and views of
participants' personal data. Entries are only ever added (see AuditEvent)."""

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from partnerships.client_address import client_address
from partnerships.models import AuditAction, AuditEvent


def record(action, *, request=None, user=None, target=None, label="", area=None, **detail):
    """Add one entry. `target` is a model instance (or None); `detail` any JSON-able facts.

    A person is labelled by id, never by name: the log outlives an erasure, and a name
    written into it could then never be taken out.
    """
    user = user or (getattr(request, "user", None) if request else None)
    if target is not None and not label and target._meta.label == "partnerships.Person":
        label = f"Person {target.pk}"
    signed_in = bool(user and user.is_authenticated)
    return AuditEvent.objects.create(
        action=action,
        actor_id=user.pk if signed_in else None,
        actor_email=user.email if signed_in else detail.pop("email", ""),
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(label or (str(target) if target is not None else ""))[:300],
        area_id=getattr(area, "pk", area),
        path=request.get_full_path()[:500] if request else "",
        # Only what the trusted proxies forwarded: the rest of the header is the client's say.
        ip_address=client_address(request) if request else None,
        detail=detail,
    )


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record(AuditAction.SIGNED_IN, request=request, user=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditAction.SIGNED_OUT, request=request, user=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only the address tried is kept; the password never reaches this signal's payload.
    email = credentials.get("email") or credentials.get("username") or ""
    record(AuditAction.SIGN_IN_FAILED, request=request, email=str(email)[:254])


class AuditRefusalsMiddleware:
    """Records every permission refusal (a 403) with who asked for what."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            record(AuditAction.DENIED, request=request, reason=str(exception)[:300])
