from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = _(
        "Phục hồi một bản sao lưu vào cơ sở dữ liệu trống (vừa chạy migrate) "
        "và thư mục tệp tải lên trống."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Tệp sao lưu (.tar.gz) do lệnh backup tạo."))

    def handle(self, *args, file, **options):
        try:
            manifest = restore_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Đã phục hồi %(rows)d dòng dữ liệu và %(files)d tệp từ bản sao lưu ngày %(date)s.")
            % {
                "rows": sum(manifest["rows"].values()),
                "files": manifest["files"],
                "date": localtime(datetime.fromisoformat(manifest["created"])).strftime("%d/%m/%Y"),
            }
        )
