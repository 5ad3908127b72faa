"""The forum's pages, by concern:

- lists: the forum index, latest threads, a category, a tag
- threads: reading a thread, starting one, "Discuss this" on a page
- posts: replying, editing, deleting, history, likes, accepted answers, flags
- composing: the reply's draft, @-mention suggestions (for forum.js)
- members: watching, notifications, settings, one-click unsubscribe
- moderation: the flag queue and the moderators' actions

Views are thin: permissions come from forum/permissions.py, writes go
through forum/actions.py.
"""
