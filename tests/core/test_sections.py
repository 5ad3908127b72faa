"""core.sections: apps add sections to pages other apps own."""

import pytest

from core import sections


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(sections, "_SECTIONS", {})
    return sections


def test_sections_of_a_place_come_in_order_with_what_their_items_return(registry):
    registry.register("b", "b.html", lambda locale: [f"b in {locale}"], order=2)
    registry.register("a", "a.html", lambda locale: [f"a in {locale}"], order=1)
    registry.register("mine", "mine.html", lambda member, request: [member], place=registry.PROFILE)
    filled = registry.filled(registry.HOME, "es")
    assert [(section.key, items) for section, items in filled] == [("a", ["a in es"]), ("b", ["b in es"])]
    assert [(section.key, items) for section, items in registry.filled(registry.PROFILE, "sam", None)] == [
        ("mine", ["sam"])
    ]


def test_the_same_key_in_two_places_is_two_sections(registry):
    registry.register("activity", "home.html", list)
    registry.register("activity", "profile.html", list, place=registry.PROFILE)
    assert [section.template for section in registry.sections(registry.HOME)] == ["home.html"]
    assert [section.template for section in registry.sections(registry.PROFILE)] == ["profile.html"]
