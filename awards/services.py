"""Writes to dossiers: one atomic function per operation, each leaving a history row.

Views, admin actions, the demo and the tests all go through these; nothing else writes a
dossier's state.
"""

import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.files import validate_document
from core.names import normalise_text, search_key

from . import notices, rules
from .enums import (
    GRANTED_STATES,
    OPEN_STATES,
    CouncilRecommendation,
    DocumentKind,
    DossierState,
    NomineeKind,
)
from .models import (
    AwardRecord,
    Dossier,
    DossierCounter,
    DossierDocument,
    DossierTransition,
    Initiative,
)

S = DossierState


class DossierRuleError(Exception):
    """A move or change the rules refuse; `messages` says, in Vietnamese, each thing wrong."""

    def __init__(self, messages):
        self.messages = [str(m) for m in ([messages] if isinstance(messages, str) else messages)]
        super().__init__(" ".join(self.messages))


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
            dossier=dossier, from_state="", to_state=S.DRAFT, by=by, comment=_("Lập hồ sơ")
        )
    else:
        current = Dossier.objects.select_related("unit").get(pk=dossier.pk)
        if not rules.can_edit_dossier(by, current):
            raise DossierRuleError(
                _("Hồ sơ %(reference)s đang ở trạng thái “%(state)s”, không sửa được.")
                % {"reference": current.reference, "state": current.get_state_display()}
            )
        dossier.state = current.state  # never taken from a stale copy
        dossier._history_user = by
        # A dossier returned for additions is still held against its nominee: renaming it to
        # one who already has a dossier for the award is the duplicate the rule refuses.
        with _refusing_duplicates(dossier):
            dossier.save()
    if initiatives is not None:
        dossier.initiatives.set(initiatives)
    return dossier


@transaction.atomic
def attach_document(dossier, by, kind, file):
    """Add a checked file of the given kind to a dossier the officer may still change."""
    current = Dossier.objects.select_related("unit").get(pk=dossier.pk)
    if not rules.can_edit_dossier(by, current):
        raise DossierRuleError(
            _("Hồ sơ %(reference)s đang ở trạng thái “%(state)s”, không thêm tài liệu được.")
            % {"reference": current.reference, "state": current.get_state_display()}
        )
    validate_document(file)
    original_name = normalise_text(PurePath(file.name).name)
    document = DossierDocument(
        dossier=current,
        kind=DocumentKind(kind),
        file=file,
        original_name=original_name,
        uploaded_by=by,
    )
    document._history_user = by
    document.save()
    return document


# Rules checked before a dossier is submitted -------------------------------------------


def _missing_documents(dossier):
    attached = set(dossier.documents.values_list("kind", flat=True))
    missing = [kind for kind in dossier.award_type.required_documents if kind not in attached]
    if missing:
        labels = ", ".join(str(DocumentKind(kind).label) for kind in missing)
        return [_("Thiếu tài liệu bắt buộc: %(documents)s.") % {"documents": labels}]
    return []


def _wrong_recipient(dossier):
    if not dossier.award_type.accepts(dossier.nominee_kind):
        return [
            _("“%(award)s” không xét tặng cho %(kind)s.")
            % {
                "award": dossier.award_type.name,
                "kind": str(NomineeKind(dossier.nominee_kind).label).lower(),
            }
        ]
    return []


def _no_recognised_initiative(dossier):
    # Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013): Chiến sĩ thi đua toàn quốc (điều 21),
    # cấp tỉnh (điều 22) and cơ sở (điều 23) all rest on the nominee's initiative (sáng kiến)
    # recognised by the competent council (Hội đồng Khoa học sáng kiến).
    if not dossier.award_type.requires_initiative:
        return []
    recognised = dossier.initiatives.filter(recognised_on__isnull=False, year__lte=dossier.year)
    if not recognised.exists():
        return [
            _(
                "“%(award)s” phải có ít nhất một sáng kiến đã được Hội đồng Khoa học sáng kiến "
                "công nhận; hồ sơ chưa gắn sáng kiến nào đã được công nhận."
            )
            % {"award": dossier.award_type.name}
        ]
    return []


def earlier_title_years(dossier, award_type):
    """The years the dossier's nominee holds `award_type` on record (award history)."""
    records = AwardRecord.objects.filter(
        name_key=dossier.nominee_key, nominee_kind=dossier.nominee_kind, award_type=award_type
    ).values_list("year", "date_of_birth")
    return {
        year
        for year, born in records
        # Two people of the same name are told apart by the date of birth when both are known.
        if born is None or dossier.date_of_birth is None or born == dossier.date_of_birth
    }


def _missing_earlier_titles(dossier):
    # Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013), điều 22: Chiến sĩ thi đua cấp tỉnh is
    # chosen among those who were Chiến sĩ thi đua cơ sở three times in a row; điều 21:
    # Chiến sĩ thi đua toàn quốc among those who were Chiến sĩ thi đua cấp tỉnh twice in a
    # row. The run may end with the dossier's year (the title was given this year) or the
    # year before.
    award = dossier.award_type
    times = award.prerequisite_times
    if award.prerequisite_id is None or not times:
        return []
    held = earlier_title_years(dossier, award.prerequisite)
    year = dossier.year
    for last in (year, year - 1):
        if all(y in held for y in range(last - times + 1, last + 1)):
            return []
    return [
        _(
            "Chưa đủ điều kiện “%(award)s”: cần %(times)s năm liên tục đạt “%(earlier)s” "
            "(đến năm %(year)s hoặc %(previous)s); lịch sử khen thưởng có: %(held)s."
        )
        % {
            "award": award.name,
            "times": times,
            "earlier": award.prerequisite.name,
            "year": year,
            "previous": year - 1,
            "held": ", ".join(str(y) for y in sorted(held)) or _("chưa có năm nào"),
        }
    ]


def _batch_problems(dossier):
    # State-level awards (khen thưởng bậc cao) go to the central level in batches: the plan's
    # task 13 is đợt 1, task 26 đợt 2 for the education sector.
    if not dossier.award_type.is_state_level:
        return []
    batch = dossier.batch
    if batch is None:
        return [_("Khen thưởng bậc cao phải thuộc một đợt trình; hãy chọn đợt.")]
    if not batch.is_open:
        return [_("Đợt “%(batch)s” đã đóng, không nhận thêm hồ sơ.") % {"batch": batch.name}]
    if batch.year != dossier.year:
        return [
            _("Đợt “%(batch)s” thuộc năm %(batch_year)s, hồ sơ thuộc năm %(year)s.")
            % {"batch": batch.name, "batch_year": batch.year, "year": dossier.year}
        ]
    return []


def _duplicates(dossier):
    others = (
        Dossier.objects.filter(
            nominee_key=dossier.nominee_key,
            nominee_kind=dossier.nominee_kind,
            award_type=dossier.award_type_id,
            year=dossier.year,
            state__in=OPEN_STATES | GRANTED_STATES,
        )
        .exclude(pk=dossier.pk)
        .order_by("reference")
    )
    for other in others:
        if dossier.date_of_birth and other.date_of_birth not in (None, dossier.date_of_birth):
            continue
        return [
            _("“%(name)s” đã có hồ sơ %(reference)s (%(state)s) đề nghị “%(award)s” năm %(year)s.")
            % {
                "name": dossier.nominee_name,
                "reference": other.reference,
                "state": other.get_state_display(),
                "award": dossier.award_type.name,
                "year": dossier.year,
            }
        ]
    return []


def duplicate_problems(dossier):
    """The duplicate rule for a dossier as edited (in admin: its search key may be stale), for
    a dossier the database constraint covers (open or granted); [] when it passes."""
    if dossier.state not in OPEN_STATES | GRANTED_STATES:
        return []
    dossier.nominee_key = search_key(dossier.nominee_name)
    return _duplicates(dossier)


@contextmanager
def _refusing_duplicates(dossier):
    """Turn the database's duplicate constraint (models.Dossier.Meta) into the message of
    `_duplicates`. The check runs first, but two dossiers of one nominee submitted at the same
    instant both pass it; the constraint lets one through and makes the other wait for it, so
    by the time the error arrives the winner is committed and the check names it. Other
    integrity errors pass through."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        problems = _duplicates(dossier)
        if not problems:
            raise
        raise DossierRuleError(problems) from None


SUBMIT_RULES = [
    _wrong_recipient,
    _missing_documents,
    _no_recognised_initiative,
    _missing_earlier_titles,
    _batch_problems,
    _duplicates,
]


def submit_problems(dossier):
    """Everything that keeps the dossier from being submitted, one message each ([] if none)."""
    return [message for rule in SUBMIT_RULES for message in rule(dossier)]


# Moves ------------------------------------------------------------------------------------


def _clean(text):
    return unicodedata.normalize("NFC", text or "").strip()


def _move_changes(move, to_state, comment, decision):
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
    changes = _move_changes(move, to_state, comment, decision)
    if move.submit_checks:
        problems = submit_problems(dossier)
        if problems:
            raise DossierRuleError(problems)

    now = timezone.now()
    # Compare-and-set: the UPDATE matches only if the state is still the one we checked, so
    # of two people moving the same dossier at once exactly one wins.
    with _refusing_duplicates(dossier):
        updated = Dossier.objects.filter(pk=dossier.pk, state=from_state).update(
            state=to_state, state_changed_at=now, **changes
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
        default_change_reason=str(move.label),
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
def register_initiative(unit, by, *, title, authors, year):
    """A unit records one of its initiatives (not yet recognised)."""
    if not (rules.can_register_initiative(by) and by.unit_id == unit.pk):
        raise DossierRuleError(_("Bạn chỉ được ghi sáng kiến của đơn vị mình."))
    return Initiative.objects.create(
        unit=unit, title=normalise_text(title), authors=normalise_text(authors), year=year
    )


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
