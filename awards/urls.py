from django.urls import include, path

app_name = "awards"

urlpatterns = [
    path("", include("awards.views.proposals")),
    path("", include("awards.views.decisions")),
    path("", include("awards.views.catalogue")),
]
