from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import ALLOWED_EXTENSIONS
from core.schoolyears import SchoolYearChoiceField, SchoolYearFormField
from emulation.models import Movement
from people.models import Person
from units.forms import UnitChoiceField, date_field, style_fields

from . import eligibility, rules
from .document_services import file_problems
from .enums import (
    INBOX_STATES,
    NAMED_NOMINEES,
    AwardLevel,
    CouncilRecommendation,
    DocumentKind,
    DossierState,
    NomineeKind,
)
from .households import household_refusals
from .models import AwardType, Batch, Dossier

# The category of a thematic commendation (fixtures/award_types.json).
THEMATIC = "chuyen-de"


# The fields that describe one kind of nominee: the form shows those of the kind chosen
# (static/js/dossier-form.js) and the server clears the other kind's (DossierForm.clean).
NOMINEE_FIELDS = {
    NomineeKind.INDIVIDUAL: (
        *("person", "full_name", "sex", "date_of_birth", "position", "workplace"),
    ),
    NomineeKind.COLLECTIVE: ("collective_name",),
    NomineeKind.HOUSEHOLD: ("collective_name",),  # "Hộ ông ...", typed like a collective's
}


class AwardTypeSelect(forms.Select):
    """Each award type's option says whom it goes to, so the page offers only those that fit
    the nominee kind chosen (AwardType.accepts; the server checks it again in clean)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        award = getattr(value, "instance", None)
        if award is not None:
            option["attrs"]["data-recipient"] = award.recipient
        return option


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
            "award_type": AwardTypeSelect,
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
        self.fields["collective_name"].label = _("Tên tập thể hoặc hộ gia đình")
        self.fields["collective_name"].help_text = _("Hộ gia đình: ví dụ “Hộ ông Hoàng Văn Minh”.")
        # Unit-level titles and Giấy khen are decided by the unit's own head and recorded as
        # the unit's decision (council.unit_decisions, docs/design.md "Who decides"): a
        # dossier goes to the province only for province- and state-level awards. A draft
        # that already names a unit-level award (imported) keeps it.
        award = self.fields["award_type"]
        award.queryset = AwardType.objects.filter(
            ~Q(level=AwardLevel.UNIT) | Q(pk=self.instance.award_type_id)
        )
        award.help_text = _(
            "Danh hiệu, hình thức cấp cơ sở (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập "
            "thể lao động tiên tiến, Giấy khen) do thủ trưởng đơn vị quyết định: ghi ở mục "
            "“Khen thưởng cấp đơn vị”, không lập hồ sơ đề nghị."
        )
        if self.instance.pk is None and not self.initial.get("workplace"):
            # A unit proposes its own people: their workplace is the unit, unless typed over.
            self.initial["workplace"] = unit.name
        style_fields(self)

    def clean(self):
        data = super().clean()
        category = data.get("category")
        if category is not None and category.code == THEMATIC and not data.get("movement"):
            self.add_error("movement", _("Khen thưởng theo chuyên đề phải nêu phong trào thi đua."))
        kind = data.get("nominee_kind")
        kept = set(NOMINEE_FIELDS.get(kind, ()))
        for names in NOMINEE_FIELDS.values():
            for name in names:
                if kind and name not in kept:
                    # The other kinds' fields, hidden on the page, are never kept.
                    data[name] = None if name in ("person", "date_of_birth") else ""
        person = data.get("person")
        if person and kind == NomineeKind.INDIVIDUAL:
            data["full_name"] = person.full_name
            data["date_of_birth"] = person.date_of_birth or data.get("date_of_birth")
            data["sex"] = person.sex or data.get("sex")
        if kind == NomineeKind.INDIVIDUAL and not data.get("full_name"):
            self.add_error("full_name", _("Nhập họ và tên cá nhân được đề nghị."))
        if kind in NAMED_NOMINEES and not data.get("collective_name"):
            self.add_error("collective_name", _("Nhập tên tập thể hoặc hộ gia đình được đề nghị."))
        school_year, year = data.get("school_year_start"), data.get("year")
        if school_year is not None and year and year not in (school_year, school_year + 1):
            # A school year runs across two calendar years: the dossier's year is one of them.
            self.add_error(
                "school_year_start",
                _("Năm học %(first)s-%(second)s không thuộc năm %(year)s của hồ sơ.")
                % {"first": school_year, "second": school_year + 1, "year": year},
            )
        award = data.get("award_type")
        if award and kind == NomineeKind.HOUSEHOLD and data.get("year"):
            # The rule set in force names the awards a household may receive.
            ruleset = eligibility.ruleset_on(eligibility.judging_date(data["year"]))
            for article, message in household_refusals(award, ruleset):
                problem = eligibility.Problem(article, message, ruleset.title if ruleset else "")
                self.add_error("award_type", str(problem))
        if award and kind and not award.accepts(kind):
            self.add_error(
                "award_type",
                _("“%(award)s” không xét tặng cho %(kind)s.")
                % {"award": award, "kind": str(NomineeKind(kind).label).lower()},
            )
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleaned to a list, each file checked on its own."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [file for file in files if file]


class DocumentsForm(forms.Form):
    """Several files at once, one row per kind of document (those the dossier's rule set
    requires first, each with its tick), any number of files per row. Every file is checked
    (core.files) and each error is shown at its row; one bad file and nothing is added."""

    def __init__(self, data=None, files=None, *, checklist=()):
        if files is not None and "file" in files and data and data.get("kind"):
            # One file with its kind, as the single-file form posted it (scripts still do).
            files = files.copy()
            files.setlist(self.field_name(data["kind"]), files.getlist("file"))
        super().__init__(data, files)
        required = {item.kind: item.attached for item in checklist}
        kinds = [item.kind for item in checklist]
        kinds += [kind for kind in DocumentKind.values if kind not in kinds]
        self.rows = []
        for kind in kinds:
            field = MultipleFileField(label=DocumentKind(kind).label, required=False)
            field.widget.attrs.update(
                {"class": "form-control", "accept": ",".join(ALLOWED_EXTENSIONS)}
            )
            self.fields[self.field_name(kind)] = field
            self.rows.append((kind, kind in required, required.get(kind, False)))

    @staticmethod
    def field_name(kind):
        return f"tep_{kind}"

    def row_fields(self):
        """[(bound field, required, attached)] in the order of the rows."""
        return [
            (self[self.field_name(kind)], required, attached)
            for kind, required, attached in self.rows
        ]

    def clean(self):
        data = super().clean()
        chosen = 0
        for kind, _required, _attached in self.rows:
            name = self.field_name(kind)
            for file in data.get(name) or []:
                chosen += 1
                for message in file_problems(file):
                    self.add_error(name, message)
        if not chosen and not self.errors:
            raise forms.ValidationError(_("Chọn ít nhất một tệp để tải lên."))
        return data

    def files_by_kind(self):
        """[(kind, file)] of every file chosen, row by row."""
        return [
            (kind, file)
            for kind, _required, _attached in self.rows
            for file in self.cleaned_data.get(self.field_name(kind)) or []
        ]


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


class RecognitionForm(forms.Form):
    recognised_on = date_field(_("Ngày công nhận"), required=True)
    decision = forms.CharField(label=_("Số quyết định công nhận"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
