"""Uploads and PDFs go to a local folder, or to a private S3-compatible bucket."""

import environ
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.media import _settings_with


def test_a_single_machine_keeps_media_in_a_local_folder():
    storage = _settings_with({}).STORAGES["default"]
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_several_machines_share_a_private_bucket_chosen_by_environment():
    storage = _settings_with(
        {
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": "programme-media",
            "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
            "AWS_S3_REGION_NAME": "eu-west-2",
            "AWS_ACCESS_KEY_ID": "key-id",
            "AWS_SECRET_ACCESS_KEY": "key-secret",
        }
    ).STORAGES["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "programme-media",
        "endpoint_url": "https://objects.example.org",
        "region_name": "eu-west-2",
        "access_key": "key-id",
        "secret_key": "key-secret",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
    }


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE is local or s3, not 'ftp'"),
    ],
)
def test_a_storage_that_cannot_work_stops_the_start(monkeypatch, environment, message):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(environ.ImproperlyConfigured, match=message):
        _settings_with(environment)


def test_a_stored_file_is_refused_to_anyone_asking_the_bucket_directly(s3_server, settings):
    bucket = s3_server.new_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": s3_server.storage(bucket)}

    name = default_storage.save("receipts/ticket.pdf", ContentFile(b"%PDF-1.4 train fare"))
    again = default_storage.save("receipts/ticket.pdf", ContentFile(b"%PDF-1.4 bus fare"))

    assert s3_server.anonymous_get(bucket, name) == 403
    # The same name twice is two files, as on disk: neither replaces the other.
    assert again != name
    assert default_storage.open(name).read() == b"%PDF-1.4 train fare"
