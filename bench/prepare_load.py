"""Prepare a demo database for the load test: officers who can sign in, and dossiers waiting
in the office's inbox for the staff users to move. Prints what it made as JSON.

Run on a throwaway database only (bench/run_load.sh does): it gives every unit officer the
demo password.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from awards import services  # noqa: E402
from awards.enums import DossierState  # noqa: E402
from demo import awards as demo  # noqa: E402
from demo.accounts import DEMO_PASSWORD  # noqa: E402
from units.enums import Role  # noqa: E402
from units.models import Unit, User  # noqa: E402

DOSSIERS = int(os.environ.get("LOAD_DOSSIERS", "200"))


def main():
    units = list(Unit.objects.filter(code__in=demo.DEMO_UNITS).order_by("code"))
    officers = [demo.unit_officer(unit) for unit in units]
    for officer in officers:
        officer.set_password(DEMO_PASSWORD)
        officer.save(update_fields=["password"])
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


if __name__ == "__main__":
    main()
