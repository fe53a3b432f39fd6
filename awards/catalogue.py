"""The award catalogue: award types, categories, 2013 batches (fixtures/award_types.json),
and the rule sets of the law by date (fixtures/rulesets.json)."""

from django.core.management import call_command
from django.db import transaction

from plan.models import Task

from .models import Batch

# The plan's tasks the batches serve: task 13 is đợt 1, task 26 đợt 2 (education).
# A fixture cannot name a task (tasks have no natural key), so the link is made here.
BATCH_TASKS = {(2013, 1): 13, (2013, 2): 26}


@transaction.atomic
def load_catalogue():
    """Load (or refresh) the catalogue fixture and link each batch to its task in the plan."""
    call_command("loaddata", "award_types", verbosity=0)
    # The rule sets name award types by code, so they load after them.
    call_command("loaddata", "rulesets", verbosity=0)
    for (year, number), task_number in BATCH_TASKS.items():
        task = Task.objects.filter(plan__year=year, number=task_number).first()
        if task:
            Batch.objects.filter(year=year, number=number, task=None).update(task=task)
