"""The office's form for a change in a unit's life (units.lifecycle): a new name, a merger,
a dissolution, each from a date and with its reason. The unit's page and the admin use it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import lifecycle
from .forms import StyledForm, UnitChoiceField, date_field
from .models import UnitChange


class UnitChangeForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Thay đổi"), choices=UnitChange.Kind.choices, widget=forms.RadioSelect
    )
    on = date_field(_("Từ ngày"), required=True)
    name = forms.CharField(label=_("Tên mới"), max_length=255, required=False)
    short_name = forms.CharField(label=_("Tên viết tắt mới"), max_length=100, required=False)
    successor = UnitChoiceField(
        label=_("Đơn vị kế thừa"),
        required=False,
        help_text=_("Bắt buộc khi sáp nhập; khi giải thể, đơn vị nhận lại hồ sơ, nếu có."),
    )
    reason = forms.CharField(
        label=_("Lý do, căn cứ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: số, ngày của nghị quyết hoặc quyết định."),
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == UnitChange.Kind.RENAMED and not (data.get("name") or "").strip():
            self.add_error("name", _("Nhập tên mới của đơn vị."))
        if kind == UnitChange.Kind.MERGED and not data.get("successor"):
            self.add_error("successor", _("Chọn đơn vị nhận sáp nhập."))
        return data

    def record(self, unit, by):
        """Write the change through the service; its refusals land on the form's fields
        (raised again as ValidationError for the caller to show)."""
        data = self.cleaned_data
        kind, on, reason = data["kind"], data["on"], data["reason"]
        try:
            if kind == UnitChange.Kind.RENAMED:
                return lifecycle.rename_unit(
                    unit,
                    name=data["name"],
                    short_name=data["short_name"],
                    on=on,
                    reason=reason,
                    by=by,
                )
            if kind == UnitChange.Kind.MERGED:
                return lifecycle.merge_unit(
                    unit, into=data["successor"], on=on, reason=reason, by=by
                )
            return lifecycle.dissolve_unit(
                unit, on=on, reason=reason, by=by, successor=data.get("successor")
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
            else:
                self.add_error(None, error.messages)
            raise


class ParticipationForm(StyledForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    takes_part = forms.TypedChoiceField(
        label=_("Tham gia kế hoạch năm"),
        choices=[("1", _("Có")), ("0", _("Không"))],
        coerce=lambda value: value == "1",
    )
