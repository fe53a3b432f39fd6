"""The office's queue of documents waiting for review, across every requirement."""

from django.core.paginator import Paginator
from django.shortcuts import render

from core import params

from .. import rules
from ..forms import ReviewForm
from ..selectors import current_plan, review_queue_page
from .common import require

QUEUE_PAGE_SIZE = 25


def review_queue(request):
    """Every document waiting for the office, oldest first, optionally of one requirement
    (?yeu_cau=pk); each is reviewed in place and the office comes back to the same page."""
    require(rules.can_manage_schedule(request.user))
    plan = current_plan()
    requirement = params.whole_number(request.GET.get("yeu_cau"))
    if plan:
        page, counts = review_queue_page(
            plan, requirement, request.GET.get("trang"), QUEUE_PAGE_SIZE
        )
    else:
        page, counts = Paginator([], QUEUE_PAGE_SIZE).get_page(1), []
    context = {
        "plan": plan,
        "page": page,
        "counts": counts,
        "requirement": requirement,
        "review_form": ReviewForm(),
    }
    return render(request, "plan/review_queue.html", context)
