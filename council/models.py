"""The council's year: its members, its sessions with a secret ballot per dossier, and the
chairman's decisions that approve the dossiers passed.

The ballot is secret by construction: `BallotCast` says who voted on a dossier and holds
nothing of how; the votes themselves only ever exist as the counters on `SessionItem`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models import Dossier
from core.history import AuditedHistory
from units.models import Unit


class CouncilMember(models.Model):
    """A member of the provincial council (Hội đồng TĐKT tỉnh) for one year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    full_name = models.CharField(_("họ và tên"), max_length=255)
    council_role = models.CharField(
        _("chức danh trong Hội đồng"), max_length=100, default="Ủy viên"
    )
    position = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "user"], name="one_seat_per_user_and_year")
        ]

    def __str__(self):
        return f"{self.full_name} ({self.council_role})"


class Session(models.Model):
    """A meeting of the council: who came, and the dossiers it votes on."""

    year = models.PositiveSmallIntegerField(_("năm"))
    date = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, default="Lạng Sơn")
    present = models.ManyToManyField(
        CouncilMember, verbose_name=_("thành viên có mặt"), blank=True, related_name="sessions"
    )
    proposal = models.ForeignKey(
        "Proposal",
        verbose_name=_("tờ trình của Ban TĐKT"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    closed_at = models.DateTimeField(_("kết thúc bỏ phiếu lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory(m2m_fields=[present])

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return _("Phiên họp ngày %(date)s") % {"date": self.date.strftime("%d/%m/%Y")}


class SessionItem(models.Model):
    """A dossier on a session's ballot and its tally (the only place votes exist)."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="items")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="ballots")
    order = models.PositiveIntegerField(default=0)
    members = models.PositiveSmallIntegerField(_("số thành viên Hội đồng"))
    required_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý cần đạt"))
    votes_for = models.PositiveSmallIntegerField(_("đồng ý"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("không đồng ý"), default=0)

    class Meta:
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "dossier"], name="dossier_once_a_session")
        ]

    def __str__(self):
        return f"{self.session} - {self.dossier_id}"

    @property
    def passed(self):
        return self.session.closed_at is not None and self.votes_for >= self.required_for


class BallotCast(models.Model):
    """That a member voted on a dossier, and nothing of how (no time either: an order of
    arrival set beside a changing tally would tell the vote)."""

    item = models.ForeignKey(SessionItem, on_delete=models.PROTECT, related_name="casts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_vote_per_member")
        ]

    def __str__(self):
        return f"{self.item_id} - {self.member_id}"


class Proposal(models.Model):
    """A tờ trình: a unit's (its dossiers for a round) or the office's (to the council)."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("Tờ trình của đơn vị")
        OFFICE = "office", _("Tờ trình của Ban TĐKT")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị trình"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(_("số"), max_length=50, blank=True)
    date = models.DateField(_("ngày"), null=True, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=255, blank=True)
    dossiers = models.ManyToManyField(
        Dossier, through="ProposalItem", related_name="proposals", verbose_name=_("hồ sơ")
    )
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("tờ trình")
        verbose_name_plural = _("tờ trình")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return f"{self.number or _('(chưa có số)')} - {self.summary}"


class ProposalItem(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="items")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["proposal", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "dossier"], name="dossier_once_a_proposal")
        ]

    def __str__(self):
        return f"{self.proposal_id} - {self.dossier_id}"


class Decision(models.Model):
    """The chairman's decision drafted from a session's passed dossiers; once its number and
    date are recorded, its dossiers are approved. Corrections keep the history."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    date = models.DateField(_("ngày ký"), null=True, blank=True)
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=100, default="TM. ỦY BAN NHÂN DÂN"
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255, default="CHỦ TỊCH")
    signer_name = models.CharField(_("người ký"), max_length=255, blank=True)
    dossiers = models.ManyToManyField(
        Dossier, related_name="council_decisions", verbose_name=_("hồ sơ được khen thưởng")
    )
    recorded_at = models.DateTimeField(_("ghi số lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-pk"]

    def __str__(self):
        return self.number or str(_("Dự thảo quyết định"))


class UnitDecision(models.Model):
    """A unit head's decision on the unit-level titles (Lao động tiên tiến, Chiến sĩ thi đua
    cơ sở, Tập thể lao động tiên tiến, Giấy khen): never goes to the province; its awardees
    become award records the province relies on."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(_("số quyết định"), max_length=50)
    date = models.DateField(_("ngày ký"))
    summary = models.CharField(_("trích yếu"), max_length=500)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255)
    signer_name = models.CharField(_("người ký"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("quyết định khen thưởng của đơn vị")
        verbose_name_plural = _("quyết định khen thưởng của đơn vị")
        ordering = ["-year", "unit", "-date", "-pk"]

    def __str__(self):
        return f"{self.number} ({self.unit})"


class UnitAwardee(models.Model):
    """A line of a unit decision's list; its award record points back through `record`."""

    decision = models.ForeignKey(UnitDecision, on_delete=models.PROTECT, related_name="awardees")
    award_type = models.ForeignKey(
        "awards.AwardType", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT
    )
    name = models.CharField(_("họ tên cá nhân hoặc tên tập thể"), max_length=255)
    nominee_kind = models.CharField(_("đối tượng"), max_length=20)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    record = models.OneToOneField(
        "awards.AwardRecord", on_delete=models.PROTECT, related_name="unit_awardee"
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["decision", "order", "pk"]

    def __str__(self):
        return self.name
