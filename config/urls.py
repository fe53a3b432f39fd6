from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from awards import overview, search
from units.forms import LoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # Anyone, signed in or not, may switch the language (the login page has the switch too).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Where each role lands after signing in, and the chairman's overview.
    path("", overview.landing, name="landing"),
    path("tong-quan/", overview.overview, name="overview"),
    path("tim-kiem/", search.search, name="search"),
    path("", include("units.urls")),
    path("", include("plan.urls")),
    path("thi-dua/", include("emulation.urls")),
    path("ho-so/", include("awards.urls")),
    path("", include("imports.urls")),
]
