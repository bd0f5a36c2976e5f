"""List pages: permission, shared FilterSet, pagination, an HTMX-swappable result block."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import ListView

from core.filters import filtered_or_none


class FilteredListView(PermissionRequiredMixin, ListView):
    """A list with a shared FilterSet, pagination and an HTMX-swappable result block."""

    paginate_by = 25
    filterset_class = None

    def base_queryset(self):
        """The rows this user may see, before filtering; every list overrides it."""
        return self.filterset_class._meta.model._default_manager.none()

    def get_queryset(self):
        base = self.base_queryset()
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=base, request=self.request
        )
        return filtered_or_none(self.filterset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context
