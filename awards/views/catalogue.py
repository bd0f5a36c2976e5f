"""Pages: catalogue (being built)."""

urlpatterns: list = []
