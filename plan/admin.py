from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from units.import_admin import SpreadsheetImportExportMixin

from .models import Plan, ResponsibleUnit, Task
from .resources import ResponsibleUnitResource, TaskResource
from .selectors import responsible_prefetch


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "year", "issued_on", "unit_plans_due_on"]
    search_fields = ["number", "title"]


class ResponsibleUnitInline(admin.TabularInline):
    model = ResponsibleUnit
    extra = 0
    fields = ["position", "unit", "collective", "written_as"]
    autocomplete_fields = ["unit"]
    ordering = ["position"]


@admin.register(Task)
class TaskAdmin(SpreadsheetImportExportMixin, admin.ModelAdmin):
    resource_classes = [TaskResource]
    list_display = ["number", "quarter", "short_content", "responsible_units", "due_date", "plan"]
    list_display_links = ["number", "short_content"]
    list_filter = ["plan", "quarter"]
    search_fields = ["content"]
    list_select_related = ["plan"]
    ordering = ["plan", "number"]
    inlines = [ResponsibleUnitInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(responsible_prefetch())

    @admin.display(description=_("nội dung"))
    def short_content(self, task):
        return task.short_content

    @admin.display(description=_("đơn vị thực hiện"))
    def responsible_units(self, task):
        return "; ".join(row.label for row in task.responsible.all())

    @admin.display(description=_("hạn"))
    def due_date(self, task):
        return task.due_date


@admin.register(ResponsibleUnit)
class ResponsibleUnitAdmin(SpreadsheetImportExportMixin, admin.ModelAdmin):
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
