"""The block library (core/blocks.py, with the activity card of activities/blocks.py): every block renders its value,
copes with bad or missing values, validates what editors type, and has a
template, a description and an admin preview."""

import io
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import reverse
from wagtail.blocks import StreamValue
from wagtail.embeds.exceptions import EmbedNotFoundException

from guides.models import GuidePage

pytestmark = pytest.mark.django_db

BODY = GuidePage._meta.get_field("body").stream_block


def render(name, value, context=None):
    block = BODY.child_blocks[name]
    return BeautifulSoup(block.render(block.to_python(value), context=context), "html.parser")


def clean(name, value):
    block = BODY.child_blocks[name]
    return block.clean(block.to_python(value))


def stream(*items):
    return StreamValue(BODY, [{"type": kind, "value": value} for kind, value in items], is_lazy=True)


# Every block --------------------------------------------------------------


@pytest.mark.parametrize("name", list(BODY.child_blocks))
def test_every_block_has_its_own_template_a_description_and_a_preview(name):
    block = BODY.child_blocks[name]
    assert block.meta.template.split("/")[-2] == "blocks"  # templates/blocks/ or <app>/blocks/
    get_template(block.meta.template)
    assert str(block.get_description())
    assert block.is_previewable
    assert block.get_preview_template(block.get_preview_value()) == "blocks/preview.html"


@pytest.mark.parametrize("name", list(BODY.child_blocks))
def test_every_block_preview_renders_in_the_admin(client, admin_user, name):
    client.force_login(admin_user)
    block = BODY.child_blocks[name]
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("link", href=lambda href: href and href.endswith("css/site.css"))
    assert page.select_one(f".block-{name}") is not None


def test_the_body_offers_the_whole_library():
    assert set(BODY.child_blocks) == {
        "heading",
        "paragraph",
        "callout",
        "steps",
        "image",
        "video",
        "quote",
        "faq",
        "agenda",
        "activity",
    }


# Headings and rich text ---------------------------------------------------


def test_heading_gets_an_anchor_and_its_level():
    html = render("heading", {"text": "Before the first meeting", "level": "h3"})
    heading = html.find("h3")
    assert heading["id"] == "before-the-first-meeting"
    assert heading.get_text() == "Before the first meeting"


def test_heading_without_text_renders_nothing():
    assert render("heading", {"text": "", "level": "h2"}).get_text().strip() == ""
    assert render("heading", {}).find(["h2", "h3"]) is None


def test_repeated_and_reserved_headings_get_unique_anchors_in_a_body():
    body = stream(
        ("heading", {"text": "Check-in", "level": "h2"}),
        ("heading", {"text": "Check-in", "level": "h3"}),
        ("heading", {"text": "Main", "level": "h2"}),
        ("heading", {"text": "¿?", "level": "h2"}),
    )
    html = BeautifulSoup(BODY.render(body), "html.parser")
    ids = [heading["id"] for heading in html.find_all(["h2", "h3"])]
    assert ids == ["check-in", "check-in-2", "main-2", "section"]


def test_paragraph_renders_rich_text_and_nothing_when_empty():
    html = render("paragraph", "<p>Free, <b>peer-led</b> learning.</p>")
    assert html.select_one(".rich-text b").get_text() == "peer-led"
    assert render("paragraph", "").get_text().strip() == ""


# Callout, steps, quote, FAQ ------------------------------------------------


@pytest.mark.parametrize(
    "kind, label", [("tip", "Tip"), ("watch_out", "Watch out"), ("example", "Example"), ("bogus", "Tip")]
)
def test_callout_says_its_kind_in_words(kind, label):
    html = render("callout", {"kind": kind, "title": "Arrive early", "text": "<p>Set out chairs.</p>"})
    box = html.select_one(".callout")
    assert box["role"] == "note"
    # The kind is written out, not only shown by colour; unknown kinds fall back to a tip.
    assert box.select_one(".callout-kind").get_text() == label
    assert "Set out chairs." in box.get_text()


def test_callout_without_text_renders_nothing():
    assert render("callout", {"kind": "tip", "title": "Empty", "text": ""}).select_one(".callout") is None


def test_steps_are_an_ordered_list_and_skip_untitled_steps():
    html = render(
        "steps",
        {
            "title": "Set up",
            "steps": [
                {"title": "Book the room", "detail": "<p>Ask for the wifi password.</p>"},
                {"title": "", "detail": "<p>Lost detail</p>"},
                {"title": "Arrange chairs", "detail": ""},
            ],
        },
    )
    items = html.select("ol.steps-list > li")
    assert [item.select_one(".step-title").get_text() for item in items] == [
        "Book the room",
        "Arrange chairs",
    ]
    assert "wifi password" in items[0].get_text()
    assert render("steps", {"title": "Nothing", "steps": []}).select_one(".steps") is None


def test_steps_need_at_least_one_step():
    with pytest.raises(ValidationError):
        clean("steps", {"title": "", "steps": []})


def test_quote_with_and_without_attribution():
    html = render("quote", {"quote": "Bring your curiosity.", "attribution": "The handbook"})
    assert html.select_one("blockquote").get_text(strip=True) == "Bring your curiosity."
    assert html.select_one("figcaption").get_text() == "The handbook"
    assert render("quote", {"quote": "Alone.", "attribution": ""}).select_one("figcaption") is None
    assert render("quote", {"quote": "", "attribution": "Nobody"}).select_one("figure") is None


def test_faq_lists_each_question_with_its_answer_open():
    html = render(
        "faq",
        {
            "title": "Questions",
            "questions": [
                {"question": "How big is a circle?", "answer": "<p>Four to twelve.</p>"},
                {"question": "", "answer": "<p>Orphan answer</p>"},
            ],
        },
    )
    assert [dt.get_text() for dt in html.select("dt")] == ["How big is a circle?"]
    assert html.select_one("dd").get_text(strip=True) == "Four to twelve."
    # No <details>: answers are visible, and print.
    assert html.find("details") is None
    assert render("faq", {"title": "None yet", "questions": []}).select_one(".faq") is None


# Meeting agenda --------------------------------------------------------------

AGENDA = {
    "title": "A 90-minute meeting",
    "planned_minutes": 90,
    "phases": [
        {"name": "Check-in", "minutes": 10, "notes": "Everyone speaks."},
        {"name": "Activity", "minutes": 15, "notes": ""},
        {"name": "Coursework", "minutes": 55, "notes": ""},
        {"name": "Plus/delta", "minutes": 10, "notes": ""},
    ],
}


def test_agenda_shows_times_and_the_total():
    html = render("agenda", AGENDA)
    rows = html.select("tbody tr")
    assert [row.select_one(".agenda-time").get_text() for row in rows] == [
        "0:00–0:10",
        "0:10–0:25",
        "0:25–1:20",
        "1:20–1:30",
    ]
    assert html.select_one(".agenda-total").get_text() == "90 minutes"
    assert html.select_one("caption").get_text() == "A 90-minute meeting"


def test_agenda_total_is_the_sum_of_the_phases():
    value = BODY.child_blocks["agenda"].to_python(AGENDA)
    assert value.total_minutes == 90
    value = BODY.child_blocks["agenda"].to_python({**AGENDA, "phases": AGENDA["phases"][:2]})
    assert value.total_minutes == 25


def test_empty_agenda_renders_nothing():
    assert render("agenda", {"title": "Empty", "planned_minutes": None, "phases": []}).find("table") is None
    assert render("agenda", {}).find("table") is None


def test_agenda_phase_without_minutes_is_listed_untimed_and_not_counted():
    html = render(
        "agenda",
        {"phases": [{"name": "Check-in", "minutes": 10}, {"name": "Open time", "minutes": None}]},
    )
    rows = html.select("tbody tr")
    assert rows[1].select_one(".agenda-time").get_text() == "—"
    assert html.select_one(".agenda-total").get_text() == "10 minutes"
    assert html.select_one("caption").get_text() == "Meeting agenda"


def test_agenda_accepts_phases_that_add_up_to_the_planned_length():
    assert clean("agenda", AGENDA).total_minutes == 90
    assert clean("agenda", {**AGENDA, "planned_minutes": None}).total_minutes == 90


def test_agenda_refuses_phases_that_do_not_add_up():
    with pytest.raises(ValidationError) as error:
        clean("agenda", {**AGENDA, "planned_minutes": 120})
    message = str(error.value.block_errors["planned_minutes"].messages)
    assert "90 minutes, not 120" in message


def test_agenda_refuses_no_phases_and_absurd_lengths():
    with pytest.raises(ValidationError):
        clean("agenda", {"title": "", "planned_minutes": None, "phases": []})
    long_phases = [{"name": f"Part {n}", "minutes": 240, "notes": ""} for n in range(3)]
    with pytest.raises(ValidationError) as error:
        clean("agenda", {"title": "", "planned_minutes": None, "phases": long_phases})
    assert "720 minutes" in str(error.value.non_block_errors)


# Image -----------------------------------------------------------------------


@pytest.fixture
def image(settings, tmp_path):
    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1200, 800), (11, 110, 79)).save(buffer, "PNG")
    return get_image_model().objects.create(title="Circle", file=ImageFile(buffer, name="circle.png"))


def test_image_renders_with_alt_text_and_caption(image):
    html = render(
        "image", {"image": image.pk, "alt_text": "Six people around a table", "caption": "Week three."}
    )
    img = html.select_one("figure img")
    assert img["alt"] == "Six people around a table"
    assert img["srcset"]
    assert html.select_one("figcaption").get_text() == "Week three."


def test_image_block_without_an_image_renders_nothing(image):
    assert render("image", {"image": None, "alt_text": "Lost", "caption": ""}).find("img") is None
    deleted = image.pk
    image.delete()
    assert (
        render("image", {"image": deleted, "alt_text": "Deleted", "caption": "Gone"}).find("figure") is None
    )


def test_image_needs_alt_text_that_describes_it(image):
    with pytest.raises(ValidationError) as error:
        clean("image", {"image": image.pk, "alt_text": "", "caption": ""})
    assert "alt_text" in error.value.block_errors
    with pytest.raises(ValidationError) as error:
        clean("image", {"image": image.pk, "alt_text": "IMG_2041.JPG", "caption": ""})
    assert "file name" in str(error.value.block_errors["alt_text"].messages)
    assert clean("image", {"image": image.pk, "alt_text": "A circle of chairs", "caption": ""})


# Video -----------------------------------------------------------------------

VIDEO = {
    "video": "https://www.youtube.com/watch?v=abc123",
    "title": "Why circles work",
    "caption": "Two minutes.",
}


@pytest.fixture
def embed_found(monkeypatch):
    def get_embed(url, *args, **kwargs):
        return SimpleNamespace(
            html='<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Why"></iframe>'
        )

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", get_embed)


@pytest.fixture
def embed_missing(monkeypatch):
    def get_embed(url, *args, **kwargs):
        raise EmbedNotFoundException

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", get_embed)


def test_video_embeds_and_links_to_the_video(embed_found):
    html = render("video", VIDEO)
    assert html.select_one(".video-frame iframe") is not None
    link = html.select_one("a.video-link")
    assert link["href"] == VIDEO["video"]
    assert "youtube.com" in link.get_text()
    assert "Two minutes." in html.get_text()


def test_video_that_cannot_be_embedded_falls_back_to_a_link(embed_missing):
    html = render("video", VIDEO)
    assert html.find("iframe") is None
    assert html.select_one("a.video-link")["href"] == VIDEO["video"]
    assert "Why circles work" in html.get_text()


def test_video_without_a_link_shows_only_its_title(embed_missing):
    html = render("video", {**VIDEO, "video": ""})
    assert html.find("a") is None and html.find("iframe") is None
    assert render("video", {"video": "", "title": "", "caption": ""}).find("figure") is None


def test_video_must_come_from_youtube_or_vimeo(embed_found):
    assert clean("video", VIDEO)
    assert clean("video", {**VIDEO, "video": "https://vimeo.com/12345"})
    with pytest.raises(ValidationError) as error:
        clean("video", {**VIDEO, "video": "https://videos.example.com/watch/1"})
    assert "video" in error.value.block_errors


# Activity --------------------------------------------------------------------


def test_activity_block_shows_the_activity_card(make_activity):
    activity = make_activity("Pair share", "pair-share")
    html = render("activity", {"activity": activity.pk, "note": "Use it in week one."})
    assert html.select_one(".activity-note").get_text() == "Use it in week one."
    link = html.select_one(".activity-embed a")
    assert link.get_text() == "Pair share"
    assert link["href"].endswith("/pair-share/")


def test_activity_block_with_a_deleted_activity_renders_nothing(make_activity):
    activity = make_activity("Short lived", "short-lived")
    deleted = activity.pk
    activity.delete()
    assert render("activity", {"activity": deleted, "note": "Gone"}).get_text().strip() == ""
    assert render("activity", {"activity": None, "note": "Never chosen"}).get_text().strip() == ""


def test_activity_block_hides_an_unpublished_activity_but_tells_editors_in_preview(make_activity):
    activity = make_activity("Withdrawn", "withdrawn")
    activity.unpublish()
    assert render("activity", {"activity": activity.pk, "note": ""}).get_text().strip() == ""
    request = RequestFactory().get("/")
    request.is_preview = True
    html = render("activity", {"activity": activity.pk, "note": ""}, context={"request": request})
    assert html.select_one(".editor-note") is not None


def test_activity_block_shows_the_translation_in_the_guides_language(make_activity, make_guide):
    from wagtail.models import Locale

    activity = make_activity("Warm up", "warm-up")
    spanish = activity.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.title = "Calentamiento"
    spanish.save_revision().publish()
    guide = make_guide("Uses an activity", body=[{"type": "activity", "value": {"activity": activity.pk}}])
    assert guide.activity_pages() == {activity.pk: activity}
    spanish_guide = guide.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish_guide.save_revision().publish()
    spanish_guide.refresh_from_db()
    shown = spanish_guide.activity_pages()[activity.pk]
    assert shown.title == "Calentamiento"
