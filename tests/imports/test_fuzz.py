"""Hypothesis feeds the readers mutated XLSX, CSV and ODT files (tests/fuzz_readers.py): each
gives a table or a message, never a crash, within seconds; memory stays under the bound."""

import json
import os
import random
import subprocess
import sys

from tests.hostile_files import ROOT
from tests.imports.test_hostile_files import PEAK_MB

EXAMPLES = 150  # per format; the child takes some 30-60 s


def test_mutated_files_give_a_table_or_a_message_never_a_crash():
    # A new seed each run explores new files; FUZZ_SEED replays the one a failure names.
    seed = int(os.environ.get("FUZZ_SEED") or random.randrange(2**32))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.fuzz_readers", str(EXAMPLES), str(seed)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, (
        f"FUZZ_SEED={seed} replays this run.\n" + done.stdout[-3000:] + done.stderr[-5000:]
    )
    rise = json.loads(done.stdout.strip().splitlines()[-1])["rise_mb"]
    assert rise < PEAK_MB, f"{rise:.0f} MB above idle (FUZZ_SEED={seed})"
