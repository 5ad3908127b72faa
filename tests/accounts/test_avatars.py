"""Members' pictures (issue 14): an upload through Wagtail's image handling
with a profile picture's limits, or generated initials needing no other
site; shown beside names in the forum and on the profile."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from accounts import avatars
from tests.factories.core import UserFactory
from tests.factories.forum import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture(size=(300, 200), colour=(200, 40, 40), name="me.png", fmt="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def upload(client, file, **data):
    return client.post(
        reverse("accounts:edit_profile"), {"display_name": "Maya Lee", "picture": file, **data}
    )


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("hex_colour", avatars.PALETTE + [avatars.FORMER_MEMBER_COLOUR])
def test_white_initials_are_readable_on_every_colour(hex_colour):
    assert (1.05) / (relative_luminance(hex_colour) + 0.05) >= 4.5


@pytest.mark.parametrize(
    "name, letters",
    [
        ("Maya Lee", "ML"),
        ("maya", "M"),
        ("Ana María de la Cruz", "AC"),
        ("Lucía Romero", "LR"),
        ("", ""),
        ("- -", ""),
    ],
)
def test_initials(name, letters):
    assert avatars.initials(name) == letters


def test_a_member_without_a_picture_gets_initials_in_a_colour_of_their_own(client):
    member = UserFactory(display_name="Maya Lee")
    body = client.get(member.get_absolute_url()).content.decode()
    svg = re.search(r'<svg class="avatar avatar-initials"[^>]*>.*?</svg>', body).group(0)
    assert 'aria-hidden="true"' in svg and ">ML</text>" in svg
    assert f'fill="{avatars.colour(member)}"' in svg
    assert "http" not in svg  # nothing from another site
    # The colour follows the member, not their name.
    member.display_name = "Someone Else"
    member.save()
    assert f'fill="{avatars.colour(member)}"' in client.get(member.get_absolute_url()).content.decode()
    assert avatars.colour(member) == avatars.colour(type(member).objects.get(pk=member.pk))


def test_uploading_a_picture_stores_a_wagtail_image_and_shows_it(client):
    member = UserFactory(username="maya")
    client.force_login(member)
    response = upload(client, picture())
    assert response.status_code == 302
    member.refresh_from_db()
    image = member.avatar
    assert image.collection.name == avatars.COLLECTION_NAME and image.width == 300
    body = client.get(member.get_absolute_url()).content.decode()
    rendition = image.get_rendition(avatars.LARGE)
    assert f'<img class="avatar" src="{rendition.url}" width="96" height="96" alt=""' in body
    assert rendition.url.endswith(".webp") and (rendition.width, rendition.height) == (
        200,
        200,
    )  # square, not enlarged
    # Replacing it removes the old one.
    upload(client, picture(colour=(10, 200, 10)))
    member.refresh_from_db()
    assert member.avatar_id != image.pk and not get_image_model().objects.filter(pk=image.pk).exists()


def test_removing_the_picture_brings_back_the_initials(client):
    member = UserFactory(display_name="Maya Lee")
    client.force_login(member)
    upload(client, picture())
    member.refresh_from_db()
    old = member.avatar_id
    assert "remove_picture" in client.get(reverse("accounts:edit_profile")).content.decode()
    client.post(reverse("accounts:edit_profile"), {"display_name": "Maya Lee", "remove_picture": "on"})
    member.refresh_from_db()
    assert member.avatar_id is None and not get_image_model().objects.filter(pk=old).exists()
    assert ">ML</text>" in client.get(member.get_absolute_url()).content.decode()


def test_a_picture_too_large_in_bytes_is_refused_with_a_clear_message(client, settings):
    settings.ACCOUNTS_AVATAR_MAX_BYTES = 1000
    member = UserFactory()
    client.force_login(member)
    response = upload(client, picture(size=(400, 400), fmt="BMP", name="big.png"), bio="my bio stays")
    assert response.status_code == 200
    errors = response.context["form"].errors["picture"]
    assert errors and ("at most 1000" in errors[0] or "Not a" in errors[0])
    response = client.post(
        reverse("accounts:edit_profile"),
        {
            "display_name": "Maya",
            "bio": "my bio stays",
            "picture": SimpleUploadedFile("x.png", b"\x89PNG" + b"0" * 2000),
        },
    )
    assert "a profile picture can be at most 1000" in response.content.decode()
    assert "my bio stays" in response.content.decode()
    member.refresh_from_db()
    assert member.avatar_id is None and member.bio == ""


def test_a_picture_with_too_many_pixels_is_refused_with_a_clear_message(client, settings):
    settings.ACCOUNTS_AVATAR_MAX_PIXELS = 1_000_000
    member = UserFactory()
    client.force_login(member)
    response = upload(client, picture(size=(1100, 1000)))
    assert response.status_code == 200
    assert "This picture has 1100 × 1000 pixels; a profile picture can have at most 1 megapixels" in (
        response.content.decode()
    )
    member.refresh_from_db()
    assert member.avatar_id is None


def test_a_file_that_is_not_a_picture_is_refused(client):
    member = UserFactory()
    client.force_login(member)
    response = upload(client, SimpleUploadedFile("notes.png", b"not an image at all"))
    assert response.status_code == 200 and response.context["form"].errors["picture"]


def test_posts_show_their_authors_pictures_at_a_constant_query_cost(client):
    thread = ThreadFactory(title="A thread whose people have pictures")
    people = [UserFactory() for _ in range(4)]
    for person in people:
        client.force_login(person)
        upload(client, picture(colour=(person.pk * 40 % 255, 90, 90)))
        person.refresh_from_db()
    client.logout()

    def queries(replies):
        for number in range(replies):
            PostFactory(thread=thread, author=people[number % len(people)])
        for _time in range(2):  # warm: the site chrome's settings, the pictures' URLs
            client.get(thread.get_absolute_url())
        with CaptureQueriesContext(connection) as context:
            body = client.get(thread.get_absolute_url()).content.decode()
        return len(context.captured_queries), body

    few, _body = queries(4)
    many, body = queries(8)
    assert many == few
    for person in people:
        assert person.avatar.get_rendition(avatars.SMALL).url in body
    assert 'width="32" height="32" alt=""' in body
