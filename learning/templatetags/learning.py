"""Panels of similar work in other areas, for the area and session pages.

Those pages show them without their apps importing this one.
"""

from django import template

from learning import similar

register = template.Library()


@register.inclusion_tag("learning/_similar_work.html")
def area_similar_work(area):
    return {
        "similar": similar.similar_to_area(area),
        "anchor": "similar-work",
        "intro": f"Barriers and actions from other areas close to {area.name}’s focus and "
        "what it has heard, those with the same barrier type or theme first.",
    }


@register.inclusion_tag("learning/_similar_work.html")
def session_similar_work(session):
    return {
        "similar": similar.similar_to_session(session),
        "anchor": "similar-work",
        "compact": True,
        "intro": "Other areas heard barriers like these. What they agreed may help.",
    }
