"""HTML input validation only; the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusters.enums import GroupKind, GroupLevel, LineageKind, UnitType
from clusters.importer import ImportKind
from clusters.models import EmulationGroup, OrgUnit

DATE_WIDGET_ATTRS = {"placeholder": "dd/mm/yyyy", "class": "form-control"}


def _date_field(label, required=False):
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs=DATE_WIDGET_ATTRS)
    )


def _unit_choice(label, required=True, queryset=None):
    return forms.ModelChoiceField(
        label=label,
        required=required,
        queryset=queryset if queryset is not None else OrgUnit.objects.order_by("name"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(field.widget, forms.Select | forms.SelectMultiple):
                field.widget.attrs.setdefault("class", "form-select")
            else:
                field.widget.attrs.setdefault("class", "form-control")


class UnitForm(StyledForm):
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    official_code = forms.CharField(label=_("Official code"), max_length=32, required=False)
    unit_type = forms.ChoiceField(label=_("Type"), choices=UnitType.choices)
    parent = _unit_choice(_("Parent unit"), required=False)
    parent_from = _date_field(_("Parent from"))
    valid_from = _date_field(_("Valid from"))
    valid_to = _date_field(_("Valid to"))

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        if unit is not None:
            # The code is the key for imports and other apps: it never changes.
            self.fields["code"].disabled = True
            self.fields["parent"].queryset = OrgUnit.objects.exclude(pk=unit.pk).order_by("name")
            self.fields["parent_from"].help_text = _(
                "Needed only when the parent changes: the first day under the new parent."
            )
        else:
            del self.fields["parent_from"]

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The last day is before the first day."))
        parent_changed = self.unit is not None and data.get("parent") != self.unit.parent
        if parent_changed and not data.get("parent_from"):
            self.add_error("parent_from", _("Enter the day the new parent takes over."))
        return data


class RenameForm(StyledForm):
    name = forms.CharField(label=_("New name"), max_length=255)
    short_name = forms.CharField(label=_("New short name"), max_length=100, required=False)
    effective_on = _date_field(_("Effective on"), required=True)
    decision_ref = forms.CharField(label=_("Decision"), max_length=255, required=False)


class LineageEventForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[c for c in LineageKind.choices if c[0] != LineageKind.RENAME],
    )
    effective_on = _date_field(_("Effective on"), required=True)
    decision_ref = forms.CharField(label=_("Decision"), max_length=255, required=False)
    predecessors = forms.ModelMultipleChoiceField(
        label=_("Predecessor units"),
        required=False,
        queryset=OrgUnit.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    partial_predecessors = forms.ModelMultipleChoiceField(
        label=_("Predecessors only partly taken over"),
        required=False,
        queryset=OrgUnit.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    successors = forms.ModelMultipleChoiceField(
        label=_("Successor units"),
        queryset=OrgUnit.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    close_predecessors = forms.BooleanField(
        label=_("End the whole predecessors the day before"), required=False
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class GroupForm(StyledForm):
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=GroupLevel.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea({"rows": 3})
    )
    decision_ref = forms.CharField(label=_("Founding decision"), max_length=255, required=False)
    valid_from = _date_field(_("Valid from"))
    valid_to = _date_field(_("Valid to"))

    def __init__(self, *args, group: EmulationGroup | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if group is not None:
            self.fields["code"].disabled = True

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The last day is before the first day."))
        return data


class AddMemberForm(StyledForm):
    unit = _unit_choice(_("Unit"))

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        from clusters.selectors import units_in_year  # noqa: PLC0415 -- forms sit above selectors

        self.fields["unit"].queryset = units_in_year(year)


class TermForm(StyledForm):
    head_unit = _unit_choice(pgettext_lazy("cluster role", "Head"))
    deputy_unit = _unit_choice(pgettext_lazy("cluster role", "Deputy head"), required=False)
    decision_ref = forms.CharField(label=_("Decision"), max_length=255, required=False)

    def __init__(self, *args, member_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head_unit"].queryset = member_units
        self.fields["deputy_unit"].queryset = member_units


class CopyYearForm(StyledForm):
    from_year = forms.IntegerField(label=_("Copy from year"), min_value=1990, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_year"].initial = timezone.localdate().year


class ImportForm(StyledForm):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        return upload
