"""The block library shared by every StreamField on the site.

Guides, activities and standard pages all build their bodies from these blocks,
so a block is written (and translated, and styled) once.
"""

from django.utils.text import slugify
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        description = "A section heading; it gets an anchor and appears in the table of contents."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = slugify(value.get("text") or "")
        return context


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        template="blocks/paragraph.html",
        icon="pilcrow",
        description="Rich text: paragraphs, lists and links.",
    )
