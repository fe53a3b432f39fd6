import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plan.enums import PartSource
from plan.models import Task, TaskPart
from plan.services import add_parts
from units.models import Unit


@pytest.fixture
def pdf_file():
    def make(name="bao-cao.pdf"):
        return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n", "application/pdf")

    return make


@pytest.fixture
def add_units(db):
    """Create n more participating units (with parts in "Các đơn vị" tasks when synced)."""

    def make(n):
        Unit.objects.bulk_create(
            Unit(code=f"extra-{i}", name=f"Đơn vị thêm {i}", kind="department") for i in range(n)
        )

    return make


@pytest.fixture
def task(plan_2013):
    """A fresh Q1 task (due 31/03/2013) with two parts and no history."""
    task = Task.objects.create(plan=plan_2013, number=90, quarter=1, content="Việc thử")
    units = Unit.objects.filter(code__in=["so-gd-dt", "h-cao-loc"])
    add_parts(TaskPart(task=task, unit=unit, source=PartSource.NAMED) for unit in units)
    return task


@pytest.fixture
def part(task):
    return task.parts.get(unit__code="so-gd-dt")
