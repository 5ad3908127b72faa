"""Telling the anonymous page cache (core.cache) about changes it cannot see."""

from django.db import transaction

from core import cache


def public_change(model):
    """Rows of `model` changed with QuerySet.update(), which sends no
    post_save signal: once the transaction commits, tell the page cache that
    what visitors see of members' writing has changed."""
    transaction.on_commit(lambda: cache.changed(model))
