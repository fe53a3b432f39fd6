"""The one table core keeps: what has already been done once (core.once)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OnceToken(models.Model):
    """A key that may be used once: a form's one-time token (posted once), an import's
    confirmation. The unique key is what makes a concurrent second use fail."""

    key = models.CharField(_("khóa"), max_length=80, unique=True)
    # Where the first use sent the user (a form post that succeeded), for a repeat to follow.
    outcome = models.CharField(_("kết quả"), max_length=2000, blank=True)
    used_at = models.DateTimeField(_("dùng lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("khóa dùng một lần")
        verbose_name_plural = _("khóa dùng một lần")

    def __str__(self):
        return self.key
