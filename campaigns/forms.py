from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.enums import CollectiveTitle, IndividualTitle
from campaigns.models import Movement
from clusters.models import OrgUnit

DATE_WIDGET_ATTRS = {"placeholder": "dd/mm/yyyy", "class": "form-control"}


def date_field(label, *, required=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET_ATTRS),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy.")},
    )


class StyledFormMixin:
    def style_fields(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class MovementForm(StyledFormMixin, forms.ModelForm):
    start_date = date_field(_("start date"), required=False)
    end_date = date_field(_("end date"), required=False)
    launched_on = date_field(_("launched on"), required=False)

    class Meta:
        model = Movement
        fields = [
            "name",
            "launcher_level",
            "kind",
            "start_year",
            "end_year",
            "start_date",
            "end_date",
            "objectives",
            "launch_document",
            "launched_on",
            "launcher_unit",
            "notes",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["launcher_unit"].queryset = OrgUnit.objects.order_by("name")
        self.style_fields()


class ParticipantForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("unit"), queryset=OrgUnit.objects.order_by("name"))
    joined_on = date_field(_("joined on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class RegistrationWindowForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    opens_on = date_field(_("opens on"))
    deadline = date_field(_("deadline"))
    note = forms.CharField(label=_("note"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("deadline") and data["deadline"] < data["opens_on"]:
            self.add_error("deadline", _("The deadline cannot be before the opening."))
        return data


class ExtensionForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("unit"), queryset=OrgUnit.objects.order_by("name"))
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    new_deadline = date_field(_("new deadline"))
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class RegistrationForm(StyledFormMixin, forms.Form):
    """The collective part of a registration. Unit, year and movement are set on creation."""

    unit = forms.ModelChoiceField(label=_("unit"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(
        label=_("movement (leave empty for the annual registration)"),
        queryset=Movement.objects.order_by("name"),
        required=False,
    )
    collective_titles = forms.MultipleChoiceField(
        label=_("collective target titles"),
        choices=CollectiveTitle.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    commitments = forms.CharField(
        label=_("commitments"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, units=None, creating=True, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        else:
            for name in ("unit", "year", "movement"):
                del self.fields[name]
        self.style_fields()


class IndividualForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("full name"), max_length=200)
    position = forms.CharField(label=_("position"), max_length=200, required=False)
    target_title = forms.ChoiceField(label=_("target title"), choices=IndividualTitle.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


IndividualFormSet = forms.formset_factory(IndividualForm, extra=0, can_delete=True, max_num=500)
INDIVIDUALS_PREFIX = "individuals"


def individuals_from_formset(formset) -> list[dict]:
    return [
        {
            "full_name": form.cleaned_data["full_name"],
            "position": form.cleaned_data.get("position", ""),
            "target_title": form.cleaned_data["target_title"],
        }
        for form in formset.forms
        if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for return"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": _("Give the reason for returning the registration.")},
    )


class PledgeForm(StyledFormMixin, forms.Form):
    term = forms.ChoiceField(label=_("cluster/block and year"))
    title = forms.CharField(label=_("title"), max_length=300)
    targets = forms.CharField(
        label=_("targets (one per line)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter at least one target of the pledge.")},
    )

    def __init__(self, *args, terms=None, creating=True, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["term"].choices = [
                (f"{t.group_id}:{t.year}", f"{t.group.name} – {t.year}") for t in terms or []
            ]
        else:
            del self.fields["term"]
        self.style_fields()

    def target_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["targets"].splitlines() if line.strip()]
