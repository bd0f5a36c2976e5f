from django.urls import path

from clusters import views

app_name = "clusters"
urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("units/new/", views.UnitCreateView.as_view(), name="unit-create"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("units/<int:pk>/edit/", views.UnitEditView.as_view(), name="unit-edit"),
    path("units/<int:pk>/rename/", views.UnitRenameView.as_view(), name="unit-rename"),
    path("lineage/new/", views.LineageEventCreateView.as_view(), name="lineage-create"),
    path("groups/", views.GroupListView.as_view(), name="group-list"),
    path("groups/new/", views.GroupCreateView.as_view(), name="group-create"),
    path("groups/copy-year/", views.CopyYearView.as_view(), name="group-copy-year"),
    path("groups/<int:pk>/", views.GroupDetailView.as_view(), name="group-detail"),
    path("groups/<int:pk>/edit/", views.GroupEditView.as_view(), name="group-edit"),
    path("groups/<int:pk>/members/add/", views.MemberAddView.as_view(), name="member-add"),
    path(
        "groups/<int:pk>/members/<int:membership_pk>/remove/",
        views.MemberRemoveView.as_view(),
        name="member-remove",
    ),
    path("groups/<int:pk>/term/", views.TermSetView.as_view(), name="term-set"),
    path("import/", views.ImportView.as_view(), name="import"),
    path(
        "import/template/<str:kind>.<str:fmt>",
        views.TemplateDownloadView.as_view(),
        name="import-template",
    ),
    path("export/<str:kind>.<str:fmt>", views.ExportView.as_view(), name="export"),
]
