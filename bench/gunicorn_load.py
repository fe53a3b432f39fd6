"""gunicorn settings for the load test (`gunicorn -c bench/gunicorn_load.py`): each request's
CPU time, the app worker's and its PostgreSQL backend's, appended to $LOAD_CPU_LOG (one line
a request: when it ended, method, page, status, worker CPU ms, PostgreSQL CPU ms, wall ms).

A sync worker serves one request at a time and its database connection serves only it, so
the growth of the worker's CPU clock between the request's start and end is that request's
Python CPU, and the growth of the backend's (/proc/PID/schedstat, nanoseconds on a CPU) its
PostgreSQL CPU. Pages are named by their URL pattern (`phan-viec/<int:pk>/`), as locust
groups ids. bench/cpu_report.py sums the log up. Bench only: nothing here is in the app.
"""

import os
import time

_log = None
_started = {}


def _backend():
    """The PID of this worker's PostgreSQL backend, or None while it has no connection."""
    from django.db import connection

    raw = connection.connection
    if raw is None or getattr(raw, "closed", 1):
        return None
    try:
        return raw.get_backend_pid()  # psycopg2
    except AttributeError:
        return raw.info.backend_pid  # psycopg 3


def _backend_cpu_ns(pid):
    try:
        with open(f"/proc/{pid}/schedstat") as stat:
            return int(stat.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def pre_request(worker, req):
    pid = _backend()
    _started["cpu"] = time.process_time()
    _started["wall"] = time.monotonic()
    _started["backend"] = (pid, _backend_cpu_ns(pid) if pid else None)


def post_request(worker, req, environ, resp):
    cpu_ms = (time.process_time() - _started["cpu"]) * 1000
    wall_ms = (time.monotonic() - _started["wall"]) * 1000
    before_pid, before_ns = _started["backend"]
    pid = _backend()
    if pid is not None and pid == before_pid and before_ns is not None:
        pg_ms = (_backend_cpu_ns(pid) - before_ns) / 1e6
    elif pid is not None and pid != before_pid:
        # A connection opened by this request: all the new backend's CPU is the request's.
        pg_ms = (_backend_cpu_ns(pid) or 0) / 1e6
    elif pid is None and before_pid is not None and before_ns is not None:
        # The connection was closed at the request's end (CONN_MAX_AGE): the backend may
        # still be there to read.
        now = _backend_cpu_ns(before_pid)
        pg_ms = (now - before_ns) / 1e6 if now is not None else None
    else:
        pg_ms = 0.0 if before_pid is None else None  # no database used, or unknown
    _write(req, resp, cpu_ms, wall_ms, pg_ms)


def _write(req, resp, cpu_ms, wall_ms, pg_ms):
    global _log
    from django.urls import Resolver404, resolve

    try:
        page = "/" + resolve(req.path).route
    except Resolver404:
        page = "(no page)"
    if _log is None:
        path = os.environ.get("LOAD_CPU_LOG")
        if not path:
            return
        _log = open(path, "a", buffering=1)  # noqa: SIM115 (one line per request, the worker's life)
    pg = "-" if pg_ms is None else f"{pg_ms:.2f}"
    fields = (f"{time.time():.3f}", req.method, page, resp.status_code, f"{cpu_ms:.2f}", pg)
    _log.write(" ".join(map(str, fields)) + f" {wall_ms:.1f}\n")
