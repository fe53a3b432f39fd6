from django.core.management.base import BaseCommand

from council.exports import export_documents


class Command(BaseCommand):
    help = "Write every document issued in a year (tờ trình, biên bản, quyết định) as DOCX."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("-o", "--output", required=True, help="the folder to write to")

    def handle(self, *args, year, output, **options):
        manifest = export_documents(year, output)
        self.stdout.write(f"Đã xuất {len(manifest['documents'])} văn bản năm {year} vào {output}.")
