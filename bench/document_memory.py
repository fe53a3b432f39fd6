"""Peak memory of the council's decision document (council.documents) at a number of
awardees: `python bench/document_memory.py 100 1000` prints one JSON line per number.

Each number is built in a fresh process, so one build's memory does not hide the next's.
Two figures: tracemalloc's peak (Python's own allocations) and the growth of the process's
peak resident size (ru_maxrss), which also counts what lxml, under python-docx, allocates
outside Python's allocator: the document's XML tree.
"""

import datetime
import json
import os
import resource
import subprocess
import sys
import tracemalloc
from collections import namedtuple
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
# An award type as the annex groups by it (hashable, as the model instance is).
AwardType = namedtuple("AwardType", "position name")


def awardees(count):
    """`count` dossiers as the annex reads them, over three award types, one in five a
    collective (no database: the writer is what is measured)."""
    types = [AwardType(position=i, name=f"Hình thức {i}") for i in range(3)]
    unit = SimpleNamespace(name="Sở Giáo dục và Đào tạo")
    return [
        SimpleNamespace(
            award_type=types[i % 3],
            nominee_kind="collective" if i % 5 == 0 else "person",
            collective_name=f"Tập thể phòng số {i}",
            full_name=f"Nguyễn Văn Người Thứ {i}",
            position="Chuyên viên",
            workplace="Phòng Tổ chức cán bộ",
            reference=f"HS-{i:06d}",
            year=2016,
            unit_id=1,
            unit=unit,
        )
        for i in range(count)
    ]


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
    dossiers = awardees(count)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    # The units' names of the year given: no database (the writer is what is measured).
    data = decision_document_for(decision, dossiers, names_by_year={2016: {}}).to_bytes()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    return {"awardees": count, "tracemalloc": peak, "rss_growth": grown * 1024, "bytes": len(data)}


def in_fresh_processes(counts):
    """[{awardees, tracemalloc, rss_growth, bytes}] for each count, each in its own process."""
    found = []
    for count in counts:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(count)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found.append(json.loads(out.strip().splitlines()[-1]))
    return found


if __name__ == "__main__":
    if sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        for row in in_fresh_processes([int(n) for n in sys.argv[1:]]):
            print(json.dumps(row))
