from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.schoolyears import SchoolYearChoiceField, SchoolYearFormField
from emulation.models import Movement
from people.models import Person
from units.forms import UnitChoiceField, date_field, style_fields

from . import rules
from .enums import INBOX_STATES, CouncilRecommendation, DossierState, NomineeKind
from .models import AwardType, Batch, Dossier, DossierDocument, Initiative

# The category of a thematic commendation (fixtures/award_types.json).
THEMATIC = "chuyen-de"


class DossierForm(forms.ModelForm):
    date_of_birth = date_field(_("Ngày sinh"))
    # Achievements of a school year (the education sector: tasks 25, 27, 28 of 2013).
    school_year_start = SchoolYearFormField()

    class Meta:
        model = Dossier
        fields = [
            "nominee_kind",
            "person",
            "full_name",
            "sex",
            "date_of_birth",
            "position",
            "workplace",
            "collective_name",
            "award_type",
            "category",
            "year",
            "school_year_start",
            "batch",
            "movement",
            "achievements",
            "initiatives",
        ]
        widgets = {
            "nominee_kind": forms.RadioSelect,
            "achievements": forms.Textarea(attrs={"rows": 6}),
            "initiatives": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "initiatives": _(
                "Với danh hiệu Chiến sĩ thi đua: chọn sáng kiến đã được Hội đồng Khoa học "
                "sáng kiến công nhận."
            ),
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiatives"].queryset = unit.initiatives.order_by("-year", "title")
        self.fields["batch"].queryset = Batch.objects.all()
        self.fields["movement"].queryset = Movement.objects.order_by("-year", "starts_on")
        self.fields["movement"].help_text = _("Bắt buộc với khen thưởng theo chuyên đề.")
        self.fields["sex"].required = False
        # A person the register already has in the unit is picked, not retyped.
        person = self.fields["person"]
        person.queryset = (
            Person.objects.filter(memberships__unit=unit, merged_into=None)
            .distinct()
            .order_by("name_key", "date_of_birth")
        )
        person.label = _("Người đã có trong sổ của đơn vị")
        person.help_text = _("Chọn để lấy họ tên, ngày sinh từ sổ; hoặc để trống và nhập bên dưới.")
        person.required = False
        style_fields(self)

    def clean(self):
        data = super().clean()
        category = data.get("category")
        if category is not None and category.code == THEMATIC and not data.get("movement"):
            self.add_error("movement", _("Khen thưởng theo chuyên đề phải nêu phong trào thi đua."))
        kind = data.get("nominee_kind")
        person = data.get("person")
        if person and kind == NomineeKind.INDIVIDUAL:
            data["full_name"] = person.full_name
            data["date_of_birth"] = person.date_of_birth or data.get("date_of_birth")
            data["sex"] = person.sex or data.get("sex")
        if kind == NomineeKind.INDIVIDUAL and not data.get("full_name"):
            self.add_error("full_name", _("Nhập họ và tên cá nhân được đề nghị."))
        if kind == NomineeKind.COLLECTIVE and not data.get("collective_name"):
            self.add_error("collective_name", _("Nhập tên tập thể được đề nghị."))
        school_year, year = data.get("school_year_start"), data.get("year")
        if school_year is not None and year and year not in (school_year, school_year + 1):
            # A school year runs across two calendar years: the dossier's year is one of them.
            self.add_error(
                "school_year_start",
                _("Năm học %(first)s-%(second)s không thuộc năm %(year)s của hồ sơ.")
                % {"first": school_year, "second": school_year + 1, "year": year},
            )
        award = data.get("award_type")
        if award and kind and not award.accepts(kind):
            self.add_error(
                "award_type",
                _("“%(award)s” không xét tặng cho %(kind)s.")
                % {"award": award, "kind": str(NomineeKind(kind).label).lower()},
            )
        return data


class DocumentForm(forms.ModelForm):
    class Meta:
        model = DossierDocument
        fields = ["kind", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class MoveForm(forms.Form):
    """What one move asks for: a comment, a decision, the council's opinion (rules.Move.needs)."""

    comment = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, move, **kwargs):
        super().__init__(*args, **kwargs)
        needs = move.needs
        if rules.COMMENT in needs:
            self.fields["comment"].required = True
            self.fields["comment"].label = (
                _("Ý kiến của Hội đồng") if rules.RECOMMENDATION in needs else _("Lý do")
            )
        if rules.RECOMMENDATION in needs:
            self.fields["recommendation"] = forms.ChoiceField(
                label=_("Kết luận"), choices=CouncilRecommendation.choices, widget=forms.RadioSelect
            )
        if rules.DECISION in needs:
            self.fields["decision_number"] = forms.CharField(label=_("Số quyết định"))
            self.fields["decision_date"] = date_field(_("Ngày quyết định"), required=True)
        if rules.CENTRAL_DECISION in needs:
            self.fields["central_decision_number"] = forms.CharField(
                label=_("Số quyết định của Trung ương")
            )
            self.fields["central_decision_date"] = date_field(
                _("Ngày quyết định của Trung ương"), required=True
            )
        style_fields(self)


class InboxFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)
    unit = UnitChoiceField(label=_("Đơn vị"), required=False)
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"), queryset=AwardType.objects.none(), required=False
    )
    batch = forms.ModelChoiceField(label=_("Đợt"), queryset=Batch.objects.none(), required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    # Dossiers of a school year's achievements (the education sector's).
    school_year = SchoolYearChoiceField()
    q = forms.CharField(label=_("Tên hoặc số hồ sơ"), required=False)

    # The school years listed: those of the last few years (no query; older ones in admin).
    SCHOOL_YEARS_LISTED = 6

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["school_year"].set_years(this_year - self.SCHOOL_YEARS_LISTED + 1, this_year)
        self.fields["state"].choices = [("", _("Tất cả"))] + [
            (state.value, state.label) for state in DossierState if state in INBOX_STATES
        ]
        self.fields["award_type"].queryset = choices["award_types"]
        self.fields["batch"].queryset = choices["batches"]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
        for name in ("q", "year", "unit"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"


class BulkMoveForm(forms.Form):
    """Move the dossiers ticked in the inbox; each still goes through the rules one by one."""

    to_state = forms.ChoiceField(label=_("Chuyển sang"))
    comment = forms.CharField(label=_("Lý do, ghi chú"), required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), required=False)
    decision_date = date_field(_("Ngày quyết định"))
    central_decision_number = forms.CharField(
        label=_("Số quyết định của Trung ương"), required=False
    )
    central_decision_date = date_field(_("Ngày quyết định của Trung ương"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [
            (state.value, state.label) for state in rules.office_targets()
        ]
        style_fields(self)
        for field in self.fields.values():
            field.widget.attrs["class"] += " form-control-sm"

    def decision(self):
        return {
            name: self.cleaned_data[name]
            for name in (
                "decision_number",
                "decision_date",
                "central_decision_number",
                "central_decision_date",
            )
        }


class LookupForm(forms.Form):
    q = forms.CharField(label=_("Họ tên cá nhân hoặc tên tập thể"), max_length=100)
    date_of_birth = date_field(
        _("Ngày sinh"),
        help_text=_("Người của đơn vị khác: gõ đúng họ tên đầy đủ và ngày sinh."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["title", "authors", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class RecognitionForm(forms.Form):
    recognised_on = date_field(_("Ngày công nhận"), required=True)
    decision = forms.CharField(label=_("Số quyết định công nhận"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
