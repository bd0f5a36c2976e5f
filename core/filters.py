import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.audit import action_choices
from core.models import AuditEntry


class PortalFilterSet(django_filters.FilterSet):
    """A FilterSet whose form fields carry Bootstrap's classes, for every list page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class AuditEntryFilter(PortalFilterSet):
    action = django_filters.ChoiceFilter(label=_("action"), choices=action_choices)
    actor = django_filters.CharFilter(
        label=_("actor"), field_name="actor_label", lookup_expr="icontains"
    )
    target = django_filters.CharFilter(
        label=pgettext_lazy("audit", "target"), field_name="target_label", lookup_expr="icontains"
    )
    date_from = django_filters.DateFilter(
        label=_("from"),
        field_name="occurred_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    date_to = django_filters.DateFilter(
        label=_("to"),
        field_name="occurred_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )

    class Meta:
        model = AuditEntry
        fields = ["action"]


def filtered_or_none(filterset):
    """The rows a list page shows: everything while no filter is typed (unbound), nothing
    while the filter is invalid (the form then shows its errors), else the filtered rows."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs
