from django.contrib import admin

from clusters.models import (
    EmulationGroup,
    GroupMembership,
    GroupTerm,
    LineageEvent,
    LineageLink,
    OrgUnit,
    UnitParentPeriod,
)


class UnitParentPeriodInline(admin.TabularInline):
    model = UnitParentPeriod
    fk_name = "unit"
    extra = 0
    autocomplete_fields = ("parent",)


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit_type", "parent", "valid_from", "valid_to")
    list_filter = ("unit_type",)
    search_fields = ("code", "official_code", "name", "short_name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    inlines = (UnitParentPeriodInline,)


class LineageLinkInline(admin.TabularInline):
    model = LineageLink
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(LineageEvent)
class LineageEventAdmin(admin.ModelAdmin):
    list_display = ("kind", "effective_on", "decision_ref")
    list_filter = ("kind",)
    search_fields = ("decision_ref", "links__unit__name")
    inlines = (LineageLinkInline,)


@admin.register(EmulationGroup)
class EmulationGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "level", "valid_from", "valid_to")
    list_filter = ("kind", "level")
    search_fields = ("code", "name")


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ("group", "unit", "year", "level")
    list_filter = ("year", "level")
    list_select_related = ("group", "unit")
    search_fields = ("group__name", "unit__name", "unit__code")
    autocomplete_fields = ("group", "unit")


@admin.register(GroupTerm)
class GroupTermAdmin(admin.ModelAdmin):
    list_display = ("group", "year", "head_unit", "deputy_unit", "decision_ref")
    list_filter = ("year",)
    list_select_related = ("group", "head_unit", "deputy_unit")
    autocomplete_fields = ("group", "head_unit", "deputy_unit")
