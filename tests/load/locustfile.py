"""50 simulated members reading and posting. Driven by tests/load/run.py, which
prepares the site and the accounts; talks to 127.0.0.1 only."""

import itertools
import os
import re
import time
import uuid

from locust import HttpUser, between, task

PASSWORD = os.environ["LOAD_PASSWORD"]
THREAD_IDS = [int(pk) for pk in os.environ["LOAD_THREAD_IDS"].split(",")]
USERNAMES = itertools.cycle(os.environ["LOAD_USERNAMES"].split(","))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ERROR = re.compile(r'class="(?:error|form-errors)"[^>]*>\s*(?:<p>)?([^<]+)')
POST_INTERVAL = 7  # seconds; the forum's cooldown for established members is 5


class Member(HttpUser):
    # Members pause between actions like people do, and never post faster than
    # the forum's cooldown allows (5 s for established accounts).
    wait_time = between(2, 4)

    def on_start(self):
        self.username = next(USERNAMES)
        self.thread_index = THREAD_IDS.index(THREAD_IDS[hash(self.username) % len(THREAD_IDS)])
        self.posted = 0
        self.last_post = 0.0
        response = self.client.get("/en/accounts/login/", name="sign-in form")
        token = CSRF.search(response.text).group(1)
        with self.client.post(
            "/en/accounts/login/",
            data={
                "login": f"{self.username}@load.example",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": f"{self.host}/en/accounts/login/"},
            name="sign in",
            catch_response=True,
        ) as response:
            if "Sign out" not in response.text:
                response.failure(f"{self.username} could not sign in")

    @task(3)
    def read_home(self):
        self.client.get("/en/", name="home")

    @task(3)
    def read_forum(self):
        self.client.get("/en/forum/latest/", name="forum latest")

    @task(4)
    def read_thread(self):
        pk = THREAD_IDS[self.thread_index]
        self.client.get(f"/en/forum/t/{pk}/", name="thread")

    @task(2)
    def read_activities(self):
        self.client.get("/en/activities/", name="activities")

    @task(2)
    def reply(self):
        if time.monotonic() - self.last_post < POST_INTERVAL:
            # Like a person, wait past the forum's cooldown before writing again.
            return self.read_thread()
        pk = THREAD_IDS[self.thread_index]
        form = self.client.get(f"/en/forum/t/{pk}/reply/", name="reply form")
        token = CSRF.search(form.text).group(1)
        marker = f"Load test reply {uuid.uuid4().hex}"
        text = f"{marker}: what worked for us was pairing people up early."
        with self.client.post(
            f"/en/forum/t/{pk}/reply/",
            data={"source": text, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/en/forum/t/{pk}/reply/"},
            name="post reply",
            catch_response=True,
        ) as response:
            # A reply that is accepted redirects to its permalink on the thread page;
            # a refused one re-renders the form (with its text) and a reason.
            if not response.history or f"/forum/t/{pk}" not in response.url or marker not in response.text:
                reason = ERROR.search(response.text)
                response.failure(
                    f"reply refused or lost: {reason.group(1) if reason else response.status_code}"
                )
            else:
                self.posted += 1
                self.last_post = time.monotonic()
