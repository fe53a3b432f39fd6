from django.urls import path

from . import views

app_name = "emulation"

urlpatterns = [
    path("", views.current_groupings, name="current"),
    path("<int:year>/", views.groupings, name="groupings"),
    path("<int:year>/dang-ky/", views.register, name="register"),
    path("<int:year>/cong-bo/", views.announce, name="announce"),
    path("<int:year>/muc-ii/", views.section_two, name="section-two"),
    path("<int:year>/muc-ii/<slug:measure>/", views.section_two_units, name="section-two-units"),
    path("<int:year>/kiem-tra/", views.inspections, name="inspections"),
    path("<int:year>/dien-hinh/", views.exemplars, name="exemplars"),
    path("cum/<int:pk>/", views.grouping, name="grouping"),
    path("cum/<int:pk>/ky-giao-uoc/", views.sign_pact, name="sign-pact"),
    path("cum/<int:pk>/bang-diem/", views.give_score_sheet, name="score-sheet"),
    path("cum/<int:pk>/diem/<slug:code>/", views.scores, name="scores"),
    path("diem/<int:pk>/minh-chung/", views.score_evidence, name="score-evidence"),
    path("giao-uoc/<int:pk>/", views.pact_file, name="pact-file"),
]
