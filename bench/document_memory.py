"""Peak memory of the council's decision document (council.documents) at a number of
awardees: `python bench/document_memory.py 100 1000 5000 20000` prints one JSON line per
number; `--runs 3` builds each number three times and prints the medians.

Each build runs in a fresh process, so one build's memory does not hide the next's.
Two figures: tracemalloc's peak (Python's own allocations) and the growth of the process's
peak resident size (ru_maxrss), which also counts what lxml, under python-docx, allocates
outside Python's allocator: the document's XML tree. The dossiers are made one at a time as
the annex reads them, as the database's `.iterator()` gives them to decision_document.
"""

import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import tracemalloc
from collections import namedtuple
from itertools import chain
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
# An award type as the annex groups by it (hashable, as the model instance is).
AwardType = namedtuple("AwardType", "position name")


def annex(count):
    """The annex of `count` dossiers over three award types, one in five a collective, each
    type's dossiers made afresh each time they are walked (no database: the writer is what is
    measured)."""
    from core.documents import Reread
    from council.documents import AnnexGroup, NomineeCounts

    types = [AwardType(position=i, name=f"Hình thức {i}") for i in range(3)]
    unit = SimpleNamespace(name="Sở Giáo dục và Đào tạo")

    def dossier(i):
        return SimpleNamespace(
            award_type=types[i % 3],
            nominee_kind="collective" if i % 5 == 0 else "individual",
            collective_name=f"Tập thể phòng số {i}",
            full_name=f"Nguyễn Văn Người Thứ {i}",
            position="Chuyên viên",
            workplace="Phòng Tổ chức cán bộ",
            reference=f"HS-{i:06d}",
            year=2016,
            unit_id=1,
            unit=unit,
        )

    def numbers(kind):
        # Collectives first within a type, as the annex is ordered; none held in a list.
        of_kind = range(kind, count, 3)
        return chain((i for i in of_kind if i % 5 == 0), (i for i in of_kind if i % 5 != 0))

    groups = []
    for kind, award_type in enumerate(types):
        collectives = sum(1 for i in range(kind, count, 3) if i % 5 == 0)
        individuals = len(range(kind, count, 3)) - collectives
        dossiers = Reread(lambda kind=kind: (dossier(i) for i in numbers(kind)))
        counted = NomineeCounts(collectives=collectives, individuals=individuals)
        groups.append(AnnexGroup(award_type, counted, dossiers))
    return groups


def measure(count):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from council.documents import decision_document_for

    session = SimpleNamespace(year=2016, date=datetime.date(2016, 12, 20))
    decision = SimpleNamespace(
        number="123/QĐ-UBND",
        date=datetime.date(2016, 12, 25),
        session=session,
        signer_authority="KT. CHỦ TỊCH",
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Văn A",
    )
    groups = annex(count)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    # The units' names of the year given: no database (the writer is what is measured).
    data = decision_document_for(decision, groups, names_by_year={2016: {}}).to_bytes()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    return {"awardees": count, "tracemalloc": peak, "rss_growth": grown * 1024, "bytes": len(data)}


def in_fresh_processes(counts, runs=1):
    """[{awardees, tracemalloc, rss_growth, bytes}] for each count, each build in its own
    process; with `runs` builds of each count, their medians."""
    found = []
    for count in counts:
        measured = []
        for _run in range(runs):
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(count)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            measured.append(json.loads(out.strip().splitlines()[-1]))
        found.append({key: statistics.median(m[key] for m in measured) for key in measured[0]})
    return found


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("awardees", type=int, nargs="+")
    parser.add_argument("--runs", type=int, default=1, help="builds of each number (medians)")
    parser.add_argument("--one", action="store_true", help="one build, in this process")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.awardees[0])))
    else:
        for row in in_fresh_processes(args.awardees, args.runs):
            print(json.dumps(row))
