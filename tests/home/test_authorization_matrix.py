"""Every URL the site serves, against every role.

MATRIX lists each named URL with what a GET answers for each role. A test
walks the URL configuration and fails when a URL is missing from the table,
so a new view cannot ship without someone deciding who may open it. The
Wagtail admin is one entry: Wagtail's own permission system guards what is
inside it. Object-level rules (member B and member A's things) follow below.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "facilitator", "moderator", "editor", "admin"]

# What a GET answers:
#   ok     200
#   login  a redirect to a sign-in page
#   deny   403 or 404 (404 where even saying the thing exists would leak)
#   away   a redirect elsewhere (e.g. a signed-in member opening the sign-up page)
#   post   405: the URL only takes POST (its POST rules are tested below)
MATRIX = {
    # Site-wide
    "healthz": ("healthz", "ok ok ok ok ok ok"),
    "set_language": ("set_language", "away away away away away away"),
    "search": ("search", "ok ok ok ok ok ok"),
    "wagtail_serve:home": ("page:home", "ok ok ok ok ok ok"),
    "wagtail_serve:standard": ("page:about", "ok ok ok ok ok ok"),
    "wagtail_serve:guides": ("page:guide_index", "ok ok ok ok ok ok"),
    "wagtail_serve:guide": ("page:guide", "ok ok ok ok ok ok"),
    "wagtail_serve:activities": ("page:activity_index", "ok ok ok ok ok ok"),
    "wagtail_serve:activity": ("page:activity", "ok ok ok ok ok ok"),
    "wagtail_serve:draft": ("page:draft", "deny deny deny deny deny deny"),
    "wagtailadmin": ("admin", "login login login login ok ok"),
    "wagtaildocs_serve": ("document", "ok ok ok ok ok ok"),
    "wagtaildocs_authenticate_with_password": ("document_password", "deny deny deny deny deny deny"),
    "wagtailcore_authenticate_with_password": ("page_password", "deny deny deny deny deny deny"),
    # Wagtail's own sign-in form is redirected to allauth's (one sign-in page, one set of limits).
    "wagtailcore_login": ("wagtailcore_login", "login login login login login login"),
    # Accounts (django-allauth and profiles)
    "account_login": ("account_login", "ok away away away away away"),
    "account_logout": ("account_logout", "away ok ok ok ok ok"),
    "account_inactive": ("account_inactive", "ok ok ok ok ok ok"),
    "account_signup": ("account_signup", "ok away away away away away"),
    "account_reauthenticate": ("account_reauthenticate", "login ok ok ok ok ok"),
    "account_email": ("account_email", "login ok ok ok ok ok"),
    "account_email_verification_sent": ("account_email_verification_sent", "ok ok ok ok ok ok"),
    "account_change_password": ("account_change_password", "login ok ok ok ok ok"),
    "account_set_password": ("account_set_password", "login away away away away away"),
    "account_reset_password": ("account_reset_password", "ok ok ok ok ok ok"),
    "account_confirm_login_code": ("account_confirm_login_code", "login away away away away away"),
    "account_confirm_email": ("account_confirm_email", "ok ok ok ok ok ok"),
    "account_reset_password_from_key_done": ("account_reset_password_from_key_done", "ok ok ok ok ok ok"),
    "account_reset_password_from_key": ("account_reset_password_from_key", "ok ok ok ok ok ok"),
    "account_reset_password_done": ("account_reset_password_done", "ok ok ok ok ok ok"),
    "accounts:edit_profile": ("accounts:edit_profile", "login ok ok ok ok ok"),
    "accounts:profile": ("accounts:profile", "ok ok ok ok ok ok"),
    # Forum
    "forum:index": ("forum:index", "ok ok ok ok ok ok"),
    "forum:latest": ("forum:latest", "ok ok ok ok ok ok"),
    "forum:new_thread": ("forum:new_thread", "login ok ok ok ok ok"),
    "forum:category": ("forum:category", "ok ok ok ok ok ok"),
    "forum:watch_category": ("forum:watch_category", "login post post post post post"),
    "forum:tag": ("forum:tag", "ok ok ok ok ok ok"),
    "forum:thread_short": ("forum:thread_short", "away away away away away away"),
    "forum:thread": ("forum:thread", "ok ok ok ok ok ok"),
    "forum:thread:hidden": ("forum:hidden_thread", "deny deny deny ok deny ok"),
    "forum:reply": ("forum:reply", "login ok ok ok ok ok"),
    "forum:first_unread": ("forum:first_unread", "login away away away away away"),
    "forum:watch_thread": ("forum:watch_thread", "login post post post post post"),
    "forum:accept": ("forum:accept", "login post post post post post"),
    "forum:moderate_thread": ("forum:moderate_thread", "login deny deny post deny post"),
    "forum:move_thread": ("forum:move_thread", "login deny deny ok deny ok"),
    "forum:post": ("forum:post", "away away away away away away"),
    "forum:edit_post": ("forum:edit_post", "login deny deny ok deny ok"),
    "forum:delete_post": ("forum:delete_post", "login deny deny deny deny deny"),
    "forum:post_history": ("forum:post_history", "ok ok ok ok ok ok"),
    "forum:like": ("forum:like", "login post post post post post"),
    "forum:flag": ("forum:flag", "login ok ok ok ok ok"),
    "forum:moderate_post": ("forum:moderate_post", "login deny deny post deny post"),
    "forum:discuss": ("forum:discuss", "ok away away away away away"),
    "forum:notifications": ("forum:notifications", "login ok ok ok ok ok"),
    "forum:open_notification": ("forum:open_notification", "login deny deny deny deny deny"),
    "forum:preferences": ("forum:preferences", "login ok ok ok ok ok"),
    "forum:unsubscribe": ("forum:unsubscribe", "ok ok ok ok ok ok"),
    "forum:feed_latest": ("forum:feed_latest", "ok ok ok ok ok ok"),
    "forum:feed_category": ("forum:feed_category", "ok ok ok ok ok ok"),
    "forum:moderation_queue": ("forum:moderation_queue", "login deny deny ok deny ok"),
    "forum:moderation_log": ("forum:moderation_log", "login deny deny ok deny ok"),
    "forum:silence": ("forum:silence", "login deny deny ok deny ok"),
    # Activities (submissions and the planner)
    "activities:submit": ("activities:submit", "login ok ok ok ok ok"),
    "activities:mine": ("activities:mine", "login ok ok ok ok ok"),
    "activities:submission": ("activities:submission", "login deny ok deny deny deny"),
    "activities:edit": ("activities:edit", "login deny ok deny deny deny"),
    "activities:planner": ("activities:planner", "ok ok ok ok ok ok"),
    "activities:save_plan": ("activities:save_plan", "login post post post post post"),
    "activities:saved_plans": ("activities:saved_plans", "login ok ok ok ok ok"),
    "activities:delete_plan": ("activities:delete_plan", "login post post post post post"),
}

# Named URLs that are not pages of their own and need no row: Wagtail's admin
# (one row above), and the media view that only exists with DEBUG on.
NOT_SERVED_ALONE = {None}


def served_url_names():
    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                if prefix.startswith("admin/"):
                    continue
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns)) - NOT_SERVED_ALONE


def url_name_of(key):
    """A row's URL name: rows for one URL in several situations add a
    variant after it (wagtail_serve:guide, forum:thread:hidden)."""
    if key.startswith("wagtail_serve:"):
        return "wagtail_serve"
    if key.count(":") == 2:
        return key.rsplit(":", 1)[0]
    return key


def test_every_url_is_in_the_matrix():
    covered = {url_name_of(key) for key in MATRIX}
    missing = served_url_names() - covered
    assert not missing, f"Add these URLs to MATRIX with the answer each role gets: {sorted(missing)}"


@pytest.fixture
def objects(django_user_model, member):
    """One of everything, owned by someone who is not among the roles (sam),
    except the facilitator's own draft submission."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from activities.models import ActivityIndexPage, ActivityPage, SavedPlan
    from forum.models import Category, Notification, Thread
    from forum.notifications import unsubscribe_token
    from guides.models import GuideIndexPage, GuidePage
    from home.models import StandardPage

    sam = django_user_model.objects.get(username="sam")
    facilitator = django_user_model.objects.get(username="facilitator")
    category = Category.objects.order_by("order").first()
    thread = Thread.objects.visible().filter(author=sam).select_related("category").first()
    post = thread.posts.order_by("pk").first()
    hidden = Thread.objects.visible().exclude(pk=thread.pk).first()
    hidden.is_hidden = True
    hidden.save(update_fields=["is_hidden"])
    tag = thread.tags.first() or Thread.objects.filter(tags__isnull=False).first().tags.first()
    notification = Notification.objects.create(recipient=sam, kind=Notification.Kind.REPLY, post=post)
    library = ActivityIndexPage.objects.get(locale__language_code="en")
    activity = ActivityPage.objects.live().filter(locale__language_code="en").first()
    submission = ActivityPage(
        title="A facilitator's draft",
        slug="a-facilitators-draft",
        owner=facilitator,
        submitted_by=facilitator,
        live=False,
        summary="Draft",
        purpose="To try things.",
        phase_check_in=True,
        grouping_pairs=True,
        duration_min=5,
        duration_max=10,
    )
    library.add_child(instance=submission)
    submission.save_revision()
    draft = StandardPage(title="Unpublished", slug="unpublished", live=False)
    StandardPage.objects.get(slug="about").add_child(instance=draft)
    plan = SavedPlan.objects.create(owner=sam, name="Sam's plan", query="budget=90")
    document = Document(title="Agenda")
    document.file.save("agenda.txt", ContentFile(b"check-in, activity, reflection"), save=True)

    pages = {
        "home": "/en/",
        "about": "/en/about/",
        "guide_index": GuideIndexPage.objects.get(locale__language_code="en").url,
        "guide": GuidePage.objects.live().filter(locale__language_code="en").first().url,
        "activity_index": library.url,
        "activity": activity.url,
        "draft": "/en/about/unpublished/",
    }
    kwargs = {
        "accounts:profile": {"username": "sam"},
        "forum:category": {"slug": category.slug},
        "forum:watch_category": {"slug": category.slug},
        "forum:feed_category": {"slug": category.slug},
        "forum:tag": {"slug": tag.slug},
        "forum:thread_short": {"pk": thread.pk},
        "forum:thread": {"pk": thread.pk, "slug": thread.slug},
        "forum:reply": {"pk": thread.pk},
        "forum:first_unread": {"pk": thread.pk},
        "forum:watch_thread": {"pk": thread.pk},
        "forum:accept": {"pk": thread.pk, "post_id": post.pk},
        "forum:moderate_thread": {"pk": thread.pk},
        "forum:move_thread": {"pk": thread.pk},
        "forum:post": {"pk": post.pk},
        "forum:edit_post": {"pk": post.pk},
        "forum:delete_post": {"pk": post.pk},
        "forum:post_history": {"pk": post.pk},
        "forum:like": {"pk": post.pk},
        "forum:flag": {"pk": post.pk},
        "forum:moderate_post": {"pk": post.pk},
        "forum:discuss": {"page_id": activity.pk},
        "forum:open_notification": {"pk": notification.pk},
        "forum:unsubscribe": {"token": unsubscribe_token(sam)},
        "forum:silence": {"username": "sam"},
        "activities:submission": {"page_id": submission.pk},
        "activities:edit": {"page_id": submission.pk},
        "activities:delete_plan": {"plan_id": plan.pk},
        "account_confirm_email": {"key": "not-a-real-key"},
        "account_reset_password_from_key": {"uidb36": "zz", "key": "not-a-real-key"},
    }
    special = {
        "admin": "/admin/",
        "document": document.url,
        "document_password": "/documents/authenticate_with_password/999999/",
        "page_password": f"/en/_util/authenticate_with_password/999999/{activity.pk}/",
        "wagtailcore_login": "/en/_util/login/",
        "forum:hidden_thread": reverse("forum:thread", kwargs={"pk": hidden.pk, "slug": hidden.slug}),
    }

    def url_for(target):
        if target.startswith("page:"):
            return pages[target.removeprefix("page:")]
        if target in special:
            return special[target]
        return reverse(target, kwargs=kwargs.get(target, {}))

    return {
        "url_for": url_for,
        "post": post,
        "thread": thread,
        "plan": plan,
        "submission": submission,
        "sam": sam,
    }


def signed_in(client, django_user_model, role, member):
    if role == "visitor":
        return client
    user = member if role == "member" else django_user_model.objects.get(username=role)
    if not user.has_usable_password():
        # Demo accounts get a password only where one is configured; every role
        # here has one, so the password pages answer the same for all of them.
        user.set_password("a-long-pass-phrase")
        user.save(update_fields=["password"])
    client.force_login(user)
    return client


def outcome(response):
    status = response.status_code
    if status == 200:
        return "ok"
    if status in (403, 404):
        return "deny"
    if status == 405:
        return "post"
    if status in (301, 302):
        location = response["Location"]
        return "login" if "/login/" in location else "away"
    return f"status {status}"


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_matrix(client, django_user_model, member, objects, name, role):
    target, expected = MATRIX[name]
    expected = dict(zip(ROLES, expected.split(), strict=True))[role]
    url = objects["url_for"](target)
    client = signed_in(client, django_user_model, role, member)
    response = client.get(url)
    if response.status_code == 302 and response["Location"] == f"/en{url}":
        # LocaleMiddleware adds the language prefix to a path it cannot resolve; follow that once.
        response = client.get(response["Location"])
    assert outcome(response) == expected, (
        f"{role} GET {url}: {response.status_code} {response.get('Location', '')}"
    )


# Object-level rules: member B against member A's post, profile, plan and submission.


def test_member_cannot_edit_or_delete_someone_elses_post(client, member, objects):
    post = objects["post"]
    client.force_login(member)
    before = post.source
    response = client.post(reverse("forum:edit_post", kwargs={"pk": post.pk}), {"source": "Taken over " * 5})
    assert response.status_code == 403
    response = client.post(reverse("forum:delete_post", kwargs={"pk": post.pk}))
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.source == before and post.deleted_at is None


def test_author_can_edit_and_delete_their_own_post(client, objects):
    post = objects["post"]
    client.force_login(objects["sam"])
    new_text = "An edited version of my own post, long enough to pass."
    response = client.post(
        reverse("forum:edit_post", kwargs={"pk": post.pk}), {"source": new_text, "title": post.thread.title}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.source == new_text


def test_member_cannot_delete_someone_elses_plan(client, member, objects):
    plan = objects["plan"]
    client.force_login(member)
    response = client.post(reverse("activities:delete_plan", kwargs={"plan_id": plan.pk}))
    assert response.status_code == 404
    assert type(plan).objects.filter(pk=plan.pk).exists()
    client.force_login(objects["sam"])
    assert client.post(reverse("activities:delete_plan", kwargs={"plan_id": plan.pk})).status_code == 302
    assert not type(plan).objects.filter(pk=plan.pk).exists()


def test_member_cannot_change_someone_elses_submission(client, member, objects):
    submission = objects["submission"]
    client.force_login(member)
    response = client.post(
        reverse("activities:edit", kwargs={"page_id": submission.pk}), {"title": "Hijacked"}
    )
    assert response.status_code == 404
    submission.refresh_from_db()
    assert submission.get_latest_revision_as_object().title == "A facilitator's draft"


def test_profiles_are_edited_only_by_their_owner(client, member, objects):
    sam = objects["sam"]
    client.force_login(member)
    client.post(reverse("accounts:edit_profile"), {"display_name": "Not Sam"})
    sam.refresh_from_db()
    assert sam.display_name == "Sam Okafor"


def test_moderation_actions_by_members_change_nothing(client, member, objects):
    thread = objects["thread"]
    client.force_login(member)
    response = client.post(reverse("forum:moderate_thread", kwargs={"pk": thread.pk}), {"action": "lock"})
    assert response.status_code == 403
    thread.refresh_from_db()
    assert not thread.is_locked
    assert thread.last_activity_at <= timezone.now()
