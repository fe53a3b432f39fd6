"""Third-party apps as admin shows them."""

from axes.apps import AppConfig as BaseAxesConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(BaseAxesConfig):
    # django-axes names its admin section "Axes", in no language our users read.
    verbose_name = _("Đăng nhập sai, khóa tài khoản")
