"""The office's queue of documents waiting for review, across every requirement."""

from django.core.paginator import Paginator
from django.shortcuts import render

from core import params

from .. import rules
from ..forms import ReviewForm
from ..selectors import awaiting_review, awaiting_review_counts, current_plan
from .common import require

QUEUE_PAGE_SIZE = 25


def review_queue(request):
    """Every document waiting for the office, oldest first, optionally of one requirement
    (?yeu_cau=pk); each is reviewed in place and the office comes back to the same page."""
    require(rules.can_manage_schedule(request.user))
    plan = current_plan()
    waiting = awaiting_review(plan) if plan else []
    requirement = params.whole_number(request.GET.get("yeu_cau"))
    if plan and requirement:
        waiting = waiting.filter(requirement_id=requirement)
    page = Paginator(waiting, QUEUE_PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "plan": plan,
        "page": page,
        "counts": awaiting_review_counts(plan) if plan else [],
        "requirement": requirement,
        "review_form": ReviewForm(),
    }
    return render(request, "plan/review_queue.html", context)
