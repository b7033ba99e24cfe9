from django.db import migrations
from django.utils.text import slugify

# The subjects the programme's learning falls under; programme leads can add more.
THEMES = [
    "Measuring impact",
    "Social prescribing",
    "Commissioning",
    "Community research",
    "Trust and power",
    "Co-production",
]


def seed(apps, schema_editor):
    Theme = apps.get_model("resources", "Theme")
    for name in THEMES:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):

    dependencies = [
        ("resources", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
