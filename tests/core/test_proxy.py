"""Issue 11 item 10: behind the documented TLS-terminating proxy every
visitor arrives from the proxy's address; the per-IP sign-in limit must count
each visitor, from the client address the proxy reports, as configured."""

import pytest
from django.test import override_settings

from tests.settings_probe import production_settings

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"
LOCKED = "Too many failed login attempts"


def failed_sign_in(client, number, **headers):
    response = client.post(
        "/en/accounts/login/",
        {"login": f"visitor{number}@example.com", "password": "wrong-password"},
        REMOTE_ADDR=PROXY,
        **headers,
    )
    return LOCKED in response.content.decode()


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
def test_without_a_trusted_proxy_every_visitor_shares_the_proxy_address(client):
    """The safe default (no header trusted): right when gunicorn is reached
    directly, wrong behind a proxy, hence the setting."""
    locked = [failed_sign_in(client, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}") for n in range(4)]
    assert locked == [False, False, False, True]


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"}, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_with_one_trusted_proxy_each_visitor_has_their_own_limit(client):
    locked = [failed_sign_in(client, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}") for n in range(4)]
    assert locked == [False] * 4
    # A visitor who forges X-Forwarded-For entries is still counted by the
    # address the proxy appended last.
    forged = [
        failed_sign_in(client, 10 + n, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7") for n in range(4)
    ]
    assert forged == [False, False, False, True]


@override_settings(
    ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"}, ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
)
def test_a_proxy_header_of_its_own_can_be_trusted_instead(client):
    locked = [failed_sign_in(client, n, HTTP_X_REAL_IP=f"198.51.100.{n}") for n in range(4)]
    assert locked == [False] * 4


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"}, ALLAUTH_TRUSTED_PROXY_COUNT=2)
def test_a_request_that_skipped_the_proxies_counts_by_its_own_address(client):
    """allauth raises ImproperlyConfigured (a 500) when X-Forwarded-For has
    fewer entries than trusted proxies; such a request reached the app
    directly, so its own address counts."""
    response = client.post(
        "/en/accounts/login/",
        {"login": "someone@example.com", "password": "wrong-password"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert response.status_code == 200


def test_the_environment_chooses_the_trusted_proxy_settings():
    told = production_settings(TRUSTED_PROXY_COUNT="1", TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
    assert (told.ALLAUTH_TRUSTED_PROXY_COUNT, told.ALLAUTH_TRUSTED_CLIENT_IP_HEADER) == (1, "X-Real-IP")
    default = production_settings()
    assert (default.ALLAUTH_TRUSTED_PROXY_COUNT, default.ALLAUTH_TRUSTED_CLIENT_IP_HEADER) == (0, None)
