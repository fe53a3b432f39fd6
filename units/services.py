"""Writes about units and accounts: one function per operation, each atomic."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Cluster


@transaction.atomic
def deactivate_user(user, *, by):
    """Lock the account of someone who left: they can no longer sign in, and any session they
    still have stops working at its next request. The account and everything it did are kept;
    an admin can tick "active" again to reopen it. Returns True if the account was open."""
    if not user.is_active:
        return False
    user.is_active = False
    user._history_user = by
    # save(), not queryset.update(): an audit trail listens to model saves.
    user.save(update_fields=["is_active"])
    return True


def grouping_conflicts(year, kind, units, exclude=None):
    """The units among `units` already in another grouping of the same kind that year: a
    unit is in at most one cluster and one block a year (task 6)."""
    others = Cluster.objects.filter(year=year, kind=kind)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    taken = Cluster.members.through.objects.filter(cluster__in=others, unit__in=units)
    return sorted({row.unit for row in taken.select_related("unit")}, key=lambda u: u.name)


def check_grouping_members(year, kind, units, exclude=None):
    conflicts = grouping_conflicts(year, kind, units, exclude)
    if conflicts:
        names = ", ".join(unit.name for unit in conflicts)
        raise ValidationError(
            _("Mỗi đơn vị chỉ thuộc một cụm và một khối mỗi năm; đã thuộc nhóm khác: %(names)s.")
            % {"names": names}
        )
