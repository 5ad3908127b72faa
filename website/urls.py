from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from home import views as home_views

urlpatterns = [
    # The Wagtail admin's own sign-in and password-reset forms have no rate
    # limit at all (unlimited password guesses, unlimited reset mail): the
    # admin uses the site's one sign-in page (allauth's limits) instead.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything a visitor reads is under a language prefix: /en/, /es/, /fr/.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("members/", include("accounts.urls")),
    path("search/", home_views.search, name="search"),
    # Wagtail's own front-end sign-in form (for private pages) would bypass
    # allauth's rate limits: send it to the one sign-in page instead.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("forum/", include("forum.urls")),
    path("", include("activities.urls")),
    path("", include("reports.urls")),
    # Wagtail's page serving catches everything else, so it comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
# Not a Django handler: allauth's rate limits answer with it (respond_429).
handler429 = "core.views.too_many_requests"
