from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from imports.registry import COMMAND_NAMES, IMPORT_KINDS, kind_named, preview_import, run_import
from units.models import Unit, User


class Command(BaseCommand):
    help = (
        "Import a spreadsheet as any kind of the import page (the same reader, checks and "
        "messages): all or nothing; exits non-zero with the row errors on a bad file."
    )

    def add_arguments(self, parser):
        kinds = sorted({*IMPORT_KINDS, *COMMAND_NAMES})
        parser.add_argument("kind", help="one of: " + ", ".join(kinds))
        parser.add_argument("file", help="XLSX or CSV file")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--user", help="username the history rows name")
        parser.add_argument("--unit", help="unit code, for a unit's own list (nominees)")

    def handle(self, *args, kind, file, dry_run, user, unit, **options):
        import_kind = kind_named(kind)
        if import_kind is None:
            names = ", ".join(sorted({*IMPORT_KINDS, *COMMAND_NAMES}))
            raise CommandError(f"Không có loại nhập “{kind}”; các loại: {names}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{file}”.")
        extra = {}
        by = None
        if user:
            by = User.objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"Không có người dùng “{user}”.")
        if import_kind.for_unit:
            found = Unit.objects.filter(code=unit).first() if unit else None
            if found is None:
                raise CommandError("Loại nhập này cần --unit MÃ_ĐƠN_VỊ của một đơn vị có thật.")
            extra["unit"] = found
        action = preview_import if dry_run else run_import
        report = action(import_kind, path.read_bytes(), path.name, by, **extra)
        if not report.ok:
            for error in report.errors:
                where = f"Dòng {error.row}" if error.row else "Tệp"
                column = f", cột “{error.column}”" if error.column else ""
                self.stderr.write(f"{where}{column}: {error.message}")
            raise CommandError(f"Tệp có {len(report.errors)} lỗi; không có dòng nào được ghi.")
        verb = "Sẽ" if dry_run else "Đã"
        self.stdout.write(
            f"{verb} thêm {len(report.created)}, cập nhật {len(report.updated)}, "
            f"giữ nguyên {len(report.skipped)} dòng ({import_kind.label})."
        )
