"""Read-mostly admin: changes go through the portal pages, which audit them."""

from django.contrib import admin

from campaigns.models import (
    EmulationPledge,
    EmulationRegistration,
    Movement,
    MovementParticipation,
    PledgeItem,
    PledgeSignature,
    RegisteredIndividual,
    RegistrationExtension,
    RegistrationWindow,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ParticipationInline(ReadOnlyInline):
    model = MovementParticipation


@admin.register(Movement)
class MovementAdmin(ReadOnlyAdmin):
    list_display = ("name", "launcher_level", "kind", "status", "start_year", "end_year")
    list_filter = ("launcher_level", "kind", "status")
    search_fields = ("name",)
    inlines = [ParticipationInline]


@admin.register(RegistrationWindow)
class RegistrationWindowAdmin(ReadOnlyAdmin):
    list_display = ("year", "opens_on", "deadline")


@admin.register(RegistrationExtension)
class RegistrationExtensionAdmin(ReadOnlyAdmin):
    list_display = ("unit", "year", "new_deadline", "granted_by")
    list_select_related = ("unit", "granted_by")


class IndividualInline(ReadOnlyInline):
    model = RegisteredIndividual


@admin.register(EmulationRegistration)
class EmulationRegistrationAdmin(ReadOnlyAdmin):
    list_display = ("unit", "year", "movement", "status", "is_late")
    list_filter = ("status", "year", "is_late")
    list_select_related = ("unit", "movement")
    search_fields = ("unit__name", "unit__code")
    inlines = [IndividualInline]


class PledgeItemInline(ReadOnlyInline):
    model = PledgeItem


class PledgeSignatureInline(ReadOnlyInline):
    model = PledgeSignature


@admin.register(EmulationPledge)
class EmulationPledgeAdmin(ReadOnlyAdmin):
    list_display = ("group", "year", "status")
    list_filter = ("status", "year")
    list_select_related = ("group",)
    inlines = [PledgeItemInline, PledgeSignatureInline]
