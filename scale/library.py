"""The resource library: two resources for every area, tagged with themes and stages."""

from areas.models import Stage
from resources.models import Resource, ResourceStage, ResourceType, Theme
from resources.search import update_search_vectors
from scale import words


def add_resources(ctx, count: int):
    rng, w = ctx.rng, ctx.writer
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    for number in range(count):
        resource = w.add(
            Resource,
            title=f"{rng.choice(words.RESOURCE_FORMS)} {rng.choice(words.RESOURCE_SUBJECTS)}"
            f" ({number + 1})",
            summary=" ".join(rng.choices(words.SUMMARY_WORDS, k=24)).capitalize() + ".",
            resource_type=rng.choice(ResourceType.values),
            url=f"https://www.example.org/resources/{number + 1}",
            publisher="A national charity",
            published_on=ctx.today - ctx.days(rng.randint(0, 1500)),
            is_public=rng.random() < 0.7,
        )
        for theme in rng.sample(themes, min(len(themes), rng.randint(0, 3))):
            w.add(Resource.themes.through, resource_id=resource, theme_id=theme)
        for stage in rng.sample(Stage.values, rng.randint(1, 2)):
            w.add(ResourceStage, resource_id=resource, stage=stage)


def index_resources():
    update_search_vectors(Resource.objects.all())
