"""Forms of the roll-over pages: the year to roll over to, a draft's header, a draft's task."""

from django import forms
from django.utils.translation import gettext_lazy as _

from units.forms import StyledForm, date_field

from .enums import Quarter


class RollOverForm(StyledForm):
    to_year = forms.IntegerField(label=_("Sang năm"), min_value=2000, max_value=2100)
    restart = forms.BooleanField(
        label=_("Làm lại dự thảo từ đầu"),
        required=False,
        help_text=_("Chỉ khi đã có dự thảo: bỏ mọi chỉnh sửa trên dự thảo và chuyển lại."),
    )


class DraftHeaderForm(StyledForm):
    """The number and issue date are known once the plan is signed: they may stay empty on
    the draft, and publishing asks for them."""

    number = forms.CharField(label=_("Số, ký hiệu"), max_length=50, required=False)
    issued_on = date_field(_("Ngày ban hành"))
    unit_plans_due_on = date_field(_("Hạn gửi kế hoạch của các đơn vị"), required=True)

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean(self):
        data = super().clean()
        for name in ("issued_on", "unit_plans_due_on"):
            value = data.get(name)
            if value and abs(value.year - self.year) > 1:
                self.add_error(
                    name, _("Ngày này không thuộc năm %(y)s hay năm liền kề.") % {"y": self.year}
                )
        return data


class DraftTaskForm(StyledForm):
    content = forms.CharField(label=_("Nội dung nhiệm vụ"), widget=forms.Textarea({"rows": 4}))
    quarter = forms.TypedChoiceField(label=_("Quý"), coerce=int, choices=Quarter.choices)
    due_on = date_field(_("Hạn riêng"), help_text=_("Để trống: hạn là ngày cuối quý."))

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on and due_on.year != self.year:
            raise forms.ValidationError(
                _("Hạn phải nằm trong năm %(y)s của kế hoạch.") % {"y": self.year}
            )
        return due_on
