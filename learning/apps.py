from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"

    def ready(self):
        # Lend the live room (in workshops, below this app) the themes and similar words.
        from learning import live  # noqa: F401
