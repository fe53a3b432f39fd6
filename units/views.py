"""Pages of the units: the list of every unit, the unit type-ahead, an officer's own unit.
A unit's work in the plan (its parts and documents) is the plan's page of the unit
(plan.views.unit_detail)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import params
from core.spreadsheets import xlsx_response

from . import exports, lifecycle, rules, selectors
from .change_forms import ParticipationForm, UnitChangeForm
from .enums import UnitKind
from .models import Unit


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def unit_list(request):
    _require(rules.can_list_units(request.user))
    kind = params.text(request.GET.get("loai"))
    query = params.text(request.GET.get("q")).strip()
    units = selectors.unit_list(request.user, kind, query)
    if request.GET.get("xuat") == "xlsx":
        kind_label = dict(UnitKind.choices).get(kind) if kind else None
        return xlsx_response("don-vi.xlsx", exports.write_units_xlsx, units, kind_label, query)
    page = Paginator(units, 50).get_page(request.GET.get("trang"))
    context = {"page": page, "kinds": UnitKind.choices, "kind": kind, "query": query}
    return render(request, "units/unit_list.html", context)


def unit_search(request):
    """The unit type-ahead (static/js/app.js): at most UNIT_MATCHES units the user may see
    whose name, short name or code contains ?q=, as JSON."""
    _require(rules.can_search_units(request.user))
    units = selectors.unit_matches(request.user, request.GET.get("q", ""))
    return JsonResponse({"results": list(units)})


def my_unit(request):
    """ "Đơn vị của tôi": an officer's own unit page."""
    if not rules.can_open_my_unit(request.user):
        raise Http404
    return redirect("unit-detail", request.user.unit.code)


def unit_changes(request, code):
    """A unit's life: its names with the dates they held from, its mergers and dissolution,
    the units it took over, the years it takes part in; the office records a change here."""
    unit = get_object_or_404(Unit.objects.select_related("successor"), code=code)
    if not rules.can_see_unit(request.user, unit):
        raise Http404
    can_change = rules.can_change_units(request.user)
    form = UnitChangeForm(request.POST or None) if can_change else None
    if request.method == "POST":
        _require(can_change)
        if form.is_valid():
            try:
                change = form.record(unit, request.user)
            except ValidationError:
                pass
            else:
                messages.success(
                    request,
                    _("Đã ghi: %(kind)s từ ngày %(day)s.")
                    % {"kind": change.get_kind_display(), "day": f"{change.on:%d/%m/%Y}"},
                )
                return redirect("unit-changes", unit.code)
    context = {
        "unit": unit,
        "names": lifecycle.name_history(unit),
        "changes": unit.changes.select_related("successor", "recorded_by"),
        "predecessors": lifecycle.predecessors(unit, request.user),
        "years": unit.years.all(),
        "form": form,
        "participation_form": ParticipationForm() if can_change else None,
    }
    return render(request, "units/unit_changes.html", context)


@require_POST
def unit_participation(request, code):
    """The office sets whether the unit takes part in a year's plan."""
    unit = get_object_or_404(Unit, code=code)
    if not rules.can_see_unit(request.user, unit):
        raise Http404
    _require(rules.can_change_units(request.user))
    form = ParticipationForm(request.POST)
    if form.is_valid():
        year, takes_part = form.cleaned_data["year"], form.cleaned_data["takes_part"]
        lifecycle.set_participation(unit, year, takes_part, by=request.user)
        message = (
            _("Năm %(y)s: đơn vị tham gia kế hoạch.")
            if takes_part
            else _("Năm %(y)s: đơn vị không tham gia kế hoạch.")
        )
        messages.success(request, message % {"y": year})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("unit-changes", unit.code)
