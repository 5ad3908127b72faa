"""A printed guide says where it came from on the configured base URL, not
on whatever Host the request named (nor with its query string)."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_the_print_line_is_on_the_base_url(client, make_guide, settings):
    settings.BASE_URL = "https://circlecommons.example"
    guide = make_guide("Meeting structure")
    response = client.get(guide.url + "?utm=x", HTTP_HOST="localhost")
    printed = BeautifulSoup(response.content, "html.parser").select_one("p.print-only")
    assert printed.get_text(strip=True).endswith(f"https://circlecommons.example{guide.url}")
