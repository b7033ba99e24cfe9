import io

import pytest

from areas import demo as areas_demo
from areas.models import Area
from resources import demo
from resources.models import Resource, SessionUse
from workshops import demo as workshops_demo

pytestmark = pytest.mark.django_db


def test_the_demo_library_loads_once_with_every_title():
    areas_demo.load(io.StringIO())
    workshops_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert out.getvalue().count("Loaded the resource library: 12 resources.") == 1
    assert set(Resource.objects.values_list("title", flat=True)) == {
        title for title, *_ in demo.RESOURCES
    }
    assert all(resource.stages for resource in Resource.objects.prefetch_related("stage_links"))
    assert Resource.objects.filter(is_public=True).count() == 10
    wandsworth = Area.objects.get(slug="wandsworth")
    assert {theme.name for theme in wandsworth.focus_themes.all()} == {
        "Community research",
        "Trust and power",
    }
    assert SessionUse.objects.count() == len(demo.USES)
