"""The comparison of years as an XLSX report in the office's layout: one column per year."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.documents import date_line
from core.spreadsheets import Heading, write_official_xlsx

from .exports import OFFICE_ISSUER, OFFICE_SIGNATURE


def comparison_rows(comparison):
    """The report's rows: the plan's figures, then the awards by type (a heading above)."""
    years = comparison.years

    def row(label, values):
        return [label, *values]

    yield row(_("Phần việc được giao"), [y.parts for y in years])
    yield row(_("Phần việc hoàn thành đúng hạn"), [y.parts_on_time for y in years])
    yield row(_("Tỷ lệ phần việc đúng hạn (%)"), [y.parts_share for y in years])
    yield row(_("Văn bản phải gửi"), [y.owed for y in years])
    yield row(_("Văn bản gửi đúng hạn"), [y.sent_on_time for y in years])
    yield row(_("Tỷ lệ văn bản gửi đúng hạn (%)"), [y.sent_share for y in years])
    yield Heading(_("Khen thưởng theo danh hiệu, hình thức"))
    for award_type, counts in comparison.award_rows():
        yield row(award_type.name, counts)
    yield row(_("Tổng số khen thưởng"), [y.awards_total for y in years])


def write_comparison_xlsx(comparison, whose, stream):
    """`whose`: "toàn tỉnh" or the unit's name, for the subtitle."""
    years = [str(y.year) for y in comparison.years]
    write_official_xlsx(
        stream,
        columns=[(_("Chỉ tiêu"), 44), *[(year, 12) for year in years]],
        rows=comparison_rows(comparison),
        issuer_lines=OFFICE_ISSUER,
        right_lines=[date_line("Lạng Sơn", timezone.localdate())],
        signature=OFFICE_SIGNATURE,
        title=_("BÁO CÁO SO SÁNH KẾT QUẢ CÁC NĂM"),
        subtitles=[
            _("Đơn vị: %(whose)s") % {"whose": whose},
            _("Số liệu tính đến ngày báo cáo; năm %(years)s") % {"years": ", ".join(years)},
        ],
        sheet_title=_("So sánh các năm"),
    )
