"""The year a page is drawn for (issue 17): the year switcher of every page that belongs to
a year. The chosen year is kept in the session like the as-of date (common.as_of_date), so
it follows the user from page to page; pages with the year in their address keep theirs.
An empty ?nam= goes back to the current year (the latest published plan's)."""

from urllib.parse import urlencode, urlsplit

from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from core.params import whole_number
from units.rules import can_view_plan

from ..models import Plan, Requirement, Task, TaskPart
from .common import require

YEAR_KEY = "nam"  # the URL parameter and the session's copy of the chosen year


def published_plans(request):
    """The published plans, latest first, read once per request (a plan a year: a few rows);
    the year switcher lists their years."""
    if not hasattr(request, "_published_plans"):
        request._published_plans = list(Plan.objects.published().order_by("-year"))
    return request._published_plans


def latest_year(request):
    """The latest published year (the product's current year), or None: from the published
    plans this request has read."""
    plans = published_plans(request)
    return plans[0].year if plans else None


def _published_year(request, value):
    year = whole_number(value, 1900, 2999)
    return year if any(plan.year == year for plan in published_plans(request)) else None


def _query_without(query, *names):
    kept = QueryDict(query, mutable=True)
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


def keep_year(request, year):
    """The page belongs to `year`: the session keeps it (unless it is the current year) and
    the switcher shows it (request.page_year, read by plan.context_processors)."""
    plans = published_plans(request)
    current = plans[0] if plans else None
    if current is None or year == current.year:
        request.session.pop(YEAR_KEY, None)
    elif request.session.get(YEAR_KEY) != year:
        request.session[YEAR_KEY] = year
    request.page_year = year


def year_plan(request):
    """The published plan of the year the user chose (?nam=2013, else the session's), or the
    current plan: what the plan, the dashboard, the parts and a unit's page show."""
    plans = published_plans(request)
    if YEAR_KEY in request.GET:
        year = _published_year(request, request.GET.get(YEAR_KEY))
    else:
        year = request.session.get(YEAR_KEY)
    plan = next((plan for plan in plans if plan.year == year), plans[0] if plans else None)
    if plan is not None:
        keep_year(request, plan.year)
    return plan


def _same_page_in(year, match, query):
    """The page of `year` that stands where `match` stood in its own year, or None when the
    page is the same for every year (it reads the chosen year from the session)."""
    kwargs = dict(match.kwargs)
    name = match.view_name
    if "year" in kwargs:
        if (
            name == "task-detail"
            and not Task.objects.filter(
                plan__year=year, plan__status="published", number=kwargs["number"]
            ).exists()
        ):
            return reverse("plan-detail", args=[year])
        kwargs["year"] = year
        try:
            return reverse(name, kwargs=kwargs) + query
        except NoReverseMatch:
            return None
    if name == "requirement-detail":
        old = Requirement.objects.filter(pk=kwargs["pk"]).first()
        new = (
            old
            and Requirement.objects.filter(plan__year=year, plan__status="published", kind=old.kind)
            .order_by("due_on")
            .first()
        )
        return reverse("requirement-detail", args=[new.pk]) + query if new else reverse("home")
    if name == "part-detail":
        old = TaskPart.objects.filter(pk=kwargs["pk"]).select_related("task").first()
        new = (
            old
            and TaskPart.objects.filter(
                task__plan__year=year,
                task__plan__status="published",
                task__number=old.task.number,
                unit_id=old.unit_id,
            ).first()
        )
        return reverse("part-detail", args=[new.pk]) if new else reverse("part-list")
    return None


def switch_year(request):
    """The year switcher's target: keep the chosen year (empty: the current one) and go back
    to the same page in that year."""
    require(can_view_plan(request.user))
    plans = published_plans(request)
    if not plans:
        raise Http404
    year = _published_year(request, request.GET.get(YEAR_KEY)) or plans[0].year
    keep_year(request, year)
    back = request.GET.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("home")
    parts = urlsplit(back)
    query = _query_without(parts.query, YEAR_KEY, "trang")
    try:
        match = resolve(parts.path)
    except Resolver404:
        return redirect(reverse("home"))
    target = _same_page_in(year, match, f"?{query}" if query else "")
    return redirect(target or (parts.path + (f"?{query}" if query else "")))


def switch_url(request, year):
    """The switcher's link to `year` (None: the current year) from this page."""
    return (
        reverse("switch-year")
        + "?"
        + urlencode({YEAR_KEY: year or "", "next": request.get_full_path()})
    )
