from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from awards import comparison_views, overview, search
from units.forms import LoginForm

# Admin's own names say what it administers, in the interface's language (Django's
# Vietnamese for its defaults reads "Trang quản trị cho Django").
admin.site.site_header = _("Quản trị hệ thống thi đua, khen thưởng")
admin.site.site_title = _("Quản trị thi đua, khen thưởng")
admin.site.index_title = _("Quản trị dữ liệu")

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    # Logging out and changing one's password; no anonymous password reset: an officer who
    # forgot the password asks the office, which sets a new one (README, "Deploying").
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Anyone, signed in or not, may switch the language (the login page has the switch too).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Where each role lands after signing in, and the chairman's overview.
    path("", overview.landing, name="landing"),
    path("tong-quan/", overview.overview, name="overview"),
    # Comparing years: the province's, and a unit's (awards/comparison_views.py).
    path("so-sanh-nam/", comparison_views.province_comparison, name="year-comparison"),
    path(
        "so-sanh-nam/<slug:code>/",
        comparison_views.unit_comparison,
        name="unit-year-comparison",
    ),
    path("tim-kiem/", search.search, name="search"),
    path("", include("units.urls")),
    path("", include("plan.urls")),
    path("thi-dua/", include("emulation.urls")),
    path("nguoi/", include("people.urls")),
    path("ho-so/", include("awards.urls")),
    path("hoi-dong-tdkt/", include("council.urls")),
    path("", include("imports.urls")),
    path("", include("core.urls")),
]
