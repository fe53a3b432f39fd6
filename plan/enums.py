import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đã ban hành")


class Quarter(models.IntegerChoices):
    Q1 = 1, _("QUÝ I")
    Q2 = 2, _("QUÝ II")
    Q3 = 3, _("QUÝ III")
    Q4 = 4, _("QUÝ IV")


def quarter_end(year, quarter):
    """The last day of a quarter: a task is due then unless staff set another date."""
    return {
        1: datetime.date(year, 3, 31),
        2: datetime.date(year, 6, 30),
        3: datetime.date(year, 9, 30),
        4: datetime.date(year, 12, 31),
    }[quarter]


class Collective(models.TextChoices):
    """The plan's phrases that stand for a group of units rather than one named unit."""

    ALL_UNITS = "all_units", "Các đơn vị"
    RELATED_UNITS = "related_units", "Các đơn vị liên quan"
    RELATED_SECTORS = "related_sectors", "Các ngành liên quan"


class PartState(models.TextChoices):
    """What a unit reports about its part of a task."""

    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


class Status(models.TextChoices):
    """Where a part, a task or a unit's obligation stands against its due date, as of a date."""

    NOT_DUE = "not_due", _("Chưa đến hạn")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành muộn")
    CANCELLED = "cancelled", _("Đã hủy")


# The order bars and counts are drawn in; worst news first for the office.
STATUS_ORDER = [
    Status.OVERDUE,
    Status.DUE_SOON,
    Status.NOT_DUE,
    Status.DONE_LATE,
    Status.DONE_ON_TIME,
    Status.CANCELLED,
]
DONE_STATUSES = {Status.DONE_ON_TIME, Status.DONE_LATE}

# Bootstrap colour of each status badge; the text is always shown too, never colour alone.
STATUS_COLOURS = {
    Status.NOT_DUE: "secondary",
    Status.DUE_SOON: "warning",
    Status.OVERDUE: "danger",
    Status.DONE_ON_TIME: "success",
    Status.DONE_LATE: "info",
    Status.CANCELLED: "dark",
}


class PartSource(models.TextChoices):
    """Why a unit has a part in a task."""

    NAMED = "named", _("Được nêu tên trong kế hoạch")
    ALL_UNITS = "all_units", _("Thuộc “Các đơn vị”")
    PICKED = "picked", _("Được Ban TĐKT chỉ định")


class RequirementKind(models.TextChoices):
    UNIT_PLAN = "unit_plan", _("Kế hoạch công tác TĐKT của đơn vị")
    CLUSTER_PLAN = "cluster_plan", _("Kế hoạch của cụm, khối thi đua")
    SIX_MONTH_REVIEW = "six_month_review", _("Báo cáo sơ kết 6 tháng")
    YEAR_END_REVIEW = "year_end_review", _("Báo cáo tổng kết năm")
    REGISTRATION = "registration", _("Đăng ký thi đua")
    INSPECTION_REPORT = "inspection_report", _("Báo cáo kiểm tra")
    OTHER = "other", _("Khác")


class SubmissionStatus(models.TextChoices):
    """A unit's standing on a requirement, as of a date."""

    ON_TIME = "on_time", _("Đã gửi đúng hạn")
    LATE = "late", _("Đã gửi muộn")
    RETURNED = "returned", _("Bị trả lại, chưa gửi lại")
    MISSING = "missing", _("Chưa gửi")


class ReviewDecision(models.TextChoices):
    ACCEPTED = "accepted", _("Chấp nhận")
    RETURNED = "returned", _("Trả lại")
