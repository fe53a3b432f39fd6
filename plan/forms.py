from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.files import ALLOWED_TYPES_LABEL
from core.schoolyears import SchoolYearChoiceField
from core.widgets import PythonRenderedSelect
from units.enums import UnitKind
from units.forms import StyledForm, UnitChoiceField, UnitMultipleChoiceField, date_field

from .enums import PartState, Quarter, ReviewDecision, Status


def file_help():
    return _("Loại tệp: %(types)s; tối đa %(size)s MB.") % {
        "types": ALLOWED_TYPES_LABEL,
        "size": settings.MAX_UPLOAD_SIZE_MB,
    }


class AsOfForm(StyledForm):
    """The date every status page is drawn for (today when empty or invalid)."""

    ngay = date_field(_("Tính đến ngày"))


class ProgressReportForm(StyledForm):
    state = forms.ChoiceField(
        label=_("Tình trạng mới"),
        choices=[(s.value, s.label) for s in PartState if s != PartState.CANCELLED],
    )
    done_on = date_field(_("Ngày hoàn thành"), help_text=_("Để trống: ngày báo cáo."))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea({"rows": 3}))
    evidence = forms.FileField(label=_("Tệp minh chứng"), required=False)
    reported_on = date_field(
        _("Ngày báo cáo (Ban TĐKT nhập hộ)"),
        help_text=_("Chỉ dùng khi nhập báo cáo đơn vị đã gửi trước đây bằng văn bản."),
    )

    def __init__(self, *args, can_backdate=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = file_help()
        if not can_backdate:
            del self.fields["reported_on"]


class CancelPartForm(StyledForm):
    reason = forms.CharField(label=_("Lý do hủy"), widget=forms.Textarea({"rows": 2}))


class DueDateForm(StyledForm):
    due_on = date_field(_("Hạn riêng"), help_text=_("Để trống: hạn là ngày cuối quý."))


class NameUnitsForm(StyledForm):
    units = UnitMultipleChoiceField(
        label=_("Đơn vị thực hiện"),
        error_messages={"required": _("Hãy chọn ít nhất một đơn vị.")},
    )


class ArrivalsForm(StyledForm):
    """The day from which the office lists what units sent."""

    tu_ngay = date_field(_("Từ ngày"), required=True)


class SubmissionForm(StyledForm):
    file = forms.FileField(label=_("Tệp văn bản"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea({"rows": 2}))
    # Ticked by the sender when the office already accepted a copy (issue 13, point 4).
    resend_confirmed = forms.BooleanField(
        label=_("Tôi hiểu: văn bản đã được chấp nhận, vẫn gửi bản mới"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()


class ReviewForm(StyledForm):
    decision = forms.ChoiceField(label=_("Kết quả"), choices=ReviewDecision.choices)
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi trả lại)"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )


class PartFilterForm(StyledForm):
    """The filters of the parts list; every value lives in the URL so a list can be shared."""

    # The selects are written in Python (core.widgets): the same markup, a tenth of the cost.
    quy = forms.TypedChoiceField(
        label=_("Quý"),
        required=False,
        coerce=int,
        choices=[("", _("Tất cả")), *Quarter.choices],
        widget=PythonRenderedSelect,
    )
    trang_thai = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả")), *Status.choices],
        widget=PythonRenderedSelect,
    )
    don_vi = UnitChoiceField(label=_("Đơn vị"), required=False, to_field_name="code")
    loai = forms.ChoiceField(label=_("Loại đơn vị"), required=False, widget=PythonRenderedSelect)
    # Parts of the tasks that run by a school year (tasks 25, 27, 28 of 2013).
    nam_hoc = SchoolYearChoiceField(widget=PythonRenderedSelect)
    ngay = date_field(_("Tính đến ngày"))
    # app.js puts the browser's calendar beside the box.
    ngay.widget.attrs.update({"data-calendar": "", "data-calendar-label": _("Chọn ngày trên lịch")})

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loai"].choices = [("", _("Tất cả")), *UnitKind.choices]
        self.fields["nam_hoc"].set_years(year, year)


class RequirementFilterForm(forms.Form):
    """The dashboard's list of what units must send, by school year (?nam_hoc=2012-2013)."""

    nam_hoc = SchoolYearChoiceField()

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nam_hoc"].set_years(year, year)
        self.fields["nam_hoc"].widget.attrs["class"] = "form-select form-select-sm"
