"""The demo library: the programme's real resource titles, described in our own words.

Every resource links to the programme's public page rather than inventing addresses for
each one; dates are given only where the programme's own files show them.
"""

from datetime import date

from django.utils.text import slugify

from areas.models import Area, Stage
from partnerships.models import Person, ProgrammeRole
from resources import services
from resources.casestudies import demo as case_study_demo
from resources.models import Resource, ResourceType, Theme
from resources.outputs import demo as suggestions_demo
from workshops.models import Session

PROGRAMME_URL = "https://www.ivar.org.uk/connecting-health-communities/"
PUBLISHER = "IVAR (Institute for Voluntary Action Research)"
# Themes the demo needs beyond those every installation starts with.
EXTRA_THEMES = ["Partnership working"]

# (title, summary, type, themes, stages, published on, public)
RESOURCES = [
    (
        "Collaborative working in complexity",
        "Lessons and reflections for people just starting to work across organisations and "
        "sectors on problems no single body can solve alone.",
        ResourceType.GUIDE,
        ["Partnership working", "Trust and power"],
        [Stage.GETTING_STARTED],
        None,
        True,
    ),
    (
        "Moving to action and growing pilot projects",
        "Health and care leaders share what helped them turn a partnership's plans into a "
        "first pilot, and then grow it beyond the people who started it.",
        ResourceType.INFOGRAPHIC,
        ["Partnership working", "Measuring impact"],
        [Stage.NEXT_LEVEL],
        date(2020, 1, 1),
        True,
    ),
    (
        "Measuring impact",
        "Practical advice from health and care leaders on showing what a project has changed, "
        "when the outcomes that matter most take years to appear.",
        ResourceType.INFOGRAPHIC,
        ["Measuring impact"],
        [Stage.NEXT_LEVEL, Stage.MAKING_IT_STICK],
        date(2020, 1, 1),
        True,
    ),
    (
        "Trust, power and collaboration",
        "How commissioners and funders can build relationships based on learning and trust "
        "rather than targets, following a Human Learning Systems approach.",
        ResourceType.REPORT,
        ["Trust and power", "Commissioning"],
        [Stage.MAKING_IT_STICK, Stage.GETTING_UNSTUCK],
        None,
        True,
    ),
    (
        "Barriers are coming down",
        "A partnership describes how people from the NHS, the council and community groups "
        "stopped talking past each other, and what changed once they did.",
        ResourceType.BLOG,
        ["Trust and power", "Co-production"],
        [Stage.NEXT_LEVEL, Stage.GETTING_UNSTUCK],
        None,
        True,
    ),
    (
        "What good looks like (Pennine Lancashire)",
        "Partners in Pennine Lancashire set out, in their own words, the signs of a local "
        "partnership that works well for the communities it serves.",
        ResourceType.REPORT,
        ["Partnership working", "Co-production"],
        [Stage.MAKING_IT_STICK],
        None,
        True,
    ),
    (
        "Setting up social prescribing in lockdown",
        "Two new link workers in a primary care network explain how they started a social "
        "prescribing service in 2020, when local groups had closed and calls replaced visits.",
        ResourceType.BLOG,
        ["Social prescribing"],
        [Stage.GETTING_STARTED, Stage.GETTING_UNSTUCK],
        None,
        True,
    ),
    (
        "A Community Action Network in Morecambe Bay",
        "The story of a network that brings residents, charities and health services together "
        "to act on what local people say keeps them well.",
        ResourceType.BLOG,
        ["Co-production", "Social prescribing"],
        [Stage.NEXT_LEVEL, Stage.MAKING_IT_STICK],
        None,
        True,
    ),
    (
        "How to build an effective partnership (nine puzzle pieces)",
        "Nine ingredients of a partnership that lasts, from shared purpose to honest "
        "conversations about power, each with questions to ask yourselves.",
        ResourceType.GUIDE,
        ["Partnership working", "Trust and power"],
        [Stage.GETTING_STARTED, Stage.GETTING_UNSTUCK],
        None,
        False,
    ),
    (
        "A toolkit for conducting community research",
        "Step-by-step help for planning and running research with local people as partners, "
        "from agreeing the questions to sharing what you found.",
        ResourceType.TOOLKIT,
        ["Community research", "Co-production"],
        [Stage.GETTING_STARTED, Stage.NEXT_LEVEL],
        None,
        True,
    ),
    (
        "12 steps to embedding social value priorities in commissioning",
        "A sequence of practical steps for commissioners who want contracts to reward the "
        "social value local organisations create, not only the lowest price.",
        ResourceType.GUIDE,
        ["Commissioning", "Measuring impact"],
        [Stage.MAKING_IT_STICK],
        None,
        True,
    ),
    (
        "Talking points for cross-sector partnerships",
        "Prompts for a steering group's first conversations, or for clearing the air after a "
        "setback: what each partner brings, wants and worries about.",
        ResourceType.TEMPLATE,
        ["Partnership working", "Trust and power"],
        [Stage.GETTING_STARTED, Stage.GETTING_UNSTUCK],
        None,
        False,
    ),
]

# The themes each demo area's focus touches, as its facilitators might choose them.
FOCUS_THEMES = {
    "east-sussex": ["Community research", "Co-production"],
    "north-yorkshire": ["Co-production", "Measuring impact"],
    "sheffield": ["Social prescribing"],
    "wirral": ["Co-production"],
    "cheshire-east": ["Community research", "Trust and power"],
    "dudley": ["Measuring impact"],
    "st-helens": ["Social prescribing"],
    "wandsworth": ["Community research", "Trust and power"],
    "barnet-and-enfield": ["Co-production"],
    "birmingham": ["Trust and power"],
    "leicester-and-leicestershire": ["Commissioning"],
    "somerset": ["Commissioning", "Partnership working"],
}


# Where the demo partnerships used a resource: (area, session title, resource title).
USES = [
    (
        "east-sussex",
        "Why screening invitations go unanswered",
        "A toolkit for conducting community research",
    ),
    ("east-sussex", "What the training changed", "Measuring impact"),
    (
        "north-yorkshire",
        "Agreeing three local models",
        "Moving to action and growing pilot projects",
    ),
    (
        "sheffield",
        "The Community Connector and opt-out referral",
        "Setting up social prescribing in lockdown",
    ),
    ("wirral", "Writing the Charter together", "What good looks like (Pennine Lancashire)"),
    (
        "cheshire-east",
        "Latent TB screening: what would make it easier",
        "Talking points for cross-sector partnerships",
    ),
]


def load(stdout):
    for name in EXTRA_THEMES:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    themes = {theme.name: theme for theme in Theme.objects.all()}
    added = _add_resources(themes)
    if added:
        stdout.write(f"Loaded the resource library: {added} resources.")
    for area in Area.objects.filter(slug__in=FOCUS_THEMES, focus_themes__isnull=True):
        services.area_set_focus_themes(
            area=area, themes=[themes[name] for name in FOCUS_THEMES[area.slug]]
        )
    _record_uses()
    case_study_demo.load(stdout)
    suggestions_demo.load(stdout)


def _add_resources(themes) -> int:
    existing = set(Resource.objects.values_list("title", flat=True))
    lead = Person.objects.filter(programme_role=ProgrammeRole.LEAD).first()
    added = 0
    for title, summary, kind, theme_names, stages, published_on, is_public in RESOURCES:
        if title in existing:
            continue
        services.resource_create(
            by=lead,
            title=title,
            summary=summary,
            resource_type=kind,
            url=PROGRAMME_URL,
            themes=[themes[name] for name in theme_names],
            stages=stages,
            publisher=PUBLISHER,
            published_on=published_on,
            is_public=is_public,
        )
        added += 1
    return added


def _record_uses():
    """Runs after workshops.demo (INSTALLED_APPS order), so its sessions exist."""
    facilitator = Person.objects.filter(email="facilitator@demo.example").first()
    resources = {resource.title: resource for resource in Resource.objects.all()}
    for area_slug, session_title, resource_title in USES:
        session = Session.objects.filter(area__slug=area_slug, title=session_title).first()
        if session and resource_title in resources:
            services.resource_mark_used(
                resource=resources[resource_title], session=session, by=facilitator
            )
