import io

from django.core.management.base import BaseCommand, CommandError

from plan import exports
from plan.models import Plan


class Command(BaseCommand):
    help = "Write a year's plan and its tasks as JSON, CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="fmt", default="json")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, year, fmt, output, **options):
        if fmt not in exports.FORMATS:
            raise CommandError(
                f"Định dạng “{fmt}” không hỗ trợ; dùng: {', '.join(exports.FORMATS)}."
            )
        plan = Plan.objects.filter(year=year).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch năm {year}.")
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
