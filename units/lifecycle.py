"""Units change over time (issue 17): renamed from a date, merged into another unit,
dissolved, new from a date, taking part in one year's plan and not another's.

A unit's rows (parts, submissions, dossiers, award history) stay under the unit that had
them; its successor finds them through `with_predecessors`. Its name in a year is the name
in force at that year's end (`name_in_year`), so a past year's pages, exports and documents
keep the name the unit had then."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Unit, UnitChange, UnitYear
from .rules import is_office, own_unit_ids


def year_end(year):
    return datetime.date(year, 12, 31)


def year_start(year):
    return datetime.date(year, 1, 1)


# Reads ---------------------------------------------------------------------------------


def _renames_after(day, unit_ids=None):
    rows = UnitChange.objects.filter(kind=UnitChange.Kind.RENAMED, on__gt=day)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    # The earliest rename after the day holds the name the unit had on that day.
    return rows.order_by("unit_id", "on", "pk").values_list("unit_id", "old_name")


def old_names_on(day):
    """{unit id: the name it had on `day`} for every unit renamed since: one query. Units
    missing from it had their present name."""
    names = {}
    for unit_id, old_name in _renames_after(day):
        names.setdefault(unit_id, old_name)
    return names


def name_on(unit, day):
    """The unit's name on `day`."""
    for _unit_id, old_name in _renames_after(day, [unit.pk]):
        return old_name
    return unit.name


def name_in_year(unit, year):
    """The unit's name on the year's pages, exports and documents: its name at the year's
    end (or its last name, when it ended before)."""
    return name_on(unit, year_end(year))


def names_in_year(year):
    """old_names_on for a year: what a page of the year passes to its rows."""
    return old_names_on(year_end(year))


def name_history(unit):
    """[(name, valid from or None for "from the start"), ...] oldest first."""
    renames = list(unit.changes.filter(kind=UnitChange.Kind.RENAMED).order_by("on", "pk"))
    if not renames:
        return [(unit.name, unit.started_on)]
    history = [(renames[0].old_name, unit.started_on)]
    history += [(change.new_name, change.on) for change in renames]
    return history


def lineage_ids(unit_id):
    """The unit's id, then those of every unit merged or dissolved into it, directly or
    through another: one query when nothing was taken over, one more per generation.
    units.rules.own_unit_ids asks it once per request."""
    ids, frontier = [unit_id], [unit_id]
    while frontier:
        frontier = list(
            Unit.objects.filter(successor_id__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids += frontier
    return ids


def predecessors(unit, user=None):
    """Every unit merged or dissolved into `unit`, directly or through another, oldest
    first by end date. When `unit` is `user`'s own, its lineage is the one the request has
    already read for the user's rights (units.rules.own_unit_ids), not asked again."""
    if user is not None and getattr(user, "unit_id", None) == unit.pk:
        lineage = own_unit_ids(user)
    else:
        lineage = lineage_ids(unit.pk)
    found = Unit.objects.filter(pk__in=lineage[1:])
    return sorted(found, key=lambda u: (u.ended_on or datetime.date.min, u.sort_key))


def with_predecessors(unit):
    """The ids of the unit and of every unit it took over: what a lookup "by the successor"
    filters on (its parts, submissions, dossiers, award history)."""
    return lineage_ids(unit.pk)


def is_active_in_year(unit, year):
    """The unit exists for at least part of the year and had not ended when it began."""
    started = unit.started_on is None or unit.started_on <= year_end(year)
    return started and (unit.ended_on is None or unit.ended_on > year_start(year))


def units_in_year(year):
    """Units that exist in the year: started by its end, not ended by its start."""
    return Unit.objects.filter(
        Q(started_on__isnull=True) | Q(started_on__lte=year_end(year)),
        Q(ended_on__isnull=True) | Q(ended_on__gt=year_start(year)),
    )


def participating_units(year):
    """The units taking part in the year's plan: those existing in it whose entry for the
    year says so, or, without one, whose default (Unit.is_participating) does. What "Các
    đơn vị" means for that year's parts."""
    chosen = dict(UnitYear.objects.filter(year=year).values_list("unit_id", "takes_part"))
    units = units_in_year(year)
    ids = [
        pk for pk, default in units.values_list("pk", "is_participating") if chosen.get(pk, default)
    ]
    return Unit.objects.filter(pk__in=ids)


def unit_for_year(unit, year):
    """The unit that does a year's work named for `unit`: itself while it exists, else its
    successor (followed through later mergers), else None (dissolved without one)."""
    seen = set()
    while unit is not None and unit.pk not in seen:
        if is_active_in_year(unit, year):
            return unit
        seen.add(unit.pk)
        unit = unit.successor
    return None


# Writes --------------------------------------------------------------------------------


class UnitChangeError(ValidationError):
    pass


def _check(by):
    if not is_office(by):
        raise UnitChangeError(_("Chỉ Ban TĐKT được ghi thay đổi của đơn vị."))


def _check_open(unit, on):
    if unit.ended_on is not None:
        raise UnitChangeError(
            _("Đơn vị đã ngừng hoạt động từ ngày %(d)s.") % {"d": f"{unit.ended_on:%d/%m/%Y}"}
        )
    if unit.started_on and on <= unit.started_on:
        raise UnitChangeError({"on": _("Ngày thay đổi phải sau ngày đơn vị bắt đầu hoạt động.")})
    last = unit.changes.order_by("-on").first()
    if last and on <= last.on:
        raise UnitChangeError(
            {
                "on": _("Ngày thay đổi phải sau lần thay đổi trước (%(d)s).")
                % {"d": f"{last.on:%d/%m/%Y}"}
            }
        )


def _locked(unit):
    return Unit.objects.select_for_update().get(pk=unit.pk)


@transaction.atomic
def rename_unit(unit, *, name, short_name="", on, reason, by):
    """The unit takes a new name from `on`; the old one stays its name before that date."""
    _check(by)
    unit = _locked(unit)
    _check_open(unit, on)
    name = name.strip()
    if not name or name == unit.name:
        raise UnitChangeError({"name": _("Tên mới phải khác tên hiện tại.")})
    if Unit.objects.filter(name=name).exclude(pk=unit.pk).exists():
        raise UnitChangeError({"name": _("Đã có đơn vị khác mang tên này.")})
    change = UnitChange(
        unit=unit,
        kind=UnitChange.Kind.RENAMED,
        on=on,
        reason=reason.strip(),
        old_name=unit.name,
        old_short_name=unit.short_name,
        new_name=name,
        new_short_name=short_name.strip(),
        recorded_by=by,
    )
    change._history_user = by
    change.save()
    unit.name, unit.short_name = name, short_name.strip()
    unit._history_user = by
    unit._change_reason = _("Đổi tên")
    unit.save()
    return change


def _end(unit, kind, on, reason, by, successor):
    _check(by)
    unit = _locked(unit)
    _check_open(unit, on)
    if successor is not None:
        if successor.pk == unit.pk or unit.pk in with_predecessors(successor)[1:]:
            raise UnitChangeError({"successor": _("Đơn vị kế thừa không hợp lệ.")})
        if successor.ended_on is not None and successor.ended_on <= on:
            raise UnitChangeError({"successor": _("Đơn vị kế thừa đã ngừng hoạt động.")})
    change = UnitChange(
        unit=unit,
        kind=kind,
        on=on,
        reason=reason.strip(),
        successor=successor,
        recorded_by=by,
    )
    change._history_user = by
    change.save()
    unit.ended_on, unit.successor = on, successor
    unit._history_user = by
    unit._change_reason = change.get_kind_display()
    unit.save()
    return change


@transaction.atomic
def merge_unit(unit, *, into, on, reason, by):
    """The unit is merged into `into` from `on`: it gets no new work from then, and its
    history is found from `into`."""
    if into is None:
        raise UnitChangeError({"successor": _("Chọn đơn vị nhận sáp nhập.")})
    return _end(unit, UnitChange.Kind.MERGED, on, reason, by, into)


@transaction.atomic
def dissolve_unit(unit, *, on, reason, by, successor=None):
    """The unit is dissolved from `on`; `successor`, when given, takes over its history."""
    return _end(unit, UnitChange.Kind.DISSOLVED, on, reason, by, successor)


@transaction.atomic
def set_participation(unit, year, takes_part, *, by):
    """Whether the unit takes part in the year's plan."""
    _check(by)
    row, _created = UnitYear.objects.get_or_create(
        unit=unit, year=year, defaults={"takes_part": takes_part}
    )
    if row.takes_part != takes_part:
        row.takes_part = takes_part
        row._history_user = by
        row.save()
    return row
