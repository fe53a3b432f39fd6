"""The office keeps score sheet templates, inspection plans and movements here; the rows
units write (registrations, pact signatures, scores, exemplars) are read here and written
through the pages, so each keeps who wrote it."""

from django.contrib import admin

from core.admin_history import HistoryAdmin

from .copies import refresh_cross_checked
from .models import (
    Exemplar,
    Inspection,
    InspectionPlan,
    Movement,
    PactSignature,
    Registration,
    Score,
    ScoreSheetTemplate,
    TemplateCriterion,
)


class TemplateCriterionInline(admin.TabularInline):
    model = TemplateCriterion
    extra = 1


@admin.register(ScoreSheetTemplate)
class ScoreSheetTemplateAdmin(admin.ModelAdmin):
    inlines = [TemplateCriterionInline]
    search_fields = ["name"]


class InspectionInline(admin.TabularInline):
    model = Inspection
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(HistoryAdmin):
    list_display = ["title", "year", "inspector"]
    list_filter = ["year"]
    list_select_related = ["inspector"]
    autocomplete_fields = ["inspector"]
    inlines = [InspectionInline]


@admin.register(Movement)
class MovementAdmin(HistoryAdmin):
    list_display = ["name", "year", "starts_on", "ends_on", "task"]
    list_filter = ["year"]
    list_select_related = ["task"]
    autocomplete_fields = ["units"]
    search_fields = ["name"]


class ReadOnlyAdmin(HistoryAdmin):
    """Rows the units write through the pages: readable and searchable, not added here."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "collective_title", "registered_at"]
    list_filter = ["year"]
    list_select_related = ["unit"]


@admin.register(PactSignature)
class PactSignatureAdmin(ReadOnlyAdmin):
    list_display = ["unit", "cluster", "signed_on"]
    list_select_related = ["unit", "cluster"]


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ["unit", "criterion", "self_score", "checked_score"]
    list_select_related = ["unit", "criterion"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A check's time corrected here moves the member's stored copy with it.
        refresh_cross_checked([obj.criterion.sheet.cluster_id], [obj.unit_id])


@admin.register(Exemplar)
class ExemplarAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "year", "spread_by"]
    list_filter = ["year"]
    list_select_related = ["unit"]
