from django.urls import path

from .views import groupings, targets

app_name = "emulation"

urlpatterns = [
    path("", groupings.current_groupings, name="current"),
    path("<int:year>/", groupings.groupings, name="groupings"),
    path("<int:year>/dang-ky/", groupings.register, name="register"),
    path("<int:year>/cong-bo/", groupings.announce, name="announce"),
    path("<int:year>/phat-dong/", groupings.launch_movement, name="launch-movement"),
    path("<int:year>/muc-ii/", targets.section_two, name="section-two"),
    path("<int:year>/muc-ii/<slug:measure>/", targets.section_two_units, name="section-two-units"),
    path("<int:year>/kiem-tra/", targets.inspections, name="inspections"),
    path("<int:year>/kiem-tra/lap/", targets.inspection_plan_create, name="inspection-plan"),
    path("kiem-tra/<int:pk>/them/", targets.inspection_add, name="inspection-add"),
    path("kiem-tra/cuoc/<int:pk>/", targets.inspection_record, name="inspection-record"),
    path("<int:year>/dien-hinh/", targets.exemplars, name="exemplars"),
    path("cum/<int:pk>/", groupings.grouping, name="grouping"),
    path("cum/<int:pk>/ky-giao-uoc/", groupings.sign_pact, name="sign-pact"),
    path("cum/<int:pk>/bang-diem/", groupings.give_score_sheet, name="score-sheet"),
    path("cum/<int:pk>/diem/<slug:code>/", groupings.scores, name="scores"),
    path("diem/<int:pk>/minh-chung/", groupings.score_evidence, name="score-evidence"),
    path("giao-uoc/<int:pk>/", groupings.pact_file, name="pact-file"),
]
