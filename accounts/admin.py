from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    """Read-only here: roles are changed on the role assignment page, which audits them."""

    model = RoleAssignment
    extra = 0
    can_delete = False
    fields = ("unit", "role", "valid_from", "valid_to")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Work details"), {"fields": ("full_name", "position", "phone")}),
    )
    list_display = ("username", "full_name", "email", "is_active")
    search_fields = ("username", "full_name", "email")
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "valid_from", "valid_to")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "unit__name", "unit__code")
    list_select_related = ("user", "unit")
    autocomplete_fields = ("user", "unit")

    def get_readonly_fields(self, request, obj=None):
        # Who, where and what are fixed once saved: a different role is a new assignment.
        return ("user", "unit", "role") if obj else ()

    def save_model(self, request, obj, form, change):
        if change:
            services.change_role_assignment(
                obj, actor=request.user, valid_from=obj.valid_from, valid_to=obj.valid_to
            )
        else:
            saved = services.assign_role(
                obj.user,
                unit=obj.unit,
                role=obj.role,
                actor=request.user,
                valid_from=obj.valid_from,
                valid_to=obj.valid_to,
            )
            obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        # History matters: end an assignment (valid to) instead of deleting it.
        return False
