from django.urls import path

from scoring.api import views

urlpatterns = [
    path("criteria-sets/", views.CriteriaSetListView.as_view(), name="scoring-criteria-set-list"),
    path(
        "criteria-sets/<int:pk>/",
        views.CriteriaSetDetailView.as_view(),
        name="scoring-criteria-set-detail",
    ),
    path(
        "criteria-sets/<int:pk>/score-sheets/",
        views.ScoreSheetsView.as_view(),
        name="scoring-score-sheets",
    ),
    path("ballots/<int:pk>/", views.BallotView.as_view(), name="scoring-ballot"),
    path("ballots/<int:pk>/votes/", views.BallotVoteView.as_view(), name="scoring-ballot-vote"),
]
