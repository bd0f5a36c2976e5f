"""API: catalogue (being built)."""

urlpatterns: list = []
