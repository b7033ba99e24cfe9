"""The barriers the programme hears again and again, so areas can compare like with like."""

from django.db import migrations
from django.utils.text import slugify

BARRIERS = [
    "Language and communication",
    "Unclear letters and information",
    "Digital exclusion",
    "Transport and distance",
    "Cost",
    "Navigating the system",
    "Cultural insensitivity",
    "Fear, stigma and privacy",
    "Staff capacity",
    "Trust",
    "Isolation",
    "Eligibility and registration",
]


def seed(apps, schema_editor):
    BarrierType = apps.get_model("workshops", "BarrierType")
    for name in BARRIERS:
        BarrierType.objects.get_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("workshops", "0001_sessions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
