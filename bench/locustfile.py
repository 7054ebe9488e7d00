"""Locust users for the load test (bench/load.py): therapists clicking through the main pages.

Each user signs in through the real sign-in form (GET it, POST the e-mail address, the password
and the CSRF token), then opens pages with a think time of 1 to 3 seconds between clicks: the
patient list (plain, searched, paged), a patient, an intake, findings, progress, the plan
editor and an issued plan, the dashboard, the due list and a stored plan PDF, each as often as
its weight in the sample says (bench/lib/load.py: load_pages).

Closed loop (bench/capacity.py): RUGADEM_LOAD_THINK=0 removes the think time, so each user
sends its next request as soon as the last one answered; the page mix then also saves an intake
section (GET the form for its CSRF token, POST the pain section: a 302 is a save) with the
weight RUGADEM_LOAD_SAVE_WEIGHT. RUGADEM_LOAD_MIX=saves: every user only saves (the SQLite
write-lock measurement: 20 therapists saving at once). RUGADEM_LOAD_MIX=only:<path>: every
user opens that one path (the floor run of bench/capacity.py --floor: the cheapest requests).

The users are locust's FastHttpUser (geventhttpclient): the load generator shares the 2 cores
with the server, and it spends about a quarter of the CPU per request of HttpUser (requests).

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
from locust import FastHttpUser, between, constant, events, task
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
THINK = os.environ.get("RUGADEM_LOAD_THINK", "1")
MIX = os.environ.get("RUGADEM_LOAD_MIX", "pages")
SAVE = SAMPLE.get("intake_save")  # {"url", "data"}: the pain section of a draft intake
SAVE_WEIGHT = float(os.environ.get("RUGADEM_LOAD_SAVE_WEIGHT", "0"))
if SAVE and SAVE_WEIGHT and MIX == "pages":
    PAGES = [*PAGES, {"name": "intake section save", "weight": SAVE_WEIGHT, "urls": ["save"]}]
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


class Therapist(FastHttpUser):
    # Reading the page before the next click; none in the closed-loop capacity test.
    wait_time = between(1, 3) if THINK != "0" else constant(0)

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

    def save_intake(self):
        """Open the intake section and save it (the form's CSRF token, then the POST)."""
        if sent["requests"] >= MAX_REQUESTS:
            raise StopUser()
        form = self.client.get(SAVE["url"], name="intake section form")
        match = TOKEN.search(form.text)
        data = {**SAVE["data"], "csrfmiddlewaretoken": match.group(1) if match else ""}
        with self.client.post(
            SAVE["url"],
            data,
            name="intake section save",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"not saved (status {response.status_code})")

    @task
    def click(self):
        """Open one page, chosen by how often therapists open it (the weights in the sample)."""
        if MIX == "saves":
            self.save_intake()
            return
        if MIX.startswith("only:"):
            self.open(MIX.removeprefix("only:"), MIX)
            return
        page = random.choices(PAGES, weights=[page["weight"] for page in PAGES])[0]
        if page["urls"] == ["save"]:
            self.save_intake()
            return
        self.open(random.choice(page["urls"]), page["name"])
