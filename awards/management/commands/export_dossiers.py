import io

from django.core.management.base import BaseCommand, CommandError

from awards import exports


class Command(BaseCommand):
    help = "Write a year's award dossiers, with their history, as JSON or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="fmt", default="json")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, year, fmt, output, **options):
        if fmt not in exports.FORMATS:
            raise CommandError(
                f"Định dạng “{fmt}” không hỗ trợ; dùng: {', '.join(exports.FORMATS)}."
            )
        writer = getattr(exports, f"write_{fmt}")
        if fmt == "xlsx":
            if not output:
                raise CommandError("Tệp XLSX cần tên tệp: thêm -o TỆP.")
            with open(output, "wb") as stream:
                writer(year, stream)
        elif output:
            with open(output, "w", encoding="utf-8") as stream:
                writer(year, stream)
        else:
            buffer = io.StringIO()
            writer(year, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
