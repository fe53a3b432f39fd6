import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.history import recorded_as
from plan.services import PlanDataError, load_plan


class Command(BaseCommand):
    help = "Load (or update) a year's plan and its tasks from a JSON data file."

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "plan-2013.json"),
            help="plan data file (default: the 2013 plan in fixtures/)",
        )

    def handle(self, *args, file, **options):
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Không đọc được tệp {file}: {error}") from error
        try:
            # Run from a shell: nobody we know, so the history says which command wrote it.
            with recorded_as(None, "manage.py load_plan"):
                plan, created = load_plan(data)
        except PlanDataError as error:
            raise CommandError(
                "Không nạp kế hoạch, không có gì được ghi:\n" + "\n".join(error.errors)
            ) from error
        verb = "Đã tạo" if created else "Đã cập nhật"
        self.stdout.write(f"{verb} kế hoạch {plan.number} ({plan.tasks.count()} nhiệm vụ).")
