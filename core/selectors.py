from django.db.models import QuerySet

from core.models import AuditEntry


def audit_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("target_type").order_by("-occurred_at", "-id")
