from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import access

from .names import clean_display_name, is_reserved

SITE_EDITORS = "Site editors"
FORUM_MODERATORS = "Forum moderators"


class User(AbstractUser):
    """A member of Circle Commons. The profile lives on the user row so that
    lists of posts and activities can show names without another join."""

    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown beside your posts. Leave empty to use your username."),
    )
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=120,
        blank=True,
        help_text=_("For example, the library branch where you facilitate."),
    )
    city = models.CharField(_("city"), max_length=80, blank=True)
    languages_spoken = models.CharField(
        _("languages spoken"),
        max_length=120,
        blank=True,
        help_text=_("For example: English, Spanish."),
    )
    is_facilitator = models.BooleanField(_("I facilitate learning circles"), default=False)
    # A picture the member uploaded (accounts.avatars); without one, initials.
    avatar = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("profile picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.public_name

    def clean(self):
        super().clean()
        self.display_name = clean_display_name(self.display_name)
        if self.display_name and is_reserved(self.display_name) and not self.is_staff_member:
            raise ValidationError({"display_name": reserved_name_message()})

    def save(self, *args, **kwargs):
        # Whatever path a name takes in (a form, the admin, a script), no
        # invisible or direction-changing character is stored.
        self.display_name = clean_display_name(self.display_name)
        super().save(*args, **kwargs)

    def delete_account(self):
        """The member leaves: their picture and account go; what they wrote
        stays, shown as by "a former member" (posts, threads and activities
        keep their rows, with no author)."""
        from .avatars import remove

        remove(self, save=False)
        self.delete()

    @property
    def is_staff_member(self):
        """Staff, admins, editors and moderators: who may carry a name that
        looks like a role."""
        if self.is_staff or self.is_superuser:
            return True
        return bool(self.pk) and self.groups.filter(name__in=[SITE_EDITORS, FORUM_MODERATORS]).exists()

    @property
    def public_name(self):
        return self.display_name or self.username

    def get_absolute_url(self):
        return reverse("accounts:profile", kwargs={"username": self.username})

    def in_group(self, name):
        """Superusers pass every role. The groups come from the member's
        cached access snapshot (core.access), or from groups prefetched on
        this object when a caller did so."""
        if self.is_superuser:
            return True
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("groups")
        if prefetched is not None:
            return any(group.name == name for group in prefetched)
        return name in access.snapshot(self).groups

    @property
    def is_site_editor(self):
        return self.in_group(SITE_EDITORS)

    @property
    def is_forum_moderator(self):
        return self.in_group(FORUM_MODERATORS)


def reserved_name_message():
    return _(
        "Names that look like a staff role (admin, moderator, editor, staff) or like the site's name "
        "are kept for the team. Please choose another name."
    )
