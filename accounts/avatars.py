"""Members' pictures (issue 14): an uploaded picture, or initials.

- An upload goes through Wagtail's image handling (the same format checks as
  the admin's images) with tighter limits for a profile picture: at most
  ACCOUNTS_AVATAR_MAX_BYTES bytes and ACCOUNTS_AVATAR_MAX_PIXELS pixels
  (`AvatarField`). It is kept as a Wagtail image in the "Member avatars"
  collection and shown as a small square WebP rendition.
- Without one, the member gets their initials on a colour of their own:
  an inline SVG, chosen from the member's id (so it survives a change of
  name), white on colours dark enough for WCAG AA, and no request to any
  other site.

Both are decorative beside the member's name (alt="", aria-hidden), which
says who it is; `{% avatar member size %}` (accounts_tags) renders them.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection

MAX_BYTES = 4 * 1024 * 1024
MAX_PIXELS = 16_000_000  # 4000 x 4000: any phone's photo at its usual size
COLLECTION_NAME = "Member avatars"
# Two square renditions: small for lists and posts, large for the profile
# (each twice the size shown, for high-density screens).
SMALL, LARGE = "fill-96x96|format-webp", "fill-240x240|format-webp"
SMALL_UP_TO = 48  # CSS pixels
# White text reaches at least 4.5:1 on each of these.
PALETTE = ["#1f6f5c", "#2f3a56", "#6d3a8c", "#9a3b2c", "#2b5c94", "#5f5219", "#8a2f5b", "#3a6427", "#5b4a8a"]
FORMER_MEMBER_COLOUR = "#6b6b6b"


def max_bytes():
    return getattr(settings, "ACCOUNTS_AVATAR_MAX_BYTES", MAX_BYTES)


def max_pixels():
    return getattr(settings, "ACCOUNTS_AVATAR_MAX_PIXELS", MAX_PIXELS)


class AvatarField(WagtailImageField):
    """Wagtail's image upload field with a profile picture's limits and
    messages that say what to do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_upload_size = max_bytes()
        self.max_image_pixels = max_pixels()
        self.max_upload_size_text = filesizeformat(self.max_upload_size)
        self.help_text = _(
            "A square picture works best. %(formats)s, up to %(size)s and %(megapixels)s megapixels. "
            "Without one, your initials are shown."
        ) % {
            "formats": self.supported_formats_text,
            "size": self.max_upload_size_text,
            "megapixels": self.max_image_pixels // 1_000_000,
        }

    def check_image_file_size(self, f):
        if f.size > self.max_upload_size:
            raise ValidationError(
                _(
                    "This picture is %(size)s; a profile picture can be at most %(max)s. Please choose a smaller one."
                )
                % {"size": filesizeformat(f.size), "max": self.max_upload_size_text},
                code="file_too_large",
            )

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (ValidationError, OSError, ValueError) as error:
            if not isinstance(error, ValidationError):  # a broken file Pillow cannot read
                raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from None
            try:
                width, height = f.image.get_size()
                size = f"{width} × {height}"
            except Exception:  # noqa: BLE001 - a decompression bomb has no size worth telling
                size = _("too many")
            raise ValidationError(
                _(
                    "This picture has %(size)s pixels; a profile picture can have at most %(megapixels)s "
                    "megapixels. Please make it smaller and try again."
                )
                % {"size": size, "megapixels": self.max_image_pixels // 1_000_000},
                code="file_too_many_pixels",
            ) from None


def collection():
    """The collection members' pictures are kept in (made when first needed)."""
    found = Collection.objects.filter(name=COLLECTION_NAME).first()
    if found is None:
        found = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    return found


def store(member, upload):
    """Make `upload` (a file from AvatarField) the member's picture; the one
    it replaces is deleted."""
    image_model = get_image_model()
    image = image_model(
        title=f"Avatar: {member.username}", file=upload, collection=collection(), uploaded_by_user=member
    )
    image._set_image_file_metadata()
    image.save()
    image.get_renditions(SMALL, LARGE)  # made now, not on the first page that shows them
    remove(member, save=False)
    member.avatar = image
    member.save(update_fields=["avatar"])
    return image


def remove(member, save=True):
    """The member goes back to their initials."""
    if member.avatar_id:
        get_image_model().objects.filter(pk=member.avatar_id).delete()
        member.avatar = None
        if save:
            member.save(update_fields=["avatar"])


def _url_seconds():
    # Signed object-storage URLs expire; a cached one must not outlive them.
    expires = (
        getattr(settings, "AWS_QUERYSTRING_EXPIRE", None)
        if getattr(settings, "AWS_QUERYSTRING_AUTH", False)
        else None
    )
    return min(24 * 3600, expires // 2) if expires else 24 * 3600


def picture_url(avatar_id, size):
    """The URL of a member's picture at `size` CSS pixels, or None. Cached:
    a post list shows the same few pictures many times."""
    spec = SMALL if size <= SMALL_UP_TO else LARGE
    key = f"accounts:avatar:{avatar_id}:{spec}"
    url = cache.get(key)
    if url is None:
        image = get_image_model().objects.filter(pk=avatar_id).first()
        if image is None:
            return None
        try:
            url = image.get_rendition(spec).url
        except Exception:  # noqa: BLE001 - a missing or broken file: initials instead
            return None
        cache.set(key, url, _url_seconds())
    return url


def initials(name):
    """Up to two letters: the first of the first and of the last word."""
    words = [word for word in str(name or "").split() if any(char.isalnum() for char in word)]
    if not words:
        return ""
    letters = [next(char for char in word if char.isalnum()) for word in (words[:1] + words[1:][-1:])]
    return "".join(letters).upper()


def colour(member):
    if member is None or not member.pk:
        return FORMER_MEMBER_COLOUR
    digest = hashlib.sha256(f"avatar:{member.pk}".encode()).digest()
    return PALETTE[digest[0] % len(PALETTE)]
