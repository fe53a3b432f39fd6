"""The app's CPU for a few pages, in one process, as the load test's users see them.

    DATABASE_URL=... DEBUG=false SECRET_KEY=x ALLOWED_HOSTS=testserver \\
        python bench/profile_pages.py USERNAME PATH [PATH...] [--runs N] [--profile]

Signs USERNAME in, requests each PATH --runs times (after 3 unmeasured) and prints the
median CPU ms and queries; --profile adds a cProfile of the runs (the 30 heaviest functions by
own and by cumulative time); --sql prints one run's queries. Run it on the database
bench/run_load.sh left, with the production settings (DEBUG=false: cached templates).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("username")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sql", action="store_true", help="print one run's queries")
    args = parser.parse_args()
    client = Client()
    client.force_login(get_user_model().objects.get(username=args.username))
    for path in args.paths:
        for _ in range(3):
            response = client.get(path)
        assert response.status_code in (200, 302), (path, response.status_code)
        times = []
        profiler = cProfile.Profile() if args.profile else None
        with CaptureQueriesContext(connection) as queries:
            for _ in range(args.runs):
                start = time.process_time()
                if profiler:
                    profiler.enable()
                client.get(path)
                if profiler:
                    profiler.disable()
                times.append((time.process_time() - start) * 1000)
        print(
            f"{path}: {response.status_code} median {statistics.median(times):.1f} ms CPU, "
            f"min {min(times):.1f}, {len(queries) / args.runs:.0f} queries"
        )
        if args.sql:
            for query in queries.captured_queries[-len(queries) // args.runs :]:
                print("   ", query["sql"][:300])
        if profiler:
            stats = pstats.Stats(profiler).strip_dirs()
            stats.sort_stats("tottime").print_stats(30)
            stats.sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
