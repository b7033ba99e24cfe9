"""The demo library: the programme's real resource titles, described in our own words
(resources/demo/library.toml)."""

from django.utils.text import slugify

from areas.models import Area
from partnerships import demo_data
from partnerships.models import Person, ProgrammeRole
from resources import services
from resources.casestudies import demo as case_study_demo
from resources.models import Resource, Theme
from resources.outputs import demo as suggestions_demo
from workshops.models import Session


def load(stdout):
    data = demo_data.load("resources", "library")
    for name in data["extra_themes"]:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    themes = {theme.name: theme for theme in Theme.objects.all()}
    added = _add_resources(data, themes)
    if added:
        stdout.write(f"Loaded the resource library: {added} resources.")
    focus_themes = data["focus_themes"]
    for area in Area.objects.filter(slug__in=focus_themes, focus_themes__isnull=True):
        services.area_set_focus_themes(
            area=area, themes=[themes[name] for name in focus_themes[area.slug]]
        )
    _record_uses(data["uses"])
    case_study_demo.load(stdout)
    suggestions_demo.load(stdout)


def _add_resources(data, themes) -> int:
    existing = set(Resource.objects.values_list("title", flat=True))
    lead = Person.objects.filter(programme_role=ProgrammeRole.LEAD).first()
    added = 0
    for resource in data["resources"]:
        if resource["title"] in existing:
            continue
        services.resource_create(
            by=lead,
            title=resource["title"],
            summary=resource["summary"],
            resource_type=resource["type"],
            url=data["url"],
            themes=[themes[name] for name in resource["themes"]],
            stages=resource["stages"],
            publisher=data["publisher"],
            published_on=resource.get("published_on"),
            is_public=resource["public"],
        )
        added += 1
    return added


def _record_uses(uses):
    """Runs after workshops.demo (INSTALLED_APPS order), so its sessions exist."""
    facilitator = Person.objects.filter(email="facilitator@demo.example").first()
    resources = {resource.title: resource for resource in Resource.objects.all()}
    for use in uses:
        session = Session.objects.filter(area__slug=use["area"], title=use["session"]).first()
        if session and use["resource"] in resources:
            services.resource_mark_used(
                resource=resources[use["resource"]], session=session, by=facilitator
            )
