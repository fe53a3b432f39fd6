"""A unit's notices (issue 13, point 15): what the office told it, unread first; opening one
marks it read. Only the people of the unit see them: another unit's notice is 404."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import notices

from . import rules

NOTICES_PAGE_SIZE = 30


def _unit_id(request):
    if not rules.can_see_notices(request.user):
        raise Http404
    return request.user.unit_id


def notice_list(request):
    unit_id = _unit_id(request)
    page = Paginator(notices.notices_of(unit_id), NOTICES_PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    return render(request, "units/notice_list.html", {"page": page})


def notice_detail(request, pk):
    notice = get_object_or_404(notices.notices_of(_unit_id(request)), pk=pk)
    if notice.read_at is None:
        notices.mark_read(notices.notices_of(notice.unit_id).filter(pk=notice.pk))
    return render(request, "units/notice_detail.html", {"notice": notice})


@require_POST
def notices_read(request):
    notices.mark_read(notices.notices_of(_unit_id(request)))
    return redirect("notices")
