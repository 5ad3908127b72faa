import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/en/", "/en/about/", "/en/accounts/login/", "/en/search/?q=circle"])
def test_public_pages_forbid_inline_script(client, about, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_public_templates_have_no_inline_script(client, homes):
    body = client.get("/en/").content.decode()
    # Every <script> has a src: nothing inline that the policy would block.
    import re

    for tag in re.findall(r"<script[^>]*>", body):
        assert "src=" in tag


def test_only_the_wagtail_admin_is_relaxed(client, editor):
    client.force_login(editor)
    policy = directives(client.get("/admin/"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert directives(client.get("/en/"))["script-src"] == ["'self'"]


def test_session_key_changes_on_sign_in_and_dies_on_sign_out(client, member):
    client.get("/en/accounts/login/")
    client.session.save()
    before = client.session.session_key
    client.post("/en/accounts/login/", {"login": member.email, "password": "a-long-pass-phrase"})
    signed_in_key = client.session.session_key
    assert signed_in_key != before
    client.post("/en/accounts/logout/")
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=signed_in_key).exists()


def test_sign_in_locks_after_repeated_failures_and_says_so(client, member, settings):
    from django.core.cache import cache

    cache.clear()
    from website.settings.base import ACCOUNT_RATE_LIMITS

    settings.ACCOUNT_RATE_LIMITS = ACCOUNT_RATE_LIMITS
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": member.email, "password": "wrong-password-x"})
        assert response.status_code == 200
    # Even the right password is refused now, and the member is told why.
    response = client.post("/en/accounts/login/", {"login": member.email, "password": "a-long-pass-phrase"})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
    cache.clear()
