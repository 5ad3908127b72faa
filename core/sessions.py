"""Sessions kept in the database and read from the cache (Django's
cached_db), without ever trusting a cache only one process can see.

A signed-in member's every request used to read their session row; with
cached_db it is one cache GET instead. The database stays the record (every
save writes it), so sessions survive a cache flush. Two guards make the
cache safe to trust:
- while the shared cache is out (core.cache_backends serving one process's
  memory), sessions are read from the database: a session signed out
  through one process must not stay valid in another's memory;
- when the shared cache comes back, what it holds from before the outage is
  stale (a sign-out during the outage never reached it), so the cache keys
  carry a generation that moves on then (core.signals), and every session is
  read again from the database once.
"""

from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore

from .cache import SESSIONS, bump, cache_is_degraded, generation


def forget_cached_sessions(**kwargs):
    bump(SESSIONS)


class SessionStore(CachedDBStore):
    @property
    def cache_key_prefix(self):
        return f"{KEY_PREFIX}:{generation(SESSIONS)}:"

    def load(self):
        if cache_is_degraded():
            return DBStore.load(self)
        return super().load()

    def exists(self, session_key):
        if cache_is_degraded():
            return DBStore.exists(self, session_key)
        return super().exists(session_key)
