"""Rule sets: the law by date (docs/design.md, "Rule sets: the law by date").

A rule set is data an admin reads and extends in Django admin: its dates, its legal bases,
and per award type the requirements the product knows how to check, each with its article.
A requirement the texts at hand could not confirm is kept with `verified` off and its note
says what is unconfirmed; pages show it as "chưa kiểm chứng" instead of hiding it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import AuditedHistory

from ..enums import RequirementKind
from .catalogue import AwardType, CodeManager


class RuleSet(models.Model):
    """The law in force between two dates: a dossier is judged by the one in force on its date."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    title = models.CharField(
        _("tên"), max_length=255, help_text=_("Dùng trong lời từ chối, sau số điều.")
    )
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến hết"), null=True, blank=True)
    legal_basis = models.JSONField(
        _("căn cứ pháp lý"), default=list, blank=True, help_text=_("Mỗi văn bản một dòng.")
    )
    notes = models.TextField(_("ghi chú, điều chưa kiểm chứng"), blank=True)

    objects = CodeManager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("bộ quy định theo thời kỳ")
        verbose_name_plural = _("bộ quy định theo thời kỳ")
        ordering = ["effective_from"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.code,)

    def in_force_on(self, day):
        ends = self.effective_to
        return self.effective_from <= day and (ends is None or day <= ends)


class RequirementManager(models.Manager):
    def get_by_natural_key(self, ruleset, award_type, kind, position):
        return self.get(
            ruleset__code=ruleset, award_type__code=award_type, kind=kind, position=position
        )


class Requirement(models.Model):
    """One thing a rule set asks of a dossier for an award type, and the article that asks it.

    `params` by kind (see awards.eligibility): prerequisite {"award", "times", "ends"};
    rating {"ratings", "years"}; initiative {"scope", "years", "recognised_by"};
    documents {"documents"}; cap {"of", "percent"}; votes {"percent"}; batch {};
    note {} (a condition the product cannot check, shown to the office).
    """

    ruleset = models.ForeignKey(
        RuleSet,
        verbose_name=_("bộ quy định"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    kind = models.CharField(_("loại yêu cầu"), max_length=20, choices=RequirementKind.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    article = models.CharField(_("điều khoản"), max_length=255)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    verified = models.BooleanField(
        _("đã kiểm chứng với văn bản"),
        default=False,
        help_text=_("Bỏ chọn khi chưa đối chiếu được với văn bản; trang sẽ ghi “chưa kiểm chứng”."),
    )
    source = models.CharField(_("nguồn đối chiếu"), max_length=500, blank=True)

    objects = RequirementManager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("yêu cầu của bộ quy định")
        verbose_name_plural = _("yêu cầu của bộ quy định")
        ordering = ["ruleset", "award_type__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["ruleset", "award_type", "kind", "position"], name="requirement_unique"
            )
        ]

    def __str__(self):
        return f"{self.article}: {self.get_kind_display()} ({self.award_type})"

    def natural_key(self):
        return (self.ruleset.code, self.award_type.code, self.kind, self.position)

    natural_key.dependencies = ["awards.ruleset", "awards.awardtype"]
