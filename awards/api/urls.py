from django.urls import include, path

urlpatterns = [
    path("", include("awards.api.proposals")),
    path("", include("awards.api.decisions")),
    path("", include("awards.api.catalogue")),
]
