from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from plan.rollover import RollOverError, review_of, roll_over_plan

OUTCOMES = {
    "created": "Đã tạo dự thảo kế hoạch năm {to} từ kế hoạch năm {frm}.",
    "restarted": "Đã làm lại dự thảo kế hoạch năm {to} từ kế hoạch năm {frm}.",
    "unchanged": (
        "Đã có dự thảo kế hoạch năm {to}; không thay đổi gì "
        "(thêm --restart để làm lại dự thảo từ đầu)."
    ),
    "dry_run": "Chạy thử, không ghi gì. Sẽ tạo dự thảo kế hoạch năm {to} từ kế hoạch năm {frm}:",
}


class Command(BaseCommand):
    help = "Turn a year's published plan into a draft for another year (the office publishes it)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="from_year", type=int, required=True)
        parser.add_argument("--to", dest="to_year", type=int, required=True)
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be made; write nothing"
        )
        parser.add_argument(
            "--restart", action="store_true", help="make an existing draft again from the source"
        )

    def handle(self, *args, from_year, to_year, dry_run, restart, **options):
        # Run from a shell: nobody we know; the history rows name the roll-over instead.
        with translation.override("vi"):
            try:
                result = roll_over_plan(
                    from_year, to_year, by=None, dry_run=dry_run, restart=restart
                )
            except RollOverError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(OUTCOMES[result.outcome].format(to=to_year, frm=from_year))
            if result.outcome == "unchanged":
                return
            self._summary(result)

    def _summary(self, result):
        self.stdout.write(
            f"  {len(result.tasks)} nhiệm vụ, {len(result.requirements)} yêu cầu nộp, "
            f"{len(result.clusters)} cụm, khối thi đua mới; "
            f"{len(result.moved)} chỗ đổi năm, {len(result.kept)} chỗ cần kiểm tra."
        )
        if result.outcome == "dry_run":
            for task, _rows in result.tasks:
                first_line = task.content.splitlines()[0]
                self.stdout.write(
                    f"  {task.number}. Quý {task.quarter}, hạn {task.due_date:%d/%m/%Y}: "
                    f"{first_line}"
                )
            for requirement, _number, units in result.requirements:
                self.stdout.write(
                    f"  Yêu cầu nộp: {requirement.title}, hạn {requirement.due_on:%d/%m/%Y}, "
                    f"{len(units)} đơn vị"
                )
            for cluster, _source in result.clusters:
                self.stdout.write(f"  {cluster.get_kind_display()}: {cluster.name}")
        for where, found, replaced, _context, note in review_of(result.plan):
            if note:
                self.stdout.write(f"  Cần kiểm tra, {where}: {found} ({note})")
            else:
                self.stdout.write(f"  {where}: {found} → {replaced}")
