from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"

    def ready(self):
        # Tell the review step (partnerships/review) of the suggestions made here.
        # Tell the core what this app holds about a person (exports and erasure).
        from resources import privacy  # noqa: F401
        from resources.casestudies import comment_kind  # noqa: F401
        from resources.outputs import kind  # noqa: F401
