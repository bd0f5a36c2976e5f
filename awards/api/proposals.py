"""API: proposals (being built)."""

urlpatterns: list = []
