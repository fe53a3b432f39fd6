"""Who may do what with a dossier, in which state: the one table every caller reads.

Views, admin actions, commands and tests ask these functions; services.move_dossier
refuses anything the table does not allow.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.visibility import EVERYTHING, any_of, visibility_rule
from units.rules import (
    belongs_to_unit,
    is_council_member,
    is_leader,
    is_office,
    is_unit_officer,
    own_unit_ids,
    unit_owned_visibility,
)

from .enums import COUNCIL_STATES, EDITABLE_STATES, CouncilRecommendation, DossierState, Scope

S = DossierState


def officer_of_dossier_unit(user, dossier):
    return belongs_to_unit(user, dossier.unit)


def office(user, dossier=None):
    """The commendation office; the admin may stand in for it."""
    return is_office(user)


def council(user, dossier=None):
    return is_council_member(user)


def _state_level(dossier):
    return dossier.award_type.is_state_level


def _not_state_level(dossier):
    return not dossier.award_type.is_state_level


# What a move asks for besides the user's say-so.
COMMENT = "comment"  # a reason or opinion, required
DECISION = "decision"  # number and date of the province's decision
CENTRAL_DECISION = "central_decision"  # number and date of the central decision
RECOMMENDATION = "recommendation"  # the council's opinion: for or against


@dataclass(frozen=True)
class Move:
    label: str
    allowed: object  # predicate (user, dossier) -> bool
    needs: frozenset = field(default_factory=frozenset)
    submit_checks: bool = False  # run the submit rules (services.submit_problems) first
    applies: object = None  # predicate (dossier) -> bool, for moves only some dossiers have
    style: str = "primary"
    # Further checks, each (dossier) -> [message]; a list apps above awards may add to at
    # start-up (the council's ballot), since awards must not import them.
    checks: object = ()


def _move(label, allowed, *needs, **options):
    return Move(label, allowed, frozenset(needs), **options)


def _council_said_no(dossier):
    # The council's recorded opinion "against" is not overruled by the office.
    if dossier.council_recommendation == CouncilRecommendation.REFUSE:
        return [
            _("Hội đồng đã có ý kiến không đề nghị khen thưởng hồ sơ %(reference)s.")
            % {"reference": dossier.reference}
        ]
    return []


# What approval checks besides the role and the state: the council's opinion here; the
# council app adds its ballot (a dossier below the votes needed is not approved).
APPROVAL_CHECKS = [_council_said_no]

# (from_state, to_state) -> Move. A move from a state to itself records something
# without changing the state (the council's opinion).
MOVES = {
    (S.DRAFT, S.SUBMITTED): _move(_("Nộp hồ sơ"), officer_of_dossier_unit, submit_checks=True),
    (S.RETURNED, S.SUBMITTED): _move(
        _("Nộp lại hồ sơ đã bổ sung"), officer_of_dossier_unit, submit_checks=True
    ),
    (S.SUBMITTED, S.IN_APPRAISAL): _move(_("Tiếp nhận, thẩm định"), office),
    (S.SUBMITTED, S.RETURNED): _move(
        _("Trả lại để bổ sung"), office, COMMENT, style="outline-danger"
    ),
    (S.IN_APPRAISAL, S.RETURNED): _move(
        _("Trả lại để bổ sung"), office, COMMENT, style="outline-danger"
    ),
    (S.IN_APPRAISAL, S.BEFORE_COUNCIL): _move(_("Trình Hội đồng"), office),
    (S.BEFORE_COUNCIL, S.BEFORE_COUNCIL): _move(
        _("Ghi ý kiến Hội đồng"), council, COMMENT, RECOMMENDATION
    ),
    (S.BEFORE_COUNCIL, S.APPROVED): _move(
        _("Ghi quyết định khen thưởng"), office, DECISION, checks=APPROVAL_CHECKS
    ),
    (S.BEFORE_COUNCIL, S.REFUSED): _move(
        _("Không khen thưởng"), office, COMMENT, style="outline-danger"
    ),
    (S.APPROVED, S.FORWARDED): _move(_("Trình Trung ương"), office, applies=_state_level),
    (S.FORWARDED, S.CENTRAL_APPROVED): _move(
        _("Ghi kết quả: Trung ương khen thưởng"), office, CENTRAL_DECISION
    ),
    (S.FORWARDED, S.CENTRAL_REFUSED): _move(
        _("Ghi kết quả: Trung ương không khen thưởng"), office, COMMENT, style="outline-danger"
    ),
    # A unit may withdraw its dossier until a decision is made.
    **{
        (state, S.WITHDRAWN): _move(
            _("Rút hồ sơ"), officer_of_dossier_unit, style="outline-secondary"
        )
        for state in (S.DRAFT, S.SUBMITTED, S.IN_APPRAISAL, S.RETURNED, S.BEFORE_COUNCIL)
    },
}


def move_for(dossier, to_state):
    """The Move from the dossier's state to `to_state`, or None if no such move exists."""
    move = MOVES.get((dossier.state, to_state))
    if move is None or (move.applies and not move.applies(dossier)):
        return None
    return move


def can_move(user, dossier, to_state):
    move = move_for(dossier, to_state)
    return move is not None and bool(move.allowed(user, dossier))


def available_moves(user, dossier):
    """[(to_state, Move)] the user may make on the dossier now, in table order."""
    return [
        (to_state, move)
        for (from_state, to_state), move in MOVES.items()
        if from_state == dossier.state
        and (move.applies is None or move.applies(dossier))
        and move.allowed(user, dossier)
    ]


def office_targets():
    """The states the office may move dossiers to in bulk, in table order, once each."""
    targets = []
    for (_from, to_state), move in MOVES.items():
        if move.allowed is office and to_state not in targets:
            targets.append(to_state)
    return targets


@visibility_rule
def dossier_visibility(user):
    """Which dossiers a user may open: all for the office and leaders, those before the
    council and after for council members, the unit's own for its officer; each role a user
    holds adds its share."""
    return any_of(
        (office(user) or is_leader(user), EVERYTHING),
        (is_council_member(user), Q(state__in=sorted(COUNCIL_STATES))),
        (is_unit_officer(user), Q(unit_id__in=own_unit_ids(user))),
    )


# A dossier's documents are seen by whoever may open the dossier.
document_visibility = dossier_visibility.through("dossier")


def can_view_dossier(user, dossier):
    return dossier_visibility.allows(user, dossier)


def can_view_document(user, document):
    return document_visibility.allows(user, document)


def can_edit_dossier(user, dossier):
    """The unit's officer changes the dossier and adds documents while it is in their hands."""
    return officer_of_dossier_unit(user, dossier) and dossier.state in EDITABLE_STATES


def can_create_dossier(user):
    return is_unit_officer(user)


def can_create_dossier_for(user, unit):
    """A unit's officer drafts the unit's dossiers; the office may enter a unit's list of
    nominees it received on paper (the drafts stay the unit's to complete and submit)."""
    return belongs_to_unit(user, unit) or office(user)


def can_import_nominees(user, unit=None):
    """Import a list of nominees as drafts: the office for any unit, an officer for their own
    unit only (`unit` None asks whether the user may import nominees for some unit)."""
    if office(user):
        return True
    if unit is None:
        return is_unit_officer(user)
    return belongs_to_unit(user, unit)


def can_see_inbox(user):
    return office(user) or is_leader(user)


def can_see_council_list(user):
    return office(user) or is_council_member(user) or is_leader(user)


def can_see_overview(user):
    """The chairman's overview: made for the leaders; the office sees what they see."""
    return is_leader(user) or office(user)


def can_look_up_awards(user):
    return office(user) or is_council_member(user) or is_leader(user) or is_unit_officer(user)


def can_register_initiative(user):
    """A unit's officer records the unit's initiatives, for its dossiers to rest on."""
    return is_unit_officer(user)


def can_recognise_initiative(user):
    """The office records Hội đồng KHSK's recognition (it keeps the council's secretariat)."""
    return office(user)


def can_see_initiatives(user):
    return (
        can_register_initiative(user) or office(user) or is_leader(user) or is_council_member(user)
    )


# Initiatives belong to a unit: every unit's for those who follow them all, an officer's own.
initiative_visibility = unit_owned_visibility


def can_view_initiative(user, initiative):
    return initiative_visibility.allows(user, initiative)


def can_edit_initiatives(user):
    """The office edits every unit's initiatives, an officer the unit's own."""
    return office(user) or is_unit_officer(user)


def can_edit_initiative(user, initiative):
    return can_edit_initiatives(user) and can_view_initiative(user, initiative)


def initiative_scopes(user, initiative=None):
    """The scopes of recognition a user may record: the office any; an officer the unit's own
    level (or the one already recorded): provincial and nationwide reach are recognised above
    the unit, and the office records them."""
    if office(user):
        return list(Scope)
    recorded = initiative.scope if initiative is not None else Scope.UNIT
    return [Scope.UNIT] if recorded == Scope.UNIT else [Scope.UNIT, Scope(recorded)]


def can_see_unit_dossiers(user):
    """ "Hồ sơ của đơn vị": the unit's own dossiers, for its officer."""
    return is_unit_officer(user)


@visibility_rule
def award_record_visibility(user):
    """The award history in full: the office, the council and the leaders see all of it; an
    officer sees their own unit's people. (A person elsewhere is found by an officer only
    through their exact name and date of birth: selectors.look_up_awards.)"""
    return any_of(
        (office(user) or is_council_member(user) or is_leader(user), EVERYTHING),
        (is_unit_officer(user), Q(unit_id__in=own_unit_ids(user))),
    )


def can_view_award_record(user, record):
    return award_record_visibility.allows(user, record)
