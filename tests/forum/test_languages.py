"""The forum in three languages: categories are named in the reader's
language, their slugs the same in every language."""

import re

import pytest

from tests.factories.forum import CategoryFactory


def at(url, language):
    """`url` under the `language` prefix, whatever language it was built in."""
    return re.sub(r"^/[a-z]{2}/", f"/{language}/", url)


@pytest.fixture
def category(db):
    return CategoryFactory(
        name="Facilitation",
        slug="facilitation-x",
        description="Running meetings.",
        name_es="Facilitación",
        name_fr="Animation",
        description_es="Cómo llevar las reuniones.",
        description_fr="Animer les séances.",
    )


@pytest.mark.parametrize(
    ("language", "name", "description"),
    [
        ("en", "Facilitation", "Running meetings."),
        ("es", "Facilitación", "Cómo llevar las reuniones."),
        ("fr", "Animation", "Animer les séances."),
    ],
)
def test_a_category_is_named_in_the_readers_language_at_the_same_address(
    client, category, language, name, description
):
    response = client.get(f"/{language}/forum/c/{category.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{name}</h1>" in html
    assert description in html
    index = client.get(f"/{language}/forum/").content.decode()
    assert f'href="/{language}/forum/c/{category.slug}/">{name}</a>' in index


def test_a_category_without_a_translation_keeps_its_name(client, db):
    category = CategoryFactory(name="Site feedback", slug="site-feedback-x")
    assert "<h1>Site feedback</h1>" in client.get(f"/fr/forum/c/{category.slug}/").content.decode()


def test_demo_categories_have_spanish_and_french_names():
    from forum import demo

    for spec in demo.categories():
        for field in ("name_es", "name_fr", "description_es", "description_fr"):
            assert spec.get(field), f"{spec['slug']} has no {field}"


# Content keeps its language ----------------------------------------------------


@pytest.fixture
def spanish_thread(db):
    from django.utils import translation

    from forum.models import Thread
    from tests.factories.forum import MemberFactory

    category = CategoryFactory(name="Libraries", slug="libraries-x")
    with translation.override("es"):
        thread = Thread.start(
            category=category, author=MemberFactory(), title="¿Cómo empezar?", source="Hola a todos."
        )
    return thread


def test_a_thread_records_the_language_it_was_written_in(spanish_thread):
    assert spanish_thread.language == "es"
    assert spanish_thread.first_post.language == "es"


def test_a_thread_started_from_the_french_site_is_french(client, db):
    from forum.models import Thread
    from tests.factories.forum import MemberFactory

    category = CategoryFactory(name="Any", slug="any-x")
    client.force_login(MemberFactory())
    response = client.post(
        "/fr/forum/new/",
        {
            "category": category.pk,
            "title": "Comment commencer un cercle ?",
            "source": "Bonjour à toutes et à tous, je débute.",
            "submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    thread = Thread.objects.get(title="Comment commencer un cercle ?")
    assert thread.language == "fr"
    assert thread.first_post.language == "fr"


@pytest.mark.parametrize("interface", ["en", "fr"])
def test_a_spanish_thread_is_marked_spanish_wherever_it_is_shown(client, spanish_thread, interface):
    thread_page = client.get(at(spanish_thread.get_absolute_url(), interface)).content.decode()
    assert '<h1 lang="es">¿Cómo empezar?</h1>' in thread_page
    assert 'class="post-body prose" lang="es"' in thread_page
    for path in (f"/{interface}/forum/latest/", f"/{interface}/forum/c/libraries-x/", f"/{interface}/forum/"):
        assert 'lang="es">¿Cómo empezar?</a>' in client.get(path).content.decode(), path


def test_feed_entries_carry_their_language(client, spanish_thread):
    feed = client.get("/en/forum/feeds/latest/").content.decode()
    assert '<entry xml:lang="es">' in feed


def test_lists_filter_by_language(client, spanish_thread):
    from tests.factories.forum import PostFactory, ThreadFactory

    english = ThreadFactory(category=spanish_thread.category, title="How to start?")
    PostFactory(thread=english)
    spanish_only = client.get("/en/forum/c/libraries-x/?language=es").content.decode()
    assert "¿Cómo empezar?" in spanish_only and "How to start?" not in spanish_only
    everything = client.get("/en/forum/c/libraries-x/").content.decode()
    assert "¿Cómo empezar?" in everything and "How to start?" in everything
    assert 'href="?language=es"' in everything


# Links keep the reader's language ---------------------------------------------


def test_mention_links_carry_the_readers_language(client, db):
    from forum import actions
    from tests.factories.forum import MemberFactory, ThreadFactory

    MemberFactory(username="sam")
    thread = ThreadFactory(title="Mentions")
    actions.reply(thread, author=MemberFactory(), source="Thanks @sam, that helped a great deal.")
    for language in ("en", "es", "fr"):
        html = client.get(at(thread.get_absolute_url(), language)).content.decode()
        assert (
            f'<a href="/{language}/members/sam/" class="mention" rel="nofollow ugc noopener">@sam</a>' in html
        )


def test_stored_html_names_no_language():
    from forum.rendering import in_reader_language

    stored = '<p><a href="/members/sam/" class="mention">@sam</a> <a href="/es/members/ana/" class="mention">@ana</a></p>'
    assert in_reader_language(stored, "fr") == (
        '<p><a href="/fr/members/sam/" class="mention">@sam</a> <a href="/es/members/ana/" class="mention">@ana</a></p>'
    )


def test_notification_mail_links_carry_the_members_language(db, mailoutbox):
    from forum import actions
    from forum.models import ForumProfile
    from tests.factories.forum import MemberFactory, ThreadFactory

    reader = MemberFactory(username="lectora")
    ForumProfile.objects.update_or_create(user=reader, defaults={"email_language": "es"})
    thread = ThreadFactory(title="Mail", author=reader)
    mailoutbox.clear()
    actions.reply(thread, author=MemberFactory(), source="A reply for @lectora to read, with thanks.")
    body = "\n".join(message.body for message in mailoutbox if reader.email in message.to)
    assert "/es/forum/" in body
    assert "/en/" not in body
