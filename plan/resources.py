"""Import-export resources for a plan's tasks and their responsible units."""

from django.utils.translation import gettext as _
from import_export import widgets
from import_export.fields import Field

from core.names import name_key
from core.resources import (
    DateWidget,
    NumberWidget,
    SchoolYearWidget,
    SpreadsheetResource,
    TextWidget,
    as_text,
    is_blank,
)
from units.resources import UnitAwareResource

from .enums import Quarter, quarter_end
from .models import Plan, ResponsibleUnit, Task
from .services import resolve_responsible, tasks_imported

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class PlanYearWidget(widgets.Widget):
    """A year whose plan is already loaded (plans come in whole through load_plan)."""

    def __init__(self):
        self.plans = {}  # year -> plan or None: one query per year of a file, not per row
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        year = NumberWidget().clean(value)
        if year not in self.plans:
            self.plans[year] = Plan.objects.filter(year=year).first()
        plan = self.plans[year]
        if plan is None:
            raise ValueError(_("Chưa có kế hoạch năm %(year)s.") % {"year": year})
        return plan

    def render(self, value, obj=None, **kwargs):
        return value.year if value else ""


class QuarterWidget(widgets.Widget):
    """1-4, or as the plan writes it: QUÝ II, Quý 2, II."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            raise ValueError(_("Ô này không được để trống."))
        text = name_key(as_text(value))
        for prefix in ("quý", "quy", "q"):
            if text.startswith(prefix):
                text = text[len(prefix) :].strip()
                break
        number = _ROMAN.get(text) or (int(text) if text.isdigit() else None)
        if number not in Quarter.values:
            raise ValueError(
                _("Quý “%(value)s” không hợp lệ (1 đến 4, hoặc QUÝ I đến QUÝ IV).")
                % {"value": as_text(value)}
            )
        return number

    def render(self, value, obj=None, **kwargs):
        return value


class TaskWidget(widgets.Widget):
    """A task by its number, in the plan of the row's year (column "Năm")."""

    def __init__(self):
        self.tasks = {}  # year -> {number: task}: one query per year of a file, not per row
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        number = NumberWidget().clean(value)
        year = (row or {}).get("Năm")
        try:
            year = NumberWidget().clean(year)
        except ValueError as error:
            raise ValueError(_("Năm “%(year)s” không hợp lệ.") % {"year": year}) from error
        if year not in self.tasks:
            self.tasks[year] = {
                task.number: task
                for task in Task.objects.select_related("plan").filter(plan__year=year)
            }
        task = self.tasks[year].get(number)
        if task is None:
            raise ValueError(
                _("Không có nhiệm vụ số %(number)s trong kế hoạch năm %(year)s.")
                % {"number": number, "year": year}
            )
        return task

    def render(self, value, obj=None, **kwargs):
        return value.number if value else ""


class TaskResource(SpreadsheetResource):
    """The numbered tasks of a plan: year, number, quarter, content, due date."""

    plan = Field("plan", "Năm", widget=PlanYearWidget())
    number = Field("number", "TT", widget=NumberWidget())
    quarter = Field("quarter", "Quý", widget=QuarterWidget())
    content = Field(
        "content", "Nội dung nhiệm vụ", widget=TextWidget(required=True, multiline=True)
    )
    due_on = Field("due_on", "Hạn", widget=DateWidget(), saves_null_values=True)
    # Work that runs by school year (tasks 25, 27, 28 of 2013). Optional: files written before
    # it leave a task's school year as it is (an empty cell clears nothing; admin does).
    school_year_start = Field(
        "school_year_start", "Năm học", widget=SchoolYearWidget(), saves_null_values=False
    )

    optional_columns = ("Hạn", "Năm học")
    other_column_names = {
        "TT": ("STT", "Số thứ tự", "Số TT"),
        "Nội dung nhiệm vụ": ("Nội dung", "Nội dung nhiệm vụ chủ yếu"),
        "Hạn": ("Hạn hoàn thành", "Thời hạn"),
    }
    column_widths = {"Năm": 8, "TT": 6, "Quý": 8, "Nội dung nhiệm vụ": 80, "Hạn": 12, "Năm học": 12}
    duplicate_key = ("Năm", "TT")

    class Meta(SpreadsheetResource.Meta):
        model = Task
        name = "Nhiệm vụ"
        fields = ("plan", "number", "quarter", "content", "due_on", "school_year_start")
        import_id_fields = ("plan", "number")

    @staticmethod
    def export_queryset(plan=None):
        tasks = Task.objects.select_related("plan").order_by("plan__year", "number")
        return tasks.filter(plan=plan) if plan else tasks

    def dehydrate_due_on(self, task):
        # The date the task is due, as the office reads it; equal to the quarter's end it is
        # stored as "no date of its own" again on import.
        return task.due_date if task.plan_id and task.quarter else task.due_on

    def before_write(self, rows):
        for row in rows:
            row.instance.fill_due_date()

    def after_write(self, rows, user, reason):
        # A moved due date turns parts done on time into late ones, or back.
        tasks_imported(Task.objects.filter(pk__in=[row.instance.pk for row in rows]))

    def clean_row(self, instance, row, errors):
        if (
            instance.due_on
            and instance.plan_id
            and instance.quarter in Quarter.values
            and instance.due_on == quarter_end(instance.plan.year, instance.quarter)
        ):
            instance.due_on = None
        if instance.due_on and instance.plan_id and instance.due_on.year != instance.plan.year:
            errors.setdefault(
                "Hạn",
                _("Hạn %(date)s không thuộc năm %(year)s của kế hoạch.")
                % {"date": instance.due_on.strftime("%d/%m/%Y"), "year": instance.plan.year},
            )


class ResponsibleUnitResource(UnitAwareResource):
    """Who does each task, in order: a unit by any of its names, or a collective phrase."""

    year = Field(column_name="Năm", dehydrate_method="dehydrate_year")
    task = Field("task", "TT nhiệm vụ", widget=TaskWidget())
    position = Field("position", "Thứ tự", widget=NumberWidget())
    written_as = Field(
        "written_as", "Đơn vị thực hiện", widget=TextWidget(required=True, multiline=True)
    )

    other_column_names = {"TT nhiệm vụ": ("Nhiệm vụ", "Số nhiệm vụ"), "Thứ tự": ("STT",)}
    column_widths = {"Năm": 8, "TT nhiệm vụ": 10, "Thứ tự": 8, "Đơn vị thực hiện": 50}
    duplicate_key = ("Năm", "TT nhiệm vụ", "Thứ tự")
    compare_attributes = ("unit_id", "collective")
    attribute_columns = {"unit_id": "Đơn vị thực hiện", "collective": "Đơn vị thực hiện"}

    class Meta(SpreadsheetResource.Meta):
        model = ResponsibleUnit
        name = "Đơn vị thực hiện"
        fields = ("year", "task", "position", "written_as")
        import_id_fields = ("task", "position")

    @staticmethod
    def export_queryset(plan=None):
        rows = ResponsibleUnit.objects.select_related("task__plan", "unit").order_by(
            "task__plan__year", "task__number", "position"
        )
        return rows.filter(task__plan=plan) if plan else rows

    def dehydrate_year(self, row):
        return row.task.plan.year if row.task_id else ""

    def dehydrate_written_as(self, row):
        return row.label

    def clean_row(self, instance, row, errors):
        if not instance.written_as or "Đơn vị thực hiện" in errors:
            return
        unit, collective = resolve_responsible(instance.written_as, self.unit_index)
        if unit is None and collective is None:
            errors["Đơn vị thực hiện"] = _("Không tìm thấy đơn vị “%(name)s”.") % {
                "name": instance.written_as
            }
            return
        instance.unit, instance.collective = unit, collective or ""
