"""Unit-level awards decided at the unit: its officer enters the head's decision with its
list of awardees; the product checks the list against the law and writes the award records.

Luật Thi đua, Khen thưởng 2003 (sửa đổi 2005), điều 23: a Chiến sĩ thi đua cơ sở is a Lao
động tiên tiến of the year and has an initiative recognised at the unit's level.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from awards.enums import AwardLevel, NomineeKind, Recipient
from awards.models import AwardRecord, AwardType, Initiative
from core.names import normalise_text, search_key
from units.rules import belongs_to_unit, is_council_member, is_leader, is_office, is_unit_officer

from .models import UnitAwardee, UnitDecision

LDTT, CSTDCS = "lao-dong-tien-tien", "cstd-co-so"


class UnitDecisionError(Exception):
    def __init__(self, messages):
        self.messages = [str(m) for m in ([messages] if isinstance(messages, str) else messages)]
        super().__init__(" ".join(self.messages))


def unit_award_types():
    return AwardType.objects.filter(level=AwardLevel.UNIT).order_by("position", "name")


def can_see_unit_decisions(user):
    return is_office(user) or is_leader(user) or is_council_member(user) or is_unit_officer(user)


def visible_unit_decisions(user):
    if is_office(user) or is_leader(user) or is_council_member(user):
        condition = Q()
    else:
        condition = Q(unit_id=getattr(user, "unit_id", None))
    return UnitDecision.objects.filter(condition).select_related("unit")


@dataclass
class Line:
    award_type: AwardType
    name: str
    position: str = ""


def parse_lines(award_type, text):
    """One awardee a line: "Họ và tên; chức vụ" (the position may be left out)."""
    lines = []
    for raw in (text or "").splitlines():
        name, _sep, position = normalise_text(raw).partition(";")
        if name.strip():
            lines.append(Line(award_type, name.strip(), position.strip()))
    return lines


def _recognised_initiative(unit, name, year):
    key = search_key(name)
    initiatives = Initiative.objects.filter(unit=unit, recognised_on__isnull=False, year__lte=year)
    return any(key in search_key(initiative.authors) for initiative in initiatives)


def _problems(unit, year, lines):
    problems = []
    advanced = {search_key(line.name) for line in lines if line.award_type.code == LDTT}
    advanced |= set(
        AwardRecord.objects.filter(year=year, award_type__code=LDTT, unit=unit).values_list(
            "name_key", flat=True
        )
    )
    for line in lines:
        if line.award_type.level != AwardLevel.UNIT:
            problems.append(
                _("“%(award)s” không do thủ trưởng đơn vị quyết định.")
                % {"award": line.award_type.name}
            )
        if line.award_type.code == CSTDCS:
            if search_key(line.name) not in advanced:
                problems.append(
                    _(
                        "%(name)s: Chiến sĩ thi đua cơ sở phải đạt Lao động tiên tiến năm "
                        "%(year)s (Luật TĐKT, điều 23)."
                    )
                    % {"name": line.name, "year": year}
                )
            if not _recognised_initiative(unit, line.name, year):
                problems.append(
                    _(
                        "%(name)s: Chiến sĩ thi đua cơ sở phải có sáng kiến được công nhận "
                        "(Luật TĐKT, điều 23)."
                    )
                    % {"name": line.name}
                )
    return problems


@transaction.atomic
def record_unit_decision(unit, by, *, year, number, date, signer_name, lines, **text):
    """Record the signed decision and write one award record per awardee; all or nothing."""
    if not belongs_to_unit(by, unit):
        raise UnitDecisionError(_("Chỉ cán bộ của đơn vị ghi quyết định của đơn vị."))
    number, signer_name = normalise_text(number), normalise_text(signer_name)
    if not (number and date and signer_name and lines):
        raise UnitDecisionError(_("Cần ghi số, ngày ký, người ký và danh sách được khen thưởng."))
    if not isinstance(date, datetime.date) or date.year not in (year, year + 1):
        raise UnitDecisionError(_("Ngày ký phải thuộc năm xét hoặc năm sau."))
    problems = _problems(unit, year, lines)
    if problems:
        raise UnitDecisionError(problems)
    decision = UnitDecision(
        unit=unit,
        year=year,
        number=number,
        date=date,
        summary=normalise_text(text.get("summary", "")),
        signer_title=normalise_text(text.get("signer_title", "")),
        signer_name=signer_name,
        created_by=by,
    )
    decision._history_user = by
    decision.save()
    for order, line in enumerate(lines, start=1):
        collective = line.award_type.recipient == Recipient.COLLECTIVE
        record = AwardRecord(
            nominee_kind=NomineeKind.COLLECTIVE if collective else NomineeKind.INDIVIDUAL,
            name=line.name,
            unit=unit,
            workplace=unit.name,
            year=year,
            award_type=line.award_type,
            decision_number=number,
            decision_date=date,
        )
        record._history_user = by
        record.save()
        UnitAwardee.objects.create(
            decision=decision,
            award_type=line.award_type,
            name=line.name,
            nominee_kind=record.nominee_kind,
            position=line.position,
            record=record,
            order=order,
        )
    return decision


def can_view(user, decision):
    return visible_unit_decisions(user).filter(pk=decision.pk).exists()
