import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plan.reminders import send_reminders
from plan.selectors import current_plan

OUTCOMES = {
    "sent": "đã gửi",
    "dry_run": "sẽ gửi (chạy thử, không gửi)",
    "already_sent_today": "đã đôn đốc hôm nay, không gửi lại",
    "no_address": "không có địa chỉ thư, không gửi được",
}


class Command(BaseCommand):
    help = "E-mail each unit one reminder of its parts due soon or overdue and documents owed."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="dd/mm/yyyy hoặc yyyy-mm-dd (mặc định: hôm nay)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ in ra, không gửi")

    def handle(self, *args, as_of, dry_run, **options):
        plan = current_plan()
        if plan is None:
            raise CommandError("Chưa có kế hoạch nào.")
        day = _parse_date(as_of) if as_of else timezone.localdate()
        results = send_reminders(plan, day, dry_run=dry_run)
        for unit, items, outcome in results:
            self.stdout.write(f"{unit.name}: {len(items)} nội dung – {OUTCOMES[outcome]}")
            if dry_run:
                for item in items:
                    self.stdout.write(f"    - {item['text']} (hạn {item['due']}): {item['status']}")
        sent = sum(1 for *_, outcome in results if outcome == "sent")
        self.stdout.write(f"Đã gửi {sent} thư đôn đốc.")


def _parse_date(text):
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày “{text}” không hợp lệ (dạng dd/mm/yyyy).")
