"""The browser's print views of the council's documents: the same document the DOCX is
built from (council.documents), drawn as HTML in the official layout, with the same
permission as its DOCX."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import documents, rules
from .models import Decision, Session
from .proposal_views import _proposal
from .views import _require


def _print_view(request, document, *, title, back_url, docx_url):
    context = {
        "blocks": document.blocks,
        "title": title,
        "back_url": back_url,
        "docx_url": docx_url,
    }
    return render(request, "core/official_document.html", context)


def minutes_print(request, pk):
    _require(rules.can_see_council_work(request.user))
    session = get_object_or_404(Session, pk=pk)
    if session.closed_at is None:
        messages.error(request, _("Biên bản có sau khi kết thúc bỏ phiếu."))
        return redirect("council:session", pk=pk)
    return _print_view(
        request,
        documents.minutes_document(session),
        title=_("Biên bản phiên họp ngày %(date)s") % {"date": f"{session.date:%d/%m/%Y}"},
        back_url=reverse("council:session", args=[pk]),
        docx_url=reverse("council:minutes", args=[pk]),
    )


def decision_print(request, pk):
    _require(rules.can_see_council_work(request.user))
    decision = get_object_or_404(Decision.objects.select_related("session"), pk=pk)
    return _print_view(
        request,
        documents.decision_document(decision),
        title=_("Quyết định khen thưởng"),
        back_url=reverse("council:decision", args=[pk]),
        docx_url=reverse("council:decision-docx", args=[pk]),
    )


def proposal_print(request, pk):
    proposal = _proposal(request, pk)
    return _print_view(
        request,
        documents.proposal_document(proposal),
        title=_("Tờ trình"),
        back_url=reverse("council:proposal", args=[pk]),
        docx_url=reverse("council:proposal-docx", args=[pk]),
    )
