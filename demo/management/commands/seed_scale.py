import time
from collections import Counter

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from awards.catalogue import load_catalogue
from demo import scale_plan as scale
from demo.scale_awards import seed_dossiers
from plan.models import Plan
from units.enums import Role
from units.models import User


class Command(BaseCommand):
    help = _(
        "Sinh dữ liệu thử nghiệm quy mô lớn: đơn vị, kế hoạch từng năm, phần việc, tiến độ, "
        "văn bản, hồ sơ khen thưởng (ghi hàng loạt, tái lập được từ một hạt giống)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=200, help=_("số đơn vị sinh thêm"))
        parser.add_argument("--years", type=int, default=2, help=_("số năm kế hoạch sau 2013"))
        parser.add_argument("--dossiers", type=int, default=2000, help=_("số hồ sơ khen thưởng"))
        parser.add_argument("--seed", type=int, default=1, help=_("hạt giống ngẫu nhiên"))

    def handle(self, *args, units, years, dossiers, seed, **options):
        if min(units, years, dossiers) < 0 or (dossiers and not units):
            raise CommandError(_("Số lượng không hợp lệ: hồ sơ cần có đơn vị sinh ra."))
        started = time.perf_counter()
        self._base()
        stats = Counter()
        seeded = scale.seed_plans(units, years, seed, stats)
        dossier_years = list(range(scale.MODEL_YEAR + 1, scale.MODEL_YEAR + 1 + years))
        seed_dossiers(dossiers if seeded else 0, dossier_years, seed, stats)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would give a live database: without them the
            # planner guesses row counts of the bulk-loaded tables and picks poor plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        if not seeded:
            self.stdout.write(_("Các năm này đã có kế hoạch: không sinh thêm gì."))
        for name, count in stats.items():
            self.stdout.write(f"  {name:<22} {count:>10,}")
        self.stdout.write(
            _("Đã sinh dữ liệu cho các năm %(years)s trong %(seconds).1f giây.")
            % {"years": ", ".join(map(str, seeded)) or "–", "seconds": elapsed}
        )

    def _base(self):
        """What the generated data hangs on: the demo units, the 2013 plan, the award
        catalogue, one office staff account (loaded only when missing)."""
        if not Plan.objects.filter(year=scale.MODEL_YEAR).exists():
            call_command("loaddata", "units", verbosity=0)
            call_command("load_plan", verbosity=0, stdout=self.stdout)
        load_catalogue()
        if not User.objects.filter(groups__name=Role.OFFICE_STAFF).exists():
            user = User.objects.create(username="ban-tdkt-thu-nghiem", first_name="Cán bộ")
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get_or_create(name=Role.OFFICE_STAFF.value)[0])
