"""`make bench`: the main pages and exports at demo size and at scale, and their ratios.

SQLite by default (databases under bench/data/); PostgreSQL when DATABASE_URL names one:
the benchmark then uses two databases beside it, <name>_bench_demo and
<name>_bench_scale_<units>x<years>x<dossiers>, created if missing and reused if built.
The size comes from the arguments or BENCH_UNITS, BENCH_YEARS, BENCH_DOSSIERS,
BENCH_REPEAT, BENCH_IMPORT_ROWS. Each database is measured by bench/measure.py in its own
process; this script prints the table and exits non-zero with --check when a query count
is not flat.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"


def env_int(name, default):
    return int(os.environ.get(name, default))


def database_urls(size):
    """(demo URL, scale URL) for this run, creating PostgreSQL databases when needed."""
    label = "{units}x{years}x{dossiers}".format(**size)
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        DATA.mkdir(exist_ok=True)
        return f"sqlite:///{DATA / 'demo.sqlite3'}", f"sqlite:///{DATA / f'scale-{label}.sqlite3'}"
    import psycopg2

    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "thidua"
    names = (f"{name}_bench_demo", f"{name}_bench_scale_{label}")
    server = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    server.autocommit = True
    with server.cursor() as cursor:
        for db in names:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{db}"')
    server.close()
    return tuple(urlunsplit(parts._replace(path=f"/{db}")) for db in names)


def run_measure(url, args):
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, str(ROOT / "bench" / "measure.py"), *args]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"bench/measure.py failed on {url}")
    sys.stderr.write(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def mark(ok):
    return "ok" if ok else "OVER"


def table(demo, scale):
    """The rows of the README's table, and whether every query count stayed flat."""
    lines = [
        "| page or export | queries demo | queries scale | ratio (goal 1) "
        "| ms demo | ms scale | ratio (goal ≤ 1.5) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    flat = True
    for group in ("pages", "exports"):
        for name, small in demo[group].items():
            big = scale[group][name]
            q_ratio = big["queries"] / small["queries"]
            t_ratio = big["seconds"] / small["seconds"]
            flat &= q_ratio == 1
            cells = [
                name,
                small["queries"],
                big["queries"],
                f"{q_ratio:.2f} {mark(q_ratio == 1)}",
                ms(small["seconds"]),
                ms(big["seconds"]),
                f"{t_ratio:.2f} {mark(t_ratio <= 1.5)}",
            ]
            lines.append("| " + " | ".join(map(str, cells)) + " |")
    lines += [
        "",
        "| staff list page vs Django admin changelist, at scale "
        "| ms page | ms admin | ratio (goal ≤ 0.5) |",
        "|---|---:|---:|---:|",
    ]
    for name, admin in scale["admin"].items():
        ours = scale["pages"][name]["seconds"]
        ratio = ours / admin["seconds"]
        lines.append(
            f"| {name} | {ms(ours)} | {ms(admin['seconds'])} | {ratio:.2f} {mark(ratio <= 0.5)} |"
        )
    status, past = scale["status"], scale["status_past"]
    lines += [
        "",
        f"Whole-plan status ({status['parts']:,} parts of {status['units']:,} units): "
        f"as of today {status['queries']} query, {ms(status['seconds'])} ms "
        f"(demo: {demo['status']['parts']:,} parts, {ms(demo['status']['seconds'])} ms); "
        f"as of 30/09 of the plan's year {past['queries']} query, {ms(past['seconds'])} ms "
        f"(demo: {ms(demo['status_past']['seconds'])} ms).",
    ]
    if "import" in scale:
        imp = scale["import"]
        ratio = imp["seconds"] / imp["floor_seconds"]
        lines.append(
            f"Import of {imp['rows']:,} units: {imp['seconds']:.2f} s; floor (openpyxl read + "
            f"bulk_create) {imp['floor_seconds']:.2f} s; ratio {ratio:.2f} {mark(ratio <= 1.5)} "
            "(goal ≤ 1.5)."
        )
    largest = max(scale["memory"], key=scale["memory"].get)
    lines.append(
        "Peak memory (tracemalloc) of the exports, demo → scale: "
        + ", ".join(
            f"{name} {demo['memory'][name] / 2**20:.1f} → {value / 2**20:.1f} MiB"
            for name, value in scale["memory"].items()
        )
        + f"; largest at scale: {largest}."
    )
    size = scale["size"]
    lines.append(
        f"Sizes: demo {demo['size']['units']} units, {demo['size']['plans']} plan, "
        f"{demo['size']['dossiers']} dossiers; scale {size['units']:,} units, {size['plans']} "
        f"plans (pages show {size['current year']}), {size['dossiers']:,} dossiers; "
        f"database {size['vendor']}."
    )
    if size["seed_seconds"]:
        lines.append(f"seed_scale took {size['seed_seconds']:.0f} s in this run.")
    return lines, flat


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=env_int("BENCH_UNITS", 300))
    parser.add_argument("--years", type=int, default=env_int("BENCH_YEARS", 3))
    parser.add_argument("--dossiers", type=int, default=env_int("BENCH_DOSSIERS", 5000))
    parser.add_argument("--repeat", type=int, default=env_int("BENCH_REPEAT", 5))
    parser.add_argument("--import-rows", type=int, default=env_int("BENCH_IMPORT_ROWS", 10000))
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a page's query count is not flat"
    )
    args = parser.parse_args()
    size = {"units": args.units, "years": args.years, "dossiers": args.dossiers}
    demo_url, scale_url = database_urls(size)
    common = ["--repeat", str(args.repeat)]
    demo = run_measure(demo_url, common)
    scale = run_measure(
        scale_url,
        [
            *common,
            *("--units", str(args.units), "--years", str(args.years)),
            *("--dossiers", str(args.dossiers), "--import-rows", str(args.import_rows)),
        ],
    )
    lines, flat = table(demo, scale)
    print("\n".join(lines))
    if args.check and not flat:
        raise SystemExit("Query counts are not flat.")


if __name__ == "__main__":
    main()
