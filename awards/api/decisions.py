"""API: decisions (being built)."""

urlpatterns: list = []
