"""Wagtail's own indexes, updated on every save: the search index behind the
admin's page search (modelsearch) and the reference index behind "usage".

A bulk load (seed_demo) saves hundreds of pages and revisions; writing both
indexes for each save took a third of its time, and it rebuilds them at the
end anyway. `paused()` stops the per-save updates while it lasts; the caller
rebuilds (`manage.py update_index`, `manage.py rebuild_references_index`)."""

from contextlib import contextmanager

from django.db.models.signals import post_save


@contextmanager
def paused():
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    disconnected = [model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)
