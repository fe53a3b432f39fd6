"""States and kinds of the award work, with the groups of states that code asks about."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    IN_APPRAISAL = "in_appraisal", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    BEFORE_COUNCIL = "before_council", _("Trình Hội đồng")
    APPROVED = "approved", _("Được khen thưởng")
    REFUSED = "refused", _("Không được khen thưởng")
    FORWARDED = "forwarded", _("Đã trình Trung ương")
    CENTRAL_APPROVED = "central_approved", _("Trung ương đã khen thưởng")
    CENTRAL_REFUSED = "central_refused", _("Trung ương không khen thưởng")
    WITHDRAWN = "withdrawn", _("Đơn vị đã rút")


S = DossierState

# The unit may still change the dossier (fields and documents).
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
# Sent and not yet decided: the office holds it, or it waits for the unit's additions.
OPEN_STATES = frozenset({S.SUBMITTED, S.IN_APPRAISAL, S.RETURNED, S.BEFORE_COUNCIL})
# Decided in favour at some level (a second dossier for the same award is a duplicate).
GRANTED_STATES = frozenset({S.APPROVED, S.FORWARDED, S.CENTRAL_APPROVED})
# Nothing more will happen to it.
FINAL_STATES = frozenset({S.REFUSED, S.CENTRAL_APPROVED, S.CENTRAL_REFUSED, S.WITHDRAWN})
# What the office's inbox shows by default: everything a unit has sent.
INBOX_STATES = frozenset(set(S) - {S.DRAFT})
# What the council sees: put before it, and what became of it afterwards.
COUNCIL_STATES = frozenset(
    {S.BEFORE_COUNCIL, S.APPROVED, S.REFUSED, S.FORWARDED, S.CENTRAL_APPROVED, S.CENTRAL_REFUSED}
)

# Bootstrap colour of each state's badge.
STATE_BADGES = {
    S.DRAFT: "secondary",
    S.SUBMITTED: "primary",
    S.IN_APPRAISAL: "info",
    S.RETURNED: "warning",
    S.BEFORE_COUNCIL: "primary",
    S.APPROVED: "success",
    S.REFUSED: "danger",
    S.FORWARDED: "info",
    S.CENTRAL_APPROVED: "success",
    S.CENTRAL_REFUSED: "danger",
    S.WITHDRAWN: "dark",
}


class AwardForm(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    COMMENDATION = "commendation", _("Hình thức khen thưởng")


class AwardLevel(models.TextChoices):
    UNIT = "unit", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh")
    STATE = "state", _("Cấp Nhà nước (bậc cao)")


class Recipient(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class NomineeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    # Only for the award types a rule set lets go to households (RequirementKind.HOUSEHOLD).
    HOUSEHOLD = "household", _("Hộ gia đình")


# Nominees named by a name typed in `collective_name` rather than a person's name.
NAMED_NOMINEES = frozenset({NomineeKind.COLLECTIVE, NomineeKind.HOUSEHOLD})


class AwardClass(models.TextChoices):
    """Hạng of a Huân chương or Huy chương that has classes, highest first."""

    FIRST = "first", _("Hạng Nhất")
    SECOND = "second", _("Hạng Nhì")
    THIRD = "third", _("Hạng Ba")


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class DocumentKind(models.TextChoices):
    PROPOSAL = "to_trinh", _("Tờ trình đề nghị khen thưởng")
    ACHIEVEMENT_REPORT = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    BASE_COUNCIL_MINUTES = "bien_ban_hoi_dong", _("Biên bản họp Hội đồng TĐKT cấp cơ sở")
    INITIATIVE_RECOGNITION = "cong_nhan_sang_kien", _("Quyết định công nhận sáng kiến")
    NOMINEE_LIST = "danh_sach", _("Danh sách trích ngang")
    OTHER = "khac", _("Tài liệu khác")


class CouncilRecommendation(models.TextChoices):
    APPROVE = "approve", _("Đề nghị khen thưởng")
    REFUSE = "refuse", _("Không đề nghị khen thưởng")


class RequirementKind(models.TextChoices):
    PREREQUISITE = "prerequisite", _("Danh hiệu phải đạt trước")
    RATING = "rating", _("Xếp loại hằng năm")
    INITIATIVE = "initiative", _("Sáng kiến, đề tài được công nhận")
    DOCUMENTS = "documents", _("Tài liệu hồ sơ")
    CAP = "cap", _("Tỷ lệ tối đa")
    VOTES = "votes", _("Tỷ lệ phiếu của Hội đồng")
    BATCH = "batch", _("Trình theo đợt")
    HOUSEHOLD = "household", _("Xét tặng cho hộ gia đình")
    NOTE = "note", _("Điều kiện khác (không kiểm tra tự động)")


class Scope(models.TextChoices):
    """How far an initiative's effect is recognised to reach, narrowest first."""

    UNIT = "unit", _("Cơ sở (đơn vị)")
    PROVINCE = "province", _("Cấp tỉnh")
    NATION = "nation", _("Toàn quốc")


SCOPE_ORDER = [Scope.UNIT, Scope.PROVINCE, Scope.NATION]
