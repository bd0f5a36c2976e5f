from rest_framework import viewsets

from reports import selectors
from reports.api.serializers import ReportRunSerializer
from reports.filters import ReportRunFilter


class ReportRunViewSet(viewsets.ReadOnlyModelViewSet):
    """Reports the caller may see (same rules as the pages); files are downloaded through
    `pdf_url`/`xlsx_url`, the permission-checked page. Others answer 404."""

    serializer_class = ReportRunSerializer
    filterset_class = ReportRunFilter
    ordering_fields = ["year", "created_at"]

    def get_queryset(self):
        return selectors.visible_runs(self.request.user)
