"""The forum with several people at once, each in a browser of their own.

Demo members joined when the demo was seeded, so the forum treats them as new
members (30 s between posts, 120 s between threads, at most 2 links per post).
Each journey gives every post to a different member and puts no links in the
text (the quote's attribution and the @mention are the only two), so no test
ever has to wait for a cooldown."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import unique

pytestmark = pytest.mark.e2e


def unread_count(page):
    """The unread badge on the header's Notifications link (0 when there is none)."""
    link = page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name=re.compile(r"^Notifications")
    )
    expect(link).to_be_visible()
    found = re.search(r"(\d+)", link.inner_text())
    return int(found.group(1)) if found else 0


def test_member_starts_a_thread_another_quotes_and_mentions_her_and_she_is_notified(person, server):
    title = f"Keeping the closing round short ({unique('e2e')})"
    opening_text = "How do you stop the closing round from running over? Ours took twenty minutes last week."

    fatima = person("facilitator")
    fatima.goto(f"{server['url']}/en/forum/")
    fatima.get_by_role("navigation", name="Forum").get_by_role("link", name="Start a thread").click()
    expect(fatima.get_by_role("heading", level=1)).to_have_text("Start a thread")
    fatima.get_by_label("Category").select_option(label="Facilitation")
    fatima.get_by_label("Title").fill(title)
    fatima.get_by_label("Your message").fill(opening_text)
    fatima.get_by_label("Tags").fill("closing, time")
    fatima.get_by_role("button", name="Preview").click()
    expect(fatima.get_by_role("region", name="Preview")).to_contain_text(opening_text)
    expect(fatima.get_by_label("Title")).to_have_value(title)
    fatima.get_by_role("button", name="Start the thread").click()

    expect(fatima.get_by_role("heading", level=1)).to_have_text(title)
    expect(fatima.get_by_text("Your thread has been started.")).to_be_visible()
    expect(fatima.get_by_text("You are notified of replies.")).to_be_visible()
    thread_url = fatima.url
    before = unread_count(fatima)

    # Sam quotes her opening post and mentions her.
    sam = person("sam")
    sam.goto(thread_url)
    opening = sam.get_by_role("article", name="Fatima Facilitator")
    expect(opening).to_contain_text(opening_text)
    opening.get_by_role("link", name="Quote").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text(f"Reply to “{title}”")
    reply_box = sam.get_by_label("Your reply")
    expect(reply_box).to_have_value(re.compile(r"^\[Fatima Facilitator wrote\]\(\S+\):\n> How do you stop"))
    reply_box.fill(
        reply_box.input_value() + "@facilitator we pass a talking object round once and stop when it is back."
    )
    sam.get_by_role("button", name="Post reply").click()

    expect(sam).to_have_url(re.compile(r"#post-\d+$"))
    expect(sam.get_by_text("Your reply has been posted.")).to_be_visible()
    reply = sam.get_by_role("article", name="Sam Okafor").filter(has_text="talking object")
    expect(reply.locator("blockquote")).to_contain_text(opening_text)
    expect(reply.get_by_role("link", name="Fatima Facilitator wrote")).to_be_visible()
    mention = reply.get_by_role("link", name="@facilitator")
    expect(mention).to_have_attribute("href", re.compile(r"/members/facilitator/$"))

    # Fatima, elsewhere on the site, sees one more unread notification (on
    # the thread page itself she would be reading the reply, marking it read).
    fatima.goto(f"{server['url']}/en/forum/")
    assert unread_count(fatima) == before + 1
    fatima.get_by_role("navigation", name="Your account").get_by_role(
        "link", name=re.compile(r"^Notifications")
    ).click()
    expect(fatima.get_by_role("heading", level=1)).to_have_text("Notifications")
    newest = fatima.locator("ol.notification-list > li").first
    expect(newest.get_by_role("link")).to_have_text(f"Sam Okafor mentioned you in “{title}”")
    expect(newest).to_contain_text("New")
    newest.get_by_role("link").click()
    expect(fatima).to_have_url(re.compile(r"/forum/t/\d+-[\w-]+/(\?page=\d+)?#post-\d+$"))
    expect(fatima.get_by_role("article", name="Sam Okafor").filter(has_text="talking object")).to_be_visible()
    assert unread_count(fatima) == before


def test_moderator_hides_a_flagged_post_and_visitors_no_longer_see_it(person, page, server):
    marker = unique("raffle")
    text = f"Buy tickets for our bake sale raffle, code {marker}, at the front desk this Saturday!"

    # Lucía posts something off-topic in a demo thread.
    lucia = person("lucia")
    lucia.goto(f"{server['url']}/en/forum/latest/")
    lucia.get_by_role("link", name="Pitching learning circles to a branch manager").click()
    thread_url = lucia.url
    lucia.get_by_label("Your reply").fill(text)
    lucia.get_by_role("button", name="Post reply").click()
    expect(lucia.get_by_text("Your reply has been posted.")).to_be_visible()
    post = lucia.get_by_role("article", name="Lucía Romero").filter(has_text=marker)
    expect(post).to_be_visible()

    # Sam flags it.
    sam = person("sam")
    sam.goto(thread_url)
    sam.get_by_role("article", name="Lucía Romero").filter(has_text=marker).get_by_role(
        "link", name="Flag"
    ).click()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Flag a post for the moderators")
    sam.get_by_label("It is off-topic for this thread").check()
    sam.get_by_role("button", name="Send to the moderators").click()
    expect(sam.get_by_text("Thank you. A moderator will look at this post.")).to_be_visible()

    # A visitor can still read it at this point.
    page.goto(thread_url)
    expect(page.get_by_text(marker)).to_be_visible()

    # The moderator finds it in the queue and hides it.
    moderator = person("moderator")
    moderator.goto(f"{server['url']}/en/forum/")
    moderator.get_by_role("navigation", name="Forum").get_by_role("link", name="Moderation").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Moderation")
    flagged = moderator.locator("li.queue-item").filter(has_text=marker)
    expect(flagged).to_contain_text("1 open flag")
    expect(flagged).to_contain_text("It is off-topic for this thread")
    flagged.get_by_label("Note for the moderation log").fill("Advertising, off-topic")
    flagged.get_by_role("button", name="Hide the post and resolve").click()
    expect(moderator.get_by_text("The post is hidden.")).to_be_visible()
    expect(moderator.locator("li.queue-item").filter(has_text=marker)).to_have_count(0)

    # Visitors (the cached page has moved on) and other members no longer see the text.
    page.goto(thread_url)
    expect(page.get_by_text(marker)).to_have_count(0)
    expect(
        page.get_by_role("article", name="Lucía Romero").filter(
            has_text="This post was hidden by a moderator."
        )
    ).to_have_count(1)
    sam.reload()
    expect(sam.get_by_text(marker)).to_have_count(0)
    # Its author still sees it, marked as hidden.
    lucia.reload()
    hidden = lucia.get_by_role("article", name="Lucía Romero").filter(has_text=marker)
    expect(hidden).to_contain_text("Hidden by a moderator: only its author and moderators can see it.")
    # And the moderation log records who did it.
    moderator.get_by_role("link", name="Moderation log", exact=True).click()
    entry = moderator.locator("ol.log-list > li").filter(has_text="Advertising, off-topic")
    expect(entry).to_contain_text("Marcus Moderator")
    expect(entry).to_contain_text("Pitching learning circles to a branch manager")
