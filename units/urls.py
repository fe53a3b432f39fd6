from django.urls import path

from . import notice_views, views

urlpatterns = [
    path("don-vi/", views.unit_list, name="unit-list"),
    path("tim-don-vi/", views.unit_search, name="unit-search"),
    path("don-vi-cua-toi/", views.my_unit, name="my-unit"),
    path("don-vi/<slug:code>/thay-doi/", views.unit_changes, name="unit-changes"),
    path("don-vi/<slug:code>/tham-gia/", views.unit_participation, name="unit-participation"),
    path("thong-bao/", notice_views.notice_list, name="notices"),
    path("thong-bao/<int:pk>/", notice_views.notice_detail, name="notice"),
    path("thong-bao/da-doc/", notice_views.notices_read, name="notices-read"),
]
