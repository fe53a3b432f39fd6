"""The office's list of what units sent since a chosen date (issue 13, point 15)."""

import datetime

from django.core.paginator import Paginator
from django.shortcuts import render

from core import arrivals

from .. import rules
from ..forms import ArrivalsForm
from ..status import end_of_day, today
from .common import require

ARRIVALS_PAGE_SIZE = 50
DEFAULT_DAYS = 7  # what the office sees without choosing: the last week


def default_since():
    return today() - datetime.timedelta(days=DEFAULT_DAYS)


def start_of(day):
    """The first instant of a local day."""
    return end_of_day(day - datetime.timedelta(days=1))


def arrivals_page(request):
    """Documents, dossiers and progress reports units sent since ?tu_ngay=, newest first,
    each linking to its page: two queries (the count and the page)."""
    require(rules.can_manage_schedule(request.user))
    form = ArrivalsForm(request.GET if "tu_ngay" in request.GET else None)
    since = (form.is_valid() and form.cleaned_data["tu_ngay"]) or default_since()
    page = Paginator(arrivals.arrivals_since(start_of(since)), ARRIVALS_PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    context = {
        "form": form if form.is_bound else ArrivalsForm(initial={"tu_ngay": since}),
        "since": since,
        "page": page,
        "rows": arrivals.described(page.object_list),
    }
    return render(request, "plan/arrivals.html", context)
