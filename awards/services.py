"""Writes to dossiers: one atomic function per operation, each leaving a history row.

Views, admin actions, the demo and the tests all go through these; nothing else writes a
dossier's state.
"""

import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import label_to_store
from core.names import normalise_text
from people.services import person_for

from . import eligibility, notices, rules
from .decision_dates import DecisionDateError, check_decision_dates  # noqa: F401
from .document_services import attach_document, attach_documents, remove_document  # noqa: F401
from .enums import (
    CouncilRecommendation,
    DossierState,
    NomineeKind,
    Scope,
)
from .models import (
    AwardRecord,
    Dossier,
    DossierCounter,
    DossierTransition,
    Initiative,
)
from .submit_checks import (  # noqa: F401  (callers and tests read them from services)
    DossierRuleError,
    _duplicates,
    duplicate_problems,
    editable_now,
    submit_problems,
    write_refusing_duplicates,
)

S = DossierState
# The first row of every dossier's history (stored in Vietnamese, shown in the reader's language).
CREATED_COMMENT = gettext_lazy("Lập hồ sơ")


def allocate_reference(year):
    """The next free reference of the year, `HS-2013-0042`.

    The counter row is incremented with one UPDATE, which the database serialises, so two
    officers creating dossiers at once never get the same number.
    """
    with transaction.atomic():
        DossierCounter.objects.get_or_create(year=year)
        DossierCounter.objects.filter(year=year).update(last=F("last") + 1)
        last = DossierCounter.objects.values_list("last", flat=True).get(year=year)
    return f"HS-{year}-{last:04d}"


# The fields only moves write (move_dossier): an edit keeps what the database holds.
MOVE_FIELDS = (
    "state",
    "state_changed_at",
    "council_recommendation",
    "council_opinion",
    "decision_number",
    "decision_date",
    "refusal_reason",
    "central_decision_number",
    "central_decision_date",
)


@transaction.atomic
def save_dossier(dossier, by, initiatives=None):
    """Create a draft dossier for the officer's unit, or save the changes to one still editable.

    A new dossier gets its reference and a first history row. The office may create a draft
    for a unit too (a list of nominees it imports for the unit); only the unit edits it after.
    `initiatives`, if given, replaces the initiatives it rests on.
    """
    if dossier.pk is None:
        if dossier.unit_id is None or not rules.can_create_dossier_for(by, dossier.unit):
            raise DossierRuleError(_("Chỉ cán bộ của đơn vị mới lập được hồ sơ cho đơn vị."))
        dossier.created_by = by
        dossier.state = S.DRAFT
        dossier.reference = allocate_reference(dossier.year)
        dossier._history_user = by
        dossier.save()
        DossierTransition.objects.create(
            dossier=dossier,
            from_state="",
            to_state=S.DRAFT,
            by=by,
            comment=label_to_store(CREATED_COMMENT),
        )
    else:
        current = editable_now(
            dossier, by, _("Hồ sơ %(reference)s đang ở trạng thái “%(state)s”, không sửa được.")
        )
        # What moves write is never taken from the copy the form was drawn from.
        for name in MOVE_FIELDS:
            setattr(dossier, name, getattr(current, name))
        dossier._history_user = by
        # A dossier returned for additions is still held against its nominee: renaming it to
        # one who already has a dossier for the award is the duplicate the rule refuses.
        write_refusing_duplicates(dossier, dossier.save)
    if initiatives is not None:
        dossier.initiatives.set(initiatives)
    return dossier


@transaction.atomic
def correct_dossier(dossier, by, changed):
    """An admin's correction in Django admin, of the fields named in `changed`: every field a
    move writes and the admin did not change keeps what the database holds at the write (the
    row locked, as for save_dossier), so a move made while the admin's page was open stays."""
    current = Dossier.objects.select_for_update().get(pk=dossier.pk)
    for name in MOVE_FIELDS:
        if name not in changed:
            setattr(dossier, name, getattr(current, name))
    dossier._history_user = by
    write_refusing_duplicates(dossier, dossier.save)
    return dossier


def _clean(text):
    return unicodedata.normalize("NFC", text or "").strip()


def _move_changes(dossier, move, to_state, comment, decision):
    """The dossier fields a move writes, checking it was given what it needs."""
    changes = {}
    if rules.COMMENT in move.needs and not comment:
        raise DossierRuleError(_("Cần ghi lý do hoặc ý kiến cho thao tác “%s”.") % move.label)
    if rules.DECISION in move.needs:
        number = normalise_text(decision.get("decision_number") or "")
        date = decision.get("decision_date")
        if not number or not date:
            raise DossierRuleError(_("Cần ghi số và ngày của quyết định khen thưởng."))
        changes.update(decision_number=number, decision_date=date)
    if rules.CENTRAL_DECISION in move.needs:
        number = normalise_text(decision.get("central_decision_number") or "")
        date = decision.get("central_decision_date")
        if not number or not date:
            raise DossierRuleError(_("Cần ghi số và ngày quyết định của Trung ương."))
        changes.update(central_decision_number=number, central_decision_date=date)
    check_decision_dates(dossier, changes)
    if rules.RECOMMENDATION in move.needs:
        recommendation = decision.get("recommendation")
        if recommendation not in CouncilRecommendation.values:
            raise DossierRuleError(_("Chọn ý kiến của Hội đồng: đề nghị hay không đề nghị."))
        changes.update(council_recommendation=recommendation, council_opinion=comment)
    if to_state in (S.REFUSED, S.CENTRAL_REFUSED):
        changes["refusal_reason"] = comment
    return changes


def gives_award(dossier):
    """Whether the dossier's state is an award actually given: approved by the province
    (for a provincial award) or by the centre."""
    return dossier.state == S.CENTRAL_APPROVED or (
        dossier.state == S.APPROVED and not dossier.award_type.is_state_level
    )


def build_award_record(dossier):
    """The unsaved history row of the award the dossier gives, as move_dossier writes it and
    the generators write thousands of (bulk_create); None if its state gives none."""
    if not gives_award(dossier):
        return None
    central = dossier.state == S.CENTRAL_APPROVED
    return AwardRecord(
        person_id=dossier.person_id,
        nominee_kind=dossier.nominee_kind,
        name=dossier.nominee_name,
        name_key=dossier.nominee_key,
        date_of_birth=dossier.date_of_birth,
        unit_id=dossier.unit_id,
        workplace=dossier.workplace,
        year=dossier.year,
        award_type=dossier.award_type,
        decision_number=dossier.central_decision_number if central else dossier.decision_number,
        decision_date=dossier.central_decision_date if central else dossier.decision_date,
        dossier_id=dossier.pk,
    )


def _record_award(dossier, by):
    """The award enters the history once it is actually given."""
    record = build_award_record(dossier)
    record._history_user = by
    record.save()


@transaction.atomic
def move_dossier(dossier, to_state, by, comment="", **decision):
    # One function on purpose: the compare-and-set on the state, the transition row, the
    # award record and the history belong to one transaction, in this order.
    """Move a dossier to `to_state` on behalf of `by`, or raise DossierRuleError.

    Checks the rules table (state and role), what the move needs (a reason, a decision),
    the submit rules for a submission; then changes the state only if nobody changed it in
    the meantime (compare-and-set), and writes the history row. All or nothing.
    `decision` may hold decision_number, decision_date, central_decision_number,
    central_decision_date, recommendation.
    """
    try:
        to_state = DossierState(to_state)
    except ValueError:
        raise DossierRuleError(_("Trạng thái “%s” không tồn tại.") % to_state) from None
    from_state = dossier.state
    move = rules.move_for(dossier, to_state)
    names = {
        "reference": dossier.reference,
        "from": dossier.get_state_display(),
        "to": to_state.label,
    }
    if move is None:
        raise DossierRuleError(
            _("Không thể chuyển hồ sơ %(reference)s từ “%(from)s” sang “%(to)s”.") % names
        )
    if not move.allowed(by, dossier):
        raise DossierRuleError(
            _("Bạn không có quyền “%(move)s” với hồ sơ %(reference)s.")
            % {"move": move.label, "reference": dossier.reference}
        )
    comment = _clean(comment)
    changes = _move_changes(dossier, move, to_state, comment, decision)
    problems = submit_problems(dossier) if move.submit_checks else []
    problems += [message for check in move.checks for message in check(dossier)]
    if problems:
        raise DossierRuleError(problems)
    if move.submit_checks:
        # The dossier keeps the rule set it was judged by, whatever rule sets come later.
        changes["ruleset"] = eligibility.ruleset_for(dossier)
        if dossier.person_id is None and dossier.nominee_kind == NomineeKind.INDIVIDUAL:
            # Its nominee enters the person register, so the award it may give has a person.
            changes["person"] = person_for(
                dossier.full_name, dossier.date_of_birth, sex=dossier.sex
            )

    now = timezone.now()
    # Compare-and-set: the UPDATE matches only if the state is still the one we checked, so
    # of two people moving the same dossier at once exactly one wins.
    updated = write_refusing_duplicates(
        dossier,
        lambda: Dossier.objects.filter(pk=dossier.pk, state=from_state).update(
            state=to_state, state_changed_at=now, **changes
        ),
    )
    if updated != 1:
        raise DossierRuleError(
            _(
                "Hồ sơ %(reference)s vừa được người khác chuyển sang trạng thái khác; "
                "hãy tải lại trang để xem."
            )
            % names
        )
    for name, value in changes.items():
        setattr(dossier, name, value)
    dossier.state, dossier.state_changed_at = to_state, now
    DossierTransition.objects.create(
        dossier=dossier, from_state=from_state, to_state=to_state, by=by, comment=comment
    )
    # The compare-and-set UPDATE sends no save signal: the audit trail gets its row here, from
    # what the database now holds.
    Dossier.history.bulk_history_create(
        [Dossier.objects.get(pk=dossier.pk)],
        update=True,
        default_user=by,
        default_change_reason=label_to_store(move.label),
    )
    if gives_award(dossier):
        _record_award(dossier, by)
    notices.dossier_moved(dossier, to_state, comment)
    return dossier


@dataclass
class BulkMoveResult:
    to_state: str
    moved: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # [(dossier, message)]

    def moved_message(self):
        return _("Đã chuyển %(count)s hồ sơ sang “%(state)s”: %(references)s.") % {
            "count": len(self.moved),
            "state": DossierState(self.to_state).label,
            "references": ", ".join(d.reference for d in self.moved),
        }

    def refused_lines(self):
        return [
            _("%(reference)s không chuyển được: %(reason)s")
            % {"reference": dossier.reference, "reason": message}
            for dossier, message in self.refused
        ]


def bulk_move(dossiers, to_state, by, comment="", **decision):
    """Move each dossier as move_dossier would, one at a time; report what moved and what not.

    Each move is its own transaction (savepoint), so one refusal leaves the others moved.
    """
    result = BulkMoveResult(to_state=to_state)
    for dossier in dossiers:
        try:
            move_dossier(dossier, to_state, by, comment, **decision)
        except DossierRuleError as error:
            result.refused.append((dossier, str(error)))
        else:
            result.moved.append(dossier)
    return result


@transaction.atomic
def register_initiative(unit, by, *, title, authors, year, author_people=()):
    """A unit records one of its initiatives (not yet recognised), its authors typed or picked
    from the person register (the names of those picked are its authors' text)."""
    if not (rules.can_register_initiative(by) and by.unit_id == unit.pk):
        raise DossierRuleError(_("Bạn chỉ được ghi sáng kiến của đơn vị mình."))
    if author_people:
        authors = ", ".join(person.full_name for person in author_people)
    # Recognised at the unit's level at most until the office records a wider reach.
    initiative = Initiative.objects.create(
        unit=unit,
        title=normalise_text(title),
        authors=normalise_text(authors),
        year=year,
        scope=Scope.UNIT,
    )
    initiative.author_people.set(author_people)
    return initiative


@transaction.atomic
def recognise_initiative(initiative, by, *, recognised_on, decision):
    """Record Hội đồng Khoa học sáng kiến's recognition of an initiative (tasks 10 and 27)."""
    if not rules.can_recognise_initiative(by):
        raise DossierRuleError(_("Chỉ Ban TĐKT được ghi quyết định công nhận sáng kiến."))
    decision = normalise_text(decision)
    if not decision:
        raise DossierRuleError(_("Cần ghi số quyết định công nhận."))
    initiative.recognised_on = recognised_on
    initiative.recognition_decision = decision
    initiative.save(update_fields=["recognised_on", "recognition_decision"])
    return initiative
