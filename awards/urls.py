from django.urls import path

from . import emulation_views, initiative_views, views

app_name = "awards"

urlpatterns = [
    path("", views.unit_dossiers, name="unit-dossiers"),
    path("tao/", views.dossier_create, name="create"),
    path("<int:pk>/", views.dossier_detail, name="dossier"),
    path("<int:pk>/sua/", views.dossier_edit, name="edit"),
    path("<int:pk>/tai-lieu/", views.document_upload, name="upload"),
    path("<int:pk>/tai-lieu/<int:document_id>/", views.document_download, name="document"),
    path("<int:pk>/tai-lieu/<int:document_id>/go/", views.document_remove, name="document-remove"),
    path("<int:pk>/chuyen/<str:to_state>/", views.dossier_move, name="move"),
    path("tiep-nhan/", views.inbox, name="inbox"),
    path("tiep-nhan/chuyen/", views.inbox_move, name="inbox-move"),
    path("hoi-dong/", views.council_list, name="council"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("sang-kien/", views.initiatives, name="initiatives"),
    path("sang-kien/<int:pk>/sua/", initiative_views.initiative_edit, name="initiative-edit"),
    path("sang-kien/<int:pk>/cong-nhan/", views.initiative_recognise, name="initiative-recognise"),
    path("phong-trao/<int:pk>/", emulation_views.movement_results, name="movement"),
    path("de-nghi-tu-cum/<int:pk>/", emulation_views.propose_from_grouping, name="propose"),
]
