from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("tim/", views.person_search, name="search"),
    path("gop/", views.merge, name="merge"),
]
