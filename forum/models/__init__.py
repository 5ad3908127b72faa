"""The forum's models, by concern:

- threads: categories and threads (counters, moderation of a thread)
- posts: posts, their earlier versions, likes
- members: forum settings, watches, read markers (personal, never public)
- bookmarks: posts a member keeps, with a reminder date
- drafts: the reply a member is writing in a thread
- moderation: flags and the moderation log
- notifications: in-app notifications
- inbound: e-mail received (each message processed once)
- trust: members' participation and trust levels

Plain Django models (not Wagtail pages): members write at a rate that page
revisions and workflows are not made for. The model methods store what they
are given and keep counters right; the rules for writing (limits,
permissions, who is told) are in forum/actions.py.
"""

from ..rendering import render_markdown
from .bookmarks import Bookmark
from .drafts import Draft
from .inbound import InboundMessage
from .members import CategoryWatch, ForumProfile, ThreadRead, ThreadWatch
from .moderation import Flag, ModerationLog
from .notifications import Notification
from .posts import POSTS_PER_PAGE, Like, Post, PostRevision, mark_for_viewer
from .threads import THREADS_PER_PAGE, Category, TaggedThread, Thread
from .trust import Standing, TrustLevel

__all__ = [
    "POSTS_PER_PAGE",
    "THREADS_PER_PAGE",
    "Bookmark",
    "Category",
    "CategoryWatch",
    "Draft",
    "Flag",
    "InboundMessage",
    "ForumProfile",
    "Like",
    "ModerationLog",
    "Notification",
    "Post",
    "PostRevision",
    "Standing",
    "TaggedThread",
    "Thread",
    "ThreadRead",
    "ThreadWatch",
    "TrustLevel",
    "mark_for_viewer",
    "render_markdown",  # for tests/bench, which renders posts it bulk-creates
]
