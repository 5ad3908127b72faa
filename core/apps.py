from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """The floor every app stands on: block primitives, cache generations,
    translation helpers, middleware, error pages and the site chrome (header
    and footer). It imports no app of this project; apps register what they
    contribute (cacheable models, search sources, home-page sections,
    periodic jobs) with it from their own AppConfig.ready."""

    name = "core"
    verbose_name = "Site-wide pieces"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from . import cache, routes, scheduler, search, signals, sites

        # Editorial content that belongs to no app of ours.
        cache.register_editorial("wagtailcore", "taggit", "core")
        # Search entries are rewritten when a page is published or a post saved,
        # which empty the caches already (a reply must not empty the chrome's).
        cache.register_derived("core.searchentry")
        signals.connect()
        # Wagtail reads its site root paths for every page.url: once per request, kept per generation.
        sites.keep_site_root_paths()
        # A known URL's page in one query; no restriction query where nothing is restricted.
        routes.cache_page_routes()
        routes.skip_unrestricted_view_checks()
        # Published pages enter the site search, unpublished ones leave it.
        search.connect()
        # The Wagtail Site record follows BASE_URL on every migrate.
        post_migrate.connect(sites.sync_site_after_migrate, sender=self, dispatch_uid="core-sync-site")
        # Scheduled publishing: Wagtail's command, every minute.
        scheduler.register_command("publish_scheduled", every=60)
        # Pillow refuses to open anything larger than an upload may be, so an
        # image bomb that reached storage some other way cannot be decoded.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
