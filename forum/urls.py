from django.urls import path

from . import feeds
from .views import bookmarks, composing, lists, members, moderation, posts, threads, trust

app_name = "forum"

urlpatterns = [
    path("", lists.index, name="index"),
    path("latest/", lists.latest, name="latest"),
    path("unanswered/", lists.unanswered, name="unanswered"),
    path("mine/", lists.my_threads, name="my_threads"),
    path("new/", threads.new_thread, name="new_thread"),
    path("c/<slug:slug>/", lists.category_detail, name="category"),
    path("c/<slug:slug>/watch/", members.watch_category, name="watch_category"),
    # Tag slugs may be Unicode ("español"), which the slug converter refuses.
    path("tags/<str:slug>/", lists.tag_detail, name="tag"),
    path("t/<int:pk>/", threads.thread_redirect, name="thread_short"),
    path("t/<int:pk>-<str:slug>/", threads.thread_detail, name="thread"),
    path("t/<int:pk>/reply/", posts.reply, name="reply"),
    path("t/<int:pk>/draft/", composing.draft, name="draft"),
    path("t/<int:pk>/unread/", threads.first_unread, name="first_unread"),
    path("t/<int:pk>/watch/", members.watch_thread, name="watch_thread"),
    path("t/<int:pk>/details/", trust.edit_thread_details, name="edit_thread_details"),
    path("t/<int:pk>/accept/<int:post_id>/", posts.accept, name="accept"),
    path("t/<int:pk>/moderate/", moderation.moderate_thread, name="moderate_thread"),
    path("t/<int:pk>/move/", moderation.move_thread, name="move_thread"),
    path("p/<int:pk>/", threads.post_redirect, name="post"),
    path("p/<int:pk>/edit/", posts.edit_post, name="edit_post"),
    path("p/<int:pk>/delete/", posts.delete_post, name="delete_post"),
    path("p/<int:pk>/history/", posts.post_history, name="post_history"),
    path("p/<int:pk>/like/", posts.like, name="like"),
    path("p/<int:pk>/flag/", posts.flag, name="flag"),
    path("p/<int:pk>/bookmark/", bookmarks.toggle_bookmark, name="bookmark"),
    path("p/<int:pk>/moderate/", moderation.moderate_post, name="moderate_post"),
    path("discuss/<int:page_id>/", threads.discuss, name="discuss"),
    path("mentions/", composing.mention_suggestions, name="mention_suggestions"),
    path("notifications/", members.notifications, name="notifications"),
    path("bookmarks/", bookmarks.bookmarks, name="bookmarks"),
    path("notifications/<int:pk>/", members.open_notification, name="open_notification"),
    path("settings/", members.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", members.unsubscribe, name="unsubscribe"),
    path("feeds/latest/", feeds.LatestThreadsFeed(), name="feed_latest"),
    path("feeds/c/<slug:slug>/", feeds.CategoryFeed(), name="feed_category"),
    path("moderation/", moderation.queue, name="moderation_queue"),
    path("moderation/log/", moderation.log, name="moderation_log"),
    path("moderation/members/<str:username>/", moderation.silence, name="silence"),
    path("moderation/members/<str:username>/trust/", trust.member_trust, name="member_trust"),
]
