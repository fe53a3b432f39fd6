"""Stored copies of what the scores say, kept in step with them (see CrossCheckedMember).

Every write of a check calls refresh_cross_checked; the seeding of generated data and the
migration that made the copy call it for whole years."""

from django.db.models import Count, Max

from .models import Criterion, CrossCheckedMember, Score


def refresh_cross_checked(cluster_ids, unit_ids=None):
    """Recompute the copy for the clusters' members (or only `unit_ids` of them): when the
    last of their criteria was checked, if every criterion of the sheet has been."""
    criteria = dict(
        Criterion.objects.filter(sheet__cluster__in=cluster_ids)
        .values_list("sheet__cluster")
        .annotate(n=Count("pk"))
    )
    scores = Score.objects.filter(criterion__sheet__cluster__in=cluster_ids)
    if unit_ids is not None:
        scores = scores.filter(unit__in=unit_ids)
    rows = (
        scores.values_list("criterion__sheet__cluster", "unit")
        .annotate(checked=Count("checked_at"), last=Max("checked_at"))
        .order_by()
    )
    copies = [
        CrossCheckedMember(
            cluster_id=cluster,
            unit_id=unit,
            checked_at=last if checked and checked == criteria.get(cluster) else None,
        )
        for cluster, unit, checked, last in rows
    ]
    CrossCheckedMember.objects.bulk_create(
        copies,
        update_conflicts=True,
        unique_fields=["cluster", "unit"],
        update_fields=["checked_at"],
        batch_size=2000,
    )
    return len(copies)
