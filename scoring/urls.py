from django.urls import path

from scoring import views

app_name = "scoring"
urlpatterns = [
    path("", views.set_list, name="set-list"),
    path("new/", views.set_create, name="set-create"),
    path("<int:pk>/", views.set_detail, name="set-detail"),
    path("<int:pk>/settings/", views.set_settings, name="set-settings"),
    path("<int:pk>/criteria/add/", views.criterion_add, name="criterion-add"),
    path(
        "<int:pk>/criteria/<int:criterion_pk>/delete/",
        views.criterion_delete,
        name="criterion-delete",
    ),
    path("<int:pk>/phases/", views.set_phases, name="set-phases"),
    path("<int:pk>/copy/", views.set_copy, name="set-copy"),
    path("<int:pk>/export/", views.set_export, name="set-export"),
    path("<int:pk>/import/", views.set_import, name="set-import"),
    path("<int:pk>/units/<int:unit_id>/", views.self_assessment, name="self-assessment"),
    path(
        "<int:pk>/units/<int:unit_id>/save/<int:criterion_pk>/",
        views.self_save,
        name="self-save",
    ),
    path(
        "<int:pk>/units/<int:unit_id>/evidence/<int:criterion_pk>/",
        views.evidence_upload,
        name="evidence-upload",
    ),
    path("<int:pk>/units/<int:unit_id>/submit/", views.self_submit, name="self-submit"),
    path("<int:pk>/units/<int:unit_id>/return/", views.sheet_return, name="sheet-return"),
    path("<int:pk>/units/<int:unit_id>/explain/", views.explain, name="explain"),
    path("evidence/<int:evidence_pk>/", views.evidence_download, name="evidence-download"),
    path("evidence/<int:evidence_pk>/delete/", views.evidence_delete, name="evidence-delete"),
    path("<int:pk>/grid/", views.grid, name="grid"),
    path("<int:pk>/grid/cell/", views.grid_cell, name="grid-cell"),
    path("<int:pk>/grid/export/", views.grid_export, name="grid-export"),
    path("<int:pk>/grid/import/", views.grid_import, name="grid-import"),
    path("<int:pk>/council/", views.council, name="council"),
    path("<int:pk>/overview/", views.overview, name="overview"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results/lock/", views.results_lock, name="results-lock"),
    path("<int:pk>/ballots/new/", views.ballot_open, name="ballot-open"),
    path("ballots/<int:pk>/", views.ballot_detail, name="ballot"),
    path("ballots/<int:pk>/vote/", views.ballot_vote, name="ballot-vote"),
    path("ballots/<int:pk>/close/", views.ballot_close, name="ballot-close"),
    path("ballots/<int:pk>/next-round/", views.ballot_next_round, name="ballot-next-round"),
    path("ballots/<int:pk>/decide/", views.ballot_decide, name="ballot-decide"),
    path("ballots/<int:pk>/minutes/", views.ballot_minutes, name="ballot-minutes"),
    path("ballots/<int:pk>/minutes.pdf", views.ballot_minutes_pdf, name="ballot-minutes-pdf"),
]
