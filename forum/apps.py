from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from django.core import checks

        from core import cache, scheduler, sections

        from . import search as forum_search
        from .checks import check_limits, check_trust
        from .models import Thread
        from .views.threads import page_discussion
        from .views.trust import profile_standing

        checks.register(check_limits)
        checks.register(check_trust)

        # What visitors see of members' writing; read markers, watches,
        # notifications and settings are personal and change no public page.
        cache.register_member_content("forum.category", "forum.thread", "forum.post", "forum.like")
        forum_search.register()
        sections.register(
            "latest_threads",
            "forum/includes/home_section.html",
            Thread.objects.for_home_page,
            order=30,
            scope="content",  # rendered again whenever members write
        )
        sections.register(
            "forum_standing",
            "forum/includes/profile_standing.html",
            profile_standing,
            order=5,
            place=sections.PROFILE,
        )
        sections.register(
            "discussion",
            "forum/includes/page_discussion.html",
            page_discussion,
            order=10,
            place=sections.GUIDE,
        )
        scheduler.register_command("send_forum_digest", cron="0 7 * * *")  # the daily digest, 07:00 UTC
        scheduler.register_command("send_bookmark_reminders", cron="0 6 * * *")  # bookmarks due today
