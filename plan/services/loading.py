"""Loading a year's plan from plan data (the shape export_plan writes): checked in full,
then written all at once."""

import datetime
import unicodedata

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.names import name_key
from core.schoolyears import parse_school_year, school_year_in_text
from units.selectors import unit_name_index

from ..enums import Collective, Quarter, quarter_end
from ..models import Plan, ResponsibleUnit, Task
from .copies import refresh_stored_copies

_COLLECTIVE_BY_KEY = {name_key(choice.label): choice for choice in Collective}


class PlanDataError(Exception):
    """The plan data cannot be loaded; `errors` lists every problem found, one line each."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


def _nfc(text):
    return unicodedata.normalize("NFC", text)


def _date(value, label, errors):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        errors.append(f"{label}: “{value}” không phải là ngày (cần dạng YYYY-MM-DD).")
        return None


def resolve_responsible(written, index):
    """(unit, collective) for one entry of "Đơn vị thực hiện"; (None, None) if nobody is known."""
    collective = _COLLECTIVE_BY_KEY.get(name_key(written))
    if collective:
        return None, collective
    return index.get(name_key(written)), None


def _read_tasks(data, year, index, errors):
    """Check every task of the data file; return the rows to write, or add to `errors`."""
    tasks, seen = [], set()
    for position, item in enumerate(data.get("tasks") or [], start=1):
        number = item.get("number")
        label = f"Nhiệm vụ {number}" if number else f"Nhiệm vụ thứ {position} trong tệp"
        if not isinstance(number, int) or number < 1:
            errors.append(f"{label}: số thứ tự phải là số nguyên dương.")
            continue
        if number in seen:
            errors.append(f"{label}: số thứ tự bị trùng.")
        seen.add(number)
        quarter = item.get("quarter")
        if quarter not in Quarter.values:
            errors.append(f"{label}: quý “{quarter}” không hợp lệ (1 đến 4).")
            continue
        content = _nfc(item.get("content") or "").strip()
        if not content:
            errors.append(f"{label}: thiếu nội dung nhiệm vụ.")
        due_on = None
        if item.get("due_date"):
            due_on = _date(item["due_date"], f"{label}, hạn", errors)
            if due_on == quarter_end(year, quarter):
                due_on = None  # the default: keep it derived from the quarter
        # Work that runs by school year: as the file says ("school_year": "2012-2013"), else
        # as the task's own words say ("... năm học 2012-2013"), as in tasks 25, 27 and 28.
        try:
            school_year = parse_school_year(item.get("school_year"))
        except ValueError:
            errors.append(
                f"{label}: năm học “{item['school_year']}” không hợp lệ (ví dụ 2012-2013)."
            )
            school_year = None
        if school_year is None:
            school_year = school_year_in_text(content)
        responsible = []
        for written in item.get("responsible") or []:
            written = _nfc(written).strip()
            unit, collective = resolve_responsible(written, index)
            if not unit and not collective:
                errors.append(f"{label}: không tìm thấy đơn vị “{written}”.")
            responsible.append((unit, collective or "", written))
        if not responsible:
            errors.append(f"{label}: thiếu đơn vị thực hiện.")
        tasks.append(
            {
                "number": number,
                "quarter": quarter,
                "content": content,
                "due_on": due_on,
                "school_year_start": school_year,
                "responsible": responsible,
            }
        )
    if not tasks and not errors:
        errors.append("Tệp không có nhiệm vụ nào.")
    return tasks


def _plan_fields(raw, errors):
    fields = {}
    for name in ("number", "title", "place", "issuer", "signer_name", "signer_title"):
        value = _nfc(str(raw.get(name) or "")).strip()
        if not value:
            errors.append(f"Kế hoạch: thiếu trường “{name}”.")
        fields[name] = value
    fields["issued_on"] = _date(raw.get("issued_on"), "Kế hoạch, ngày ban hành", errors)
    fields["unit_plans_due_on"] = _date(
        raw.get("unit_plans_due_on"), "Kế hoạch, hạn gửi kế hoạch của các đơn vị", errors
    )
    bases = raw.get("legal_bases") or []
    fields["legal_bases"] = _nfc("\n".join(bases) if isinstance(bases, list) else bases)
    for name in ("preamble", "solutions_text", "organisation_text"):
        fields[name] = _nfc(raw.get(name) or "")
    return fields


@transaction.atomic
def load_plan(data):
    """Create or update a year's plan and its tasks from plan data (the shape export_plan writes).

    All or nothing: every problem is collected and reported, and nothing is written unless
    there is none. Loading the same data twice changes nothing.
    Returns (plan, created).
    """
    errors = []
    raw = data.get("plan") or {}
    year = raw.get("year")
    if not isinstance(year, int):
        raise PlanDataError(["Kế hoạch: thiếu năm (year) hoặc năm không hợp lệ."])
    fields = _plan_fields(raw, errors)
    tasks = _read_tasks(data, year, unit_name_index(), errors)
    existing = Plan.objects.filter(year=year).first()
    if existing:
        numbers = {task["number"] for task in tasks}
        extra = existing.tasks.exclude(number__in=numbers).values_list("number", flat=True)
        errors.extend(
            f"Nhiệm vụ {number} đã có trong kế hoạch năm {year} nhưng không có trong tệp; "
            "hãy sửa nhiệm vụ đó trong trang quản trị."
            for number in extra
        )
    if errors:
        raise PlanDataError(errors)

    plan, created = Plan.objects.update_or_create(year=year, defaults=fields)
    for item in tasks:
        task, _ = Task.objects.update_or_create(
            plan=plan,
            number=item["number"],
            defaults={k: item[k] for k in ("quarter", "content", "due_on", "school_year_start")},
        )
        _set_responsible(task, item["responsible"])
    # A due date may have moved: parts done on time may now be late, or back.
    refresh_stored_copies(tasks=plan.tasks.all())
    return plan, created


def _set_responsible(task, wanted):
    """Make the task's responsible units exactly `wanted`, leaving unchanged rows untouched."""
    current = [
        (row.unit_id, row.collective, row.written_as)
        for row in task.responsible.order_by("position")
    ]
    wanted_keys = [
        (unit.pk if unit else None, collective, written) for unit, collective, written in wanted
    ]
    if current == wanted_keys:
        return
    task.responsible.all().delete()
    rows = [
        ResponsibleUnit(
            task=task, position=position, unit=unit, collective=collective, written_as=written
        )
        for position, (unit, collective, written) in enumerate(wanted, start=1)
    ]
    bulk_create_with_history(rows, ResponsibleUnit)
