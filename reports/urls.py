from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("new/", views.ReportRequestView.as_view(), name="request"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/status/", views.ReportStatusView.as_view(), name="status"),
    path("<int:pk>/download/<str:fmt>/", views.ReportDownloadView.as_view(), name="download"),
    path("<int:pk>/narrative/", views.ReportNarrativeView.as_view(), name="narrative"),
    path("<int:pk>/finalise/", views.ReportFinaliseView.as_view(), name="finalise"),
]
