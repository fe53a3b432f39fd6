from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from demo.accounts import DEMO_PASSWORD, create_demo_accounts
from demo.awards import create_demo_dossiers
from demo.council import create_demo_round, create_demo_unit_decisions
from demo.emulation import create_demo_emulation
from demo.people import create_demo_people
from demo.plan import create_demo_year
from demo.unit_changes import create_demo_unit_changes
from plan.models import Plan


class Command(BaseCommand):
    help = "Load the demo units, the 2013 plan and one demo account per role (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Tài khoản mẫu chỉ được tạo khi DEBUG bật (môi trường thử).")
        # The demo year's moves would e-mail their notices to the demo units; nobody reads
        # them, and printed by the console backend they bury the accounts below.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            accounts = self._load()
        self.stdout.write(f"\nTài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, unit in accounts:
            if unit is not None:
                unit.refresh_from_db()  # its name as the demo's unit changes left it
            self.stdout.write(f"  {username:<9} {role.label}" + (f" – {unit}" if unit else ""))

    def _load(self):
        call_command("loaddata", "units", verbosity=0)
        call_command("load_plan", stdout=self.stdout)
        accounts = create_demo_accounts()
        if create_demo_year(Plan.objects.get(year=2013)):
            self.stdout.write("Đã tạo dữ liệu theo dõi tiến độ năm 2013.")
        if create_demo_emulation(2013):
            self.stdout.write("Đã tạo dữ liệu thi đua của các cụm, khối năm 2013.")
        create_demo_dossiers()
        create_demo_people()
        create_demo_unit_decisions()
        # After the 2013 data: the changes take effect from 2014 and leave 2013 as it was.
        if create_demo_unit_changes():
            self.stdout.write(
                "Đã ghi thay đổi của đơn vị từ 01/01/2014: một đổi tên, một sáp nhập, một giải thể."
            )
        if create_demo_round():
            self.stdout.write(
                "Đã tạo đợt xét khen thưởng năm 2013: tờ trình, phiên họp, quyết định."
            )
        return accounts
