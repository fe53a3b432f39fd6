"""Pages of the clusters and blocks: announcing them, a grouping, its pact and scores, a
unit's registration. Thin: read the request, ask emulation.rules, call a service or
selector, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import document_response
from plan.models import Task
from plan.rules import can_change_year, past_year_refusal
from plan.status import today
from plan.views.years import keep_year, year_plan
from units.models import Cluster

from .. import rules, selectors, services
from ..forms import (
    GroupingForm,
    MovementForm,
    PactForm,
    RegistrationForm,
    ScoreForm,
    ScoreSheetForm,
)
from ..models import (
    Movement,
    PactSignature,
    Registration,
    Score,
)
from .common import as_of_date, problems, require

GROUPINGS_PAGE_SIZE = 25


def current_groupings(request):
    """The menu's "Thi đua": the groupings of the latest plan's year."""
    require(rules.can_see_groupings(request.user))
    plan = year_plan(request)  # the year the user chose, else the latest
    return redirect("emulation:groupings", plan.year if plan else today().year)


def groupings(request, year):
    """The year's clusters and blocks the user may see, with each one's cross-check share."""
    require(rules.can_see_groupings(request.user))
    keep_year(request, year)
    as_of = as_of_date(request)
    visible = rules.visible_groupings(request.user, selectors.groupings_of_year(year))
    # A page at a time: a province of 2,000 units has 80 groupings, and drawing every line
    # cost more than reading them.
    page = Paginator(visible, GROUPINGS_PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "year": year,
        "as_of": as_of,
        "page": page,
        "shares": selectors.grouping_shares(page.object_list, as_of),
        "movements": Movement.objects.filter(year=year).select_related("task"),
        "can_view_section_two": rules.can_view_section_two(request.user),
        "can_register": rules.can_register(request.user),
        "can_announce": rules.can_manage_emulation(request.user),
    }
    return render(request, "emulation/groupings.html", context)


def announce(request, year):
    """The office announces a cluster or block of the year with its members (task 6)."""
    require(rules.can_manage_emulation(request.user))
    form = GroupingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cluster = services.announce_grouping(
                year=year,
                kind=data["kind"],
                name=data["name"],
                leader=data["leader"],
                members=data["members"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("members", error)
        else:
            messages.success(request, _("Đã công bố %(name)s.") % {"name": cluster.name})
            return redirect("emulation:grouping", cluster.pk)
    return render(request, "emulation/announce.html", {"year": year, "form": form})


def launch_movement(request, year):
    """The office launches a movement of the year."""
    require(rules.can_manage_emulation(request.user))
    form = MovementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        task = None
        if data["task_number"]:
            task = Task.objects.filter(plan__year=year, number=data["task_number"]).first()
        if data["task_number"] and task is None:
            form.add_error("task_number", _("Kế hoạch năm này không có nhiệm vụ số đó."))
        else:
            services.launch_movement(
                year, request.user, name=data["name"], starts_on=data["starts_on"],
                ends_on=data["ends_on"], task=task, units=list(data["units"]),
            )  # fmt: skip
            messages.success(request, _("Đã phát động phong trào."))
            return redirect("emulation:groupings", year)
    return render(request, "emulation/movement_form.html", {"year": year, "form": form})


@require_POST
def give_score_sheet(request, pk):
    """The office gives a grouping its score sheet, copied from one of its templates."""
    cluster = _visible_cluster(request, pk)
    require(rules.can_manage_emulation(request.user))
    form = ScoreSheetForm(request.POST)
    if form.is_valid():
        services.copy_score_sheet(cluster, form.cleaned_data["template"], request.user)
        messages.success(request, _("Cụm, khối đã có bảng chấm điểm."))
    else:
        messages.error(request, _("Hãy chọn một mẫu bảng chấm điểm."))
    return redirect("emulation:grouping", cluster.pk)


def _visible_cluster(request, pk):
    cluster = get_object_or_404(Cluster.objects.select_related("leader"), pk=pk)
    if not rules.can_see_grouping(request.user, cluster):
        raise Http404
    return cluster


def grouping(request, pk):
    """One grouping: its members' registration, pact, scores and ranks as of a date."""
    cluster = _visible_cluster(request, pk)
    as_of = as_of_date(request)
    standing = selectors.grouping_standing(cluster, as_of)
    user = request.user
    own = next((m for m in standing.members if user.unit_id == m.unit.pk), None)
    for member in standing.members:
        member.scores_visible = rules.can_see_scores(user, cluster, member.unit)
    context = {
        "cluster": cluster,
        "as_of": as_of,
        "standing": standing,
        "own": own,
        "pact_form": PactForm()
        if own and not own.pact_signed and can_change_year(user, cluster.year)
        else None,
        "signatures": PactSignature.objects.filter(cluster=cluster).select_related("unit"),
        # The leading unit proposes its best for the Cờ thi đua and Bằng khen (awards).
        "can_propose": rules.leads(user, cluster),
        "sheet_form": (
            ScoreSheetForm()
            if rules.can_manage_emulation(user) and not hasattr(cluster, "score_sheet")
            else None
        ),
    }
    return render(request, "emulation/grouping.html", context)


def sign_pact(request, pk):
    cluster = _visible_cluster(request, pk)
    if request.method != "POST":
        return redirect("emulation:grouping", cluster.pk)
    require(rules.can_sign_pact(request.user, cluster))
    user_unit = request.user.unit
    form = PactForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.sign_pact(
                cluster,
                user_unit,
                request.user,
                signed_on=form.cleaned_data["signed_on"],
                file=form.cleaned_data["file"],
            )
            messages.success(request, _("Đã ghi nhận đơn vị ký giao ước thi đua."))
        except ValidationError as error:
            for problem in problems(error):
                messages.error(request, problem)
    else:
        for errors in form.errors.values():
            for problem in errors:
                messages.error(request, problem)
    return redirect("emulation:grouping", cluster.pk)


def scores(request, pk, code):
    """A member's score sheet: its self-scores and the leading unit's checked scores."""
    cluster = _visible_cluster(request, pk)
    unit = get_object_or_404(cluster.members.all(), code=code)
    if not rules.can_see_scores(request.user, cluster, unit):
        raise Http404
    sheet = getattr(cluster, "score_sheet", None)
    criteria = list(sheet.criteria.order_by("position")) if sheet else []
    can_score = rules.can_self_score(request.user, unit)
    can_check = rules.can_cross_check(request.user, cluster)
    if request.method == "POST":
        require(can_score or can_check)
        form = ScoreForm(request.POST, request.FILES)
        _save_score(request, form, unit, criteria, checking=request.POST.get("action") == "check")
        return redirect("emulation:scores", cluster.pk, unit.code)
    by_criterion = {
        s.criterion_id: s for s in Score.objects.filter(criterion__in=criteria, unit=unit)
    }
    for criterion in criteria:
        criterion.score = by_criterion.get(criterion.pk)
    context = {
        "cluster": cluster,
        "unit": unit,
        "criteria": criteria,
        "can_score": can_score,
        "can_check": can_check,
    }
    return render(request, "emulation/scores.html", context)


def _save_score(request, form, unit, criteria, *, checking):
    if not form.is_valid():
        for errors in form.errors.values():
            for problem in errors:
                messages.error(request, problem)
        return
    criterion = next((c for c in criteria if c.pk == form.cleaned_data["criterion"]), None)
    if criterion is None:
        raise Http404
    data = form.cleaned_data
    try:
        if checking:
            score = get_object_or_404(Score, criterion=criterion, unit=unit)
            services.cross_check(
                score, request.user, points=data["points"], comment=data["comment"]
            )
        else:
            services.score_criterion(
                criterion, unit, request.user, points=data["points"], evidence=data["evidence"]
            )
        messages.success(request, _("Đã ghi điểm tiêu chí “%(text)s”.") % {"text": criterion.text})
    except ValidationError as error:
        for problem in problems(error):
            messages.error(request, problem)


def score_evidence(request, pk):
    score = get_object_or_404(
        Score.objects.select_related("criterion__sheet__cluster", "unit"), pk=pk
    )
    if not score.evidence or not rules.can_see_scores(
        request.user, score.criterion.sheet.cluster, score.unit
    ):
        raise Http404
    return document_response(score.evidence, score.evidence.name.rsplit("/", 1)[-1])


def pact_file(request, pk):
    signature = get_object_or_404(PactSignature.objects.select_related("cluster"), pk=pk)
    if not signature.file or not rules.can_see_grouping(request.user, signature.cluster):
        raise Http404
    return document_response(signature.file, signature.file.name.rsplit("/", 1)[-1])


def register(request, year):
    """A unit's emulation registration for the year (đăng ký thi đua)."""
    require(rules.can_register(request.user))
    keep_year(request, year)
    unit = request.user.unit
    if request.method == "POST" and not can_change_year(request.user, year):
        messages.error(request, past_year_refusal(year))
        return redirect("emulation:register", year)
    current = Registration.objects.filter(unit=unit, year=year).first()
    if request.method == "POST":
        form = RegistrationForm(request.POST, request.FILES)
        if form.is_valid():
            targets = {k: v for k, v in form.cleaned_data.items() if k != "file"}
            try:
                services.register(
                    unit, year, request.user, targets=targets, file=form.cleaned_data["file"]
                )
            except ValidationError as error:
                for problem in problems(error):
                    form.add_error(None, problem)
            else:
                messages.success(request, _("Đã ghi nhận đăng ký thi đua của đơn vị."))
                return redirect("emulation:register", year)
    else:
        initial = {}
        if current:
            initial = {f: getattr(current, f) for f in RegistrationForm.base_fields if f != "file"}
        form = RegistrationForm(initial=initial)
    context = {
        "year": year,
        "unit": unit,
        "form": form,
        "current": current,
        "requirement": services.registration_requirement(year),
        # A past year's registration is read-only but for the office (the service refuses).
        "read_only": not can_change_year(request.user, year),
    }
    return render(request, "emulation/register.html", context)
