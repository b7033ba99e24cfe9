from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships core"

    def ready(self):
        # Connects the audit log's receivers for sign-in, sign-out and failed sign-in.
        from partnerships import audit  # noqa: F401
