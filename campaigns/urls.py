from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("movements/", views.MovementListView.as_view(), name="movement-list"),
    path("movements/new/", views.movement_form, name="movement-create"),
    path("movements/<int:pk>/", views.movement_detail, name="movement-detail"),
    path("movements/<int:pk>/edit/", views.movement_form, name="movement-update"),
    path("movements/<int:pk>/status/", views.movement_status, name="movement-status"),
    path(
        "movements/<int:pk>/participants/",
        views.movement_participant_add,
        name="movement-participant-add",
    ),
    path(
        "movements/<int:pk>/participants/<int:participation_pk>/remove/",
        views.movement_participant_remove,
        name="movement-participant-remove",
    ),
    path("registrations/", views.RegistrationListView.as_view(), name="registration-list"),
    path("registrations/new/", views.registration_create, name="registration-create"),
    path(
        "registrations/individual-row/",
        views.registration_individual_row,
        name="registration-individual-row",
    ),
    path("registrations/summary/", views.registration_summary, name="registration-summary"),
    path(
        "registrations/summary.xlsx",
        views.registration_summary_export,
        name="registration-summary-export",
    ),
    path("registrations/<int:pk>/", views.registration_detail, name="registration-detail"),
    path("registrations/<int:pk>/edit/", views.registration_update, name="registration-update"),
    path("registrations/<int:pk>/send/", views.registration_send, name="registration-send"),
    path(
        "registrations/<int:pk>/approve/", views.registration_approve, name="registration-approve"
    ),
    path("registrations/<int:pk>/return/", views.registration_return, name="registration-return"),
    path("windows/", views.WindowListView.as_view(), name="window-list"),
    path("windows/new/", views.window_form, name="window-create"),
    path("windows/<int:year>/edit/", views.window_form, name="window-update"),
    path("extensions/", views.ExtensionListView.as_view(), name="extension-list"),
    path("extensions/new/", views.extension_form, name="extension-create"),
    path("pledges/", views.PledgeListView.as_view(), name="pledge-list"),
    path("pledges/new/", views.pledge_create, name="pledge-create"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge-detail"),
    path("pledges/<int:pk>/edit/", views.pledge_update, name="pledge-update"),
    path("pledges/<int:pk>/circulate/", views.pledge_circulate, name="pledge-circulate"),
    path("pledges/<int:pk>/confirm/", views.pledge_confirm, name="pledge-confirm"),
    path("pledges/<int:pk>/close/", views.pledge_close, name="pledge-close"),
]
