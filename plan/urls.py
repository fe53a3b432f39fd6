from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/<int:year>/", views.plan_detail, name="plan-detail"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:number>/", views.task_detail, name="task-detail"),
]
