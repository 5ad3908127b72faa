"""A Redis cache that fails over to local memory instead of failing the page.

django-redis with IGNORE_EXCEPTIONS swallows errors, but a swallowed `add()`
is a False, so allauth could never take its rate-limit lock and answered 429
to every sign-in while Redis was down; and with no socket timeout a Redis
that accepts connections and never answers hung every page.

FailoverRedisCache:
- talks to Redis with short connect and socket timeouts (OPTIONS
  SOCKET_CONNECT_TIMEOUT / SOCKET_TIMEOUT, a fraction of a second);
- when a call fails (refused, timed out, an error reply), serves that call
  from a local, per-process memory cache, and keeps doing so without trying
  Redis for RETRY_SECONDS (a circuit breaker), so a page waits on a broken
  Redis at most one timeout, not one per cache call;
- meanwhile rate-limit counters, locks and cached fragments live in that
  process's memory: limits still hold, per process (fail safe, not open);
- when Redis answers again, empties the local copy and sends `recovered`, on
  which the page cache (core.signals) moves its generations on, since writes
  made during the outage never reached Redis.

`is_degraded()` says whether the process is currently on local memory; the
whole-page cache (core.cache) stands aside then, as one process cannot tell
another that a page changed.
"""

import logging
import socket
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.dispatch import Signal
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Sent (sender=the backend class, location=...) when Redis answers again
# after this process fell back to local memory.
recovered = Signal()

FAILURES = (ConnectionInterrupted, RedisError, socket.timeout, OSError)
DEFAULT_TIMEOUTS = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25}

# Per process, per Redis location: when to try Redis again (monotonic time).
_down_until = {}
_lock = threading.Lock()


def reset_state():
    """Forget every failure (tests)."""
    with _lock:
        _down_until.clear()


class FailoverRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = {**DEFAULT_TIMEOUTS, **params.get("OPTIONS", {})}
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        # Errors must reach this class: it decides what happens on failure.
        options["IGNORE_EXCEPTIONS"] = False
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._ignore_exceptions = False
        self._location = server if isinstance(server, str) else ",".join(server)
        self._local = LocMemCache(
            f"failover:{self._location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": int(options.get("FALLBACK_MAX_ENTRIES", 1000))},
            },
        )

    # -- state ---------------------------------------------------------------

    def is_degraded(self):
        return self._location in _down_until

    def _skip_redis(self):
        until = _down_until.get(self._location)
        return until is not None and time.monotonic() < until

    def _failed(self, name, error):
        with _lock:
            first = self._location not in _down_until
            _down_until[self._location] = time.monotonic() + self.retry_seconds
        if first:
            logger.warning(
                "Cache at %s failed on %s (%s); serving from local memory, retrying every %s s",
                self._location,
                name,
                error.__class__.__name__,
                self.retry_seconds,
            )

    def _succeeded(self):
        if self._location not in _down_until:
            return
        with _lock:
            was_down = _down_until.pop(self._location, None) is not None
        if was_down:
            logger.warning("Cache at %s answers again; leaving local memory", self._location)
            self._local.clear()
            recovered.send(sender=type(self), location=self._location)

    def _call(self, name, *args, **kwargs):
        if not self._skip_redis():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except FAILURES as error:
                self._failed(name, error)
            else:
                self._succeeded()
                return result
        return getattr(self._local, name)(*args, **kwargs)

    # -- the cache API Django and its apps use -------------------------------

    def get(self, key, default=None, version=None, client=None):
        if client is not None:
            return super().get(key, default=default, version=version, client=client)
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        if kwargs:  # django-redis extras (nx, xx, client): Redis or nothing
            return super().set(key, value, timeout=timeout, version=version, **kwargs)
        return self._call("set", key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        if kwargs:
            return super().add(key, value, timeout=timeout, version=version, **kwargs)
        return self._call("add", key, value, timeout=timeout, version=version)

    def delete(self, key, version=None, **kwargs):
        if kwargs:
            return super().delete(key, version=version, **kwargs)
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None, **kwargs):
        if kwargs:
            return super().get_many(keys, version=version, **kwargs)
        return self._call("get_many", keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        if kwargs:
            return super().set_many(data, timeout=timeout, version=version, **kwargs)
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None, **kwargs):
        if kwargs:
            return super().delete_many(keys, version=version, **kwargs)
        return self._call("delete_many", keys, version=version)

    def has_key(self, key, version=None, **kwargs):
        if kwargs:
            return super().has_key(key, version=version, **kwargs)
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None, **kwargs):
        if kwargs:
            return super().incr(key, delta=delta, version=version, **kwargs)
        return self._call("incr", key, delta=delta, version=version)

    def decr(self, key, delta=1, version=None, **kwargs):
        if kwargs:
            return super().decr(key, delta=delta, version=version, **kwargs)
        return self._call("decr", key, delta=delta, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        if kwargs:
            return super().touch(key, timeout=timeout, version=version, **kwargs)
        return self._call("touch", key, timeout=timeout, version=version)

    def clear(self):
        self._local.clear()
        return self._call("clear")
