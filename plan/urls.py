from django.urls import path

from . import import_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/<int:year>/", views.plan_detail, name="plan-detail"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:number>/", views.task_detail, name="task-detail"),
    path("nhap-du-lieu/", import_views.import_data, name="import-data"),
    path("nhap-du-lieu/xac-nhan/", import_views.import_confirm, name="import-confirm"),
    path("nhap-du-lieu/xuat/<slug:kind>/", import_views.export_data, name="export-data"),
]
