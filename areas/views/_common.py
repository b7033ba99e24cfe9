from django.core.exceptions import PermissionDenied

from areas import selectors
from partnerships import access


def managed_area(request, area_slug):
    """The area if the user runs its partnership; 404 outside it, 403 for other roles in it."""
    area = selectors.get_area_for(request.user, area_slug)
    if not access.can_manage(request.user, area):
        raise PermissionDenied("Only the area's facilitators can do this.")
    return area
