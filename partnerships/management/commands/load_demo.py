from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo programme: real cohorts and areas, fictional people, one login per role. "
        "Each app contributes its part in a `demo` module with a `load(stdout)` function, "
        "called in INSTALLED_APPS order so later apps build on earlier ones, from the data "
        "files in the app's `demo/` folder. Safe to re-run. "
        "Only with DJANGO_DEBUG=true."
    )

    def handle(self, *args, **options):
        # The demo's sign-ins have a published password and a two-factor key written in
        # the code: on a real instance anyone could sign in as a programme lead.
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DJANGO_DEBUG=true, because its sign-ins have a "
                "published password; on this instance create the first account with "
                "`manage.py create_programme_lead EMAIL` instead."
            )
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).load(self.stdout)
