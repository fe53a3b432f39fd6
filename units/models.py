from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Role, UnitKind
from .history import AuditedHistory


class UnitManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Unit(models.Model):
    """A body the plan gives work to: a department, a district, a council, the office..."""

    code = models.SlugField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đầy đủ"), max_length=255, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_participating = models.BooleanField(
        _("tham gia kế hoạch năm"),
        default=True,
        help_text=_("Đơn vị nằm trong “Các đơn vị” phải thực hiện kế hoạch năm nay."),
    )

    objects = UnitManager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class UnitAliasManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class UnitAlias(models.Model):
    """Another spelling of a unit's name, as documents write it ("Ban TĐKT, Sở Nội vụ")."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("cách viết khác"), max_length=255, unique=True)

    objects = UnitAliasManager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class User(AbstractUser):
    """A person who signs in. Belongs to at most one unit; the role is the auth group."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    objects = UserManager()

    history = AuditedHistory(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def get_full_name(self):
        # Vietnamese names put the family name first: "Nguyễn Thị Hoa".
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def roles(self):
        """The user's roles, from the groups named after them (cached per request)."""
        if not hasattr(self, "_roles"):
            names = {group.name for group in self.groups.all()}
            self._roles = [role for role in Role if role.value in names]
            if self.is_superuser and Role.ADMIN not in self._roles:
                self._roles.append(Role.ADMIN)
        return self._roles

    @property
    def role(self):
        """The main role, shown beside the user's name."""
        return self.roles[0] if self.roles else None


class Cluster(models.Model):
    """A year's emulation cluster (cụm, by area) or block (khối, by sector), led by one unit."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cụm thi đua")
        BLOCK = "block", _("Khối thi đua")

    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    leader = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cụm trưởng"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị thành viên"), related_name="clusters"
    )

    history = AuditedHistory(m2m_fields=[members])

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="cluster_name_unique_in_year")
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"
