"""Proposal pages (tờ trình): a unit's, and the office's to the council."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.services import DossierRuleError

from . import documents, proposals
from .forms import ProposalForm, SendProposalForm
from .views import _docx, _require, _year


def proposal_list(request):
    _require(proposals.can_see_proposals(request.user))
    year = _year(request)
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        dossiers=proposals.candidates(request.user, year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposals.create_proposal(request.user, year, **form.cleaned_data)
        except DossierRuleError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Đã lập tờ trình; kiểm tra rồi gửi."))
            return redirect("council:proposal", pk=proposal.pk)
    context = {
        "year": year,
        "proposals": proposals.visible_proposals(request.user).filter(year=year),
        "form": form,
    }
    return render(request, "council/proposals.html", context)


def _proposal(request, pk):
    _require(proposals.can_see_proposals(request.user))
    return get_object_or_404(proposals.visible_proposals(request.user), pk=pk)


def proposal_detail(request, pk):
    proposal = _proposal(request, pk)
    items = proposal.items.select_related("dossier__award_type", "dossier__unit")
    context = {
        "proposal": proposal,
        "items": items,
        "can_send": proposals.can_change(request.user, proposal),
        "send_form": SendProposalForm(),
        "date_line": documents.date_line_of(proposal.date),
    }
    return render(request, "council/proposal_detail.html", context)


@require_POST
def proposal_send(request, pk):
    proposal = _proposal(request, pk)
    if not proposals.can_change(request.user, proposal):
        raise PermissionDenied
    form = SendProposalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi ngày của tờ trình."))
        return redirect("council:proposal", pk=pk)
    try:
        proposals.send_proposal(proposal, request.user, **form.cleaned_data)
    except DossierRuleError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã gửi tờ trình cùng các hồ sơ của nó."))
    return redirect("council:proposal", pk=pk)


def proposal_docx(request, pk):
    proposal = _proposal(request, pk)
    return _docx(documents.proposal_docx(proposal), f"to-trinh-{proposal.pk}.docx")
