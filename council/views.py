"""The council's pages: members, sessions, the voting screen, minutes and decisions."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.decision_dates import DecisionDateError
from awards.enums import DossierState
from awards.models import Dossier
from awards.services import DossierRuleError
from core import documents as core_documents
from core import params
from plan.views.years import keep_year, year_plan

from . import documents, rules, selectors, services
from .forms import (
    AttendanceForm,
    CorrectDecisionForm,
    DecisionDraftForm,
    MemberForm,
    RecordDecisionForm,
    SessionForm,
    TemplateForm,
)
from .models import BallotCast, Decision, Session

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _year(request):
    """The page's year: ?nam=, else the year the user chose with the year switcher (kept in
    the session), else the current plan's; the switcher shows it (plan.views.years). The
    commendation round of a year runs early in the next, so a past year's proposals and unit
    decisions stay open to officers (unlike its parts and documents)."""
    year = params.whole_number(request.GET.get("nam"), 2000, 2100)
    if year is None:
        plan = year_plan(request)
        year = plan.year if plan else datetime.date.today().year
    keep_year(request, year)
    return year


def _docx(content, name):
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _refused(request, error):
    for message in error.messages:
        messages.error(request, message)


def sessions(request):
    _require(rules.can_see_council_work(request.user))
    year = _year(request)
    context = {
        "year": year,
        "sessions": selectors.sessions(year),
        "decisions": selectors.decisions(year),
        "members": selectors.members_of(year),
        "can_run": rules.can_run_council(request.user),
    }
    return render(request, "council/sessions.html", context)


def members(request):
    _require(rules.can_see_council_work(request.user))
    year = _year(request)
    form = None
    if rules.can_run_council(request.user):
        form = MemberForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.add_member(year, request.user, **form.cleaned_data)
            except DossierRuleError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Đã thêm thành viên Hội đồng."))
                return redirect(f"{request.path}?nam={year}")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "council/members.html",
        {"year": year, "members": selectors.members_of(year), "form": form},
    )


def session_create(request):
    _require(rules.can_run_council(request.user))
    year = _year(request)
    waiting = (
        Dossier.objects.filter(state=DossierState.BEFORE_COUNCIL, year=year)
        .select_related("award_type")
        .order_by("award_type__position", "reference")
    )
    form = SessionForm(request.POST if request.method == "POST" else None, dossiers=waiting)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.open_session(year, request.user, **form.cleaned_data)
        except DossierRuleError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Đã tạo phiên họp; hãy ghi thành viên có mặt."))
            return redirect("council:session", pk=session.pk)
    return render(request, "council/session_form.html", {"form": form, "year": year})


def session_detail(request, pk):
    _require(rules.can_see_council_work(request.user))
    session = get_object_or_404(Session, pk=pk)
    members = selectors.members_of(session.year)
    items = list(selectors.session_items(session))
    cast_counts = {}
    for cast in BallotCast.objects.filter(item__session=session).values_list("item_id", flat=True):
        cast_counts[cast] = cast_counts.get(cast, 0) + 1
    for item in items:
        item.cast_count = cast_counts.get(item.pk, 0)
    context = {
        "session": session,
        "items": items,
        "members": members,
        "present": list(session.present.all()),
        "quorum": selectors.quorum(len(members)),
        "quorum_unverified": selectors.quorum_is_default(),
        "has_quorum": selectors.has_quorum(session),
        "can_run": rules.can_run_council(request.user),
        "seat": selectors.seat_of(request.user, session.year),
        "attendance": AttendanceForm(members=members, initial={"present": session.present.all()}),
        "draft_form": DecisionDraftForm(),
    }
    return render(request, "council/session_detail.html", context)


@require_POST
def session_attendance(request, pk):
    _require(rules.can_run_council(request.user))
    session = get_object_or_404(Session, pk=pk)
    form = AttendanceForm(request.POST, members=selectors.members_of(session.year))
    if form.is_valid():
        try:
            services.set_attendance(session, request.user, form.cleaned_data["present"])
        except DossierRuleError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã ghi thành viên có mặt."))
    return redirect("council:session", pk=pk)


@require_POST
def session_close(request, pk):
    _require(rules.can_run_council(request.user))
    session = get_object_or_404(Session, pk=pk)
    try:
        services.close_ballot(session, request.user)
    except DossierRuleError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Đã kết thúc bỏ phiếu; kết quả được công bố."))
    return redirect("council:session", pk=pk)


def vote(request, pk):
    """A member's ballot on the session's whole list, in one screen."""
    _require(rules.can_vote(request.user))
    session = get_object_or_404(Session, pk=pk)
    seat = selectors.seat_of(request.user, session.year)
    items = list(selectors.session_items(session))
    voted = set()
    if seat:
        voted = set(
            BallotCast.objects.filter(item__session=session, member=seat).values_list(
                "item_id", flat=True
            )
        )
    if request.method == "POST":
        choices = {
            item.pk: request.POST.get(f"phieu-{item.pk}")
            for item in items
            if request.POST.get(f"phieu-{item.pk}")
        }
        try:
            counted = services.cast_votes(session, request.user, choices)
        except DossierRuleError as error:
            _refused(request, error)
            return redirect("council:vote", pk=pk)
        messages.success(request, _("Đã ghi %s phiếu của bạn.") % counted)
        return redirect("council:session", pk=pk)
    for item in items:
        item.voted = item.pk in voted
    return render(
        request,
        "council/vote.html",
        {"session": session, "items": items, "seat": seat},
    )


def minutes(request, pk):
    _require(rules.can_see_council_work(request.user))
    session = get_object_or_404(Session, pk=pk)
    if session.closed_at is None:
        messages.error(request, _("Biên bản có sau khi kết thúc bỏ phiếu."))
        return redirect("council:session", pk=pk)
    return _docx(documents.minutes_docx(session), f"bien-ban-{session.date:%Y-%m-%d}.docx")


@require_POST
def decision_create(request, pk):
    _require(rules.can_run_council(request.user))
    session = get_object_or_404(Session, pk=pk)
    form = DecisionDraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi chức vụ người ký."))
        return redirect("council:session", pk=pk)
    try:
        decision = services.draft_decision(session, request.user, **form.cleaned_data)
    except DossierRuleError as error:
        _refused(request, error)
        return redirect("council:session", pk=pk)
    return redirect("council:decision", pk=decision.pk)


def decision_detail(request, pk):
    """The decision as it prints (the browser's print view), and the office's forms."""
    _require(rules.can_see_council_work(request.user))
    decision = get_object_or_404(Decision.objects.select_related("session"), pk=pk)
    return _decision_page(request, decision)


def _decision_page(request, decision, form=None):
    """The decision's page; `form` (with its errors) in place of the blank one when given."""
    dossiers = selectors.decision_items(decision)
    can_run = rules.can_run_council(request.user)
    context = {
        "decision": decision,
        "groups": documents.by_award_type(dossiers).items(),
        "counts": documents.counts(dossiers),
        "can_run": can_run,
        "record_form": (form or RecordDecisionForm())
        if can_run and not decision.recorded_at
        else None,
        "correct_form": (form or CorrectDecisionForm())
        if can_run and decision.recorded_at
        else None,
        "history": decision.history.select_related("history_user").order_by("-history_date"),
        "date_line": documents.date_line_of(decision.date),
    }
    return render(request, "council/decision.html", context)


@require_POST
def decision_record(request, pk):
    _require(rules.can_run_council(request.user))
    decision = get_object_or_404(Decision, pk=pk)
    corrected = decision.recorded_at is not None
    form = (CorrectDecisionForm if corrected else RecordDecisionForm)(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi đủ số, ngày ký (và lý do khi đính chính)."))
        return redirect("council:decision", pk=pk)
    try:
        if corrected:
            services.correct_decision(decision, request.user, **form.cleaned_data)
        else:
            services.record_decision(decision, request.user, **form.cleaned_data)
    except DecisionDateError as error:
        form.add_error(error.field, error.messages)  # said at the date field
        return _decision_page(request, decision, form)
    except DossierRuleError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Đã đính chính quyết định.")
            if corrected
            else _("Đã ghi số quyết định; các hồ sơ trong danh sách được khen thưởng."),
        )
    return redirect("council:decision", pk=pk)


def decision_docx(request, pk):
    _require(rules.can_see_council_work(request.user))
    decision = get_object_or_404(Decision, pk=pk)
    return _docx(documents.decision_docx(decision), f"quyet-dinh-{decision.pk}.docx")


def document_templates(request):
    """The office downloads a kind's template, edits it in Word and uploads it back."""
    _require(rules.can_run_council(request.user))
    kind = request.GET.get("tai")
    if kind in core_documents.TEMPLATE_KINDS:
        return _docx(core_documents.template_bytes(kind), f"mau-{kind}.docx")
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            core_documents.save_template(form.cleaned_data["kind"], form.cleaned_data["file"])
        except core_documents.TemplateError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("Đã lưu mẫu; các văn bản tạo sau dùng mẫu này."))
            return redirect("council:templates")
    return render(request, "council/templates.html", {"form": form})
