"""The block primitives every StreamField on the site is built from.

Guides, activities and standard pages all build their bodies from these blocks,
so a block is written (and translated, and styled) once. Blocks that show
another app's content (the activity card) live in that app and are added to
BaseBodyBlock by the layer above it (guides.blocks.BodyBlock). Every block has its
own template under templates/blocks/, a description and a preview for the
block picker in the admin (rendered by templates/blocks/preview.html with the
site's stylesheet).
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock

from .toc import anchor_for, heading_anchors

PREVIEW_TEMPLATE = "blocks/preview.html"
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
INLINE_FEATURES = ["bold", "italic", "link"]


# Videos are embedded only from hosts the Content-Security-Policy lets the
# page frame (see VIDEO_FRAME_SOURCES in the settings).
VIDEO_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "vimeo.com", "www.vimeo.com"}
FILE_NAME = re.compile(r"\.(jpe?g|png|gif|webp|svg|tiff?)$", re.IGNORECASE)
MAX_AGENDA_MINUTES = 8 * 60


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        description = _("A section heading; it gets an anchor and appears in the table of contents.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"text": "Before the first meeting", "level": "h2"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # The body passes the anchor it worked out for the whole stream (so
        # two headings with the same text get different anchors); a heading
        # rendered on its own falls back to its slug.
        context["anchor"] = context.get("heading_anchor") or anchor_for(value.get("text"))
        return context


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Rich text")
        template = "blocks/paragraph.html"
        description = _("Rich text: paragraphs, lists and links.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = (
            "<p>A learning circle meets every week for six to eight weeks. Nobody teaches: "
            "the group works through the material together.</p>"
            "<ul><li>Free to join</li><li>Led by its members</li></ul>"
        )


class CalloutBlock(blocks.StructBlock):
    KINDS = [("tip", _("Tip")), ("watch_out", _("Watch out")), ("example", _("Example"))]

    kind = blocks.ChoiceBlock(choices=KINDS, default="tip", label=_("Kind"))
    title = blocks.CharBlock(required=False, max_length=100, label=_("Title"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "blocks/callout.html"
        description = _(
            "A boxed note set apart from the text: a tip, something to watch out for, or an example."
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "kind": "tip",
            "title": "Arrive early",
            "text": "<p>Set out the chairs in a circle before anyone arrives, so nobody faces a front.</p>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        kind = value.get("kind") if value.get("kind") in dict(self.KINDS) else "tip"
        context["kind"] = kind
        context["kind_label"] = dict(self.KINDS)[kind]
        return context


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150, label=_("Step"))
    detail = blocks.RichTextBlock(features=INLINE_FEATURES, required=False, label=_("Detail"))

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    steps = blocks.ListBlock(StepBlock(), min_num=1, max_num=30, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "blocks/steps.html"
        description = _("Numbered steps to follow in order, each with an optional explanation.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "Setting up the room",
            "steps": [
                {"title": "Book a room with a screen", "detail": "<p>Ask for the wifi password too.</p>"},
                {"title": "Put the chairs in a circle", "detail": ""},
                {"title": "Write the agenda on the board", "detail": ""},
            ],
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alternative text"),
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        description = _("An image with alternative text (required) and an optional caption shown below it.")
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {"image": image, "alt_text": "Six people around a table", "caption": "A circle in week three."}
        )

    def clean(self, value):
        value = super().clean(value)
        alt_text = (value.get("alt_text") or "").strip()
        if FILE_NAME.search(alt_text):
            raise StructBlockValidationError(
                {
                    "alt_text": ValidationError(
                        _("Describe what the image shows; a file name is not a description.")
                    )
                }
            )
        return value


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video link"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(
        max_length=150,
        label=_("Title"),
        help_text=_(
            "What the video is; screen readers announce it, and it is shown if the video cannot play."
        ),
    )
    caption = blocks.TextBlock(required=False, max_length=400, label=_("Caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"
        description = _("An embedded YouTube or Vimeo video, with a link to watch it on its own site.")
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        # The most recently embedded video, so the preview never calls out to
        # a made-up address; with none yet it shows the title and caption.
        from wagtail.embeds.models import Embed

        embed = Embed.objects.filter(type="video").order_by("-last_updated").first()
        return self.normalize(
            {
                "video": embed.url if embed else None,
                "title": "Why learning circles work",
                "caption": "Two minutes on peer learning in a library.",
            }
        )

    def clean(self, value):
        value = super().clean(value)
        video = value.get("video")
        host = (urlsplit(video.url).hostname or "").lower() if video else ""
        if video and host not in VIDEO_HOSTS:
            raise StructBlockValidationError(
                {
                    "video": ValidationError(
                        _("Use a YouTube or Vimeo address; the site embeds videos only from those.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        video = value.get("video")
        context["embed_html"] = ""
        context["provider"] = ""
        if video:
            context["provider"] = (urlsplit(video.url).hostname or "").removeprefix("www.")
            try:
                embed = embeds.get_embed(video.url)
            except EmbedException:
                embed = None
            if embed is not None and embed.html:
                context["embed_html"] = embed.html
        return context


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=150, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        description = _("Someone's words, set apart, with who said them.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "quote": "I came for the spreadsheets and stayed for the people.",
            "attribution": "A learner in a library circle",
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("Question"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, max_num=40, label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "blocks/faq.html"
        description = _("Frequently asked questions, each with its answer, all shown open so they print.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "Common questions",
            "questions": [
                {
                    "question": "Do I need to know the subject?",
                    "answer": "<p>No. You keep the group on track; the course does the teaching.</p>",
                },
                {
                    "question": "How many people is too many?",
                    "answer": "<p>Past about twelve, split into groups.</p>",
                },
            ],
        }


class AgendaPhaseBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80, label=_("Phase"))
    minutes = blocks.IntegerBlock(min_value=1, max_value=240, label=_("Minutes"))
    notes = blocks.TextBlock(required=False, max_length=300, label=_("Notes"))

    class Meta:
        icon = "time"
        label = _("Phase")


def clock(minutes):
    """Minutes from the start of a meeting as h:mm, e.g. 75 -> 1:15."""
    return f"{minutes // 60}:{minutes % 60:02d}"


class AgendaValue(blocks.StructValue):
    def timed_phases(self):
        """The phases with their start and end, in minutes from the start of
        the meeting. A phase without a usable length is listed untimed."""
        rows = []
        elapsed = 0
        for phase in self.get("phases") or []:
            if not phase or not phase.get("name"):
                continue
            minutes = phase.get("minutes")
            if isinstance(minutes, int) and minutes > 0:
                rows.append(
                    {
                        "phase": phase,
                        "minutes": minutes,
                        "start": clock(elapsed),
                        "end": clock(elapsed + minutes),
                    }
                )
                elapsed += minutes
            else:
                rows.append({"phase": phase, "minutes": None, "start": None, "end": None})
        return rows

    @property
    def total_minutes(self):
        return sum(row["minutes"] or 0 for row in self.timed_phases())


class AgendaBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    planned_minutes = blocks.IntegerBlock(
        required=False,
        min_value=5,
        max_value=MAX_AGENDA_MINUTES,
        label=_("Length of the meeting in minutes"),
        help_text=_("Optional. If you fill it in, the phases must add up to it."),
    )
    phases = blocks.ListBlock(AgendaPhaseBlock(), min_num=1, max_num=20, label=_("Phases"))

    class Meta:
        icon = "time"
        label = _("Meeting agenda")
        template = "blocks/agenda.html"
        value_class = AgendaValue
        description = _("The phases of a meeting with their minutes; the page shows the times and the total.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "A 90-minute meeting",
            "planned_minutes": 90,
            "phases": [
                {"name": "Check-in", "minutes": 10, "notes": ""},
                {"name": "Activity", "minutes": 15, "notes": ""},
                {"name": "Coursework", "minutes": 55, "notes": ""},
                {"name": "Plus/delta", "minutes": 10, "notes": ""},
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        total = value.total_minutes
        if total > MAX_AGENDA_MINUTES:
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        ngettext(
                            "The phases add up to %(total)d minute; keep a meeting under %(max)d.",
                            "The phases add up to %(total)d minutes; keep a meeting under %(max)d.",
                            total,
                        )
                        % {"total": total, "max": MAX_AGENDA_MINUTES}
                    )
                ]
            )
        planned = value.get("planned_minutes")
        if planned and total != planned:
            raise StructBlockValidationError(
                {
                    "planned_minutes": ValidationError(
                        ngettext(
                            "The phases add up to %(total)d minute, not %(planned)d. Change a phase or this length.",
                            "The phases add up to %(total)d minutes, not %(planned)d. Change a phase or this length.",
                            total,
                        )
                        % {"total": total, "planned": planned}
                    )
                }
            )
        return value


class BaseBodyBlock(blocks.StreamBlock):
    """The primitives every body is made of. Apps above core extend it with
    blocks of their own (guides.blocks.BodyBlock adds the activity card)."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES)
    callout = CalloutBlock()
    steps = StepsBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    faq = FAQBlock()
    agenda = AgendaBlock()

    def render_basic(self, value, context=None):
        anchors = heading_anchors(value)
        context = dict(context or {})
        return format_html_join(
            "\n",
            '<div class="w-block-{1} block-{1}">{0}</div>',
            [
                (
                    child.render(
                        context={**context, "heading_anchor": anchors[index]} if index in anchors else context
                    ),
                    child.block_type,
                )
                for index, child in enumerate(value)
            ],
        )
