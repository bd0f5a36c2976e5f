"""Django admin: read-only views for administrators. Changes go through the portal's pages,
which audit them; the catalogue pages live under /awards/catalogue/."""

from django.contrib import admin

from awards.models import AwardRecord, AwardType, Decision, Proposal


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AwardType)
class AwardTypeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "kind", "statistics_column", "active"]
    list_filter = ["level", "kind", "active"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "year", "status"]
    list_filter = ["year", "status"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "symbol", "decided_on", "title", "status"]


@admin.register(AwardRecord)
class AwardRecordAdmin(ReadOnlyAdmin):
    list_display = ["name", "award_type", "year", "decision", "revoked_at"]
    list_filter = ["year", "award_type"]
