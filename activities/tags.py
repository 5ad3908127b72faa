"""Activity tags: what a member types becomes a short, predictable list
(lowercase, trimmed, single spaces, no duplicates), and each tag's name in
the other languages (TagName), shown wherever the tag is."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel

from core.translation import TranslatedNames, current_language

MAX_TAGS = 8
MAX_TAG_LENGTH = 30
_SPACES = re.compile(r"\s+")
# Letters (any script), digits, spaces and hyphens; nothing that needs quoting.
_ALLOWED = re.compile(r"^[\w\- ]+$")


def split_tags(text):
    """Split on commas (and semicolons) into normalised, de-duplicated names,
    keeping the member's order."""
    names = []
    for raw in re.split(r"[,;\n]", text or ""):
        name = _SPACES.sub(" ", raw.replace("_", " ")).strip(" -").lower()
        if name and name not in names:
            names.append(name)
    return names


def normalise_tags(text):
    """Normalised tag names, or ValidationError with a message a member can act on."""
    names = split_tags(text)
    if len(names) > MAX_TAGS:
        raise ValidationError(
            ngettext(
                "Use at most %(max)d tag.",
                "Use at most %(max)d tags.",
                MAX_TAGS,
            )
            % {"max": MAX_TAGS},
            code="too_many_tags",
        )
    too_long = [name for name in names if len(name) > MAX_TAG_LENGTH]
    if too_long:
        raise ValidationError(
            _("Tags can be at most %(max)d characters long: %(tags)s")
            % {"max": MAX_TAG_LENGTH, "tags": ", ".join(too_long)},
            code="tag_too_long",
        )
    odd = [name for name in names if not _ALLOWED.match(name)]
    if odd:
        raise ValidationError(
            _("Tags may use letters, numbers, spaces and hyphens only: %(tags)s") % {"tags": ", ".join(odd)},
            code="tag_characters",
        )
    return names


class TagNameQuerySet(models.QuerySet):
    def labels(self, slugs, language=None):
        """{tag slug: its name in `language` (the active one by default)} for
        the tags that have one; one query, none in the default language."""
        language = language or current_language()
        if language == settings.LANGUAGE_CODE or not slugs:
            return {}
        column = f"name_{language}"
        rows = self.filter(tag__slug__in=set(slugs)).exclude(**{column: ""}).values_list("tag__slug", column)
        return dict(rows)

    def label_tags(self, tags, language=None):
        """The tags (a queryset of Tag), each given `display_name`: its name in
        the reader's language, read in the same query as the tags."""
        language = language or current_language()
        if language == settings.LANGUAGE_CODE:
            tags = list(tags)
            for tag in tags:
                tag.display_name = tag.name
            return tags
        tags = list(tags.select_related("translated_names"))
        for tag in tags:
            names = getattr(tag, "translated_names", None) if _has_names(tag) else None
            tag.display_name = (getattr(names, f"name_{language}", "") if names else "") or tag.name
        return tags

    def label_names(self, names, language=None):
        """Typed tag names (a submission's preview) as labelled tags: a name the
        library already has comes back as its Tag (with `display_name`), a new
        one as an unsaved Tag with no slug, so templates treat both alike."""
        known = {tag.name: tag for tag in self.label_tags(Tag.objects.filter(name__in=names), language)}
        return [known.get(name) or _new_tag(name) for name in names]


def _new_tag(name):
    tag = Tag(name=name)
    tag.display_name = name
    return tag


def _has_names(tag):
    try:
        tag.translated_names  # noqa: B018 - loaded by select_related, or missing
    except TagName.DoesNotExist:
        return False
    return True


class TagName(TranslatedNames, models.Model):
    """An activity tag's name in Spanish and French. The tag itself (its
    name and slug, in the URL of a filtered library) stays as it was typed,
    the same in every language; readers see these names."""

    tag = models.OneToOneField(
        "taggit.Tag", on_delete=models.CASCADE, primary_key=True, related_name="translated_names"
    )
    name_es = models.CharField(gettext_lazy("name in Spanish"), max_length=100, blank=True)
    name_fr = models.CharField(gettext_lazy("name in French"), max_length=100, blank=True)

    objects = TagNameQuerySet.as_manager()

    panels = [FieldPanel("tag"), FieldPanel("name_es"), FieldPanel("name_fr")]

    class Meta:
        ordering = ["tag__name"]
        verbose_name = gettext_lazy("tag name")
        verbose_name_plural = gettext_lazy("tag names")

    def __str__(self):
        return self.tag.name

    @property
    def name(self):
        return self.tag.name
