"""Pages of the units: the list of every unit, the unit type-ahead, an officer's own unit.
A unit's work in the plan (its parts and documents) is the plan's page of the unit
(plan.views.unit_detail)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render

from core.spreadsheets import xlsx_response

from . import exports, rules
from .enums import UnitKind
from .models import Unit
from .selectors import unit_matches


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def unit_list(request):
    _require(rules.can_list_units(request.user))
    units = Unit.objects.select_related("parent").order_by("sort_key")
    kind = request.GET.get("loai")
    if kind:
        units = units.filter(kind=kind)
    query = request.GET.get("q", "").strip()
    if query:
        units = units.search(query)  # the one unit search: accents, abbreviations as elsewhere
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
    units = unit_matches(request.user, request.GET.get("q", ""))
    return JsonResponse({"results": list(units)})


def my_unit(request):
    """ "Đơn vị của tôi": an officer's own unit page."""
    if not request.user.unit_id:
        raise Http404
    return redirect("unit-detail", request.user.unit.code)
