"""Core's admin: the background jobs, read only, for the admin to see what ran and what failed."""

from django.contrib import admin

from .models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("filename", "requested_by", "status", "rows_done", "rows_total", "created_at")
    list_filter = ("status", "kind")
    list_select_related = ("requested_by",)
    # The file is the user's: the admin sees that it exists, not a link to it.
    readonly_fields = [
        "requested_by",
        "kind",
        "path",
        "parameters",
        "language",
        "filename",
        "status",
        "rows_total",
        "rows_done",
        "task_id",
        "created_at",
        "finished_at",
    ]
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
