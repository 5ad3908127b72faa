"""The activity card as a StreamField block, for bodies that embed
activities from the library (guides and standard pages add it to
core.blocks.BaseBodyBlock)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.translation import localized_pages

from .models import ActivityPage


class ActivityBlock(blocks.StructBlock):
    activity = blocks.PageChooserBlock(page_type="activities.ActivityPage", label=_("Activity"))
    note = blocks.TextBlock(
        required=False,
        max_length=300,
        label=_("Note"),
        help_text=_("Optional: when or how to use the activity here."),
    )

    class Meta:
        icon = "pick"
        label = _("Activity")
        template = "activities/blocks/activity.html"
        description = _(
            "A card for an activity from the library, with an optional note on how to use it here."
        )
        preview_template = "blocks/preview.html"

    def get_preview_value(self):
        activity = ActivityPage.objects.live().order_by("-first_published_at").first()
        return self.normalize({"activity": activity, "note": "A good warm-up in week one."})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        chosen = value.get("activity")
        # A page that renders many cards looks them all up at once
        # (activity_pages_for) and passes them as `activity_pages`.
        shown = context.get("activity_pages")
        if callable(shown):  # computed when first used (core.fragments.lazy)
            shown = shown()
        if chosen is not None and (shown is None or chosen.pk not in shown):
            shown = activity_pages_for([chosen])
        context["activity"] = shown.get(chosen.pk) if chosen is not None else None
        return context


def activity_pages_for(chosen, locale=None):
    """{chosen page id: the activity to show, or None} for activity blocks:
    each in the reader's language when a live translation exists, else as
    chosen if live (core.translation.localized_pages). The card is a link,
    so a view-restricted activity keeps its restriction."""
    pages = [page.specific if type(page) is not ActivityPage else page for page in chosen if page is not None]
    pages = [page for page in pages if isinstance(page, ActivityPage)]
    return localized_pages(
        pages,
        locale=locale,
        queryset=ActivityPage.objects.defer_streamfields().select_related("locale"),
    )


def activities_in(stream_value):
    """The pages chosen in the activity blocks of a body (no query: the
    body's stream has loaded them in one)."""
    return [
        child.value.get("activity")
        for child in stream_value
        if child.block_type == "activity" and child.value and child.value.get("activity") is not None
    ]
