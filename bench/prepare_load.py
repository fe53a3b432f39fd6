"""Prepare a demo database for the load test: officers who can sign in, and dossiers waiting
in the office's inbox for the staff users to move. Prints what it made as JSON.

Officers: besides the demo units' officers, LOAD_OFFICERS (default 160) accounts spread over
every unit that has a part of the plan, a few a unit, so simulated officers sign in as
different people of different units (each unit's page, its parts), as real ones would.

Run on a throwaway database only (bench/run_load.sh does): it gives every unit officer the
demo password.
"""

import json
import math
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402

from awards import services  # noqa: E402
from awards.enums import DossierState  # noqa: E402
from demo import awards as demo  # noqa: E402
from demo.accounts import DEMO_PASSWORD  # noqa: E402
from units.enums import Role  # noqa: E402
from units.models import Unit, User  # noqa: E402

DOSSIERS = int(os.environ.get("LOAD_DOSSIERS", "200"))
OFFICER_ACCOUNTS = int(os.environ.get("LOAD_OFFICERS", "160"))


def main():
    units = list(Unit.objects.filter(code__in=demo.DEMO_UNITS).order_by("code"))
    officers = [demo.unit_officer(unit) for unit in units]
    for officer in officers:
        officer.set_password(DEMO_PASSWORD)
        officer.save(update_fields=["password"])
    add_officers(OFFICER_ACCOUNTS)
    dossiers = []
    for number in range(DOSSIERS):
        officer = officers[number % len(officers)]
        dossier = demo.new_dossier(officer, "bang-khen-tinh", name=f"Người thử tải {number:04d}")
        services.move_dossier(dossier, DossierState.SUBMITTED, officer)
        dossiers.append(dossier.pk)
    officers = User.objects.filter(groups__name=Role.UNIT_OFFICER, unit__isnull=False)
    print(
        json.dumps(
            {
                "officers": sorted(o.username for o in officers if o.has_usable_password()),
                "dossiers": dossiers,
            }
        )
    )


def add_officers(count):
    """`count` officer accounts, `ceil(count / units)` for each unit that has parts."""
    units = list(Unit.objects.filter(task_parts__isnull=False).distinct().order_by("code"))
    group = Group.objects.get_or_create(name=Role.UNIT_OFFICER)[0]
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    for number in range(math.ceil(count / len(units))):
        for unit in units:
            user, _created = User.objects.update_or_create(
                username=f"tai-{unit.code}-{number + 1}",
                defaults={"unit": unit, "password": password, "last_name": "Cán bộ thử tải"},
            )
            user.groups.add(group)


if __name__ == "__main__":
    main()
