"""Generated groupings' year for `manage.py seed_scale`: the members sign their pact, each
grouping gets the office's score sheet, every member scores itself on it and the leading
unit cross-checks most scores, written in bulk like the rest of the generated data.

Without it the groupings, section II and the dashboard at scale read clusters with no sheet
and no score, and skip the work they do at demo size."""

import datetime
from decimal import Decimal

from demo.emulation import score_sheet_template
from demo.scale_base import at, bulk, dates_as_given
from emulation.copies import refresh_cross_checked
from emulation.models import Criterion, PactSignature, Score, ScoreSheet
from units.models import Cluster

SIGNED = 0.85  # share of members that signed their grouping's pact
CHECKED = 0.6  # share of scores the leading unit has cross-checked


def seed_groupings(year, reporters, staff_id, rng):
    """Pact signatures, score sheets, criteria and scores of the year's generated groupings;
    returns {what: rows written}. `reporters`: {unit id: its officer's user id}."""
    template = score_sheet_template()
    model = list(template.criteria.order_by("position"))
    clusters = list(
        Cluster.objects.filter(year=year, score_sheet__isnull=True)
        .order_by("pk")
        .prefetch_related("members")
    )
    written = {
        "score sheets": bulk(
            ScoreSheet, (ScoreSheet(cluster=c, template=template) for c in clusters)
        )
    }
    sheets = dict(ScoreSheet.objects.filter(cluster__in=clusters).values_list("cluster_id", "pk"))
    written["criteria"] = bulk(
        Criterion,
        (
            Criterion(
                sheet_id=sheets[c.pk],
                group=m.group,
                position=m.position,
                text=m.text,
                max_points=m.max_points,
                evidence=m.evidence,
            )
            for c in clusters
            for m in model
        ),
    )
    criteria = {}
    for criterion in Criterion.objects.filter(sheet__in=sheets.values()).order_by("position"):
        criteria.setdefault(criterion.sheet_id, []).append(criterion)
    signed_on = datetime.date(year, 3, 5)
    checked_on = datetime.date(year, 12, 20)
    signatures, scores = [], []
    for cluster in clusters:
        leader_officer = reporters.get(cluster.leader_id, staff_id)
        for unit in sorted(cluster.members.all(), key=lambda unit: unit.pk):
            by = reporters.get(unit.pk, staff_id)
            if rng.random() < SIGNED:
                signatures.append(
                    PactSignature(
                        cluster=cluster,
                        unit=unit,
                        signed_on=signed_on,
                        recorded_by_id=by,
                        recorded_at=at(signed_on, rng),
                    )
                )
            for criterion in criteria[sheets[cluster.pk]]:
                points = max(Decimal(0), criterion.max_points - rng.randint(0, 4))
                score = Score(criterion=criterion, unit=unit, self_score=points, scored_by_id=by)
                if rng.random() < CHECKED:
                    score.checked_score = max(Decimal(0), points - rng.randint(0, 2))
                    score.checked_by_id = leader_officer
                    score.checked_at = at(checked_on, rng)
                scores.append(score)
    with dates_as_given(PactSignature._meta.get_field("recorded_at")):
        written["pact signatures"] = bulk(PactSignature, signatures)
    written["scores"] = bulk(Score, scores)
    written["cross-checked members"] = refresh_cross_checked([c.pk for c in clusters])
    return written
