"""The office's queue of documents waiting for review, across every requirement."""

from django.shortcuts import render

from core import params
from core.pagination import CountedPaginator

from .. import rules
from ..forms import ReviewForm
from ..models import Submission
from ..selectors import awaiting_review, awaiting_review_counts, current_plan
from .common import require

QUEUE_PAGE_SIZE = 25


def review_queue(request):
    """Every document waiting for the office, oldest first, optionally of one requirement
    (?yeu_cau=pk); each is reviewed in place and the office comes back to the same page."""
    require(rules.can_manage_schedule(request.user))
    plan = current_plan()
    requirement = params.whole_number(request.GET.get("yeu_cau"))
    # The queue is read from Submission.awaiting_review's partial index: its counts by
    # requirement (the dashboard's) give the total, and a page walks the index in order.
    counts = awaiting_review_counts(plan) if plan else []
    waiting = awaiting_review(plan) if plan else Submission.objects.none()
    if requirement:
        waiting = waiting.filter(requirement_id=requirement)
    total = sum(n for pk, _title, n in counts if not requirement or pk == requirement)
    page = CountedPaginator(waiting, QUEUE_PAGE_SIZE, total).get_page(request.GET.get("trang"))
    context = {
        "plan": plan,
        "page": page,
        "counts": counts,
        "requirement": requirement,
        "review_form": ReviewForm(),
    }
    return render(request, "plan/review_queue.html", context)
