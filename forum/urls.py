from django.urls import path

from . import feeds, moderation_views, views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("latest/", views.latest, name="latest"),
    path("new/", views.new_thread, name="new_thread"),
    path("c/<slug:slug>/", views.category_detail, name="category"),
    path("c/<slug:slug>/watch/", views.watch_category, name="watch_category"),
    # Tag slugs may be Unicode ("español"), which the slug converter refuses.
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("t/<int:pk>/", views.thread_redirect, name="thread_short"),
    path("t/<int:pk>-<str:slug>/", views.thread_detail, name="thread"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/unread/", views.first_unread, name="first_unread"),
    path("t/<int:pk>/watch/", views.watch_thread, name="watch_thread"),
    path("t/<int:pk>/accept/<int:post_id>/", views.accept, name="accept"),
    path("t/<int:pk>/moderate/", moderation_views.moderate_thread, name="moderate_thread"),
    path("t/<int:pk>/move/", moderation_views.move_thread, name="move_thread"),
    path("p/<int:pk>/", views.post_redirect, name="post"),
    path("p/<int:pk>/edit/", views.edit_post, name="edit_post"),
    path("p/<int:pk>/delete/", views.delete_post, name="delete_post"),
    path("p/<int:pk>/history/", views.post_history, name="post_history"),
    path("p/<int:pk>/like/", views.like, name="like"),
    path("p/<int:pk>/flag/", views.flag, name="flag"),
    path("p/<int:pk>/moderate/", moderation_views.moderate_post, name="moderate_post"),
    path("discuss/<int:page_id>/", views.discuss, name="discuss"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.open_notification, name="open_notification"),
    path("settings/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feeds/latest/", feeds.LatestThreadsFeed(), name="feed_latest"),
    path("feeds/c/<slug:slug>/", feeds.CategoryFeed(), name="feed_category"),
    path("moderation/", moderation_views.queue, name="moderation_queue"),
    path("moderation/log/", moderation_views.log, name="moderation_log"),
    path("moderation/members/<str:username>/", moderation_views.silence, name="silence"),
]
