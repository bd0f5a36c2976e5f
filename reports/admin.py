from django.contrib import admin

from reports.models import ReportNumberRegister, ReportRun


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    """Read-only: runs change only through the services (and a final one never)."""

    list_display = ["__str__", "status", "progress", "is_final", "number", "year", "created_at"]
    list_filter = ["scope", "kind", "status", "is_final", "year"]
    search_fields = ["group__name", "group__code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportNumberRegister)
class ReportNumberRegisterAdmin(admin.ModelAdmin):
    list_display = ["year", "symbol", "last_number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
