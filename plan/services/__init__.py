"""Every write to the plan: one atomic function per operation, for views, commands, admin,
imports and the generators. copies.py alone keeps the stored copies right; every service
that writes reports or parts ends by calling it."""

from .loading import PlanDataError, load_plan, resolve_responsible
from .progress import (
    add_reports,
    build_progress_report,
    cancel_part,
    confirm_late_report,
    report_progress,
)
from .schedule import (
    ScheduleError,
    add_parts,
    name_units_for_task,
    save_from_admin,
    set_task_due_date,
    sync_plan_parts,
    sync_task_parts,
    tasks_imported,
)
from .submissions import ResendNotConfirmed, accepted_copy, review_submission, submit_document

__all__ = [
    "PlanDataError",
    "ResendNotConfirmed",
    "ScheduleError",
    "accepted_copy",
    "add_parts",
    "add_reports",
    "build_progress_report",
    "cancel_part",
    "confirm_late_report",
    "load_plan",
    "name_units_for_task",
    "report_progress",
    "resolve_responsible",
    "review_submission",
    "save_from_admin",
    "set_task_due_date",
    "submit_document",
    "sync_plan_parts",
    "sync_task_parts",
    "tasks_imported",
]
