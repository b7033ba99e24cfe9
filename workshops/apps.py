from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"

    def ready(self):
        # Tell the core what this app holds about a person (exports and erasure), and give
        # the programme dashboard each area's sessions and actions.
        from workshops import privacy, programme_figures  # noqa: F401
        from workshops.live import privacy as live_privacy  # noqa: F401
