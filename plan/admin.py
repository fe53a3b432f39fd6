from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_history import HistoryAdmin
from core.import_admin import SpreadsheetImportExportMixin
from core.schoolyears import SchoolYearListFilter
from core.visibility import VisibleRowsAdmin

from . import services
from .models import (
    Plan,
    ProgressReport,
    Reminder,
    Requirement,
    ResponsibleUnit,
    Submission,
    SubmissionReview,
    Task,
    TaskPart,
)
from .resources import ResponsibleUnitResource, TaskResource
from .rules import part_visibility, submission_visibility
from .selectors import responsible_prefetch


@admin.register(Plan)
class PlanAdmin(HistoryAdmin):
    list_display = ["number", "title", "year", "status", "issued_on", "unit_plans_due_on"]
    list_filter = ["status"]
    search_fields = ["number", "title"]
    # A draft is published by plan.rollover.publish_plan, which also gives units their parts.
    readonly_fields = ["status"]


class ResponsibleUnitInline(admin.TabularInline):
    model = ResponsibleUnit
    extra = 0
    fields = ["position", "unit", "collective", "written_as"]
    autocomplete_fields = ["unit"]
    ordering = ["position"]


@admin.register(Task)
class TaskAdmin(SpreadsheetImportExportMixin, HistoryAdmin):
    resource_classes = [TaskResource]
    list_display = [
        "number",
        "quarter",
        "short_content",
        "responsible_units",
        "due_date",
        "school_year",
        "plan",
    ]
    list_display_links = ["number", "short_content"]
    list_filter = ["plan", "quarter", SchoolYearListFilter]
    search_fields = ["content"]
    list_select_related = ["plan"]
    ordering = ["plan", "number"]
    inlines = [ResponsibleUnitInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(responsible_prefetch())

    def save_model(self, request, obj, form, change):
        # Through the service: a moved due date recounts the task's parts.
        services.save_from_admin(obj, by=request.user)

    @admin.display(description=_("nội dung"))
    def short_content(self, task):
        return task.short_content

    @admin.display(description=_("đơn vị thực hiện"))
    def responsible_units(self, task):
        return "; ".join(row.label for row in task.responsible.all())

    @admin.display(description=_("hạn"))
    def due_date(self, task):
        return task.due_date


class ProgressReportInline(admin.TabularInline):
    """History is read-only: a correction is a new report, never an edit of an old one."""

    model = ProgressReport
    extra = 0
    can_delete = False
    fields = [
        "reported_at",
        "state",
        "done_on",
        "reported_late",
        "note",
        "created_by",
        "created_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TaskPart)
class TaskPartAdmin(VisibleRowsAdmin, HistoryAdmin):
    visibility = part_visibility
    # Units in Vietnamese order (Unit.sort_key), set here so the model's options need no migration.
    ordering = ["task", "unit__sort_key"]
    list_display = ["task", "unit", "source"]
    list_filter = ["task__plan", "task__quarter", "source", "unit__kind"]
    list_select_related = ["task", "unit"]
    search_fields = ["unit__name", "task__content"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["task"]
    inlines = [ProgressReportInline]

    def save_model(self, request, obj, form, change):
        # Through the service: a new part counts in its task's tallies at once.
        services.save_from_admin(obj, by=request.user)

    def get_readonly_fields(self, request, obj=None):
        # A part's reports are about that unit's share of that task: it never moves.
        return ["task", "unit"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False


class SubmissionReviewInline(admin.TabularInline):
    model = SubmissionReview
    extra = 0
    can_delete = False
    fields = ["reviewed_at", "decision", "reason", "reviewed_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Requirement)
class RequirementAdmin(HistoryAdmin):
    list_display = ["title", "kind", "due_on", "school_year", "task", "plan"]
    list_filter = ["plan", "kind", SchoolYearListFilter]
    list_select_related = ["task", "plan"]
    search_fields = ["title"]
    filter_horizontal = ["units"]
    raw_id_fields = ["task"]


@admin.register(Submission)
class SubmissionAdmin(VisibleRowsAdmin, HistoryAdmin):
    visibility = submission_visibility
    list_display = ["requirement", "unit", "submitted_at", "original_name", "submitted_by"]
    list_filter = ["requirement"]
    list_select_related = ["requirement", "unit", "submitted_by"]
    search_fields = ["unit__name", "original_name"]
    readonly_fields = [f.name for f in Submission._meta.fields]
    inlines = [SubmissionReviewInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    ordering = ["-sent_on", "unit__sort_key"]
    list_display = ["unit", "sent_on", "as_of", "recipients"]
    list_filter = ["sent_on"]
    list_select_related = ["unit"]
    readonly_fields = ["unit", "sent_on", "as_of", "recipients", "items", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ResponsibleUnit)
class ResponsibleUnitAdmin(SpreadsheetImportExportMixin, HistoryAdmin):
    """Who does each task, one row per entry: here for importing and exporting them in bulk."""

    resource_classes = [ResponsibleUnitResource]
    list_display = ["task", "position", "label", "unit", "collective"]
    list_filter = ["task__plan", "collective"]
    list_select_related = ["task__plan", "unit"]
    search_fields = ["written_as", "unit__name"]
    autocomplete_fields = ["unit"]
    ordering = ["task__plan", "task__number", "position"]

    @admin.display(description=_("đơn vị thực hiện"))
    def label(self, row):
        return row.label
