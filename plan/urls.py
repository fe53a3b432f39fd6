from django.urls import path

from . import rollover_views
from .views import arrivals, overview, parts, queue, reminders, tasks, units, years

urlpatterns = [
    path("ke-hoach/", overview.home, name="home"),
    path("bang-dieu-khien/", overview.dashboard, name="dashboard"),
    path("bang-dieu-khien/xuat/", overview.dashboard_export, name="dashboard-export"),
    path("ke-hoach/<int:year>/", overview.plan_detail, name="plan-detail"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:number>/", tasks.task_detail, name="task-detail"),
    path("nhiem-vu/<int:pk>/han/", tasks.task_set_due_date, name="task-set-due-date"),
    path("nhiem-vu/<int:pk>/giao-don-vi/", tasks.task_name_units, name="task-name-units"),
    path("phan-viec/", parts.part_list, name="part-list"),
    path("phan-viec/<int:pk>/", parts.part_detail, name="part-detail"),
    path("phan-viec/<int:pk>/huy/", parts.part_cancel, name="part-cancel"),
    path("bao-cao/<int:pk>/minh-chung/", parts.evidence_file, name="evidence-file"),
    path("bao-cao/<int:pk>/xac-nhan/", parts.report_confirm, name="report-confirm"),
    path("don-vi/<slug:code>/", units.unit_detail, name="unit-detail"),
    path("yeu-cau/<int:pk>/", units.requirement_detail, name="requirement-detail"),
    path("yeu-cau/<int:pk>/gui/<slug:code>/", units.submission_create, name="submission-create"),
    path("van-ban/<int:pk>/", units.submission_file, name="submission-file"),
    path("van-ban/cho-xem-xet/", queue.review_queue, name="review-queue"),
    path("don-doc/", reminders.reminders, name="reminders"),
    path("chon-nam/", years.switch_year, name="switch-year"),
    path("da-gui-den/", arrivals.arrivals_page, name="arrivals"),
    path("van-ban/<int:pk>/xem-xet/", units.submission_review, name="submission-review"),
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
