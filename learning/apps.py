from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"

    def ready(self):
        # Lend the live room (in workshops, below this app) the themes and similar words,
        # and the area and session pages their panels of similar work.
        from learning import live, panels  # noqa: F401
