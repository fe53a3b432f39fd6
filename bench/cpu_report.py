"""The server's CPU per request, from the log bench/gunicorn_load.py writes during a load run.

    python bench/cpu_report.py CPU_LOG [TOP]
    python bench/cpu_report.py --machine BEFORE AFTER   # BEFORE/AFTER: from --snapshot

Prints, for the TOP (default 5) most requested pages, how many requests, the median and p95
of the app worker's CPU ms and the median and mean of PostgreSQL's (the request's backend),
and the median wall time in the worker; then every request's totals.
"""

import json
import os
import statistics
import sys
from collections import defaultdict
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def read(path):
    """{(method, page): [(worker cpu ms, pg cpu ms or None, wall ms)]}"""
    pages = defaultdict(list)
    with open(path) as log:
        for line in log:
            fields = line.split()
            if len(fields) != 7:
                continue
            _at, method, page, _status, cpu, pg, wall = fields
            pages[method, page].append((float(cpu), None if pg == "-" else float(pg), float(wall)))
    return pages


def main(path, top=5):
    pages = read(path)
    print(
        f"CPU PER REQUEST (ms; the {top} most requested pages)\n"
        f"  {'page':<44} {'n':>6} {'worker p50':>10} {'p95':>6} {'pg p50':>7} {'pg mean':>7} "
        f"{'wall p50':>8}"
    )
    ranked = sorted(pages.items(), key=lambda item: -len(item[1]))
    for (method, page), rows in ranked[:top]:
        cpu = [r[0] for r in rows]
        pg = [r[1] for r in rows if r[1] is not None] or [0.0]
        wall = [r[2] for r in rows]
        print(
            f"  {method + ' ' + page:<44} {len(rows):>6} {statistics.median(cpu):>10.1f} "
            f"{percentile(cpu, 0.95):>6.1f} {statistics.median(pg):>7.1f} "
            f"{statistics.fmean(pg):>7.1f} {statistics.median(wall):>8.1f}"
        )
    rows = [row for rows in pages.values() for row in rows]
    if rows:
        worker = sum(r[0] for r in rows) / 1000
        pg = sum(r[1] for r in rows if r[1] is not None) / 1000
        print(
            f"CPU TOTAL requests={len(rows)} worker={worker:.1f}s "
            f"({worker * 1000 / len(rows):.1f} ms/request) postgresql={pg:.1f}s "
            f"({pg * 1000 / len(rows):.1f} ms/request)"
        )


def snapshot():
    """The machine's CPU clock (busy and total seconds, all cores) and the PostgreSQL
    cluster's: every live postgres process's own time, plus what the postmaster counts for
    the processes it has reaped (backends that closed during the run)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    postgres = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :]
        if name != "postgres":
            continue
        values = rest.split()
        utime, stime, cutime, cstime = (int(v) for v in values[11:15])
        postgres += utime + stime + (cutime + cstime if values[1] == "1" else 0)
    return {
        "busy": (sum(fields) - idle) / TICK,
        "total": sum(fields) / TICK,
        "postgres": postgres / TICK,
        "load": Path("/proc/loadavg").read_text().split()[:3],
    }


def machine(before, after):
    b, a = json.loads(Path(before).read_text()), json.loads(Path(after).read_text())
    busy, total = a["busy"] - b["busy"], a["total"] - b["total"]
    print(
        f"MACHINE busy {100 * busy / total:.0f}% of {os.cpu_count()} cores "
        f"({busy:.0f} CPU-s); the PostgreSQL cluster (all its databases and users): "
        f"{a['postgres'] - b['postgres']:.0f} CPU-s; load average at the end {' '.join(a['load'])}"
    )


if __name__ == "__main__":
    if sys.argv[1] == "--snapshot":
        print(json.dumps(snapshot()))
    elif sys.argv[1] == "--machine":
        machine(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))
