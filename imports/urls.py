from django.urls import path

from . import views

urlpatterns = [
    path("nhap-du-lieu/", views.import_data, name="import-data"),
    path("nhap-du-lieu/xac-nhan/", views.import_confirm, name="import-confirm"),
    path("nhap-du-lieu/xuat/<slug:kind>/", views.export_data, name="export-data"),
]
