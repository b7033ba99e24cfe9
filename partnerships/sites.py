"""The Site record (django.contrib.sites) kept in step with SITE_URL and SITE_NAME.

allauth names the Site in every email it sends ("Hello from example.com!"), and Django
creates it as example.com. Migrations run on every deploy, before anything serves, so
setting it after each migrate keeps it right when SITE_URL changes; a data migration would
set it once and never again.
"""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings


def site_domain():
    return urlsplit(settings.SITE_URL).netloc


def sync_site(*, using, apps=global_apps, **kwargs):
    """post_migrate receiver: set the Site's domain and name; the same again changes nothing."""
    # `flush` (between transactional tests) sends the signal without the migration's apps.
    Site = apps.get_model("sites", "Site")
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": settings.SITE_NAME}
    )
