from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        return self.display_name or self.username

    def get_absolute_url(self):
        return reverse("accounts:profile", kwargs={"username": self.username})

    def in_group(self, name):
        if self.is_superuser:
            return True
        return any(group.name == name for group in self.groups.all())

    @property
    def is_site_editor(self):
        return self.in_group(SITE_EDITORS)

    @property
    def is_forum_moderator(self):
        return self.in_group(FORUM_MODERATORS)
