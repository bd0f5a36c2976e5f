import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import PortalFilterSet
from reports.enums import ReportKind, ReportPeriod, ReportScope
from reports.models import ReportRun


class ReportRunFilter(PortalFilterSet):
    """Shared by the report list page (and an API list, when there is one)."""

    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=ReportScope.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ReportKind.choices)
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)
    period = django_filters.ChoiceFilter(label=_("Period"), choices=ReportPeriod.choices)
    is_final = django_filters.BooleanFilter(label=_("Final only"))

    class Meta:
        model = ReportRun
        fields = ["scope", "kind", "year", "period", "is_final"]
