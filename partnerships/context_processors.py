from django.urls import reverse

from partnerships import access
from partnerships.models import AreaRole


def navigation(request):
    """The header's navigation, by role. Pages never decide what a role may see from this."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [("Home", reverse("home"))]
    if access.is_programme_lead(user) or access.holds_any_role(user, AreaRole):
        items.append(("My actions", reverse("workshops:my-actions")))
        items.append(("Your suggestions", reverse("suggestions")))
        items.append(("Areas", reverse("areas:list")))
        items.append(("Sessions", reverse("workshops:programme-sessions")))
        items.append(("People and organisations", reverse("directory:organisations")))
    if (
        access.is_programme_lead(user)
        or access.is_funder(user)
        or access.holds_any_role(user, {AreaRole.FACILITATOR})
    ):
        items.append(("Learning", reverse("learning:explorer")))
    items.append(("Resources", reverse("library:index")))
    if access.is_programme_lead(user) or access.is_funder(user):
        items.append(("Reports", reverse("resources:reports")))
    if access.is_programme_lead(user):
        items.append(("Invite a funder", reverse("funder-invite")))
        items.append(("Audit log", reverse("audit-log")))
    path = request.path
    return {
        "nav_items": [
            {
                "label": label,
                "url": url,
                "current": path == url or (url != "/" and path.startswith(url)),
            }
            for label, url in items
        ],
        "current_person": access.person_for(user),
    }
