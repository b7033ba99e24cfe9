from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo programme: real cohorts and areas, fictional people, one login per role. "
        "Each app contributes its part in a `demo` module with a `load(stdout)` function, "
        "called in INSTALLED_APPS order so later apps build on earlier ones. Safe to re-run."
    )

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).load(self.stdout)
