"""The reach panel of the area page and the planning panel of the session page: the pages
show them without reading this app's tables themselves."""

from django import template

from workshops.reach import selectors
from workshops.selectors import is_area_team

register = template.Library()


@register.inclusion_tag("workshops/reach/_area_reach.html", takes_context=True)
def area_reach(context, area):
    """Who the area's sessions have reached. Uses the area page's own roles: names of who
    has not come back are for the area team; everyone else sees counts."""
    team = is_area_team(context.get("my_roles") or set())
    return {
        "area": area,
        "reach": selectors.area_reach(area, with_names=team),
        "can_manage": context.get("can_manage", False),
    }


@register.inclusion_tag("workshops/reach/_session_needs.html", takes_context=True)
def session_needs_panel(context, session):
    """For those who run the session: what the people on its list need, with names, what the
    budget paid for it, and how many came from each named community."""
    return {
        "area": session.area,
        "session": session,
        "needs": selectors.session_needs(session),
        "community_counts": list(session.community_headcounts.select_related("community")),
    }
