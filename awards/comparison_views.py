"""Comparing years: the province's page and a unit's, each with its table, charts and XLSX."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.charts import horizontal_bars
from core.spreadsheets import xlsx_response
from plan import rules
from plan.views.common import require
from units.models import Unit
from units.rules import is_unit_officer

from .comparison import units_by_year, year_comparison
from .comparison_xlsx import write_comparison_xlsx


def _percent(value):
    return f"{number_format(value, 1)}\u00a0%"


def _charts(comparison, whose):
    """The two charts of a comparison: the on-time shares by year, the awards by type."""
    shares = horizontal_bars(
        title=_("Tỷ lệ đúng hạn theo năm: %(whose)s") % {"whose": whose},
        description=_(
            "Mỗi năm hai thanh: tỷ lệ phần việc hoàn thành đúng hạn và tỷ lệ văn bản gửi "
            "đúng hạn, trên thang 0-100 %."
        ),
        groups=[(str(year.year), [year.parts_share, year.sent_share]) for year in comparison.years],
        series=[_("Phần việc đúng hạn"), _("Văn bản gửi đúng hạn")],
        maximum=100,
        show=_percent,
    )
    awards = horizontal_bars(
        title=_("Khen thưởng theo hình thức và năm: %(whose)s") % {"whose": whose},
        description=_(
            "Mỗi danh hiệu, hình thức một nhóm thanh, mỗi năm một thanh: số khen thưởng."
        ),
        groups=[(award_type.name, counts) for award_type, counts in comparison.award_rows()],
        series=[str(year.year) for year in comparison.years],
        name_bars=True,
    )
    return shares, awards


def _page(request, comparison, whose, filename, extra):
    if request.GET.get("xuat") == "xlsx":
        return xlsx_response(filename, write_comparison_xlsx, comparison, whose)
    shares_chart, awards_chart = _charts(comparison, whose)
    context = {
        "comparison": comparison,
        "whose": whose,
        "shares_chart": shares_chart,
        "awards_chart": awards_chart,
        **extra,
    }
    return render(request, "awards/comparison.html", context)


def province_comparison(request):
    """The province's figures year against year, and each unit's shares by year."""
    require(rules.can_compare_years(request.user))
    comparison = year_comparison()
    years = [year.year for year in comparison.years]
    extra = {
        "unit_rows": units_by_year(years, Unit.objects.all()),
        "unit_colspan": 1 + 2 * len(years),
    }
    return _page(request, comparison, _("toàn tỉnh"), "so-sanh-cac-nam-toan-tinh.xlsx", extra)


def unit_comparison(request, code):
    """One unit's figures year against year: its officer's, and the office's and leaders'."""
    unit = get_object_or_404(Unit, code=code)
    if not rules.can_compare_unit_years(request.user, unit):
        if is_unit_officer(request.user):
            raise Http404  # another unit's page is not there for an officer
        raise PermissionDenied
    comparison = year_comparison(unit)
    filename = f"so-sanh-cac-nam-{unit.code}.xlsx"
    return _page(request, comparison, unit.name, filename, {"unit": unit})
