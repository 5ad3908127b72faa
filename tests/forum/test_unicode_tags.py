import pytest
from django.urls import reverse

from tests.factories.forum import ThreadFactory

pytestmark = pytest.mark.django_db


def test_threads_with_unicode_tags_render_and_link_to_their_tag(client):
    # Found by the load test: a Spanish demo thread tagged "español" answered 500.
    thread = ThreadFactory(title="¿Un hilo de prueba con una etiqueta en español?")
    thread.tags.add("español")
    tag = thread.tags.get(name="español")
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    tag_url = reverse("forum:tag", kwargs={"slug": tag.slug})
    assert tag_url in response.content.decode()
    listing = client.get(tag_url)
    assert listing.status_code == 200
    assert thread.title in listing.content.decode()


# --- Tags that slugify to nothing (issue 11, item 5) ------------------------------


@pytest.mark.parametrize("bad", ["!!!", ">"])
def test_a_tag_with_no_letter_or_digit_is_refused_on_the_form(client, bad):
    from bs4 import BeautifulSoup

    from forum.models import Thread
    from tests.factories.forum import CategoryFactory, MemberFactory

    member, category = MemberFactory(), CategoryFactory()
    client.force_login(member)
    data = {
        "category": category.pk,
        "title": "A thread with a strange tag",
        "source": "Some text that is long enough to be a post.",
        "tags": f"check-in, {bad}",
        "submit": "1",
    }
    response = client.post(reverse("forum:new_thread"), data)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert f"“{bad}” cannot be a tag: a tag needs at least one letter or number." in page.get_text()
    assert page.find("textarea", attrs={"name": "source"}).get_text().strip() == data["source"]
    assert page.find("input", attrs={"name": "tags"})["value"] == data["tags"]
    assert not Thread.objects.filter(title=data["title"]).exists()


def test_an_edit_cannot_add_such_a_tag(client):
    thread = ThreadFactory(title="An opening post whose tags get edited")
    client.force_login(thread.author)
    response = client.post(
        reverse("forum:edit_post", args=[thread.first_post_id]),
        {"title": thread.title, "source": thread.first_post.source + " Edited.", "tags": ">", "submit": "1"},
    )
    assert response.status_code == 200
    assert "cannot be a tag" in response.content.decode()
    assert list(thread.tags.names()) == []


def test_the_model_refuses_such_a_tag_too(category, author):
    from forum.models import Thread

    with pytest.raises(ValueError, match="cannot be a tag"):
        Thread.start(category=category, author=author, title="Tagged badly", source="x" * 30, tags=["!!!"])
    assert not Thread.objects.filter(title="Tagged badly").exists()
    thread = ThreadFactory()
    with pytest.raises(ValueError):
        thread.set_tags(["fine", "?!"])


def test_an_existing_tag_with_an_empty_slug_does_not_break_the_thread_page(client):
    from taggit.models import Tag

    thread = ThreadFactory(title="A thread with an old broken tag")
    thread.tags.add("legacy")
    Tag.objects.filter(name="legacy").update(name="!!!", slug="")
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert "#!!!" in response.content.decode()
