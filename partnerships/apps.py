from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships core"

    def ready(self):
        # Connect the receivers that note sign-ins: the audit log's and the session limit's.
        from partnerships import audit, checks, middleware  # noqa: F401
        from partnerships.privacy import sections  # noqa: F401
