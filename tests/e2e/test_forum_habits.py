"""A regular's habits in a real browser, with forum.js and site.js running:
"Reply" on a post answers it, the reply being written is kept as a draft
across pages, "@fa" suggests Fatima, and times read "… ago"."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_up, unique

pytestmark = pytest.mark.e2e

THREAD = "Keeping the check-in short when everyone wants to talk"


def test_a_member_replies_to_a_post_leaves_and_finds_her_draft_and_mentions_a_member(person, server):
    rita = person()
    sign_up(rita, server, unique("rita"), "Rita Replier")
    rita.goto(f"{server['url']}/en/forum/latest/")
    rita.get_by_role("link", name=THREAD).click()
    thread_url = rita.url
    sam_post = rita.get_by_role("article", name="Sam Okafor").first
    expect(sam_post.locator("a.post-number")).to_have_text(re.compile(r"#2$"))

    # "Reply" on Sam's post sets the form below to answer it (no page load).
    sam_post.get_by_role("link", name="Reply to #2").click()
    expect(rita.locator("#replying-to")).to_contain_text("Replying to #2")
    box = rita.get_by_label("Your reply")
    expect(box).to_be_focused()
    marker = unique("word")
    box.fill(f"The one-word round ({marker}) works for us too, with ")
    box.press_sequentially("@fa")
    option = rita.get_by_role("option", name="Fatima Facilitator (@facilitator)")
    expect(option).to_be_visible()
    box.press("Enter")
    expect(box).to_have_value(re.compile(r"with @facilitator $"))
    box.press_sequentially("keeping the time.")
    expect(rita.get_by_text("Draft saved: it waits here if you leave.")).to_be_visible()

    # She leaves, comes back: the draft is offered back, still answering #2.
    rita.goto(f"{server['url']}/en/forum/latest/")
    rita.goto(thread_url)
    expect(rita.locator("#draft-notice")).to_contain_text("Your unsent reply is back in the box below")
    expect(rita.get_by_label("Your reply")).to_have_value(re.compile(marker))
    expect(rita.locator("#replying-to")).to_contain_text("Replying to #2")

    rita.get_by_role("button", name="Post reply").click()
    expect(rita.get_by_text("Your reply has been posted.")).to_be_visible()
    mine = rita.get_by_role("article", name="Rita Replier").filter(has_text=marker)
    expect(mine.get_by_role("link", name="in reply to #2")).to_be_visible()
    expect(mine.locator(".in-reply-to-preview")).to_contain_text("I ask a question with a short answer")
    # Her post's time is relative, the exact time in its title.
    time = mine.locator(".post-time time")
    expect(time).to_have_text(re.compile(r"now|second|minute"))
    expect(time).to_have_attribute("title", re.compile(r"\d{4}"))
    # The draft is gone once posted.
    rita.goto(thread_url)
    expect(rita.locator("#draft-notice")).to_have_count(0)
