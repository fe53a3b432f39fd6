from django import forms
from django.utils.translation import gettext_lazy as _

from units.forms import date_field, style_fields
from units.models import User


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class MemberForm(StyledForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    council_role = forms.CharField(label=_("Chức danh trong Hội đồng"), initial="Ủy viên")
    position = forms.CharField(label=_("Chức vụ, đơn vị"), required=False)
    user = forms.ModelChoiceField(
        label=_("Tài khoản (để bỏ phiếu)"),
        queryset=User.objects.filter(groups__name="council_member").order_by("username"),
        required=False,
    )


class SessionForm(StyledForm):
    date = date_field(_("Ngày họp"), required=True)
    place = forms.CharField(label=_("Địa điểm"), initial="Lạng Sơn")
    dossiers = forms.ModelMultipleChoiceField(
        label=_("Hồ sơ đưa ra bỏ phiếu"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].queryset = dossiers
        self.fields["dossiers"].label_from_instance = lambda d: (
            f"{d.reference} - {d.nominee_name} - {d.award_type.name}"
        )


class AttendanceForm(StyledForm):
    present = forms.ModelMultipleChoiceField(
        label=_("Thành viên có mặt"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members


class DecisionDraftForm(StyledForm):
    signer_name = forms.CharField(label=_("Người ký"), required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), initial="CHỦ TỊCH")


class RecordDecisionForm(StyledForm):
    number = forms.CharField(label=_("Số quyết định"), max_length=50)
    date = date_field(_("Ngày ký"), required=True)


class CorrectDecisionForm(RecordDecisionForm):
    reason = forms.CharField(label=_("Lý do đính chính"), widget=forms.Textarea(attrs={"rows": 2}))


class ProposalForm(StyledForm):
    summary = forms.CharField(
        label=_("Trích yếu"), max_length=500, initial="Về việc đề nghị khen thưởng năm 2013"
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), required=False)
    signer_name = forms.CharField(label=_("Người ký"), required=False)
    dossiers = forms.ModelMultipleChoiceField(
        label=_("Hồ sơ"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].queryset = dossiers
        self.fields["dossiers"].label_from_instance = lambda d: (
            f"{d.reference} - {d.nominee_name} - {d.award_type.name}"
        )


class SendProposalForm(StyledForm):
    number = forms.CharField(label=_("Số tờ trình"), max_length=50, required=False)
    date = date_field(_("Ngày tờ trình"), required=True)


class UnitDecisionForm(StyledForm):
    number = forms.CharField(label=_("Số quyết định"), max_length=50)
    date = date_field(_("Ngày ký"), required=True)
    summary = forms.CharField(
        label=_("Trích yếu"),
        max_length=500,
        initial="Về việc công nhận danh hiệu thi đua năm 2013",
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), initial="GIÁM ĐỐC")
    signer_name = forms.CharField(label=_("Người ký"))

    def __init__(self, *args, award_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.award_types = list(award_types)
        for award_type in self.award_types:
            self.fields[f"list_{award_type.code}"] = forms.CharField(
                label=award_type.name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                help_text=_("Mỗi dòng một người (hoặc tập thể): “Họ và tên; chức vụ”."),
            )


class TemplateForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Loại văn bản"),
        choices=[
            ("to_trinh", _("Tờ trình")),
            ("bien_ban", _("Biên bản họp Hội đồng")),
            ("quyet_dinh", _("Quyết định khen thưởng")),
        ],
    )
    file = forms.FileField(label=_("Tệp mẫu (.docx)"))
