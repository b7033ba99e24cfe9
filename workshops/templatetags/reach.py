"""The planning panel of the session page: what the people on its list need."""

from django import template

from workshops.reach import selectors

register = template.Library()


@register.inclusion_tag("workshops/reach/_session_needs.html", takes_context=True)
def session_needs_panel(context, session, attendances=None):
    """For those who run the session: what the people on its list need, with names, what the
    budget paid for it, and how many came from each named community. `attendances`: the
    session's, if the page has read them with their people's needs."""
    return {
        "area": session.area,
        "session": session,
        "needs": selectors.session_needs(session, attendances=attendances),
        "community_counts": list(session.community_headcounts.select_related("community")),
    }
