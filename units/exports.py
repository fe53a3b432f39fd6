"""The units list written out as XLSX, in the office's layout."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.documents import date_line
from core.spreadsheets import write_official_xlsx

# Rows are read this many at a time: the chunk, not the list, sets the export's memory.
CHUNK = 500


def write_units_xlsx(units, kind_label, query, stream):
    """Exactly the rows of the units list under its filters (kind, name), every page."""
    filters = []
    if kind_label:
        filters.append(_("Loại đơn vị: %(kind)s") % {"kind": kind_label})
    if query:
        filters.append(_("Tên có “%(text)s”") % {"text": query})
    write_official_xlsx(
        stream,
        columns=[
            (_("TT"), 5),
            (_("Tên đơn vị"), 50),
            (_("Loại"), 28),
            (_("Tham gia kế hoạch"), 12),
        ],
        rows=(
            [
                number,
                unit.name,
                str(unit.get_kind_display()),
                _("Có") if unit.is_participating else _("Không"),
            ]
            for number, unit in enumerate(units.iterator(chunk_size=CHUNK), start=1)
        ),
        title=_("DANH SÁCH ĐƠN VỊ"),
        subtitles=[_("Lọc theo: %(filters)s") % {"filters": "; ".join(filters)}] if filters else [],
        sheet_title=_("Đơn vị"),
        right_lines=[date_line("Lạng Sơn", timezone.localdate())],
    )
