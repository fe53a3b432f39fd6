"""A worker that serves one database to bench/run.py: builds it if it is empty, then times
one request (or one export, or the status) at a time, as run.py asks.

run.py starts one worker per database (the demo, and each scale size) with DATABASE_URL
naming it and asks each in turn for the same page, demo then scale then demo again, so
the noise of a shared machine falls on both sizes alike. Protocol: the worker prints one
JSON line when it is ready ({"ready": {...sizes, probes}}), then answers each JSON line it
reads on stdin ({"op": "time" | "queries" | "memory", "name": ...}, {"op": "import",
"rows": n}) with one JSON line on stdout. Pages are requested with Django's test Client
(force_login) against that real database, queries counted with connection.execute_wrapper.
"""

import argparse
import gc
import io
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# A request's CPU is read from its connection's PostgreSQL process (database_cpu_reader);
# a parallel plan's workers are other processes, whose CPU that reading would miss (the
# dashboard's count of arrivals once ran on three). libpq reads PGOPTIONS: no parallel plans
# in the benchmark's connections, so all of a query's work is counted where it is read.
os.environ.setdefault("PGOPTIONS", "-c max_parallel_workers_per_gather=0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import override_settings  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from awards.models import Dossier  # noqa: E402
from bench.probes import probes  # noqa: E402
from imports.registry import IMPORT_KINDS, run_import  # noqa: E402
from plan.models import Plan  # noqa: E402
from plan.selectors import current_plan  # noqa: E402
from units.enums import UnitKind  # noqa: E402
from units.models import Unit, User  # noqa: E402


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def count_queries(call):
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        call()
    return counter.count


def database_cpu_reader():
    """A function giving the CPU seconds the database server has spent for this connection.

    PostgreSQL serves a connection from one process of its own: its /proc schedstat counts
    the nanoseconds it ran. SQLite runs inside this process (process_time counts it); a
    database on another machine cannot be read, and counts 0.
    """
    if connection.vendor != "postgresql":
        return lambda: 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]

    def read():
        try:
            with open(f"/proc/{pid}/schedstat") as stats:
                return int(stats.read().split()[0]) / 1e9
        except OSError:
            return 0.0

    return read


def elapsed(call):
    """Wall seconds, and CPU seconds of this process and of its database connection's.

    On a machine shared with other jobs the wall time mostly measures how long the request
    waited for a CPU; the CPU time is the work the request made, which is what grows with
    the data, and it moves little with the load.
    """
    database_cpu = database_cpu_reader()
    # As timeit does: no garbage collection inside the timing, whose pauses fall on one
    # request or another at random (a full collection of a worker's heap takes milliseconds).
    gc.collect()
    gc.disable()
    try:
        wall, cpu, db = time.perf_counter(), time.process_time(), database_cpu()
        call()
    finally:
        gc.enable()
    return {
        "seconds": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu + database_cpu() - db,
    }


def build(scale):
    """The demo data (`setup_demo`), then `seed_scale` at the given size, if not there yet."""
    call_command("migrate", verbosity=0)
    if not Plan.objects.filter(year=2013).exists():
        with override_settings(DEBUG=True):
            call_command("setup_demo", stdout=io.StringIO())
    if scale and not Plan.objects.filter(year=2013 + scale["years"]).exists():
        out = io.StringIO()
        started = time.perf_counter()
        call_command(
            "seed_scale",
            units=scale["units"],
            years=scale["years"],
            dossiers=scale["dossiers"],
            seed=1,
            stdout=out,
        )
        print(out.getvalue(), file=sys.stderr)
        return time.perf_counter() - started
    return None


def import_file(rows):
    """A units spreadsheet of `rows` new units, in the import's own columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã đơn vị", "Tên đầy đủ", "Tên viết tắt", "Loại đơn vị"])
    kind = UnitKind.AGENCY.label
    for i in range(1, rows + 1):
        sheet.append([f"nhap-{i:05d}", f"Đơn vị nhập thử số {i:05d}", f"NT {i:05d}", str(kind)])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def time_rolled_back(work):
    """Seconds `work()` takes inside a transaction that is then rolled back."""
    with transaction.atomic():
        started = time.perf_counter()
        work()
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def measure_import(rows, staff):
    data = import_file(rows)

    def through_the_product():
        report = run_import(IMPORT_KINDS["don-vi"], data, "bench.xlsx", staff)
        assert report.ok, report.errors[:3]

    def floor():
        sheet = load_workbook(io.BytesIO(data), read_only=True).active
        units = [
            Unit(code=code, name=name, short_name=short, kind=UnitKind.AGENCY)
            for code, name, short, _kind in sheet.iter_rows(min_row=2, values_only=True)
        ]
        Unit.objects.bulk_create(units, batch_size=2000)

    return {
        "rows": rows,
        "seconds": time_rolled_back(through_the_product),
        "floor_seconds": time_rolled_back(floor),
    }


def vacuum():
    """On PostgreSQL, VACUUM ANALYZE the database, as autovacuum does on a server in use.

    The rolled-back imports leave their 10,000 units a run as dead rows at the end of the
    units table, and on a server with autovacuum off (this machine's) four runs had grown
    it to 40,000 dead rows for 1,056 live ones: every scan of the units (the global search's)
    read 1,176 pages and looked slower at scale for a reason no user would meet. VACUUM
    cuts the empty pages off the end and refreshes the planner's statistics."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def peak_memory(call):
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def size(seed_seconds):
    plan = current_plan()
    return {
        "units": Unit.objects.count(),
        "plans": Plan.objects.count(),
        "current year": plan.year,
        "parts": plan.tasks.aggregate(n=Count("parts"))["n"],
        "dossiers": Dossier.objects.count(),
        "vendor": connection.vendor,
        "seed_seconds": seed_seconds,
    }


def serve(calls, staff):
    """Answer run.py's questions, one JSON line each, until stdin closes."""
    for line in sys.stdin:
        ask = json.loads(line)
        if ask["op"] == "import":
            answer = measure_import(ask["rows"], staff)
            vacuum()
        else:
            call = calls[ask["name"]]
            if ask["op"] == "time":
                answer = elapsed(call)
            elif ask["op"] == "queries":
                # The session's renewal (units.auth, at most once a minute) adds a write to
                # whichever request it falls on: of two requests, one is without it.
                answer = {"queries": min(count_queries(call), count_queries(call))}
            else:
                answer = {"bytes": peak_memory(call)}
        print(json.dumps(answer), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=0)
    parser.add_argument("--years", type=int, default=0)
    parser.add_argument("--dossiers", type=int, default=0)
    args = parser.parse_args()
    scale = (
        {"units": args.units, "years": args.years, "dossiers": args.dossiers}
        if args.units
        else None
    )
    seed_seconds = build(scale)
    vacuum()
    staff = User.objects.get(username="staff")
    groups = probes(staff)
    ready = {"size": size(seed_seconds), "probes": {g: list(c) for g, c in groups.items()}}
    print(json.dumps({"ready": ready}), flush=True)
    calls = {name: call for group in groups.values() for name, call in group.items()}
    assert len(calls) == sum(map(len, groups.values())), "two probes share a name"
    serve(calls, staff)


if __name__ == "__main__":
    main()
