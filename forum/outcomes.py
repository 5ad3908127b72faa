"""What a write operation did: forum/actions.py returns one, and
forum/notifications.py turns it into notifications."""

from dataclasses import dataclass
from enum import StrEnum


class Action(StrEnum):
    START_THREAD = "start_thread"
    REPLY = "reply"
    EDIT = "edit"
    ACCEPT = "accept"
    LIKE = "like"


@dataclass(frozen=True)
class Outcome:
    action: Action
    post: object  # the post written, edited or accepted
    actor: object  # the member who did it
    mentioned: tuple = ()  # usernames this write newly @mentions
    note: str = ""  # a moderator's reason (an edit of someone else's post)
    changed: bool = True  # False: an edit that changed nothing

    @property
    def thread(self):
        return self.post.thread
