import datetime
import io
import json

from django.core.management.base import BaseCommand, CommandError

from plan import exports
from plan.models import Plan


class Command(BaseCommand):
    help = "Write a year's plan and its tasks as JSON, CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="fmt", default="json")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--as-of", dest="as_of", help="add each task's status on this date (yyyy-mm-dd)"
        )

    def handle(self, *args, year, fmt, output, as_of, **options):
        if fmt not in exports.FORMATS:
            raise CommandError(
                f"Định dạng “{fmt}” không hỗ trợ; dùng: {', '.join(exports.FORMATS)}."
            )
        plan = Plan.objects.filter(year=year).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch năm {year}.")
        if as_of:
            try:
                as_of = datetime.date.fromisoformat(as_of)
            except ValueError as error:
                raise CommandError(f"Ngày “{as_of}” không hợp lệ (dạng yyyy-mm-dd).") from error
            if fmt == "csv":
                raise CommandError("--as-of dùng với --format json hoặc xlsx.")
            if fmt == "xlsx":
                if not output:
                    raise CommandError("Tệp XLSX cần tên tệp: thêm -o TỆP.")
                with open(output, "wb") as stream:
                    exports.write_status_xlsx(plan, as_of, stream)
                return
            buffer = io.StringIO()
            json.dump(exports.plan_data(plan, as_of), buffer, ensure_ascii=False, indent=2)
            return self._write_text(buffer.getvalue() + "\n", output)
        writer = getattr(exports, f"write_{fmt}")
        if fmt == "xlsx":
            if not output:
                raise CommandError("Tệp XLSX cần tên tệp: thêm -o TỆP.")
            with open(output, "wb") as stream:
                writer(plan, stream)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                writer(plan, stream)
        else:
            buffer = io.StringIO()
            writer(plan, buffer)
            self.stdout.write(buffer.getvalue(), ending="")

    def _write_text(self, text, output):
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                stream.write(text)
        else:
            self.stdout.write(text, ending="")
