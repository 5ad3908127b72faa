"""Issue 11 item 14: an image bomb (a tiny PNG that claims 11000 x 11000
pixels) is refused at upload with a clear message; a photo a guide needs is
accepted."""

import io

import pytest
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


def png(size, mode="1"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, 0).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture
def admin_client(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = django_user_model.objects.create_superuser("chief", "chief@example.com", "a-long-pass-phrase")
    client.force_login(user)
    return client


def upload(admin_client, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, data, content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_an_image_bomb_is_refused_with_a_clear_message(admin_client):
    bomb = png((11000, 11000))
    assert len(bomb) < 40_000  # a few kilobytes on the wire, 121 million pixels
    response = upload(admin_client, "bomb.png", bomb)
    assert response.status_code == 200  # the form again, with the error
    body = response.content.decode()
    assert "too many pixels" in body
    assert "25000000" in body  # says what the limit is
    assert not get_image_model().objects.filter(title="bomb.png").exists()


def test_a_photo_a_guide_needs_is_accepted(admin_client):
    response = upload(admin_client, "room.png", png((6000, 4000)))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="room.png").exists()


def test_pillow_refuses_to_decode_what_an_upload_may_not_be():
    from django.conf import settings

    assert PILImage.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 25_000_000
