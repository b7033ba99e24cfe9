from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "areas"

    def ready(self):
        # Tell the core what this app holds about a person (exports and erasure), the
        # review step (partnerships/review) of the suggestions made here, and the area
        # page (partnerships/panels) of its plan and of the suggestions waiting.
        from areas import panels as suggestions_waiting_panel  # noqa: F401
        from areas import privacy  # noqa: F401
        from areas.outcomes import panels, suggestion_kind  # noqa: F401
        from areas.pulse import privacy as pulse_privacy  # noqa: F401
