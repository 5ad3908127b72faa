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
    "accounts:welcome": ("accounts:welcome", "login ok ok ok ok ok"),
    # An administrator is sent back to the profile: another administrator deletes their account.
    "accounts:delete_account": ("accounts:delete_account", "login ok ok ok ok away"),
    "accounts:profile": ("accounts:profile", "ok ok ok ok ok ok"),
    # Forum
    "forum:index": ("forum:index", "ok ok ok ok ok ok"),
    "forum:latest": ("forum:latest", "ok ok ok ok ok ok"),
    "forum:unanswered": ("forum:unanswered", "ok ok ok ok ok ok"),
    "forum:my_threads": ("forum:my_threads", "login ok ok ok ok ok"),
    "forum:bookmarks": ("forum:bookmarks", "login ok ok ok ok ok"),
    "forum:bookmark": ("forum:bookmark", "login post post post post post"),
    # Title and tags: trusted members (none in this table) and moderators.
    "forum:edit_thread_details": ("forum:edit_thread_details", "login deny deny ok deny ok"),
    "forum:member_trust": ("forum:member_trust", "login deny deny ok deny ok"),
    "forum:new_thread": ("forum:new_thread", "login ok ok ok ok ok"),
    "forum:category": ("forum:category", "ok ok ok ok ok ok"),
    "forum:watch_category": ("forum:watch_category", "login post post post post post"),
    "forum:tag": ("forum:tag", "ok ok ok ok ok ok"),
    "forum:thread_short": ("forum:thread_short", "away away away away away away"),
    "forum:thread": ("forum:thread", "ok ok ok ok ok ok"),
    "forum:thread:hidden": ("forum:hidden_thread", "deny deny deny ok deny ok"),
    "forum:reply": ("forum:reply", "login ok ok ok ok ok"),
    # A reply's draft (autosave and "Discard"): POST only, each member their own.
    "forum:draft": ("forum:draft", "login post post post post post"),
    # @-mention suggestions (JSON) for the reply and new-thread forms.
    "forum:mention_suggestions": ("forum:mention_suggestions", "login ok ok ok ok ok"),
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
    "activities:planner_agenda": ("activities:planner_agenda", "ok ok ok ok ok ok"),
    "activities:planner_run_sheet": ("activities:planner_run_sheet", "ok ok ok ok ok ok"),
    "activities:save_plan": ("activities:save_plan", "login post post post post post"),
    "activities:saved_plans": ("activities:saved_plans", "login ok ok ok ok ok"),
    "activities:delete_plan": ("activities:delete_plan", "login post post post post post"),
    "activities:share_plan": ("activities:share_plan", "login post post post post post"),
    # A plan or circle shared by its owner (sam) is read by anyone with the link;
    # an unknown or revoked link is no page at all.
    "activities:shared_plan": ("activities:shared_plan", "ok ok ok ok ok ok"),
    "activities:shared_plan:revoked": ("activities:revoked_plan", "deny deny deny deny deny deny"),
    "activities:copy_plan": ("activities:copy_plan", "login post post post post post"),
    "activities:circle_plans": ("activities:circle_plans", "login ok ok ok ok ok"),
    # Sam's circle: only sam opens or changes it, not even an administrator.
    "activities:circle": ("activities:circle", "login deny deny deny deny deny"),
    "activities:circle_print": ("activities:circle_print", "login deny deny deny deny deny"),
    "activities:share_circle": ("activities:share_circle", "login post post post post post"),
    "activities:delete_circle": ("activities:delete_circle", "login post post post post post"),
    "activities:resuggest_week": ("activities:resuggest_week", "login post post post post post"),
    "activities:save_week": ("activities:save_week", "login post post post post post"),
    "activities:shared_circle": ("activities:shared_circle", "ok ok ok ok ok ok"),
    "activities:shared_circle:revoked": ("activities:revoked_circle", "deny deny deny deny deny deny"),
    "activities:shared_circle_print": ("activities:shared_circle_print", "ok ok ok ok ok ok"),
    "activities:copy_circle": ("activities:copy_circle", "login post post post post post"),
    # Field reports: any member files one; only its author changes it; moderators hide (POST).
    "reports:file": ("reports:file", "login ok ok ok ok ok"),
    "reports:edit": ("reports:edit", "login deny ok deny deny deny"),
    "reports:hide": ("reports:hide", "login post post post post post"),
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


def build_site():
    """One of everything, owned by someone who is not among the roles (sam),
    except the facilitator's own draft submission; a user for each role."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from activities.models import ActivityPage
    from forum.models import Notification
    from tests.factories.activities import (
        ActivityIndexPageFactory,
        ActivityPageFactory,
        CirclePlanFactory,
        SavedPlanFactory,
        StandardPageFactory,
        about_page,
        in_service,
    )
    from tests.factories.core import AdminFactory, EditorFactory, ModeratorFactory, UserFactory, home_pages
    from tests.factories.forum import CategoryFactory, NotificationFactory, PostFactory, ThreadFactory
    from tests.factories.guides import GuideIndexPageFactory, GuidePageFactory

    homes = home_pages()
    home = homes["en"]
    for factory_class, username in (
        (EditorFactory, "editor"),
        (ModeratorFactory, "moderator"),
        (AdminFactory, "admin"),
    ):
        factory_class(username=username)
    facilitator = UserFactory(username="facilitator", is_facilitator=True, veteran=True)
    sam = UserFactory(username="sam", display_name="Sam Okafor", veteran=True)
    category = CategoryFactory(name="Facilitation", slug="facilitation", order=0)
    thread = ThreadFactory(category=category, author=sam, tags=["check-in"], replies=0)
    post = thread.posts.order_by("pk").first()
    PostFactory(thread=thread)
    hidden = ThreadFactory(category=category, title="A thread a moderator hid")
    hidden.is_hidden = True
    hidden.save(update_fields=["is_hidden"])
    tag = thread.tags.first()
    notification = NotificationFactory(recipient=sam, kind=Notification.Kind.REPLY, post=post)
    library = in_service(ActivityIndexPageFactory(parent=home))
    activity = ActivityPageFactory(parent=library)
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
    about = about_page(homes)
    draft = StandardPageFactory(parent=about, title="Unpublished", slug="unpublished", live=False)
    guide_index = in_service(GuideIndexPageFactory(parent=home))
    guide = GuidePageFactory(parent=guide_index, title="What is a learning circle?")
    plan = SavedPlanFactory(owner=sam, name="Sam's plan", query="budget=90")
    from tests.factories.reports import FieldReportFactory

    report = FieldReportFactory(activity=activity, author=facilitator, note="It went well.")
    plan.share()
    circle = CirclePlanFactory(owner=sam, name="Sam's circle")
    circle.share()
    revoked = CirclePlanFactory(owner=sam, name="No longer shared")
    revoked_token = revoked.share()
    revoked.revoke()
    document = Document(title="Agenda")
    document.file.save("agenda.txt", ContentFile(b"check-in, activity, reflection"), save=True)

    # Page ids: their URLs are read in each test (the Site's root paths are cached).
    pages = {
        "home": home.pk,
        "about": about.pk,
        "guide_index": guide_index.pk,
        "guide": guide.pk,
        "activity_index": library.pk,
        "activity": activity.pk,
        "draft": draft.pk,
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
        "forum:draft": {"pk": thread.pk},
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
        "forum:member_trust": {"username": "sam"},
        "forum:edit_thread_details": {"pk": thread.pk},
        "forum:bookmark": {"pk": post.pk},
        "activities:submission": {"page_id": submission.pk},
        "activities:edit": {"page_id": submission.pk},
        "activities:delete_plan": {"plan_id": plan.pk},
        "reports:file": {"page_id": activity.pk},
        "reports:edit": {"report_id": report.pk},
        "reports:hide": {"report_id": report.pk},
        "activities:share_plan": {"plan_id": plan.pk},
        "activities:shared_plan": {"token": plan.share_token},
        "activities:copy_plan": {"token": plan.share_token},
        "activities:circle": {"circle_id": circle.pk},
        "activities:circle_print": {"circle_id": circle.pk},
        "activities:share_circle": {"circle_id": circle.pk},
        "activities:delete_circle": {"circle_id": circle.pk},
        "activities:resuggest_week": {"circle_id": circle.pk, "number": 1},
        "activities:save_week": {"circle_id": circle.pk, "number": 1},
        "activities:shared_circle": {"token": circle.share_token},
        "activities:shared_circle_print": {"token": circle.share_token},
        "activities:copy_circle": {"token": circle.share_token},
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
        "activities:revoked_circle": reverse("activities:shared_circle", kwargs={"token": revoked_token}),
        "activities:revoked_plan": reverse("activities:shared_plan", kwargs={"token": "not-a-shared-plan"}),
    }
    return {
        "pages": pages,
        "kwargs": kwargs,
        "special": special,
        "pks": {
            "post": post.pk,
            "thread": thread.pk,
            "plan": plan.pk,
            "report": report.pk,
            "circle": circle.pk,
            "submission": submission.pk,
            "sam": sam.pk,
        },
    }


def unsubscribe_token(user):
    from forum.notifications import unsubscribe_token

    return unsubscribe_token(user)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The objects, made once for the module (tests/factories); each test's
    changes roll back to a savepoint inside."""
    from tests.factories.activities import for_the_module

    with for_the_module(django_db_blocker, build_site) as made:
        yield made


@pytest.fixture
def objects(site, db, member):
    """The module's objects, read afresh for each test."""
    from wagtail.models import Page

    from activities.models import ActivityPage, CirclePlan, SavedPlan
    from forum.models import Post, Thread

    pages, kwargs, special = site["pages"], site["kwargs"], site["special"]

    def url_for(target):
        if target.startswith("page:"):
            name = target.removeprefix("page:")
            if name == "draft":  # not live: no URL of its own to read, but its address
                return f"{Page.objects.get(pk=pages['about']).url}{Page.objects.get(pk=pages[name]).slug}/"
            return Page.objects.get(pk=pages[name]).url
        if target in special:
            return special[target]
        return reverse(target, kwargs=kwargs.get(target, {}))

    pks = site["pks"]
    return {
        "url_for": url_for,
        "post": Post.objects.get(pk=pks["post"]),
        "thread": Thread.objects.get(pk=pks["thread"]),
        "plan": SavedPlan.objects.get(pk=pks["plan"]),
        "circle": CirclePlan.objects.get(pk=pks["circle"]),
        "submission": ActivityPage.objects.get(pk=pks["submission"]),
        "sam": type(member).objects.get(pk=pks["sam"]),
        "report": _field_report(pks["report"]),
    }


def _field_report(pk):
    from reports.models import FieldReport

    return FieldReport.objects.get(pk=pk)


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


def test_member_saves_only_their_own_draft_and_none_in_a_hidden_thread(client, member, objects):
    from forum.models import Draft, Thread

    thread = objects["thread"]
    client.force_login(member)
    url = reverse("forum:draft", kwargs={"pk": thread.pk})
    assert client.post(url, {"source": "Mine"}, HTTP_ACCEPT="application/json").status_code == 200
    assert list(Draft.objects.filter(thread=thread).values_list("user", flat=True)) == [member.pk]
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    assert client.post(url, {"source": "Mine again"}).status_code == 404
    assert Draft.objects.get(thread=thread).source == "Mine"


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


def test_only_moderators_hide_a_field_report(client, member, objects, django_user_model):
    report = objects["report"]
    url = reverse("reports:hide", kwargs={"report_id": report.pk})
    for username in ("facilitator", "editor"):  # its author, an editor
        client.force_login(django_user_model.objects.get(username=username))
        assert client.post(url).status_code == 403
    client.force_login(member)
    assert client.post(url).status_code == 403
    report.refresh_from_db()
    assert not report.hidden
    client.force_login(django_user_model.objects.get(username="moderator"))
    assert client.post(url).status_code == 302
    report.refresh_from_db()
    assert report.hidden


def test_member_cannot_change_someone_elses_field_report(client, member, objects):
    report = objects["report"]
    client.force_login(member)
    response = client.post(
        reverse("reports:edit", kwargs={"report_id": report.pk}),
        {
            "met_on": str(report.met_on),
            "minutes": "99",
            "people": "5",
            "setting": "online",
            "language": "en",
            "outcome": "1",
        },
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.minutes == 12


def test_member_cannot_delete_someone_elses_plan(client, member, objects):
    plan = objects["plan"]
    client.force_login(member)
    response = client.post(reverse("activities:delete_plan", kwargs={"plan_id": plan.pk}))
    assert response.status_code == 404
    assert type(plan).objects.filter(pk=plan.pk).exists()
    client.force_login(objects["sam"])
    assert client.post(reverse("activities:delete_plan", kwargs={"plan_id": plan.pk})).status_code == 302
    assert not type(plan).objects.filter(pk=plan.pk).exists()


def test_member_cannot_change_share_or_delete_someone_elses_circle(client, member, objects):
    circle = objects["circle"]
    before = [(week.number, week.query) for week in circle.weeks.all()]
    client.force_login(member)
    for action in ("share", "delete", "weeks/1/suggest", "weeks/1/save"):
        url = f"/en/library/circles/{circle.pk}/{action}/"
        assert client.post(url, {"action": "revoke", "query": "budget=30"}).status_code == 404
    circle.refresh_from_db()
    assert circle.is_shared and [(week.number, week.query) for week in circle.weeks.all()] == before
    # The shared link lets the member read it and copy it into their own, nothing more.
    assert client.post(f"/en/library/circles/shared/{circle.share_token}/copy/").status_code == 302
    assert type(circle).objects.filter(owner=member, name=circle.name).exists()
    assert [(week.number, week.query) for week in circle.weeks.all()] == before


def test_member_cannot_share_someone_elses_plan(client, member, objects):
    plan = objects["plan"]
    client.force_login(member)
    url = reverse("activities:share_plan", kwargs={"plan_id": plan.pk})
    assert client.post(url, {"action": "revoke"}).status_code == 404
    plan.refresh_from_db()
    assert plan.is_shared


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
