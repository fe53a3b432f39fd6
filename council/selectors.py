"""Reads of the council's work: who sits on it, how many votes a dossier needs, the gate
that keeps a dossier below its ballot from being approved."""

import math
from contextlib import contextmanager
from contextvars import ContextVar
from fractions import Fraction

from django.conf import settings
from django.db.models import Case, Count, Q, Value, When
from django.utils.translation import gettext as _

from awards import eligibility
from awards.enums import AwardLevel, NomineeKind
from awards.models import AwardType

from .models import CouncilMember, Decision, Session, SessionItem

# Until the rule sets carry the council's vote (awards.eligibility.votes_needed), the share of
# the council's members whose "for" a dossier needs: a setting per award type code.
DEFAULT_SHARE = "1/2+"  # more than half of the members
# The share of members present for the council to vote (the council's own rules of procedure).
# Not grounded: neither docs/design.md nor the 2013 plan states a quorum, so the session page
# marks this default "chưa kiểm chứng" until settings.COUNCIL_QUORUM sets the office's own.
DEFAULT_QUORUM = "2/3"


def _parse_share(text):
    """ "2/3" -> (Fraction(2, 3), False); "1/2+" -> (Fraction(1, 2), True) (strictly more)."""
    text = str(text).strip()
    strict = text.endswith("+")
    return Fraction(text.rstrip("+")), strict


def share_of(members, share):
    """The smallest count that reaches the share of `members`."""
    fraction, strict = _parse_share(share)
    needed = members * fraction
    return math.floor(needed) + 1 if strict else math.ceil(needed)


def votes_needed(award_type, members, on_date=None):
    """How many "for" votes a dossier of `award_type` needs from a council of `members`.

    The one place this is decided. The rule set in force on `on_date` comes first, where it
    names a share (awards.eligibility.votes_needed: e.g. 90 % of the members under Nghị định
    91/2017); else settings.COUNCIL_VOTES_NEEDED maps an award type code to a share ("2/3",
    "1/2+"); the default is more than half of the members.
    """
    if on_date is not None:
        by_law = eligibility.votes_needed(award_type, on_date)
        if by_law is not None:
            return max(1, math.ceil(members * by_law.percent / 100))
    shares = getattr(settings, "COUNCIL_VOTES_NEEDED", {})
    return max(1, share_of(members, shares.get(award_type.code, DEFAULT_SHARE)))


def quorum(members):
    return share_of(members, getattr(settings, "COUNCIL_QUORUM", DEFAULT_QUORUM))


def quorum_is_default():
    """Whether the quorum is the unverified default (no COUNCIL_QUORUM setting)."""
    return getattr(settings, "COUNCIL_QUORUM", None) is None


def members_of(year):
    return CouncilMember.objects.filter(year=year).select_related("user")


def seat_of(user, year):
    """The user's seat on the year's council, or None."""
    if not user.is_authenticated:
        return None
    return CouncilMember.objects.filter(year=year, user=user).first()


def sessions(year=None):
    queryset = Session.objects.all()
    if year:
        queryset = queryset.filter(year=year)
    return queryset


def session_items(session):
    return (
        SessionItem.objects.filter(session=session)
        .select_related("dossier__award_type", "dossier__unit", "session")
        .order_by("order", "pk")
    )


def has_quorum(session):
    return session.present.count() >= quorum(members_of(session.year).count())


def latest_ballot(dossier):
    return (
        SessionItem.objects.filter(dossier=dossier)
        .select_related("session")
        .order_by("-session__date", "-session__pk")
        .first()
    )


def ballot_problems(dossier):
    """awards' approval check: a dossier put to the council's vote is approved only when its
    latest ballot is over and reached the votes needed."""
    item = latest_ballot(dossier)
    if item is None:
        return []
    if item.session.closed_at is None:
        return [
            _("Hồ sơ %(reference)s đang được Hội đồng bỏ phiếu, chưa khen thưởng được.")
            % {"reference": dossier.reference}
        ]
    if not item.passed:
        return [
            _(
                "Hồ sơ %(reference)s chỉ đạt %(for)s/%(members)s phiếu đồng ý, cần "
                "%(required)s: không khen thưởng được."
            )
            % {
                "reference": dossier.reference,
                "for": item.votes_for,
                "members": item.members,
                "required": item.required_for,
            }
        ]
    return []


# The decision whose signed number services.record_decision is recording now: the only path by
# which a dossier the provincial council decides on is approved.
_recording_decision = ContextVar("council_recording_decision", default=None)


@contextmanager
def recording(decision):
    token = _recording_decision.set(decision.pk)
    try:
        yield
    finally:
        _recording_decision.reset(token)


def goes_to_council(award_type):
    """Province and state-level titles pass the provincial council; the unit-level ones
    (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Giấy khen...) are decided at the unit."""
    return award_type.level != AwardLevel.UNIT


def decision_problems(dossier):
    """awards' approval check: a dossier of a title the provincial council decides on is
    approved only by recording a decision drafted from a session in which it passed (issue
    #14, point 4), never by the office's direct "record the decision" move."""
    if not goes_to_council(dossier.award_type):
        return []
    decision_id = _recording_decision.get()
    listed = (
        decision_id is not None
        and Decision.dossiers.through.objects.filter(
            decision_id=decision_id, dossier_id=dossier.pk
        ).exists()
    )
    if listed:
        return []
    return [
        _(
            "Hồ sơ %(reference)s (%(award)s) do Hội đồng Thi đua - Khen thưởng tỉnh xét: chỉ "
            "được khen thưởng khi Ban TĐKT ghi số quyết định lập từ phiên họp mà hồ sơ đạt đủ "
            "số phiếu đồng ý (Hội đồng TĐKT, phiên họp, dự thảo quyết định), không ghi trực "
            "tiếp trên hồ sơ."
        )
        % {"reference": dossier.reference, "award": dossier.award_type.name}
    ]


def passed_items(session):
    return [item for item in session_items(session) if item.passed]


def decision_items(decision):
    """The decision's dossiers, in the annex's order: by award type, collectives first."""
    dossiers = decision.dossiers.select_related("award_type", "unit")
    return sorted(dossiers, key=annex_order)


def annex_order(dossier):
    return (
        dossier.award_type.position,
        dossier.award_type.name,
        dossier.nominee_kind != "collective",
        dossier.reference,
    )


def decision_annex(decision):
    """The award types of the decision's annex in its order, each with its number of
    collectives, individuals and households: [(award type, {"collectives": n,
    "individuals": n, "households": n})], counted in SQL, so the dossiers themselves are read
    only as the document is written (decision_dossiers_of)."""
    counted = (
        decision.dossiers.order_by()
        .values("award_type")
        .annotate(
            collectives=Count("pk", filter=Q(nominee_kind=NomineeKind.COLLECTIVE)),
            individuals=Count("pk", filter=Q(nominee_kind=NomineeKind.INDIVIDUAL)),
            households=Count("pk", filter=Q(nominee_kind=NomineeKind.HOUSEHOLD)),
        )
    )
    counts = {row.pop("award_type"): row for row in counted}
    award_types = AwardType.objects.filter(pk__in=counts)
    return [
        (award_type, counts[award_type.pk])
        for award_type in sorted(award_types, key=lambda t: (t.position, t.name))
    ]


def decision_dossiers_of(decision, award_type):
    """The decision's dossiers of one award type in the annex's order (annex_order:
    collectives first, then by reference), read from the database a chunk at a time."""
    collective_first = Case(When(nominee_kind="collective", then=Value(0)), default=Value(1))
    return (
        decision.dossiers.filter(award_type=award_type)
        .select_related("unit")
        .order_by(collective_first, "reference")
        .iterator(chunk_size=500)
    )


def decisions(year=None):
    queryset = Decision.objects.select_related("session")
    if year:
        queryset = queryset.filter(session__year=year)
    return queryset


def ballots_by_reference(year):
    """{reference: ballot} of the year's dossiers whose latest ballot is over, for
    export_dossiers (awards.exports.EXTRA_FIELDS): one read of the items, one of attendance."""
    items = (
        SessionItem.objects.filter(dossier__year=year, session__closed_at__isnull=False)
        .select_related("session", "dossier")
        .order_by("session__date", "session__pk")
    )
    present = {}
    ballots = {}
    for item in items:  # later sessions overwrite earlier ones: the latest ballot counts
        if item.session_id not in present:
            present[item.session_id] = item.session.present.count()
        ballots[item.dossier.reference] = {
            "members": item.members,
            "present": present[item.session_id],
            "for": item.votes_for,
            "against": item.votes_against,
            "required_for": item.required_for,
            "passed": item.passed,
        }
    return ballots
