"""Filters shared by the HTML lists and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters import selectors
from clusters.enums import GroupKind, GroupLevel, UnitType
from clusters.models import EmulationGroup, GroupMembership, OrgUnit
from core.filters import PortalFilterSet


def _date_widget():
    return forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class OrgUnitFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    unit_type = django_filters.ChoiceFilter(label=_("type"), choices=UnitType.choices)
    active_on = django_filters.DateFilter(
        label=_("active on"), method="filter_active_on", widget=_date_widget()
    )
    parent = django_filters.ModelChoiceFilter(
        label=_("parent unit"),
        queryset=OrgUnit.objects.filter(children__isnull=False).distinct().order_by("name"),
    )
    predecessors_of = django_filters.NumberFilter(
        label=_("predecessors of (unit id)"), method="filter_predecessors_of"
    )
    successors_of = django_filters.NumberFilter(
        label=_("successors of (unit id)"), method="filter_successors_of"
    )

    class Meta:
        model = OrgUnit
        fields = ["q", "unit_type", "active_on", "parent"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(short_name__icontains=value)
            | Q(code__iexact=value)
            | Q(official_code__iexact=value)
        )

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=value),
            Q(valid_to__isnull=True) | Q(valid_to__gte=value),
        )

    def filter_predecessors_of(self, queryset, name, value):
        """The unit and every unit it came from (across several events)."""
        return queryset.filter(pk__in=selectors.predecessors_of(int(value)).values("pk"))

    def filter_successors_of(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.successors_of(int(value)).values("pk"))


def _year_choices():
    this_year = timezone.localdate().year
    return [(y, str(y)) for y in range(this_year + 1, 2017, -1)]


class EmulationGroupFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=GroupKind.choices)
    level = django_filters.ChoiceFilter(label=_("level"), choices=GroupLevel.choices)
    member = django_filters.NumberFilter(label=_("with member (unit id)"), method="filter_member")
    year = django_filters.NumberFilter(label=_("year"), method="filter_year")

    class Meta:
        model = EmulationGroup
        fields = ["q", "kind", "level", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value))

    def filter_member(self, queryset, name, value):
        memberships = GroupMembership.objects.filter(unit_id=value)
        year = self.form.cleaned_data.get("year")
        if year:
            memberships = memberships.filter(year=year)
        return queryset.filter(pk__in=memberships.values("group_id"))

    def filter_year(self, queryset, name, value):
        """Groups with members that year, or running then."""
        return queryset.filter(
            Q(pk__in=GroupMembership.objects.filter(year=value).values("group_id"))
            | (
                (Q(valid_from__isnull=True) | Q(valid_from__year__lte=value))
                & (Q(valid_to__isnull=True) | Q(valid_to__year__gte=value))
            )
        )
