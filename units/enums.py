from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    LEADERSHIP = "leadership", _("Lãnh đạo tỉnh")
    COUNCIL = "council", _("Hội đồng")
    OFFICE = "office", _("Cơ quan thường trực TĐKT")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("Huyện, thành phố")
    MASS_ORGANISATION = "mass_organisation", _("Tổ chức chính trị - xã hội")
    AGENCY = "agency", _("Cơ quan, đơn vị khác")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")


class Role(models.TextChoices):
    """A user's role is the auth group of the same name; the value is the group name."""

    OFFICE_STAFF = "office_staff", _("Cán bộ Ban TĐKT")
    UNIT_OFFICER = "unit_officer", _("Cán bộ đơn vị")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng")
    LEADER = "leader", _("Lãnh đạo")
    ADMIN = "admin", _("Quản trị hệ thống")
