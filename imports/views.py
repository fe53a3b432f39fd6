"""The staff page for spreadsheet imports: pick the kind, upload, read the preview, confirm.

The office and admins import every kind; a unit officer only the kinds that belong to one unit
(the unit's list of nominees), always for their own unit. Only the confirm writes. Between
the two steps the file waits under MEDIA_ROOT/imports/ under a random name that only this
user's session knows; it is removed once imported.
"""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from awards.rules import can_import_nominees
from core import once, params
from plan.models import Plan
from units.models import Unit
from units.rules import can_import_data

from .registry import EXPORT_FORMATS, IMPORT_KINDS, export_table, preview_import, run_import
from .rules import allowed_kinds, can_open_imports

_SESSION_KEY = "pending_import"


def _chooses_unit(user):
    # The office imports a unit's list for any unit; an officer always for their own.
    return can_import_data(user)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại dữ liệu"))
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị (với danh sách đề nghị khen thưởng)"),
        queryset=Unit.objects.order_by("sort_key"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(label=gettext_lazy("Tệp XLSX hoặc CSV"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kind"].choices = [
            (slug, kind.label) for slug, kind in allowed_kinds(user).items()
        ]
        if not _chooses_unit(user):
            del self.fields["unit"]
        self.fields["file"].help_text = _("Tối đa %(size)s MB và %(rows)s dòng dữ liệu.") % {
            "size": settings.IMPORT_MAX_SIZE_MB,
            "rows": settings.IMPORT_MAX_ROWS,
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_SIZE_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size)s MB); tối đa %(max)s MB.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}", "max": settings.IMPORT_MAX_SIZE_MB}
            )
        return upload

    def clean(self):
        data = super().clean()
        kind = IMPORT_KINDS.get(data.get("kind"))
        if kind is None or not kind.for_unit:
            data["unit"] = None
        elif not _chooses_unit(self.user):
            data["unit"] = self.user.unit
        elif data.get("unit") is None:
            self.add_error("unit", _("Chọn đơn vị của danh sách đề nghị khen thưởng."))
        return data


def _check(request, kind=None):
    """403 unless the user may import something (and this `kind`, when given)."""
    if not can_open_imports(request.user):
        raise PermissionDenied
    if kind is not None and kind not in allowed_kinds(request.user):
        raise PermissionDenied


def _options(kind, unit, user):
    """What the import of `kind` is given besides the file: the unit, checked once more."""
    if not kind.for_unit:
        return {}
    if unit is None or not can_import_nominees(user, unit):
        raise PermissionDenied
    return {"unit": unit}


def _discard_pending(request):
    pending = request.session.pop(_SESSION_KEY, None)
    if pending and default_storage.exists(pending["path"]):
        default_storage.delete(pending["path"])


def _page(request, **context):
    context.setdefault("form", ImportForm(user=request.user))
    context["kinds"] = allowed_kinds(request.user).values()
    context["all_kinds"] = can_import_data(request.user)
    context["plans"] = Plan.objects.order_by("-year").only("year")
    context["export_formats"] = EXPORT_FORMATS
    return render(request, "imports/import_data.html", context)


def import_data(request):
    """Upload a file and see what importing it would do; nothing is written here."""
    _check(request)
    if request.method != "POST":
        return _page(request)
    kind = request.POST.get("kind")
    if kind and kind not in allowed_kinds(request.user):
        raise PermissionDenied  # a kind the user may not import (no kind: the form says so)
    form = ImportForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _page(request, form=form)
    kind = IMPORT_KINDS[form.cleaned_data["kind"]]
    unit = form.cleaned_data["unit"]
    options = _options(kind, unit, request.user)
    upload = form.cleaned_data["file"]
    data = upload.read()
    report = preview_import(kind, data, upload.name, request.user, **options)
    token = None
    if report.ok:
        _discard_pending(request)
        token = uuid.uuid4().hex
        path = default_storage.save(f"imports/{token}.bin", ContentFile(data))
        request.session[_SESSION_KEY] = {
            "token": token,
            "path": path,
            "kind": kind.slug,
            "name": upload.name,
            "unit": unit.pk if unit else None,
        }
    return _page(request, form=form, report=report, token=token, unit=unit)


@require_POST
def import_confirm(request):
    """Import the file previewed in this session, all or nothing."""
    _check(request)
    pending = request.session.get(_SESSION_KEY)
    if not pending or request.POST.get("token") != pending["token"]:
        return _page(request, expired=True)
    # The session is read at the start of each request: a double click sends two confirms that
    # both find the file pending. The claim lets one import it; the other waits, then stops.
    if not once.claim(f"import-{pending['token']}"):
        return _page(request, imported_already=True)
    kind = IMPORT_KINDS[pending["kind"]]
    _check(request, kind.slug)
    unit = Unit.objects.filter(pk=pending.get("unit")).first() if pending.get("unit") else None
    options = _options(kind, unit, request.user)
    with default_storage.open(pending["path"], "rb") as stored:
        data = stored.read()
    report = run_import(kind, data, pending["name"], request.user, **options)
    _discard_pending(request)
    if not report.ok:
        return _page(request, report=report, unit=unit)
    return _page(request, report=report, done=True, unit=unit)


def export_data(request, kind):
    """The file an import of `kind` reads, with today's data (?format=xlsx|csv, ?year=2013)."""
    if kind not in IMPORT_KINDS:
        raise Http404
    _check(request, kind)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in EXPORT_FORMATS:
        raise Http404
    plan = None
    if request.GET.get("year"):
        plan = Plan.objects.filter(year=params.whole_number(request.GET["year"])).first()
        if plan is None:
            raise Http404
    content = export_table(IMPORT_KINDS[kind], fmt, plan=plan)
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    suffix = f"-{plan.year}" if plan and IMPORT_KINDS[kind].per_plan else ""
    response["Content-Disposition"] = f'attachment; filename="{kind}{suffix}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
