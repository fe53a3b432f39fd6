from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin_history import HistoryAdmin
from core.schoolyears import SchoolYearListFilter
from core.visibility import VisibleRowsAdmin

from . import services
from .enums import DocumentKind, DossierState
from .models import (
    AwardRecord,
    AwardType,
    Batch,
    Category,
    Dossier,
    DossierDocument,
    DossierTransition,
    Initiative,
    Requirement,
    RuleSet,
)
from .rules import award_record_visibility, dossier_visibility, initiative_visibility


class AwardTypeForm(forms.ModelForm):
    required_documents = forms.TypedMultipleChoiceField(
        label=_("tài liệu bắt buộc"),
        choices=DocumentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = AwardType
        fields = [
            "code",
            "name",
            "form",
            "level",
            "recipient",
            "decided_by",
            "required_documents",
            "requires_initiative",
            "prerequisite",
            "prerequisite_times",
            "parent",
            "kind",
            "award_class",
            "position",
        ]


@admin.register(AwardType)
class AwardTypeAdmin(HistoryAdmin):
    form = AwardTypeForm
    list_display = [
        "name",
        "form",
        "level",
        "recipient",
        "parent",
        "award_class",
        "decided_by",
        "requires_initiative",
    ]
    list_filter = ["form", "level", "recipient", "award_class"]
    list_select_related = ["parent"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["prerequisite", "parent"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Category)
class CategoryAdmin(HistoryAdmin):
    list_display = ["name", "code", "position"]
    search_fields = ["name"]


@admin.register(Batch)
class BatchAdmin(HistoryAdmin):
    list_display = ["name", "year", "number", "task", "is_open"]
    list_filter = ["year", "is_open"]
    list_select_related = ["task"]
    search_fields = ["name"]
    autocomplete_fields = ["task"]


@admin.register(Initiative)
class InitiativeAdmin(VisibleRowsAdmin, HistoryAdmin):
    visibility = initiative_visibility
    list_display = ["title", "authors", "unit", "year", "recognised_on", "recognition_decision"]
    list_filter = ["year", ("recognised_on", admin.EmptyFieldListFilter)]
    list_select_related = ["unit"]
    search_fields = ["title", "authors", "unit__name"]
    autocomplete_fields = ["unit", "author_people"]


class DocumentInline(admin.TabularInline):
    model = DossierDocument
    extra = 0
    fields = ["kind", "original_name", "uploaded_by", "uploaded_at", "removed_by", "removed_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Files come through the dossier page, which checks them (core.files).
        return False


class TransitionInline(admin.TabularInline):
    model = DossierTransition
    extra = 0
    fields = ["at", "from_state", "to_state", "by", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _move_action(to_state, description):
    def action(modeladmin, request, queryset):
        result = services.bulk_move(queryset, to_state, by=request.user)
        if result.moved:
            modeladmin.message_user(request, result.moved_message(), messages.SUCCESS)
        for line in result.refused_lines():
            modeladmin.message_user(request, line, messages.WARNING)

    action.__name__ = f"move_to_{to_state}"
    return admin.action(description=description)(action)


class DossierAdminForm(forms.ModelForm):
    def _post_clean(self):
        super()._post_clean()
        # The duplicate rule, as a message: the database holds it too (partly in a constraint
        # Django cannot check), so saving a duplicate would otherwise be a server error.
        if self.instance.award_type_id:
            for problem in services.duplicate_problems(self.instance):
                self.add_error(None, problem)


@admin.register(Dossier)
class DossierAdmin(VisibleRowsAdmin, HistoryAdmin):
    visibility = dossier_visibility
    form = DossierAdminForm
    list_display = [
        "reference",
        "nominee",
        "unit",
        "award_type",
        "year",
        "school_year",
        "batch",
        "state",
    ]
    list_filter = [
        "state",
        "year",
        SchoolYearListFilter,
        "award_type__level",
        "award_type",
        "batch",
        "category",
    ]
    list_select_related = ["unit", "award_type", "batch"]
    search_fields = ["reference", "full_name", "collective_name", "nominee_key", "unit__name"]
    autocomplete_fields = ["unit", "award_type", "category", "batch", "initiatives", "person"]
    readonly_fields = ["reference", "state", "state_changed_at", "created_by", "created_at"]
    inlines = [DocumentInline, TransitionInline]
    actions = [
        _move_action(DossierState.IN_APPRAISAL, _("Tiếp nhận, thẩm định các hồ sơ đã chọn")),
        _move_action(DossierState.BEFORE_COUNCIL, _("Trình Hội đồng các hồ sơ đã chọn")),
    ]

    def save_model(self, request, obj, form, change):
        if change:
            services.correct_dossier(obj, request.user, form.changed_data)
        else:
            super().save_model(request, obj, form, change)

    @admin.display(description=_("đối tượng"), ordering="nominee_key")
    def nominee(self, dossier):
        return dossier.nominee_name

    def has_add_permission(self, request):
        # A dossier is born a draft with a reference and a history row: save_dossier makes it.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AwardRecord)
class AwardRecordAdmin(VisibleRowsAdmin, HistoryAdmin):
    visibility = award_record_visibility
    list_display = ["name", "award_type", "year", "decision_number", "decision_date", "unit"]
    list_filter = ["year", "award_type__level", "award_type"]
    list_select_related = ["award_type", "unit"]
    search_fields = ["name", "name_key", "decision_number"]
    autocomplete_fields = ["unit", "award_type", "dossier", "person"]


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    fields = ["award_type", "kind", "position", "article", "params", "text", "verified", "source"]
    autocomplete_fields = ["award_type"]


@admin.register(RuleSet)
class RuleSetAdmin(HistoryAdmin):
    """The law by date: an admin adds a rule set, its bases and requirements, as data."""

    list_display = ["title", "code", "effective_from", "effective_to"]
    search_fields = ["title", "code"]
    inlines = [RequirementInline]
