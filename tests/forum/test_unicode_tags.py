import pytest
from django.urls import reverse

from forum.models import Thread

pytestmark = pytest.mark.django_db


def test_threads_with_unicode_tags_render_and_link_to_their_tag(client):
    # Found by the load test: a Spanish demo thread tagged "español" answered 500.
    thread = Thread.objects.visible().first()
    thread.tags.add("español")
    tag = thread.tags.get(name="español")
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    tag_url = reverse("forum:tag", kwargs={"slug": tag.slug})
    assert tag_url in response.content.decode()
    listing = client.get(tag_url)
    assert listing.status_code == 200
    assert thread.title in listing.content.decode()
