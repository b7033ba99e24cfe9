from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"

    def ready(self):
        # Tell the core what this app holds about a person (exports and erasure).
        from resources import privacy  # noqa: F401
