import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from emulation.exports import clusters_data, write_clusters_xlsx


class Command(BaseCommand):
    help = "Write a year's clusters and blocks with their standings and section II's targets."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="fmt", choices=["json", "xlsx"], default="json")
        parser.add_argument("-o", "--output", required=True, help="the file to write")
        parser.add_argument("--as-of", dest="as_of", help="standings on this date (yyyy-mm-dd)")

    def handle(self, *args, year, fmt, output, as_of, **options):
        try:
            as_of = datetime.date.fromisoformat(as_of) if as_of else None
        except ValueError as error:
            raise CommandError(f"Ngày “{as_of}” không hợp lệ (dạng yyyy-mm-dd).") from error
        if fmt == "xlsx":
            with open(output, "wb") as stream:
                write_clusters_xlsx(year, stream, as_of)
            return
        with open(output, "w", encoding="utf-8") as stream:
            json.dump(clusters_data(year, as_of), stream, ensure_ascii=False, indent=2)
            stream.write("\n")
