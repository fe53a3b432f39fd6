from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.orphans import orphan_files


class Command(BaseCommand):
    help = _(
        "Liệt kê các tệp tải lên không còn dòng dữ liệu nào trỏ tới (cũ hơn một ngày); "
        "thêm --delete để xóa chúng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help=_("Xóa các tệp được liệt kê."))
        parser.add_argument(
            "--hours",
            type=int,
            default=24,
            help=_("Chỉ các tệp ghi cách đây hơn chừng này giờ (mặc định 24)."),
        )

    def handle(self, *args, delete, hours, **options):
        names = orphan_files(timedelta(hours=hours))
        for name in names:
            if delete:
                default_storage.delete(name)
            self.stdout.write(name)
        if delete:
            message = _("Đã xóa %(count)d tệp không còn dòng dữ liệu nào trỏ tới.")
        else:
            message = _(
                "%(count)d tệp không còn dòng dữ liệu nào trỏ tới; chạy lại với --delete để xóa."
            )
        self.stdout.write(message % {"count": len(names)})
