"""Load test (locust, headless): officers report progress with evidence, staff browse the
dashboard and the inbox and move dossiers. Run by bench/run_load.sh, which prepares the
database and passes LOAD_STATE (the JSON bench/prepare_load.py printed).

At the end it prints one line of figures (requests/s, p50, p95, failures), the same for the
requests started after the first minute (LOAD_WARMUP seconds, when every user has signed in:
password hashing is slow on purpose, so sign-ins queue), this process's own CPU time (locust
runs on the same machine as the server) and, for error answers, whether each was the plain
error page (templates/500.html) or leaked a traceback.

Each officer signs in with an account of its own while there are enough (bench/prepare_load.py
makes several per unit, over many units), as real officers would.

Each simulated user names itself in the X-Load-Client header, so bench/proxy.py (several app
servers, SERVERS=2) alternates its requests between the servers. An officer downloads each
file it uploads until a server other than the one that stored it has served it, and checks the
bytes: a file kept on one server's own disk fails there.
"""

import itertools
import json
import os
import random
import re
import resource
import statistics
import time
from collections import Counter

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "thidua2013")
STATE = json.loads(os.environ.get("LOAD_STATE", '{"officers": ["officer"], "dossiers": []}'))
OFFICERS = STATE["officers"]
officer_accounts = itertools.cycle(random.sample(OFFICERS, len(OFFICERS)))
WARMUP = float(os.environ.get("LOAD_WARMUP", "60"))
WAITING_DOSSIERS = list(STATE["dossiers"])  # submitted dossiers for staff to move
PDF = b"%%PDF-1.4\n%% minh chung tai thu %s\n%%%%EOF\n"
PART_LINK = re.compile(r'href="/phan-viec/(\d+)/"')
ERROR_PAGE = "Hệ thống đang gặp sự cố"

timeline = []  # (seconds since start when it ended, failed?, ms it took, page name)
error_pages = Counter()  # "plain error page" / "traceback leaked" / "other"
files = Counter()  # uploads, and their downloads through another server than the uploader's
started = time.monotonic()
clients = itertools.count(1)


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
    timeline.append((time.monotonic() - started, exception is not None, response_time, name))


@events.test_start.add_listener
def _start(environment, **kwargs):
    global started
    started = time.monotonic()


def _check_error(response):
    """Classify a 5xx answer: the plain page, or something that shows the error."""
    text = response.text or ""
    if "Traceback" in text or 'File "/' in text:
        error_pages["traceback leaked"] += 1
    elif ERROR_PAGE in text:
        error_pages["plain error page"] += 1
    else:
        error_pages["other"] += 1


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(1, 4)
    username = None

    def csrf(self):
        return self.client.cookies.get("csrftoken", "")

    def get(self, path, name=None):
        with self.client.get(path, name=name or path, catch_response=True) as response:
            if response.status_code >= 500:
                _check_error(response)
                response.failure(f"{response.status_code}")
            elif "/accounts/login/" in response.url and "login" not in path:
                # A login that failed while the database was down: sign in again, as a person
                # would, so the run shows whether the app itself recovers.
                response.failure("signed out")
                self.login()
            return response

    def post(self, path, data, name, files=None):
        data = {**data, "csrfmiddlewaretoken": self.csrf()}
        with self.client.post(
            path, data=data, files=files, name=name, catch_response=True
        ) as response:
            if response.status_code >= 500:
                _check_error(response)
                response.failure(f"{response.status_code}")
            elif response.status_code >= 400:
                response.failure(f"{response.status_code}")
            return response

    def on_start(self):
        self.client.headers["X-Load-Client"] = f"u{next(clients)}"
        self.login()

    def login(self):
        self.get("/accounts/login/", name="/accounts/login/")
        self.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD},
            name="/accounts/login/ [POST]",
        )


class Officer(SignedIn):
    """A unit officer: reads the plan and their unit, reports progress with a file."""

    weight = 4

    def on_start(self):
        self.username = next(officer_accounts)
        super().on_start()
        page = self.get("/don-vi-cua-toi/", name="/don-vi/[code]/")
        self.parts = PART_LINK.findall(page.text or "") or []

    @task(3)
    def plan(self):
        self.get("/")

    @task(2)
    def my_unit(self):
        page = self.get("/don-vi-cua-toi/", name="/don-vi/[code]/")
        self.parts = PART_LINK.findall(page.text or "") or self.parts

    @task(2)
    def report_progress(self):
        if not self.parts:
            return
        part = random.choice(self.parts)
        self.get(f"/phan-viec/{part}/", name="/phan-viec/[id]/")
        files["uploads"] += 1
        name = f"minh-chung-{self.client.headers['X-Load-Client']}-{files['uploads']}.pdf"
        content = PDF % name.encode()
        page = self.post(
            f"/phan-viec/{part}/",
            {"state": "in_progress", "note": "Đang triển khai, gửi kèm minh chứng."},
            name="/phan-viec/[id]/ [POST report]",
            files={"evidence": (name, content, "application/pdf")},
        )
        # The answer is the part's page (after a redirect), listing the new report's file.
        link = re.search(rf'href="(/bao-cao/\d+/minh-chung/)">{re.escape(name)}<', page.text or "")
        if link:
            stored_by = _server(page.history[0] if page.history else page)
            self.download(link.group(1), content, stored_by)

    def download(self, url, content, stored_by):
        """Download until another server than `stored_by` answered (one try if no proxy)."""
        for _attempt in range(3):
            with self.client.get(url, name="/bao-cao/[id]/minh-chung/", catch_response=True) as r:
                if r.status_code != 200 or r.content != content:
                    r.failure(f"download {r.status_code}: not the uploaded bytes")
                    return
                if _server(r) != stored_by:
                    files["downloaded through another server"] += 1
                    return
                if stored_by is None:
                    return

    @task(1)
    def parts_list(self):
        self.get("/phan-viec/")


class Staff(SignedIn):
    """Office staff: the dashboard, the inbox, and moving dossiers on."""

    weight = 1
    username = "staff"

    @task(3)
    def dashboard(self):
        self.get("/bang-dieu-khien/")

    @task(2)
    def inbox(self):
        self.get("/ho-so/tiep-nhan/")

    @task(3)
    def move_dossier(self):
        if not WAITING_DOSSIERS:
            return self.inbox()
        pk = WAITING_DOSSIERS.pop()
        self.get(f"/ho-so/{pk}/", name="/ho-so/[id]/")
        self.post(
            f"/ho-so/{pk}/chuyen/in_appraisal/",
            {"comment": ""},
            name="/ho-so/[id]/chuyen/in_appraisal/",
        )
        self.post(
            f"/ho-so/{pk}/chuyen/returned/",
            {"comment": "Đề nghị bổ sung biên bản họp Hội đồng cơ sở."},
            name="/ho-so/[id]/chuyen/returned/",
        )


def _server(response):
    return response.headers.get("X-Served-By")


@events.quitting.add_listener
def _figures(environment, **kwargs):
    total = environment.stats.total
    seconds = max(total.last_request_timestamp - total.start_time, 1e-9)
    print(
        f"\nFIGURES requests={total.num_requests} rps={total.num_requests / seconds:.1f} "
        f"p50={total.get_response_time_percentile(0.5):.0f}ms "
        f"p95={total.get_response_time_percentile(0.95):.0f}ms "
        f"failures={total.num_failures}"
    )
    _after_warmup()
    _own_cpu(environment)
    if files["uploads"]:
        print(
            f"FILES uploaded={files['uploads']} "
            f"downloaded_through_another_server={files['downloaded through another server']}"
        )
    failed_at = [t for t, failed, *_ in timeline if failed]
    if failed_at:
        buckets = Counter(int(t // 5) * 5 for t in failed_at)
        done = Counter(int(t // 5) * 5 for t, *_ in timeline)
        print(
            "FAILURES BY 5 S "
            + " ".join(f"{k}s:{buckets[k]}/{done[k]}" for k in sorted(done) if buckets[k])
        )
        last = max(failed_at)
        after = sum(1 for t, *_ in timeline if t > last)
        print(
            f"FAULTS failed between {min(failed_at):.1f}s and {last:.1f}s; "
            f"{after} requests after the last failure all succeeded; error answers: "
            + (", ".join(f"{k}: {v}" for k, v in sorted(error_pages.items())) or "none (no 5xx)")
        )


def _after_warmup():
    """p50/p95 of the requests started after the first LOAD_WARMUP seconds, overall and for
    the most requested pages."""
    later = [(ms, name, failed) for end, failed, ms, name in timeline if end - ms / 1000 >= WARMUP]
    if not later:
        return
    times = [ms for ms, _name, _failed in later]
    seconds = max(end for end, *_ in timeline) - WARMUP
    print(
        f"AFTER {WARMUP:.0f}S requests={len(later)} rps={len(later) / max(seconds, 1e-9):.1f} "
        f"p50={_percentile(times, 0.5):.0f}ms p95={_percentile(times, 0.95):.0f}ms "
        f"p99={_percentile(times, 0.99):.0f}ms failures={sum(f for *_x, f in later)}"
    )
    by_name = {}
    for ms, name, _failed in later:
        by_name.setdefault(name, []).append(ms)
    for name, values in sorted(by_name.items(), key=lambda item: -len(item[1]))[:8]:
        print(
            f"  {name:<40} n={len(values):>5} p50={statistics.median(values):>6.0f}ms "
            f"p95={_percentile(values, 0.95):>6.0f}ms"
        )


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _own_cpu(environment):
    """Locust shares the machine with the server: how much of it did locust take?"""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    wall = time.monotonic() - started
    print(
        f"LOCUST cpu={cpu:.1f}s over {wall:.0f}s ({100 * cpu / max(wall, 1e-9):.0f}% of one core)"
    )
