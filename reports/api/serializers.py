from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports.models import ReportRun


class ReportRunSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    group_code = serializers.CharField(source="group.code", read_only=True, default=None)
    number_label = serializers.CharField(read_only=True)
    pdf_url = serializers.SerializerMethodField()
    xlsx_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "kind",
            "kind_label",
            "scope",
            "group",
            "group_code",
            "year",
            "period",
            "status",
            "status_label",
            "progress",
            "is_final",
            "number_label",
            "issued_on",
            "pdf_sha256",
            "xlsx_sha256",
            "pdf_url",
            "xlsx_url",
            "created_at",
            "finished_at",
        ]

    def _url(self, run: ReportRun, fmt: str, stored) -> str | None:
        if not stored or run.status != "done":
            return None
        return reverse("reports:download", args=[run.pk, fmt])

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf_url(self, run: ReportRun) -> str | None:
        return self._url(run, "pdf", run.pdf_file)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_xlsx_url(self, run: ReportRun) -> str | None:
        return self._url(run, "xlsx", run.xlsx_file)
