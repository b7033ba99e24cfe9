"""The themes the programme already sees across its areas, as a starting set."""

from django.db import migrations

THEMES = [
    "Resources for long-term neighbourhood work",
    "Taking health into communities",
    "Distributed leadership and power sharing",
    "Cultural shift in planning",
    "Working across organisational boundaries",
]


def seed(apps, schema_editor):
    Theme = apps.get_model("learning", "Theme")
    for name in THEMES:
        Theme.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_themes")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
