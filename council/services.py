"""Writes of the council's work: members, sessions, the secret ballot, decisions.

Every approval goes through awards.services.move_dossier, the only writer of dossier states.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.decision_dates import DecisionDateError, decision_date_problem
from awards.enums import DossierState
from awards.models import AwardRecord, Dossier
from awards.services import DossierRuleError, move_dossier
from core.names import normalise_text

from . import rules, selectors
from .models import BallotCast, CouncilMember, Decision, Session, SessionItem

S = DossierState
FOR, AGAINST = "for", "against"


class CouncilError(DossierRuleError):
    """Something the council's rules refuse; `messages` in Vietnamese."""


def _office_only(by):
    if not rules.can_run_council(by):
        raise CouncilError(_("Chỉ Ban TĐKT (thư ký Hội đồng) được làm việc này."))


@transaction.atomic
def add_member(year, by, *, full_name, council_role="Ủy viên", position="", user=None, order=0):
    _office_only(by)
    full_name = normalise_text(full_name)
    if not full_name:
        raise CouncilError(_("Cần ghi họ và tên thành viên."))
    member = CouncilMember(
        year=year,
        full_name=full_name,
        council_role=normalise_text(council_role) or "Ủy viên",
        position=normalise_text(position),
        user=user,
        order=order,
    )
    member._history_user = by
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise CouncilError(_("Tài khoản này đã là thành viên Hội đồng năm %s.") % year) from None
    return member


@transaction.atomic
def open_session(year, by, *, date, dossiers, place="Lạng Sơn", proposal=None):
    """A session voting on the dossiers before the council, in the order given."""
    _office_only(by)
    members = selectors.members_of(year).count()
    if members == 0:
        raise CouncilError(_("Chưa có danh sách thành viên Hội đồng năm %s.") % year)
    dossiers = list(dossiers)
    wrong = [d.reference for d in dossiers if d.state != S.BEFORE_COUNCIL]
    if wrong:
        raise CouncilError(
            _("Hồ sơ chưa được trình Hội đồng: %(references)s.") % {"references": ", ".join(wrong)}
        )
    if not dossiers:
        raise CouncilError(_("Chọn ít nhất một hồ sơ để Hội đồng bỏ phiếu."))
    session = Session(year=year, date=date, place=place, created_by=by, proposal=proposal)
    session._history_user = by
    session.save()
    SessionItem.objects.bulk_create(
        SessionItem(
            session=session,
            dossier=dossier,
            order=position,
            members=members,
            required_for=selectors.votes_needed(dossier.award_type, members, date),
        )
        for position, dossier in enumerate(dossiers, start=1)
    )
    return session


@transaction.atomic
def set_attendance(session, by, members):
    _office_only(by)
    if session.closed_at:
        raise CouncilError(_("Phiên họp đã kết thúc bỏ phiếu."))
    if BallotCast.objects.filter(item__session=session).exists():
        raise CouncilError(_("Đã có thành viên bỏ phiếu: không sửa danh sách có mặt được nữa."))
    if any(member.year != session.year for member in members):
        raise CouncilError(_("Chỉ chọn thành viên Hội đồng của năm %s.") % session.year)
    session._history_user = by
    session.present.set(members)
    return session


@transaction.atomic
def cast_votes(session, by, choices):
    """A present member's votes on many dossiers at once: {item_id: "for" | "against"}.

    Who voted (BallotCast) and how (the item's counters) are written apart, and the cast row
    is unique per member and dossier, so a second vote fails here or at the database.
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.closed_at:
        raise CouncilError(_("Phiên họp đã kết thúc bỏ phiếu."))
    member = selectors.seat_of(by, session.year)
    if member is None or not session.present.filter(pk=member.pk).exists():
        raise CouncilError(_("Chỉ thành viên Hội đồng có mặt tại phiên họp được bỏ phiếu."))
    if not selectors.has_quorum(session):
        raise CouncilError(_("Phiên họp chưa đủ số thành viên có mặt để biểu quyết."))
    items = {item.pk: item for item in SessionItem.objects.filter(session=session)}
    voted = set(
        BallotCast.objects.filter(item__session=session, member=member).values_list(
            "item_id", flat=True
        )
    )
    counted = 0
    for item_id, choice in choices.items():
        if choice not in (FOR, AGAINST) or item_id not in items:
            continue
        if item_id in voted:
            raise CouncilError(
                _("Bạn đã bỏ phiếu cho hồ sơ %s; mỗi thành viên chỉ bỏ một phiếu.")
                % items[item_id].dossier.reference
            )
        try:
            with transaction.atomic():
                BallotCast.objects.create(item_id=item_id, member=member)
        except IntegrityError:
            raise CouncilError(_("Bạn đã bỏ phiếu cho hồ sơ này.")) from None
        field = "votes_for" if choice == FOR else "votes_against"
        SessionItem.objects.filter(pk=item_id).update(**{field: F(field) + 1})
        counted += 1
    if not counted:
        raise CouncilError(_("Chưa chọn phiếu cho hồ sơ nào."))
    return counted


@transaction.atomic
def close_ballot(session, by):
    _office_only(by)
    if session.closed_at:
        raise CouncilError(_("Phiên họp đã kết thúc bỏ phiếu."))
    if not selectors.has_quorum(session):
        raise CouncilError(_("Phiên họp chưa đủ số thành viên có mặt."))
    session.closed_at = timezone.now()
    session._history_user = by
    session.save(update_fields=["closed_at"])
    return session


@transaction.atomic
def draft_decision(session, by, *, signer_name="", signer_title="CHỦ TỊCH", authority=None):
    """A draft of the chairman's decision listing the session's passed dossiers."""
    _office_only(by)
    if session.closed_at is None:
        raise CouncilError(_("Phiên họp chưa kết thúc bỏ phiếu."))
    passed = [item.dossier for item in selectors.passed_items(session)]
    passed = [d for d in passed if d.state == S.BEFORE_COUNCIL]
    if not passed:
        raise CouncilError(_("Không có hồ sơ nào đạt số phiếu cần thiết và còn chờ quyết định."))
    decision = Decision(
        session=session,
        signer_name=normalise_text(signer_name),
        signer_title=normalise_text(signer_title) or "CHỦ TỊCH",
        created_by=by,
    )
    if authority is not None:
        decision.signer_authority = normalise_text(authority)
    decision._history_user = by
    decision.save()
    decision.dossiers.set(passed)
    return decision


def _check_decision_date(decision, date):
    """The signing date must agree with every listed dossier's history (issue 13, point 5)."""
    for dossier in decision.dossiers.order_by("reference"):
        if problem := decision_date_problem(dossier, date):
            raise DecisionDateError(problem, "date")


@transaction.atomic
def record_decision(decision, by, *, number, date):
    """The signed decision's number and date: every dossier it lists is approved, or none."""
    _office_only(by)
    number = normalise_text(number)
    if not number or not date:
        raise CouncilError(_("Cần ghi số và ngày ký của quyết định."))
    # Locked: two clerks recording the same decision at once record it once.
    Decision.objects.select_for_update().filter(pk=decision.pk).first()
    decision.refresh_from_db()
    if decision.recorded_at:
        raise CouncilError(_("Quyết định đã được ghi số; hãy dùng chức năng đính chính."))
    _check_decision_date(decision, date)
    problems = []
    for dossier in decision.dossiers.select_related("award_type", "unit").order_by("reference"):
        try:
            with transaction.atomic(), selectors.recording(decision):
                move_dossier(dossier, S.APPROVED, by, decision_number=number, decision_date=date)
        except DossierRuleError as error:
            problems.extend(error.messages)
    if problems:
        # One refusal undoes them all: the outer atomic block rolls back the moves made.
        transaction.set_rollback(True)
        raise CouncilError(problems)
    decision.number, decision.date, decision.recorded_at = number, date, timezone.now()
    decision._history_user = by
    decision.save(update_fields=["number", "date", "recorded_at"])
    return decision


@transaction.atomic
def correct_decision(decision, by, *, number, date, reason):
    """The office corrects a recorded decision's number or date (đính chính); the decision's
    history keeps the earlier values, and its dossiers and award records follow."""
    _office_only(by)
    number, reason = normalise_text(number), normalise_text(reason)
    if not number or not date or not reason:
        raise CouncilError(_("Cần ghi số, ngày ký và lý do đính chính."))
    Decision.objects.select_for_update().filter(pk=decision.pk).first()
    decision.refresh_from_db()
    if not decision.recorded_at:
        raise CouncilError(_("Quyết định chưa được ghi số."))
    _check_decision_date(decision, date)
    old_number = decision.number
    decision.number, decision.date = number, date
    decision._history_user = by
    decision._change_reason = reason
    decision.save(update_fields=["number", "date"])
    dossiers = Dossier.objects.filter(pk__in=decision.dossiers.values("pk"))
    dossiers.update(decision_number=number, decision_date=date)
    Dossier.history.bulk_history_create(
        list(dossiers), update=True, default_user=by, default_change_reason=reason
    )
    AwardRecord.objects.filter(
        dossier_id__in=dossiers.values("pk"), decision_number=old_number
    ).update(decision_number=number, decision_date=date)
    return decision
