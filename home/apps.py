from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The roof: the home page, standard pages, the site search and the demo
    loader. It may import every app; no app imports it."""

    name = "home"
    verbose_name = "Home page and standard pages"

    def ready(self):
        from core import cache

        cache.register_editorial("home")
