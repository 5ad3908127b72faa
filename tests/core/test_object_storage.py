"""Issue 11, stateless app processes: uploaded media in S3-compatible object
storage (django-storages), chosen by environment, tested against a local
S3-compatible server (moto in server mode on 127.0.0.1)."""

import io
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.server import free_port
from tests.settings_probe import production_settings

pytestmark = pytest.mark.django_db

BUCKET = "circle-media"


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_storage(s3_server, monkeypatch):
    import boto3

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1").create_bucket(Bucket=BUCKET)
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "storages.backends.s3.S3Storage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=s3_server,
        AWS_S3_REGION_NAME="us-east-1",
        AWS_S3_ADDRESSING_STYLE="path",
        AWS_LOCATION="media",
        AWS_DEFAULT_ACL=None,
        AWS_QUERYSTRING_AUTH=True,
        AWS_S3_FILE_OVERWRITE=False,
    ):
        yield boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")


def png(size=(640, 480)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (40, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_uploaded_in_the_admin_lands_in_the_bucket_and_its_renditions_are_served(
    client, django_user_model, s3_storage
):
    user = django_user_model.objects.create_superuser("chief", "chief@example.com", "a-long-pass-phrase")
    client.force_login(user)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Circle in the library",
            "file": SimpleUploadedFile("circle.png", png(), content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:800]
    image = get_image_model().objects.get(title="Circle in the library")
    keys = [item["Key"] for item in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert f"media/{image.file.name}" in keys

    # The admin's listing makes a thumbnail rendition (stored in the bucket too).
    assert client.get(reverse("wagtailimages:index")).status_code == 200
    rendition = image.get_rendition("fill-120x90")
    assert rendition.file.name.startswith("images/")
    keys = [item["Key"] for item in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert f"media/{rendition.file.name}" in keys

    # Any app process (or a browser) fetches it from the object store.
    assert rendition.url.startswith(s3_storage.meta.endpoint_url + f"/{BUCKET}/media/images/")
    with urllib.request.urlopen(rendition.url, timeout=10) as served:  # noqa: S310 (127.0.0.1)
        assert served.status == 200
        thumbnail = PILImage.open(io.BytesIO(served.read()))
    assert thumbnail.size == (120, 90)


def test_the_environment_chooses_object_storage():
    bucket = production_settings(AWS_STORAGE_BUCKET_NAME=BUCKET, AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000")
    assert bucket.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (bucket.AWS_STORAGE_BUCKET_NAME, bucket.AWS_S3_ENDPOINT_URL) == (BUCKET, "http://127.0.0.1:9000")
    assert bucket.AWS_QUERYSTRING_AUTH  # private objects, signed links
    local = production_settings()
    assert local.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
