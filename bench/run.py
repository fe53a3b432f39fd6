"""`make bench`: the main pages and exports at demo size and at one or more scale sizes,
measured interleaved, and their ratios against the goals.

SQLite by default (databases under bench/data/); PostgreSQL when DATABASE_URL names one:
the benchmark then uses databases beside it, <name>_bench_demo and
<name>_bench_scale_<units>x<years>x<dossiers>, created if missing and reused if built.
Sizes come from the arguments or BENCH_UNITS, BENCH_YEARS, BENCH_DOSSIERS, each a number
or a comma-separated list (BENCH_UNITS=1000,2000: two scale sizes in one run; a single
years or dossiers figure applies to every size), and BENCH_REPEAT (rounds per page),
BENCH_EXPORT_REPEAT (rounds per export), BENCH_IMPORT_ROWS.

Every database is prepared up front, each served by its own bench/measure.py process.
Then, page by page, the same request goes to the demo database, to each scale one, and
again, `repeat` rounds (the order reversed every other round), so a burst of load on a
shared machine falls on every size alike. A page's time ratio is the median over the
rounds of scale time ÷ demo time within the round, for CPU time (the request's process and
its PostgreSQL connection's process: the work done, which the goals are judged on) and for
wall time (shown too; on a shared machine it mostly measures waiting for a CPU). --check
exits 1 when a query count grows with the data (CI's small run); --save and --compare keep
and compare the ratios of two runs, to show they agree.
"""

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import (  # noqa: E402
    DECISION_AWARDEES,
    comparison,
    decision_memory_line,
    row,
)

DATA = ROOT / "bench" / "data"
TIME_GOAL = 1.5
ADMIN_GOAL = 0.5
# The staff pages compared with the Django admin's changelist of the same rows.
ADMIN_PAIRS = ("parts list", "unit list", "dossier inbox")
# CPU seconds (the request's process and its database connection's): the goals are judged
# on them. Wall seconds: shown beside them; on a shared machine they swing with the load.
CLOCKS = ("cpu", "seconds")


def numbers(value):
    return [int(part) for part in str(value).split(",") if part.strip()]


def scale_sizes(units, years, dossiers):
    """[{units, years, dossiers}] for each scale size; a single figure applies to all."""
    count = max(len(units), len(years), len(dossiers))

    def nth(values, i):
        return values[i] if len(values) > 1 else values[0]

    return [
        {"units": nth(units, i), "years": nth(years, i), "dossiers": nth(dossiers, i)}
        for i in range(count)
    ]


def label(size):
    return "{units}x{years}x{dossiers}".format(**size)


def database_urls(sizes):
    """The demo database's URL, then each scale size's, creating PostgreSQL ones if needed."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        DATA.mkdir(exist_ok=True)
        return [f"sqlite:///{DATA / 'demo.sqlite3'}"] + [
            f"sqlite:///{DATA / f'scale-{label(size)}.sqlite3'}" for size in sizes
        ]
    import psycopg2

    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "thidua"
    names = [f"{name}_bench_demo"] + [f"{name}_bench_scale_{label(size)}" for size in sizes]
    server = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    server.autocommit = True
    with server.cursor() as cursor:
        for db in names:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{db}"')
    server.close()
    return [urlunsplit(parts._replace(path=f"/{db}")) for db in names]


class Worker:
    """One bench/measure.py process serving one database."""

    def __init__(self, name, url, size=None):
        self.name = name
        args = []
        if size:
            args = ["--units", str(size["units"]), "--years", str(size["years"])]
            args += ["--dossiers", str(size["dossiers"])]
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "measure.py"), *args],
            env={**os.environ, "DATABASE_URL": url},
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ready = self._read()["ready"]

    def _read(self):
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"bench/measure.py stopped ({self.name})")
        return json.loads(line)

    def ask(self, **question):
        self.process.stdin.write(json.dumps(question) + "\n")
        self.process.stdin.flush()
        return self._read()

    def close(self):
        self.process.stdin.close()
        self.process.wait()


WARMUP = 2


def warm_up(workers, name):
    """Requests not timed: caches, connections, compiled templates, the session's renewal;
    the first timed round of a cold page runs well above the rest."""
    for _ in range(WARMUP):
        for worker in workers:
            worker.ask(op="time", name=name)


def measure_probe(workers, name, repeat):
    """Queries and times of one probe in every database, interleaved round by round: for
    each size the median wall and CPU seconds, and the median over the rounds of its time
    ÷ the demo's time in the same round."""
    warm_up(workers, name)
    found = {w.name: {"queries": w.ask(op="queries", name=name)["queries"]} for w in workers}
    rounds = []
    for index in range(repeat):
        order = workers if index % 2 == 0 else workers[::-1]
        rounds.append({w.name: w.ask(op="time", name=name) for w in order})
    for worker in workers:
        for clock in CLOCKS:
            found[worker.name][clock] = statistics.median(r[worker.name][clock] for r in rounds)
            found[worker.name][f"{clock} ratio"] = statistics.median(
                r[worker.name][clock] / r["demo"][clock] for r in rounds
            )
    return found


def measure_against_admin(worker, name, repeat):
    """A staff list page and the admin changelist of the same rows, in one database,
    alternately: their medians, and the median over the rounds of page ÷ changelist."""
    pair = {"page": name, "admin": f"admin: {name}"}
    for probe in pair.values():
        warm_up([worker], probe)
    rounds = []
    for index in range(repeat):
        order = ("page", "admin") if index % 2 == 0 else ("admin", "page")
        rounds.append({which: worker.ask(op="time", name=pair[which]) for which in order})
    found = {}
    for clock in CLOCKS:
        for which in pair:
            found[f"{which} {clock}"] = statistics.median(r[which][clock] for r in rounds)
        found[f"{clock} ratio"] = statistics.median(
            r["page"][clock] / r["admin"][clock] for r in rounds
        )
    return found


def wanted(name, only):
    """Whether a probe is measured: every one, or those whose name contains one of `only`."""
    return not only or any(part in name for part in only)


def measure_all(workers, args):
    only = [part.strip() for part in (args.only or "").split(",") if part.strip()]
    probes = {
        group: [name for name in names if wanted(name, only)]
        for group, names in workers[0].ready["probes"].items()
    }
    probes.pop("admin")  # measured beside their pages, below
    result = {group: {} for group in probes}
    result["admin"] = {
        name: {w.name: measure_against_admin(w, name, args.repeat) for w in workers}
        for name in ADMIN_PAIRS
        if wanted(name, only)
    }
    for group, names in probes.items():
        # An export takes seconds at scale and varies little from one run to the next.
        repeat = args.export_repeat if group == "exports" else args.repeat
        for name in names:
            print(f"measuring {name}", file=sys.stderr, flush=True)
            result[group][name] = measure_probe(workers, name, repeat)
    result["memory"] = {
        name: {w.name: w.ask(op="memory", name=name)["bytes"] for w in workers}
        for name in probes["exports"]
    }
    if args.import_rows and not only:
        result["import"] = {w.name: w.ask(op="import", rows=args.import_rows) for w in workers[1:]}
    result["size"] = {w.name: w.ready["size"] for w in workers}
    return result


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def mark(ok):
    return "ok" if ok else "OVER"


def query_verdict(counts):
    """GROWS if a larger size makes more queries than a smaller one; "fewer" if only fewer
    (a page whose larger data skips a branch, e.g. a list with nothing to show that the demo
    has); ok if the same everywhere."""
    if any(later > earlier for earlier, later in itertools.pairwise(counts)):
        return "GROWS"
    return "ok" if len(set(counts)) == 1 else "fewer"


def table(result, names):
    # Long on purpose: one printed table, row by row, read top to bottom like its output.
    """The README's tables, the ratios by name, and whether every query count stayed flat."""
    scales = names[1:]
    lines = [
        row(
            ["page or export", *(f"queries {n}" for n in names), "queries flat"]
            + ["cpu ms demo", "wall ms demo"]
            + [f"{h} {n}" for n in scales for h in ("cpu ms", "cpu ratio", "wall ms", "wall ratio")]
        ),
        row(["---"] + ["---:"] * (len(names) + 3 + 4 * len(scales))),
    ]
    flat, ratios = True, {}
    for group in ("pages", "status", "exports"):
        for name, found in result[group].items():
            verdict = query_verdict([found[n]["queries"] for n in names])
            flat &= verdict != "GROWS"
            cells = [name, *(found[n]["queries"] for n in names), verdict]
            cells += [ms(found["demo"]["cpu"]), ms(found["demo"]["seconds"])]
            for n in scales:
                cpu, wall = found[n]["cpu ratio"], found[n]["seconds ratio"]
                ratios[f"cpu: {name} @ {n}"] = cpu
                ratios[f"wall: {name} @ {n}"] = wall
                goal = f" {mark(cpu <= TIME_GOAL)}" if group != "exports" else ""
                cells += [ms(found[n]["cpu"]), f"{cpu:.2f}{goal}"]
                cells += [ms(found[n]["seconds"]), f"{wall:.2f}"]
            lines.append(row(cells))
    lines += [
        "",
        row(
            [
                *("staff list page vs Django admin changelist", "size"),
                *("cpu ms page", "cpu ms admin", "cpu ratio", "wall ratio"),
            ]
        ),
        row(["---", "---", "---:", "---:", "---:", "---:"]),
    ]
    for name in result["admin"]:
        for n in names:
            found = result["admin"][name][n]
            cpu, wall = found["cpu ratio"], found["seconds ratio"]
            ratios[f"cpu: {name} ÷ admin @ {n}"] = cpu
            ratios[f"wall: {name} ÷ admin @ {n}"] = wall
            cells = [name, n, ms(found["page cpu"]), ms(found["admin cpu"])]
            lines.append(row([*cells, f"{cpu:.2f} {mark(cpu <= ADMIN_GOAL)}", f"{wall:.2f}"]))
    lines.append("")
    for n, imp in result.get("import", {}).items():
        ratio = imp["seconds"] / imp["floor_seconds"]
        lines.append(
            f"Import of {imp['rows']:,} units at {n}: {imp['seconds']:.2f} s; floor (openpyxl "
            f"read + bulk_create) {imp['floor_seconds']:.2f} s; ratio {ratio:.2f} "
            f"{mark(ratio <= TIME_GOAL)} (goal ≤ 1.5)."
        )
    lines.append(
        "Peak memory (tracemalloc) of the exports, "
        + " → ".join(names)
        + ": "
        + "; ".join(
            f"{name} " + " → ".join(f"{by_size[n] / 2**20:.1f}" for n in names) + " MiB"
            for name, by_size in result["memory"].items()
        )
        + "."
    )
    for n in names:
        size = result["size"][n]
        seeded = f", built in {size['seed_seconds']:.0f} s" if size["seed_seconds"] else ""
        lines.append(
            f"Size {n}: {size['units']:,} units, {size['plans']} plans (pages show "
            f"{size['current year']}, {size['parts']:,} parts), {size['dossiers']:,} "
            f"dossiers; {size['vendor']}{seeded}."
        )
    return lines, ratios, flat


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", default=os.environ.get("BENCH_UNITS", "300"))
    parser.add_argument("--years", default=os.environ.get("BENCH_YEARS", "3"))
    parser.add_argument("--dossiers", default=os.environ.get("BENCH_DOSSIERS", "5000"))
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", 5)))
    parser.add_argument(
        "--export-repeat", type=int, default=int(os.environ.get("BENCH_EXPORT_REPEAT", 5))
    )
    parser.add_argument(
        "--import-rows", type=int, default=int(os.environ.get("BENCH_IMPORT_ROWS", 10000))
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("BENCH_RUNS", 1)),
        help="measure everything this many times and print how far the runs' ratios agree",
    )
    parser.add_argument(
        "--only", help="measure only the probes whose name contains one of these (a,b,...)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a query count grows")
    parser.add_argument("--save", help="write this run's ratios to this JSON file")
    parser.add_argument("--compare", help="compare this run's ratios with a saved run's")
    args = parser.parse_args()
    sizes = scale_sizes(numbers(args.units), numbers(args.years), numbers(args.dossiers))
    urls = database_urls(sizes)
    # Built one after the other (seeding is the heavy part), all ready before any timing.
    workers = [Worker("demo", urls[0])]
    workers += [Worker(label(size), url, size) for size, url in zip(sizes, urls[1:], strict=True)]
    names = [worker.name for worker in workers]
    runs = []
    try:
        for _ in range(max(args.runs, 1)):
            runs.append(table(measure_all(workers, args), names))
    finally:
        for worker in workers:
            worker.close()
    for number, (lines, _ratios, _flat) in enumerate(runs, start=1):
        if len(runs) > 1:
            print(f"\n## Run {number} of {len(runs)}\n")
        print("\n".join(lines))
    lines, ratios, flat = runs[-1]
    flat = all(run[2] for run in runs)
    for number, (_lines, earlier, _flat) in enumerate(runs[:-1], start=1):
        print(f"\n## Run {len(runs)} against run {number}\n")
        print("\n".join(comparison(ratios, earlier)))
    if not args.only:
        from bench.document_memory import in_fresh_processes

        print()
        print(decision_memory_line(in_fresh_processes(DECISION_AWARDEES)))
    if args.compare:
        print()
        print("\n".join(comparison(ratios, json.loads(Path(args.compare).read_text()))))
    if args.save:
        Path(args.save).write_text(json.dumps(ratios, ensure_ascii=False, indent=1))
    if args.check and not flat:
        raise SystemExit("Query counts are not flat.")


if __name__ == "__main__":
    main()
