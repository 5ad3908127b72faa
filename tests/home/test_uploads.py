import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.fields import WagtailImageField

pytestmark = pytest.mark.django_db


def png_bytes(size=(10, 10)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_png_images_are_accepted():
    field = WagtailImageField()
    upload = SimpleUploadedFile("ok.png", png_bytes(), content_type="image/png")
    assert field.clean(upload) is upload


def test_svg_images_are_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError):
        WagtailImageField().clean(SimpleUploadedFile("evil.svg", svg, content_type="image/svg+xml"))


def test_oversized_images_are_refused(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(ValidationError):
        WagtailImageField().clean(SimpleUploadedFile("big.png", png_bytes((400, 400)) + b"\0" * 2000))


def test_documents_are_served_through_wagtails_view_with_a_restrictive_policy(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    document = Document(title="Agenda")
    document.file.save("agenda.html", ContentFile(b"<script>alert(1)</script>"), save=True)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "attachment" in response["Content-Disposition"]
