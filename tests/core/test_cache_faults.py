"""Issue 11 item 3: a Redis that is down or hung locks nobody out and slows
no page by more than a fraction of a second (core.cache_backends)."""

import contextlib
import socket
import threading
import time

import pytest
from django.core import mail
from django.core.cache import cache, caches
from django.test import override_settings

from core import cache_backends
from core.cache import CONTENT, generation
from website.settings import base

pytestmark = pytest.mark.django_db

# The limits production runs with (the test settings turn them off).
LIMITS = base.ACCOUNT_RATE_LIMITS
PASSWORD = "a-long-pass-phrase"  # tests/conftest.py's member


def failover_cache(location, **options):
    """The cache production configures for CACHE_URL=location."""
    caches_setting = base.redis_caches(location)
    caches_setting["default"]["OPTIONS"].update(options)
    return override_settings(CACHES=caches_setting, ACCOUNT_RATE_LIMITS=LIMITS)


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port  # nothing listens there any more: connections are refused


@pytest.fixture
def silent_server():
    """Accepts connections on 127.0.0.1 and never answers (a hung Redis).
    Each connection is held for at most 5 s, so a test that would hang
    forever fails instead."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.2)
    stop = threading.Event()
    held = []

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            held.append((conn, time.monotonic()))
            for old, since in list(held):
                if time.monotonic() - since > 5:
                    old.close()
                    held.remove((old, since))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for conn, _ in held:
        conn.close()
    server.close()


@contextlib.contextmanager
def timed(limit):
    start = time.monotonic()
    yield
    elapsed = time.monotonic() - start
    assert elapsed < limit, f"took {elapsed:.2f} s (limit {limit} s)"


def sign_in(client, member, password=PASSWORD):
    return client.post("/en/accounts/login/", {"login": member.email, "password": password})


@pytest.fixture
def warm(client):
    """Compile templates and fill Django's own caches first, so the timings
    below measure the cache and nothing else."""
    client.get("/en/accounts/login/")
    client.get("/en/forum/latest/")
    client.get("/en/accounts/signup/")
    client.get("/en/accounts/password/reset/")
    client.cookies.clear()


# -- Redis down (port closed) ----------------------------------------------


def test_sign_in_works_with_the_cache_port_closed(client, member, closed_port, warm):
    with failover_cache(f"redis://127.0.0.1:{closed_port}/13"), timed(1.0):
        response = sign_in(client, member)
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == "/en/"  # the home page in the language signed in from


def test_sign_up_works_with_the_cache_port_closed(client, closed_port, warm):
    data = {
        "email": "newcomer@example.com",
        "display_name": "Newcomer",
        "password1": "a-long-pass-phrase-2",
    }
    with failover_cache(f"redis://127.0.0.1:{closed_port}/13"), timed(1.0):
        response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_works_with_the_cache_port_closed(client, member, closed_port, warm):
    with failover_cache(f"redis://127.0.0.1:{closed_port}/13"), timed(1.0):
        response = client.post("/en/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_sign_in_limits_still_count_locally_with_the_cache_down(client, member, closed_port, warm):
    """Fail safe, not open: five wrong passwords still lock the account."""
    with failover_cache(f"redis://127.0.0.1:{closed_port}/13"):
        answers = [sign_in(client, member, "wrong-password").content.decode() for _ in range(6)]
        assert cache.is_degraded()
    locked = ["Too many failed login attempts" in answer for answer in answers]
    assert locked == [False] * 5 + [True]


def test_the_page_cache_stands_aside_while_the_cache_is_down(client, closed_port, warm):
    with failover_cache(f"redis://127.0.0.1:{closed_port}/13"), override_settings(PAGE_CACHE_SECONDS=60):
        first = client.get("/en/forum/latest/")
        second = client.get("/en/forum/latest/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


# -- Redis hung (accepts, never answers) -----------------------------------


def test_no_page_waits_on_a_hung_cache(client, silent_server, warm):
    with failover_cache(f"redis://127.0.0.1:{silent_server}/13"), override_settings(PAGE_CACHE_SECONDS=60):
        with timed(1.0):
            response = client.get("/en/forum/latest/")
        assert response.status_code == 200
        # The breaker is open: the next pages do not wait at all.
        with timed(0.6):
            assert client.get("/en/forum/").status_code == 200


def test_sign_in_works_with_a_hung_cache(client, member, silent_server, warm):
    with failover_cache(f"redis://127.0.0.1:{silent_server}/13"), timed(1.5):
        response = sign_in(client, member)
    assert response.status_code == 302


# -- Redis back ------------------------------------------------------------


def redis_available():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_available(), reason="needs Redis on 127.0.0.1:6379")
def test_when_redis_answers_again_cached_pages_move_on():
    """Invalidations made during the outage stayed in one process: on
    recovery the page-cache generations move on and local copies go."""
    with failover_cache("redis://127.0.0.1:6379/13", RETRY_SECONDS=0):
        cache.clear()
        before = generation(CONTENT)
        redis_cache = caches["default"]
        redis_cache._failed("get", OSError("simulated"))
        redis_cache._local.set("only-local", 1)
        assert redis_cache.is_degraded()
        assert cache.get("anything") is None  # the first call that reaches Redis again
        assert generation(CONTENT) == before + 1
        assert not redis_cache.is_degraded()
        assert redis_cache._local.get("only-local") is None
        cache.clear()


def test_production_uses_the_failover_cache_with_short_timeouts():
    from tests.settings_probe import settings_under

    cache = settings_under("website.settings.dev", CACHE_URL="redis://127.0.0.1:6379/13").CACHES["default"]
    backend, connect, read = (
        cache["BACKEND"],
        cache["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"],
        cache["OPTIONS"]["SOCKET_TIMEOUT"],
    )
    assert backend == "core.cache_backends.FailoverRedisCache"
    assert float(connect) <= 0.5 and float(read) <= 0.5
    assert cache_backends.DEFAULT_TIMEOUTS["SOCKET_TIMEOUT"] <= 0.5


def test_without_a_shared_cache_nothing_is_kept_that_another_worker_could_not_invalidate(client, home):
    """Production without Redis: each gunicorn worker has its own local
    memory, so none can tell another that content changed. The settings say
    so, and then the fragments, kept pages, sessions and permissions stand
    aside as while Redis is out."""
    from core.cache import cache_is_degraded
    from tests.settings_probe import production_settings

    assert production_settings(CACHE_URL="").CACHE_IS_SHARED is False
    assert production_settings(CACHE_URL="redis://127.0.0.1:6379/3").CACHE_IS_SHARED is True
    assert base.CACHE_IS_SHARED is True  # one process: runserver, the tests
    assert not cache_is_degraded()
    with override_settings(CACHE_IS_SHARED=False):
        assert cache_is_degraded()
        assert client.get("/en/").status_code == 200
