from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "areas"

    def ready(self):
        # Tell the review step (partnerships/review) of the suggestions made here.
        # Tell the core what this app holds about a person (exports and erasure).
        from areas import privacy  # noqa: F401
        from areas.outcomes import suggestion_kind  # noqa: F401
