"""The plan app's models, one module per concern; every model is imported here so that
`from plan.models import X` works and Django registers them (and their history models)."""

from .plan import Plan, PlanQuerySet
from .reminders import Reminder
from .submissions import Requirement, Submission, SubmissionReview
from .tasks import (
    TALLY_FIELDS,
    LateReportConfirmation,
    ProgressReport,
    ResponsibleUnit,
    Task,
    TaskPart,
    TaskQuerySet,
)

__all__ = [
    "TALLY_FIELDS",
    "LateReportConfirmation",
    "Plan",
    "PlanQuerySet",
    "ProgressReport",
    "Reminder",
    "Requirement",
    "ResponsibleUnit",
    "Submission",
    "SubmissionReview",
    "Task",
    "TaskPart",
    "TaskQuerySet",
]
