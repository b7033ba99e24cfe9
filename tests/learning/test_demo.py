import io

import pytest
from django.core.management import call_command

from learning.models import ActionTheme, InsightTheme

pytestmark = pytest.mark.django_db


def test_demo_tags_insights_and_actions_once(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    tagged = (InsightTheme.objects.count(), ActionTheme.objects.count())
    assert all(tagged)
    call_command("load_demo", stdout=io.StringIO())
    assert (InsightTheme.objects.count(), ActionTheme.objects.count()) == tagged
