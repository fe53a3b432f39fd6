from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """The spreadsheet imports and exports of every app: the registry of kinds and the
    staff page. It depends on the apps; no app depends on it."""

    name = "imports"
    verbose_name = _("Nhập, xuất dữ liệu")
