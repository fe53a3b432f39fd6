from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from core.history import AuditedHistory
from core.names import query_keys, sort_key, words_key

from .enums import Role, UnitKind

# The fields a unit is found by (Unit.search_key).
SEARCHED_FIELDS = ("name", "short_name", "code")


def unit_search_key(unit):
    """The unit's name, short name and code without accents, case or punctuation, for the unit
    search."""
    return "|".join(words_key(getattr(unit, name)) for name in SEARCHED_FIELDS)


def set_unit_keys(unit):
    """Keep the unit's stored keys right: its search key and its place in Vietnamese order."""
    unit.search_key = unit_search_key(unit)
    unit.sort_key = sort_key(unit.name)


KEY_FIELDS = ["search_key", "sort_key"]


class UnitQuerySet(models.QuerySet):
    def search(self, text):
        """Units whose name, short name or code contains `text`, accents, case and punctuation
        ignored, abbreviations (UBND, GD&ĐT...) spelled out: THE unit search of every page."""
        keys = query_keys(text)
        if not keys:
            return self.none()
        found = models.Q()
        for key in keys:
            found |= models.Q(search_key__contains=key)
        return self.filter(found)

    # Imports and seed_scale write units in bulk, past save(): the keys are kept right here too.
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for unit in objs:
            set_unit_keys(unit)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if set(fields) & set(SEARCHED_FIELDS):
            objs = list(objs)
            for unit in objs:
                set_unit_keys(unit)
            fields = [*fields, *KEY_FIELDS]
        return super().bulk_update(objs, fields, *args, **kwargs)


class UnitManager(models.Manager.from_queryset(UnitQuerySet)):
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
    # A unit's life (issue 17): new from a date, ended (merged into its successor or dissolved)
    # from a date. Its rows stay under it; its successor finds them (units.lifecycle).
    started_on = models.DateField(
        _("hoạt động từ ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu đơn vị có từ trước khi dùng hệ thống."),
    )
    ended_on = models.DateField(
        _("ngừng hoạt động từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày sáp nhập hoặc giải thể; từ ngày này đơn vị không được giao việc mới."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    search_key = models.CharField(max_length=400, editable=False, default="")
    # The name's place in Vietnamese alphabetical order (core.names.sort_key): lists sort by it.
    sort_key = models.CharField(max_length=800, editable=False, default="", db_index=True)

    objects = UnitManager()

    history = AuditedHistory(excluded_fields=["sort_key"])

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_key"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The one place the keys are kept right for single saves (bulk writes: above).
        set_unit_keys(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *KEY_FIELDS}
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.code,)


@receiver(pre_save, sender=Unit)
def _key_of_loaded_unit(sender, instance, raw, **kwargs):
    # loaddata (the demo's units fixture) saves raw, past Unit.save().
    if raw:
        set_unit_keys(instance)


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


class UnitChange(models.Model):
    """One change in a unit's life, dated and with its reason: a new name from a date, a
    merger into another unit, a dissolution. The renames are the unit's name history: the
    name before `on` is `old_name` (units.lifecycle.name_on)."""

    class Kind(models.TextChoices):
        RENAMED = "renamed", _("Đổi tên")
        MERGED = "merged", _("Sáp nhập")
        DISSOLVED = "dissolved", _("Giải thể")

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="changes"
    )
    kind = models.CharField(_("loại thay đổi"), max_length=10, choices=Kind.choices)
    on = models.DateField(_("từ ngày"))
    reason = models.TextField(_("lý do, căn cứ"))
    old_name = models.CharField(_("tên cũ"), max_length=255, blank=True)
    old_short_name = models.CharField(_("tên viết tắt cũ"), max_length=100, blank=True)
    new_name = models.CharField(_("tên mới"), max_length=255, blank=True)
    new_short_name = models.CharField(_("tên viết tắt mới"), max_length=100, blank=True)
    successor = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        "units.User",
        verbose_name=_("người ghi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("thay đổi của đơn vị")
        verbose_name_plural = _("thay đổi của đơn vị")
        ordering = ["unit", "on", "pk"]

    def __str__(self):
        return f"{self.unit}: {self.get_kind_display()} ({self.on:%d/%m/%Y})"


class UnitYear(models.Model):
    """Whether a unit takes part in a year's plan, where it differs from the unit's default
    (Unit.is_participating): the office sets it per year."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    takes_part = models.BooleanField(_("tham gia kế hoạch năm"))

    history = AuditedHistory()

    class Meta:
        verbose_name = _("tham gia kế hoạch theo năm")
        verbose_name_plural = _("tham gia kế hoạch theo năm")
        ordering = ["-year", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unit_year_unique"),
        ]

    def __str__(self):
        return f"{self.unit} ({self.year})"


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
