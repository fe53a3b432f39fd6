from django.urls import path

from . import rollover_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("bang-dieu-khien/xuat/", views.dashboard_export, name="dashboard-export"),
    path("ke-hoach/<int:year>/", views.plan_detail, name="plan-detail"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:number>/", views.task_detail, name="task-detail"),
    path("nhiem-vu/<int:pk>/han/", views.task_set_due_date, name="task-set-due-date"),
    path("nhiem-vu/<int:pk>/giao-don-vi/", views.task_name_units, name="task-name-units"),
    path("phan-viec/", views.part_list, name="part-list"),
    path("phan-viec/<int:pk>/", views.part_detail, name="part-detail"),
    path("phan-viec/<int:pk>/huy/", views.part_cancel, name="part-cancel"),
    path("bao-cao/<int:pk>/minh-chung/", views.evidence_file, name="evidence-file"),
    path("don-vi/<slug:code>/", views.unit_detail, name="unit-detail"),
    path("yeu-cau/<int:pk>/", views.requirement_detail, name="requirement-detail"),
    path("yeu-cau/<int:pk>/gui/<slug:code>/", views.submission_create, name="submission-create"),
    path("van-ban/<int:pk>/", views.submission_file, name="submission-file"),
    path("van-ban/<int:pk>/xem-xet/", views.submission_review, name="submission-review"),
]

# Next year's plan: the office's draft (plan/rollover_views.py).
urlpatterns += [
    path("ke-hoach/<int:year>/chuyen-nam/", rollover_views.plan_roll_over, name="plan-roll-over"),
    path("du-thao/<int:year>/", rollover_views.draft_detail, name="draft-detail"),
    path("du-thao/<int:year>/sua/", rollover_views.draft_edit, name="draft-edit"),
    path(
        "du-thao/<int:year>/nhiem-vu/<int:number>/",
        rollover_views.draft_task_edit,
        name="draft-task-edit",
    ),
    path("du-thao/<int:year>/ban-hanh/", rollover_views.draft_publish, name="draft-publish"),
]
