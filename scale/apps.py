from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """National-scale data and the benchmark's measuring points; the one app that sees all."""

    name = "scale"
    default_auto_field = "django.db.models.BigAutoField"
