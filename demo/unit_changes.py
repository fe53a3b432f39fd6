"""The demo's units change between 2013 and 2014 (issue 17): one renamed, one merged into
another, one dissolved, each from 01/01/2014, recorded through units.lifecycle. Made up
for the demo (the reason says so): the province's real changes came with the 2025
reorganisation.

`manage.py setup_demo` loads the units fixture again on every run, which writes the
fixture's names back and clears the end dates; the recorded changes are then put back on
the units, so a second run changes nothing."""

import datetime

from django.db import transaction

from units import lifecycle
from units.models import Unit, UnitChange, User

CHANGES_FROM = datetime.date(2014, 1, 1)
DEMO_REASON = "Dữ liệu minh họa (không phải sự kiện thật): {what} từ ngày 01/01/2014."

RENAMED = ("so-nn-ptnt", "Sở Nông nghiệp và Môi trường", "Sở NN&MT")
MERGED = ("so-kh-dt", "so-tai-chinh")
DISSOLVED = "ban-dan-toc"


def _restore(unit, changes):
    """Put the recorded changes back on a unit the fixture has just reset."""
    fields = {}
    for change in changes:
        if change.kind == UnitChange.Kind.RENAMED:
            fields.update(name=change.new_name, short_name=change.new_short_name)
        else:
            fields.update(ended_on=change.on, successor_id=change.successor_id)
    if any(getattr(unit, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(unit, name, value)
        # Past the history, as loaddata's reset was: the unit's history already records the
        # change once. (bulk_update keeps the search and sort keys right.)
        Unit.objects.bulk_update([unit], list(fields))


@transaction.atomic
def create_demo_unit_changes():
    """Record the demo's changes once; on later runs restore them. True if recorded now."""
    recorded = list(UnitChange.objects.order_by("on", "pk"))
    if recorded:
        by_unit = {}
        for change in recorded:
            by_unit.setdefault(change.unit_id, []).append(change)
        for unit in Unit.objects.filter(pk__in=by_unit):
            _restore(unit, by_unit[unit.pk])
        return False
    office = User.objects.get(username="staff")
    code, name, short_name = RENAMED
    lifecycle.rename_unit(
        Unit.objects.get(code=code),
        name=name,
        short_name=short_name,
        on=CHANGES_FROM,
        reason=DEMO_REASON.format(what="đổi tên"),
        by=office,
    )
    old, into = MERGED
    lifecycle.merge_unit(
        Unit.objects.get(code=old),
        into=Unit.objects.get(code=into),
        on=CHANGES_FROM,
        reason=DEMO_REASON.format(what="sáp nhập vào Sở Tài chính"),
        by=office,
    )
    lifecycle.dissolve_unit(
        Unit.objects.get(code=DISSOLVED),
        on=CHANGES_FROM,
        reason=DEMO_REASON.format(what="giải thể"),
        by=office,
    )
    return True
