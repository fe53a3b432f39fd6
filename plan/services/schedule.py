"""Who does what by when: the units' parts of each task, and the tasks' due dates."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from units.lifecycle import participating_units, unit_for_year

from .. import rules
from ..enums import Collective, PartSource
from ..models import Task, TaskPart
from .copies import batches, refresh_stored_copies

BATCH = 5000


class ScheduleError(Exception):
    """A schedule operation was refused; the message says why, in Vietnamese. `field`
    names the form field the message belongs to, when one does."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def add_parts(parts, *, by=None, history=True, batch_size=BATCH):
    """Write new parts (any number, from any iterable, in batches) and count them in their
    tasks' tallies. `history=False` is for generated data at scale, where a history row per
    part would double the table and record nothing anyone did. Returns the number written."""
    count, task_ids = 0, set()
    moment = timezone.now()
    for chunk in batches(parts, batch_size):
        if history:
            # One moment for the lot: the task's history shows them as one naming
            # (selectors.task_change_history).
            bulk_create_with_history(
                chunk, TaskPart, batch_size=batch_size, default_user=by, default_date=moment
            )
        else:
            TaskPart.objects.bulk_create(chunk, batch_size=batch_size)
        count += len(chunk)
        task_ids.update(part.task_id for part in chunk)
    if task_ids:
        refresh_stored_copies(tasks=Task.objects.filter(pk__in=task_ids))
    return count


@transaction.atomic
def save_from_admin(obj, by):
    """Save a task or a part as the admin form made it, then recount the task's parts: a
    due date may have moved, or a new part must count at once."""
    obj._history_user = by
    obj.save()
    task_id = obj.pk if isinstance(obj, Task) else obj.task_id
    refresh_stored_copies(tasks=Task.objects.filter(pk=task_id))
    return obj


def sync_task_parts(task, participating=None):
    """Give every unit that must do the task its part: the named units and, for "Các đơn vị",
    every unit taking part in the plan's year (units.lifecycle.participating_units; pass
    their ids when syncing many tasks). A named unit that has ended by the year passes its
    part to its successor; a dissolved one without a successor gets none. Units staff
    picked stay. Never removes a part (cancel instead). Returns the number of parts created."""
    year = task.plan.year
    wanted = {}
    for row in task.responsible.all():
        if row.unit_id:
            doer = unit_for_year(row.unit, year)
            if doer is not None:
                wanted.setdefault(doer.pk, PartSource.NAMED)
        elif row.collective == Collective.ALL_UNITS:
            if participating is None:
                participating = participating_units(year).values_list("pk", flat=True)
            for unit_id in participating:
                wanted.setdefault(unit_id, PartSource.ALL_UNITS)
    existing = set(task.parts.values_list("unit_id", flat=True))
    return add_parts(
        TaskPart(task=task, unit_id=unit_id, source=source)
        for unit_id, source in wanted.items()
        if unit_id not in existing
    )


@transaction.atomic
def sync_plan_parts(plan):
    """sync_task_parts for every task of the plan; returns the number of parts created."""
    tasks = plan.tasks.select_related("plan").prefetch_related("responsible__unit")
    participating = list(participating_units(plan.year).values_list("pk", flat=True))
    return sum(sync_task_parts(task, participating) for task in tasks)


@transaction.atomic
def name_units_for_task(task, units, by):
    """Staff name the units behind "Các đơn vị liên quan" / "Các ngành liên quan"."""
    if not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được chỉ định đơn vị thực hiện."))
    existing = set(task.parts.values_list("unit_id", flat=True))
    new = [
        TaskPart(task=task, unit=unit, source=PartSource.PICKED)
        for unit in units
        if unit.pk not in existing
    ]
    add_parts(new, by=by)
    return new


@transaction.atomic
def set_task_due_date(task, due_on, by):
    """Staff set a task's own due date (None: back to the end of its quarter)."""
    if not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được đổi hạn nhiệm vụ."))
    task.due_on = due_on
    task._history_user = by
    task.save(update_fields=["due_on"])
    refresh_stored_copies(tasks=Task.objects.filter(pk=task.pk))
    return task


@transaction.atomic
def tasks_imported(tasks):
    """After tasks were written in bulk by the import (which skips save()): due dates may
    have moved, so count their parts again."""
    refresh_stored_copies(tasks=tasks)
