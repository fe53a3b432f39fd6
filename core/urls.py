from django.urls import path

from . import views

urlpatterns = [
    path("xuat/<int:pk>/", views.export_job, name="export-job"),
    path("xuat/<int:pk>/trang-thai/", views.export_job_status, name="export-job-status"),
    path("xuat/<int:pk>/tai-ve/", views.export_file, name="export-job-file"),
]
