"""/api/v1/: each app contributes its own routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("accounts.api.urls")),
    path("", include("clusters.api.urls")),
    path("", include("campaigns.api.urls")),
    path("", include("scoring.api.urls")),
    path("", include("awards.api.urls")),
    path("", include("reports.api.urls")),
]
