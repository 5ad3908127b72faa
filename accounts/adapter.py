"""allauth's adapter: its e-mails link to the configured base URL, never to
the Host header of the request that asked for them (core.urls), name the
site and carry the site's subject prefix (core.sites); members land back in
the language they were reading; usernames are made from display names."""

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.sites import site_name
from core.urls import absolute_url, base_host, rebase

from .names import PAGE_NAMES, is_reserved


class BaseUrlSite:
    """What allauth's templates call `current_site`, from the base URL."""

    def __init__(self):
        self.name = site_name()
        self.domain = base_host()


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "The e-mail address or the password is not correct. Check both, or reset your password."
        ),
        "account_inactive": _("This account is closed."),
    }

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def format_email_subject(self, subject):
        # The same prefix as the forum's and the library's mail.
        return f"[{site_name()}] {' '.join(str(subject).split())}"

    def _language_home(self, url):
        # "/" would send a member reading /es/ to the default language.
        if url in ("", "/"):
            return f"/{translation.get_language()}/"
        return url

    def get_login_redirect_url(self, request):
        return self._language_home(super().get_login_redirect_url(request))

    def get_logout_redirect_url(self, request):
        return self._language_home(super().get_logout_redirect_url(request))

    def get_signup_redirect_url(self, request):
        return reverse("accounts:welcome")

    def save_user(self, request, user, form, commit=True):
        # The display name first: the username is made from it.
        user.display_name = form.cleaned_data.get("display_name", "")
        return super().save_user(request, user, form, commit=commit)

    def populate_username(self, request, user):
        """A username from the display name (or the e-mail's local part),
        never one that looks like a role; the member can change it later."""
        if user.username:
            return
        local_part = (user.email or "").split("@")[0]
        candidates = [name for name in (user.display_name, local_part) if name and not is_reserved(name)]
        username = self.generate_unique_username([*candidates, "member"])
        if is_reserved(username) or username.lower() in PAGE_NAMES:
            username = self.generate_unique_username(["member"])
        user.username = username

    def send_mail(self, template_prefix, email, context):
        # Every other link allauth puts in a mail (sign-up, password reset
        # page) was built from the request: move it onto the base URL.
        context = {
            name: rebase(value) if name.endswith("_url") and isinstance(value, str) else value
            for name, value in context.items()
        }
        context["current_site"] = BaseUrlSite()
        # The home page in the language the member was reading.
        context["home_url"] = absolute_url(f"/{translation.get_language()}/")
        return super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys its per-account limit (5 failures in 5 minutes) by the
        # request's site, which without django.contrib.sites is the Host
        # header: each port of an allowed host (example.org:1, :2, ...) gave
        # five more guesses. One site, one key.
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{base_host()}:{login}"

    def get_client_ip(self, request):
        # With TRUSTED_PROXY_COUNT set, a request that carries fewer
        # X-Forwarded-For entries than that did not come through the proxies
        # (someone reached the app directly): its own address counts, rather
        # than allauth's ImproperlyConfigured (a 500).
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META["REMOTE_ADDR"]
