"""Filters shared by the HTML lists and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.rules import is_province_wide_reader
from accounts.selectors import unit_ids as role_unit_ids
from campaigns.enums import LauncherLevel, MovementKind, MovementStatus, RegistrationStatus
from campaigns.models import EmulationRegistration, Movement
from clusters.models import GroupMembership, OrgUnit
from core.filters import PortalFilterSet


class MovementFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label=_("name contains"), field_name="name", lookup_expr="icontains"
    )
    launcher_level = django_filters.ChoiceFilter(
        label=_("launched by"), choices=LauncherLevel.choices
    )
    kind = django_filters.ChoiceFilter(label=_("form"), choices=MovementKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=MovementStatus.choices)
    year = django_filters.NumberFilter(label=_("running in year"), method="filter_year")

    class Meta:
        model = Movement
        fields = ["launcher_level", "kind", "status"]

    def filter_year(self, queryset, name, value):
        year = int(value)
        by_years = (Q(start_year__isnull=True) | Q(start_year__lte=year)) & (
            Q(end_year__isnull=True) | Q(end_year__gte=year)
        )
        by_dates = (Q(start_date__isnull=True) | Q(start_date__year__lte=year)) & (
            Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        )
        return queryset.filter(by_years & by_dates)


def units_for_registration_filter(request):
    if request is None:
        return OrgUnit.objects.none()
    user = request.user
    if is_province_wide_reader(user):
        return OrgUnit.objects.filter(
            pk__in=EmulationRegistration.objects.values("unit_id")
        ).order_by("name")
    own = role_unit_ids(user, Role.UNIT_OFFICER, Role.UNIT_LEADER)
    headed_members = GroupMembership.objects.filter(
        group__terms__head_unit_id__in=role_unit_ids(user, Role.GROUP_HEAD)
    ).values("unit_id")
    return OrgUnit.objects.filter(Q(pk__in=own) | Q(pk__in=headed_members)).order_by("name")


class RegistrationFilter(PortalFilterSet):
    year = django_filters.NumberFilter(label=_("year"))
    unit = django_filters.ModelChoiceFilter(label=_("unit"), queryset=units_for_registration_filter)
    status = django_filters.ChoiceFilter(label=_("status"), choices=RegistrationStatus.choices)
    movement = django_filters.ModelChoiceFilter(
        label=_("movement"), queryset=Movement.objects.order_by("name")
    )
    is_late = django_filters.BooleanFilter(
        label=_("late"),
        widget=forms.Select(
            choices=[("", _("All")), ("true", _("Late only")), ("false", _("On time only"))]
        ),
    )

    class Meta:
        model = EmulationRegistration
        fields = ["year", "unit", "status", "movement", "is_late"]
