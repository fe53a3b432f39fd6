"""The units list written out as XLSX, in the office's layout."""

from django.utils import timezone

from core.documents import date_line
from core.spreadsheets import write_official_xlsx

# Rows are read this many at a time: the chunk, not the list, sets the export's memory.
CHUNK = 500


def write_units_xlsx(units, kind_label, query, stream):
    """Exactly the rows of the units list under its filters (kind, name), every page."""
    filters = []
    if kind_label:
        filters.append(f"Loại đơn vị: {kind_label}")
    if query:
        filters.append(f"Tên có “{query}”")
    write_official_xlsx(
        stream,
        columns=[("TT", 5), ("Tên đơn vị", 50), ("Loại", 28), ("Tham gia kế hoạch", 12)],
        rows=(
            [
                number,
                unit.name,
                str(unit.get_kind_display()),
                "Có" if unit.is_participating else "Không",
            ]
            for number, unit in enumerate(units.iterator(chunk_size=CHUNK), start=1)
        ),
        title="DANH SÁCH ĐƠN VỊ",
        subtitles=["Lọc theo: " + "; ".join(filters)] if filters else [],
        sheet_title="Đơn vị",
        right_lines=[date_line("Lạng Sơn", timezone.localdate())],
    )
