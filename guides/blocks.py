"""The body of guides and standard pages: core's block primitives plus the
activity card (guides may embed activities; the home app's pages use the
same body)."""

from activities.blocks import ActivityBlock
from core.blocks import BaseBodyBlock


class BodyBlock(BaseBodyBlock):
    activity = ActivityBlock()
