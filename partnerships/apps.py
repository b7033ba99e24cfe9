from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships core"

    def ready(self):
        # Connect the receivers that note sign-ins (the audit log's and the session
        # limit's) and those that log a failed Celery task by its ids.
        from partnerships import audit, checks, logs, middleware  # noqa: F401
        from partnerships.privacy import sections  # noqa: F401
        from partnerships.review import privacy  # noqa: F401
        from partnerships.sites import sync_site

        # Sent after django.contrib.sites (earlier in INSTALLED_APPS) made its example.com.
        post_migrate.connect(sync_site, sender=self)
