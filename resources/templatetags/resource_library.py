"""The library's part of pages other apps render, without those apps importing it.

areas/area_detail.html loads this library and calls {% recommended_resources area %}:
areas sits below resources in the layers, so the area page only names the tag.
"""

from django import template

from resources import selectors

register = template.Library()


@register.inclusion_tag("resources/_recommended_for_area.html", takes_context=True)
def recommended_resources(context, area):
    """A few resources for the area's stage and focus themes, in two queries."""
    return {
        "area": area,
        "resources": selectors.recommended_for_area(context["request"].user, area),
        "focus_themes": selectors.focus_themes(area),
        "can_manage": context.get("can_manage", False),
    }
