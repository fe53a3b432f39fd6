from django import forms
from django.utils.translation import gettext_lazy as _

from plan.forms import file_help
from units.forms import StyledForm, UnitChoiceField, UnitMultipleChoiceField, date_field
from units.models import Cluster, Unit

from .enums import CollectiveTitle, NomineeKind, SpreadMethod
from .models import ScoreSheetTemplate


class GroupingForm(StyledForm):
    """The office announces a cluster or block of the year (task 6)."""

    name = forms.CharField(label=_("Tên cụm, khối"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=Cluster.Kind.choices)
    leader = UnitChoiceField(label=_("Đơn vị trưởng"))
    # The leading unit is always a member, so the list may hold only the others.
    members = UnitMultipleChoiceField(label=_("Đơn vị thành viên"), required=False)


class MovementForm(StyledForm):
    """The office launches a movement (phong trào thi đua) of the year."""

    name = forms.CharField(label=_("Tên phong trào"), max_length=500)
    starts_on = date_field(_("Từ ngày"), required=True)
    ends_on = date_field(_("Đến ngày"), required=True)
    task_number = forms.IntegerField(
        label=_("Nhiệm vụ phát động (số thứ tự)"), required=False, min_value=1, max_value=99
    )
    units = UnitMultipleChoiceField(
        label=_("Đơn vị tham gia"),
        required=False,
        help_text=_("Để trống: mọi đơn vị tham gia kế hoạch năm."),
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Ngày kết thúc không thể trước ngày bắt đầu."))
        return data


class ScoreSheetForm(StyledForm):
    template = forms.ModelChoiceField(
        label=_("Mẫu bảng chấm điểm"), queryset=ScoreSheetTemplate.objects.order_by("name")
    )


class RegistrationForm(StyledForm):
    collective_title = forms.ChoiceField(
        label=_("Danh hiệu tập thể đăng ký"), choices=CollectiveTitle.choices
    )
    people_advanced = forms.IntegerField(
        label=_("Số người đăng ký Lao động tiên tiến"), min_value=0
    )
    people_base_soldier = forms.IntegerField(
        label=_("Số người đăng ký Chiến sĩ thi đua cơ sở"), min_value=0
    )
    people_province_soldier = forms.IntegerField(
        label=_("Số người đăng ký Chiến sĩ thi đua cấp tỉnh"), min_value=0, initial=0
    )
    file = forms.FileField(label=_("Bản đăng ký có chữ ký (tệp)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()

    def clean(self):
        data = super().clean()
        advanced = data.get("people_advanced")
        soldiers = data.get("people_base_soldier")
        # A Chiến sĩ thi đua cơ sở is chosen among the year's Lao động tiên tiến.
        if advanced is not None and soldiers is not None and soldiers > advanced:
            self.add_error(
                "people_base_soldier",
                _("Số Chiến sĩ thi đua cơ sở không thể nhiều hơn số Lao động tiên tiến."),
            )
        return data


class InspectionPlanForm(StyledForm):
    title = forms.CharField(label=_("Tên kế hoạch kiểm tra"), max_length=255)


class InspectionForm(StyledForm):
    """A unit to inspect, chosen among those under the plan's level: a short list (a
    department's own bodies), so a plain select rather than the type-ahead, whose search
    offers an officer only their own unit."""

    unit = forms.ModelChoiceField(
        label=_("Đơn vị được kiểm tra"),
        queryset=Unit.objects.none(),
        error_messages={"invalid_choice": _("Đơn vị này không thuộc cấp được kiểm tra.")},
    )
    planned_on = date_field(_("Ngày dự kiến"), required=True)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("name")


class InspectionResultForm(StyledForm):
    done_on = date_field(_("Ngày kiểm tra"), required=True)
    findings = forms.CharField(label=_("Kết quả, kiến nghị"), widget=forms.Textarea({"rows": 2}))
    report = forms.FileField(label=_("Báo cáo kiểm tra"), required=False)


class PactForm(StyledForm):
    signed_on = date_field(_("Ngày ký"), required=True)
    file = forms.FileField(label=_("Văn bản giao ước (tệp)"), required=False)


class ScoreForm(StyledForm):
    """One criterion's points: the member's own, or the leading unit's checked score."""

    criterion = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.DecimalField(label=_("Điểm"), min_value=0, max_digits=6, decimal_places=2)
    comment = forms.CharField(label=_("Nhận xét"), required=False)
    evidence = forms.FileField(label=_("Minh chứng"), required=False)


class ExemplarForm(StyledForm):
    name = forms.CharField(label=_("Tên cá nhân, tập thể"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=NomineeKind.choices)
    field = forms.CharField(label=_("Lĩnh vực"), max_length=255)
    spread_by = forms.ChoiceField(label=_("Hình thức nhân rộng"), choices=SpreadMethod.choices)
    spread_on = date_field(_("Ngày nhân rộng"), required=True)
