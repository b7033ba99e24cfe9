from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"

    def ready(self):
        # Tell the core what this app holds about a person (exports and erasure), and give
        # the area page its recommended resources.
        from resources import panels, privacy  # noqa: F401

        # Tell the review step (partnerships/review) of the suggestions made here.
        from resources.casestudies import comment_kind  # noqa: F401
        from resources.outputs import kind  # noqa: F401
