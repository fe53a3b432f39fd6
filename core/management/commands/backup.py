from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = _("Sao lưu toàn bộ cơ sở dữ liệu và các tệp tải lên vào một tệp .tar.gz.")

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", required=True, help=_("Tệp sao lưu sẽ ghi (.tar.gz).")
        )

    def handle(self, *args, output, **options):
        try:
            manifest = create_backup(output)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Đã sao lưu %(rows)d dòng dữ liệu và %(files)d tệp vào %(output)s.")
            % {"rows": sum(manifest["rows"].values()), "files": manifest["files"], "output": output}
        )
