"""Locust users for the load test (bench/load.py): therapists clicking through the main pages.

Each user signs in through the real sign-in form (GET it, POST the e-mail address, the password
and the CSRF token), then opens pages with a think time of 1 to 3 seconds between clicks: the
patient list (plain, searched, paged), a patient, an intake, findings, progress, the plan
editor and an issued plan, the dashboard, the due list and a stored plan PDF, each as often as
its weight in the sample says (bench/lib/load.py: load_pages).

Bounded: only http://127.0.0.1 is accepted as the host, and after RUGADEM_LOAD_MAX_REQUESTS
requests (default 20,000) every user stops; bench/load.py also passes --run-time.
Reads the seeded records from the JSON file in RUGADEM_LOAD_SAMPLE.
"""

import json
import os
import random
import re
import time
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

SAMPLE = json.loads(Path(os.environ["RUGADEM_LOAD_SAMPLE"]).read_text())
PASSWORD = os.environ["RUGADEM_LOAD_PASSWORD"]
MAX_REQUESTS = int(os.environ.get("RUGADEM_LOAD_MAX_REQUESTS", "20000"))
#: The measured window: it starts SETTLE seconds after the last of USERS has signed in (the
#: statistics are reset then, so the sign-ins' Argon2 hashing and the requests queued behind
#: them do not count) and lasts WINDOW seconds.
USERS = int(os.environ.get("RUGADEM_LOAD_USERS", "1"))
WINDOW = float(os.environ.get("RUGADEM_LOAD_SECONDS", "30"))
SETTLE = 5.0
#: [{"name", "weight", "urls"}]: the pages and their URLs (bench/lib/load.py: load_pages).
PAGES = SAMPLE["pages"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
sent = {"requests": 0}
signed_in = {"ok": 0, "failed": 0, "window_started": None}


@events.test_start.add_listener
def only_loopback(environment, **_kwargs):
    if not re.fullmatch(r"http://127\.0\.0\.1:\d+", environment.host or ""):
        raise SystemExit(f"refusing to load-test {environment.host!r}: only http://127.0.0.1")


@events.request.add_listener
def count(**_kwargs):
    sent["requests"] += 1


@events.test_stop.add_listener
def report(**_kwargs):
    """Write the sign-ins (locust's statistics are reset once every user has signed in)."""
    target = os.environ.get("RUGADEM_LOAD_REPORT")
    if target:
        Path(target).write_text(json.dumps({"sign_in": signed_in, "sent": sent["requests"]}))


class Therapist(HttpUser):
    wait_time = between(1, 3)  # reading the page before the next click

    def on_start(self):
        form = self.client.get(SAMPLE["login_url"], name="sign-in form")
        match = TOKEN.search(form.text)
        data = {
            "login": SAMPLE["email"],
            "password": PASSWORD,
            "csrfmiddlewaretoken": match.group(1) if match else "",
        }
        with self.client.post(
            SAMPLE["login_url"], data, name="sign-in", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                signed_in["failed"] += 1
                response.failure(f"sign-in refused ({response.status_code})")
                self.maybe_start_window()
                raise StopUser()
            signed_in["ok"] += 1
            self.maybe_start_window()

    def maybe_start_window(self):
        """After the last sign-in, let the queue it caused drain, then measure WINDOW seconds."""
        if signed_in["ok"] + signed_in["failed"] == USERS and not signed_in["window_started"]:
            signed_in["window_started"] = time.time() + SETTLE
            gevent.spawn_later(SETTLE, self.environment.stats.reset_all)
            gevent.spawn_later(SETTLE + WINDOW, self.environment.runner.quit)

    def open(self, url: str, name: str):
        if sent["requests"] >= MAX_REQUESTS:
            raise StopUser()
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as page:
            if page.status_code != 200:
                page.failure(f"status {page.status_code}")

    @task
    def click(self):
        """Open one page, chosen by how often therapists open it (the weights in the sample)."""
        page = random.choices(PAGES, weights=[page["weight"] for page in PAGES])[0]
        self.open(random.choice(page["urls"]), page["name"])
