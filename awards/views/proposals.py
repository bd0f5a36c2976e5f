"""Pages: proposals (being built)."""

urlpatterns: list = []
