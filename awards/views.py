"""Award dossier pages: thin views that check the rule, call a service or selector, render."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exports import export_response
from core.files import document_response
from core.history import history_of
from core.pagination import CappedPaginator
from core.schoolyears import SchoolYearChoiceField, school_year_label
from core.spreadsheets import xlsx_response
from plan.selectors import current_plan

from . import eligibility, exports, rules, selectors, services
from .enums import DossierState
from .forms import (
    BulkMoveForm,
    DocumentsForm,
    DossierForm,
    InboxFilterForm,
    LookupForm,
    MoveForm,
    RecognitionForm,
)
from .initiative_forms import InitiativeForm
from .models import Initiative

PAGE_SIZE = 25


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("trang"))


def _capped_page(request, queryset):
    """A page of a list of every unit's dossiers of every year: counted up to a ceiling."""
    return CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("trang"))


def _posted(request):
    """The POST data, or None for GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def _wants_xlsx(request):
    """?xuat=xlsx: the list page's rows as a workbook, every page, same filters."""
    return request.GET.get("xuat") == "xlsx"


def _filter_lines(form):
    """The filters a list was drawn with, as a line under the export's title."""
    if not form.is_bound or not form.is_valid():
        return []
    parts = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        if isinstance(field, SchoolYearChoiceField):
            value = school_year_label(value)
        elif isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset"):
            value = dict(field.choices).get(value, value)
        parts.append(f"{field.label}: {value}")
    return [_("Lọc theo: %(filters)s") % {"filters": "; ".join(parts)}] if parts else []


def _visible_or_404(user, pk):
    # Another unit's dossier does not exist for an officer: 404, never 403.
    return get_object_or_404(selectors.visible_dossiers(user), pk=pk)


def unit_dossiers(request):
    """The officer's unit's dossiers."""
    _require(rules.can_see_unit_dossiers(request.user))
    dossiers = selectors.unit_dossiers(request.user)
    if _wants_xlsx(request):
        return xlsx_response(
            f"ho-so-{request.user.unit.code}.xlsx",
            exports.write_dossier_list_xlsx,
            dossiers,
            _("HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG CỦA ĐƠN VỊ"),
            [request.user.unit.name],
        )
    page = _page(request, dossiers)
    return render(request, "awards/unit_dossiers.html", {"page": page})


def dossier_create(request):
    user = request.user
    _require(rules.can_create_dossier(user))
    plan = current_plan()
    form = DossierForm(
        _posted(request), unit=user.unit, initial={"year": plan.year if plan else None}
    )
    if request.method == "POST" and form.is_valid():
        dossier = form.save(commit=False)
        dossier.unit = user.unit
        try:
            services.save_dossier(dossier, user, initiatives=form.cleaned_data["initiatives"])
        except services.DossierRuleError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Đã lập hồ sơ %(reference)s. Hãy tải lên các tài liệu rồi nộp hồ sơ.")
                % {"reference": dossier.reference},
            )
            return redirect("awards:dossier", pk=dossier.pk)
    return render(request, "awards/dossier_form.html", {"form": form, "dossier": None})


def dossier_edit(request, pk):
    dossier = _visible_or_404(request.user, pk)
    _require(rules.can_edit_dossier(request.user, dossier))
    form = DossierForm(_posted(request), instance=dossier, unit=dossier.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_dossier(
                form.save(commit=False), request.user, initiatives=form.cleaned_data["initiatives"]
            )
        except services.DossierRuleError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Đã lưu hồ sơ %s.") % dossier.reference)
            return redirect("awards:dossier", pk=dossier.pk)
    return render(request, "awards/dossier_form.html", {"form": form, "dossier": dossier})


def _documents_form(dossier, request=None, checklist=None):
    """The form that adds files to the dossier, its rows led by the kinds its rule set asks."""
    if checklist is None:
        checklist = eligibility.document_checklist(dossier)
    if request is not None and request.method == "POST":
        return DocumentsForm(request.POST, request.FILES, checklist=checklist)
    return DocumentsForm(checklist=checklist)


def dossier_detail(request, pk):
    dossier = selectors.dossier_page(request.user, pk)
    if dossier is None:
        raise Http404
    ruleset = eligibility.ruleset_for(dossier)
    can_edit = rules.can_edit_dossier(request.user, dossier)
    # The rule set's requirements for the dossier, read once for the page's three lists.
    reqs = eligibility.requirements(ruleset, dossier.award_type)
    required = eligibility.document_checklist(dossier, reqs)
    return render(
        request,
        "awards/dossier_detail.html",
        {
            "dossier": dossier,
            "ruleset": ruleset,
            "requirements": reqs,
            "warnings": eligibility.dossier_warnings(dossier, reqs),
            "required": required,
            "moves": rules.available_moves(request.user, dossier),
            "can_edit": can_edit,
            "documents_form": _documents_form(dossier, checklist=required) if can_edit else None,
            # Every field change, moves included, with who made it: for the office.
            "change_history": history_of(dossier) if rules.office(request.user) else None,
        },
    )


def document_upload(request, pk):
    """Add several files at once, each with its kind; one bad file and none is added."""
    dossier = _visible_or_404(request.user, pk)
    _require(rules.can_edit_dossier(request.user, dossier))
    form = _documents_form(dossier, request)
    if request.method == "POST" and form.is_valid():
        try:
            documents = services.attach_documents(dossier, request.user, form.files_by_kind())
        except services.DossierRuleError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Đã tải lên %(count)s tệp: %(names)s.")
                % {
                    "count": len(documents),
                    "names": ", ".join(f"“{d.original_name}”" for d in documents),
                },
            )
            return redirect("awards:dossier", pk=dossier.pk)
    return render(request, "awards/document_form.html", {"form": form, "dossier": dossier})


def document_download(request, pk, document_id):
    """A dossier's file, only for someone who may see the dossier."""
    dossier = _visible_or_404(request.user, pk)
    document = get_object_or_404(dossier.documents.current(), pk=document_id)
    return document_response(document.file, document.original_name)


@require_POST
def document_remove(request, pk, document_id):
    """Take a wrong file out of a dossier the unit may still change (kept, marked removed)."""
    dossier = _visible_or_404(request.user, pk)
    document = get_object_or_404(dossier.documents.current(), pk=document_id)
    _require(rules.can_edit_dossier(request.user, dossier))
    try:
        services.remove_document(document, request.user)
    except services.DossierRuleError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gỡ “%s” khỏi hồ sơ.") % document.original_name)
    return redirect("awards:dossier", pk=dossier.pk)


def dossier_move(request, pk, to_state):
    """Confirm and make one move (submit, withdraw, appraise, return, decide...)."""
    dossier = _visible_or_404(request.user, pk)
    move = rules.move_for(dossier, to_state)
    if move is None or not move.allowed(request.user, dossier):
        messages.error(
            request,
            _("Không thể thực hiện thao tác này với hồ sơ %(reference)s ở trạng thái “%(state)s”.")
            % {"reference": dossier.reference, "state": dossier.get_state_display()},
        )
        return redirect("awards:dossier", pk=dossier.pk)
    form = MoveForm(_posted(request), move=move)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        comment = data.pop("comment")
        try:
            services.move_dossier(dossier, to_state, request.user, comment, **data)
        except services.DossierRuleError as error:
            # A contradicted decision date is said at its field.
            form.add_error(getattr(error, "field", None), error.messages)
        else:
            messages.success(
                request,
                _("Hồ sơ %(reference)s: %(move)s — xong.")
                % {"reference": dossier.reference, "move": move.label},
            )
            return redirect("awards:dossier", pk=dossier.pk)
    # A submission shows what is still missing before the officer confirms it.
    problems = services.submit_problems(dossier) if move.submit_checks else []
    return render(
        request,
        "awards/move_form.html",
        {
            "dossier": dossier,
            "move": move,
            "to_state": to_state,
            "form": form,
            "problems": problems,
        },
    )


def inbox(request):
    """The office's inbox: what units have sent, filtered, a page at a time."""
    _require(rules.can_see_inbox(request.user))
    choices = selectors.inbox_choices(batch=request.GET.get("batch"))
    filters = InboxFilterForm(request.GET or None, choices=choices)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    dossiers = selectors.inbox(cleaned)
    if _wants_xlsx(request):
        return export_response(
            request,
            "ho-so-tiep-nhan.xlsx",
            exports.write_dossier_list_xlsx,
            dossiers,
            _("DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG CÁC ĐƠN VỊ GỬI"),
            _filter_lines(filters),
        )
    page = _capped_page(request, dossiers)
    return render(
        request,
        "awards/inbox.html",
        {
            "page": page,
            "filters": filters,
            "bulk_form": BulkMoveForm() if rules.office(request.user) else None,
        },
    )


def _back_to(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@require_POST
def inbox_move(request):
    """Move the ticked dossiers together; say which moved and which did not, and why."""
    _require(rules.office(request.user))
    form = BulkMoveForm(request.POST)
    ids = [value for value in request.POST.getlist("dossiers") if value.isdigit()]
    if not ids:
        messages.warning(request, _("Chưa chọn hồ sơ nào."))
    elif not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        data = form.cleaned_data
        chosen = selectors.dossiers().filter(pk__in=ids).order_by("reference")
        result = services.bulk_move(
            chosen, data["to_state"], request.user, data["comment"], **form.decision()
        )
        if result.moved:
            messages.success(request, result.moved_message())
        for line in result.refused_lines():
            messages.warning(request, line)
    return _back_to(request, reverse("awards:inbox"))


def council_list(request):
    """Dossiers before the council, and what became of those it has seen."""
    _require(rules.can_see_council_list(request.user))
    dossiers = selectors.council_dossiers()
    if _wants_xlsx(request):
        return xlsx_response("ho-so-trinh-hoi-dong.xlsx", exports.write_council_xlsx, dossiers)
    page = _capped_page(request, dossiers)
    return render(
        request,
        "awards/council_list.html",
        {"page": page, "waiting": DossierState.BEFORE_COUNCIL},
    )


def lookup(request):
    """Search the award history by name, with or without accents."""
    _require(rules.can_look_up_awards(request.user))
    form = LookupForm(request.GET or None)
    page = None
    if form.is_valid():
        records = selectors.look_up_awards(
            request.user, form.cleaned_data["q"], form.cleaned_data["date_of_birth"]
        )
        page = CappedPaginator(records, PAGE_SIZE, cap=selectors.LOOKUP_LIMIT).get_page(
            request.GET.get("trang")
        )
        for record in page:
            # The dossier behind a record, when there is one the user may open (no query:
            # the dossier came with the record, and the rule is checked in Python).
            dossier = record.dossier
            record.open_dossier = dossier and rules.can_view_dossier(request.user, dossier)
    return render(request, "awards/lookup.html", {"form": form, "page": page})


def initiatives(request):
    """Sáng kiến: officers record their unit's; the office records Hội đồng KHSK's recognition."""
    user = request.user
    _require(rules.can_see_initiatives(user))
    can_register = rules.can_register_initiative(user)
    form = InitiativeForm(_posted(request), user=user) if can_register else None
    if form is not None and form.is_bound and form.is_valid():
        try:
            services.register_initiative(user.unit, user, **form.cleaned_data)
        except services.DossierRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã ghi sáng kiến; chờ Hội đồng KHSK công nhận."))
            return redirect("awards:initiatives")
    listed = selectors.visible_initiatives(user)
    if _wants_xlsx(request):
        return xlsx_response("sang-kien.xlsx", exports.write_initiatives_xlsx, listed)
    context = {
        "page": _page(request, listed),
        "form": form,
        "can_recognise": rules.can_recognise_initiative(user),
        # Everything listed is the user's to edit when they may edit any: the office sees
        # every unit's, an officer only the unit's own (rules.can_edit_initiative).
        "can_edit": rules.can_edit_initiatives(user),
        "recognition_form": RecognitionForm(),
    }
    return render(request, "awards/initiatives.html", context)


@require_POST
def initiative_recognise(request, pk):
    _require(rules.can_recognise_initiative(request.user))
    initiative = get_object_or_404(Initiative, pk=pk)
    form = RecognitionForm(request.POST)
    if form.is_valid():
        services.recognise_initiative(
            initiative,
            request.user,
            recognised_on=form.cleaned_data["recognised_on"],
            decision=form.cleaned_data["decision"],
        )
        messages.success(request, _("Đã ghi quyết định công nhận sáng kiến."))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
    return redirect("awards:initiatives")
