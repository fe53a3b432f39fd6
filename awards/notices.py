"""What a unit is told by e-mail about its dossiers: returned (with the reason), decided."""

from django.urls import reverse
from django.utils import translation

from core.models import NoticeKind
from core.notices import notify
from plan.notices import mail_unit

from .enums import DossierState

S = DossierState

# The moves a unit hears of: its dossier came back to it, or a decision was recorded.
TOLD = {S.RETURNED, S.APPROVED, S.REFUSED, S.CENTRAL_APPROVED, S.CENTRAL_REFUSED}


def dossier_moved(dossier, to_state, comment):
    if to_state not in TOLD:
        return
    with translation.override("vi"):  # the unit reads Vietnamese whatever the office's screen
        lines = _mail(dossier, to_state, comment)
        notify(
            dossier.unit_id,
            NoticeKind.DOSSIER_RETURNED if to_state == S.RETURNED else NoticeKind.DECISION,
            f"Hồ sơ {dossier.reference}: {DossierState(to_state).label}",
            "\n".join(lines),
            reverse("awards:dossier", args=[dossier.pk]),
        )


def _mail(dossier, to_state, comment):
    lines = [
        f"Hồ sơ {dossier.reference} ({dossier.nominee_name}, {dossier.award_type.name}) "
        f"đã chuyển sang: {DossierState(to_state).label}."
    ]
    if comment:
        lines.append(f"Lý do, ý kiến: {comment}")
    if to_state == S.APPROVED and dossier.decision_number and dossier.decision_date:
        lines.append(
            f"Quyết định số {dossier.decision_number} ngày {dossier.decision_date:%d/%m/%Y}."
        )
    if to_state == S.RETURNED:
        lines.append("Đề nghị đơn vị bổ sung hồ sơ và nộp lại.")
    mail_unit(dossier.unit, f"Hồ sơ {dossier.reference}: {DossierState(to_state).label}", lines)
    return lines
