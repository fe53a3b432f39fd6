from django.urls import path

from . import print_views, proposal_views, unit_decision_views, views

app_name = "council"

urlpatterns = [
    path("", views.sessions, name="sessions"),
    path("mau-van-ban/", views.document_templates, name="templates"),
    path("thanh-vien/", views.members, name="members"),
    path("phien/tao/", views.session_create, name="session-create"),
    path("phien/<int:pk>/", views.session_detail, name="session"),
    path("phien/<int:pk>/co-mat/", views.session_attendance, name="attendance"),
    path("phien/<int:pk>/ket-thuc/", views.session_close, name="close"),
    path("phien/<int:pk>/bo-phieu/", views.vote, name="vote"),
    path("phien/<int:pk>/bien-ban.docx", views.minutes, name="minutes"),
    path("phien/<int:pk>/bien-ban/", print_views.minutes_print, name="minutes-print"),
    path("phien/<int:pk>/quyet-dinh/", views.decision_create, name="decision-create"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/ghi-so/", views.decision_record, name="decision-record"),
    path("quyet-dinh/<int:pk>/tai.docx", views.decision_docx, name="decision-docx"),
    path("quyet-dinh/<int:pk>/ban-in/", print_views.decision_print, name="decision-print"),
    path("to-trinh/", proposal_views.proposal_list, name="proposals"),
    path("to-trinh/<int:pk>/", proposal_views.proposal_detail, name="proposal"),
    path("to-trinh/<int:pk>/gui/", proposal_views.proposal_send, name="proposal-send"),
    path("to-trinh/<int:pk>/tai.docx", proposal_views.proposal_docx, name="proposal-docx"),
    path("to-trinh/<int:pk>/ban-in/", print_views.proposal_print, name="proposal-print"),
    path("don-vi/", unit_decision_views.unit_decision_list, name="unit-decisions"),
    path("don-vi/<int:pk>/", unit_decision_views.unit_decision_detail, name="unit-decision"),
]
