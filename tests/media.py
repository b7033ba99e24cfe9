"""Where uploads and built PDFs go in tests: the test's own folder, or a private bucket.

The bucket is on a real S3 server (moto in server mode, on a free loopback port), reached
through django-storages as several production machines would share it. Tests that store
files take the `media_storage` fixture and run once on each; they look at what is stored
only through the storage API, as the platform does.
"""

import importlib.util
import logging
import os
import urllib.error
import urllib.request
import uuid
from unittest import mock

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from partnerships import settings as project_settings
from tests.integration.conftest import free_port


class S3Server:
    """A moto S3 server on loopback, one per test run, with a new bucket per test."""

    ACCESS_KEY = "test-access-key"
    SECRET_KEY = "test-secret-key"
    REGION = "eu-west-2"

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    def start(self):
        # Werkzeug logs every request moto serves; the tests need none of them.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server.start()

    def stop(self):
        self._server.stop()

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.ACCESS_KEY,
            aws_secret_access_key=self.SECRET_KEY,
            region_name=self.REGION,
        )

    def new_bucket(self) -> str:
        bucket = f"media-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": self.REGION}
        )
        return bucket

    def environment(self, bucket: str) -> dict:
        """The settings a web or worker process needs to use `bucket`, as in .env."""
        return {
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": self.REGION,
            "AWS_ACCESS_KEY_ID": self.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": self.SECRET_KEY,
        }

    def storage(self, bucket: str) -> dict:
        """The STORAGES entry that settings.py builds from `environment(bucket)`."""
        return _settings_with(self.environment(bucket)).STORAGES["default"]

    def anonymous_get(self, bucket: str, key: str) -> int:
        """The status of an unsigned GET of the object: what anyone with its address gets."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{bucket}/{key}", timeout=5) as answer:
                return answer.status
        except urllib.error.HTTPError as refused:
            return refused.code


def _settings_with(environment: dict):
    """A fresh copy of the project's settings module, read with `environment` set."""
    spec = importlib.util.spec_from_file_location("settings_copy", project_settings.__file__)
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ, environment):
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def s3_server():
    server = S3Server()
    server.start()
    yield server
    server.stop()


class MediaStore:
    """What a test may ask of the storage in use, whichever it is."""

    def __init__(self, kind, server=None, bucket=None):
        self.kind = kind
        self.server = server
        self.bucket = bucket

    def names(self, folder="") -> list[str]:
        """Every stored file's name, found through the storage API."""
        try:
            folders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            # The local media folder appears only with the first file stored.
            return []
        names = [f"{folder}{name}" for name in files]
        for child in folders:
            names += self.names(f"{folder}{child}/")
        return sorted(names)

    def is_private(self, name: str, client) -> bool:
        """Nobody gets the file at its storage address, only through the checked views:
        nothing serves MEDIA_URL, and the bucket refuses an unsigned request."""
        if self.kind == "local":
            return client.get(f"{django_settings.MEDIA_URL}{name}").status_code == 404
        return self.server.anonymous_get(self.bucket, name) == 403


@pytest.fixture(params=["local", "s3"])
def media_storage(request, settings):
    """Run the test on the local folder, then on a private bucket of an S3 server."""
    if request.param == "local":
        return MediaStore("local")
    server = request.getfixturevalue("s3_server")
    bucket = server.new_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": server.storage(bucket)}
    return MediaStore("s3", server, bucket)
