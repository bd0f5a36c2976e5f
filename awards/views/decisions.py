"""Pages: decisions (being built)."""

urlpatterns: list = []
