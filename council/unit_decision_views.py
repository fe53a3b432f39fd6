"""Unit decisions on unit-level awards: the unit's officer records them, the office and the
leaders see them per unit and year."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import documents, unit_decisions
from .forms import UnitDecisionForm
from .views import _docx, _require, _year


def unit_decision_list(request):
    user = request.user
    _require(unit_decisions.can_see_unit_decisions(user))
    year = _year(request)
    form = None
    if unit_decisions.is_unit_officer(user):
        form = UnitDecisionForm(
            request.POST if request.method == "POST" else None,
            award_types=unit_decisions.unit_award_types(),
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            lines = [
                line
                for award_type in form.award_types
                for line in unit_decisions.parse_lines(award_type, data[f"list_{award_type.code}"])
            ]
            try:
                decision = unit_decisions.record_unit_decision(
                    user.unit,
                    user,
                    year=year,
                    lines=lines,
                    **{k: data[k] for k in ("number", "date", "summary", "signer_title")},
                    signer_name=data["signer_name"],
                )
            except unit_decisions.UnitDecisionError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Đã ghi quyết định và danh sách được khen thưởng."))
                return redirect("council:unit-decision", pk=decision.pk)
    elif request.method == "POST":
        _require(False)
    decisions = (
        unit_decisions.visible_unit_decisions(user)
        .filter(year=year)
        .prefetch_related("awardees__award_type")
    )
    return render(
        request,
        "council/unit_decisions.html",
        {"year": year, "decisions": decisions, "form": form},
    )


def unit_decision_detail(request, pk):
    _require(unit_decisions.can_see_unit_decisions(request.user))
    decision = get_object_or_404(unit_decisions.visible_unit_decisions(request.user), pk=pk)
    if request.GET.get("tai") == "docx":
        return _docx(documents.unit_decision_docx(decision), f"quyet-dinh-don-vi-{pk}.docx")
    awardees = decision.awardees.select_related("award_type")
    return render(
        request,
        "council/unit_decision.html",
        {
            "decision": decision,
            "awardees": awardees,
            "date_line": documents.date_line_of(decision.date),
        },
    )
