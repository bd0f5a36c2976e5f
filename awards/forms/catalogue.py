"""Forms of the award catalogue, required documents, base salary and dossier deadlines.

The forms only parse and check the shape of the input; the rules live in
awards/services/catalogue.py, whose errors the views put back on these forms.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.enums import AwardMethod
from awards.models import AwardType, RequiredDocument
from awards.services.catalogue import AWARD_TYPE_FIELDS, REQUIRED_DOCUMENT_FIELDS
from campaigns.forms import date_field


def style_fields(form: forms.BaseForm) -> None:
    """Bootstrap classes: checkboxes, selects and the other inputs."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


def put_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the fields it names when the form has them,
    otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class AwardTypeForm(forms.ModelForm):
    class Meta:
        model = AwardType
        fields = list(AWARD_TYPE_FIELDS)
        localized_fields = [
            "vote_threshold_percent",
            "coefficient_individual",
            "coefficient_collective",
            "coefficient_household",
        ]
        widgets = {"legal_basis": forms.TextInput(), "decided_by": forms.TextInput()}

    def __init__(self, *args, code_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if code_locked:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _(
                "Nominees or award records use this award type, so its code is fixed."
            )
        self.fields["active"].help_text = _(
            "Untick to stop offering this award type in new dossiers."
        )
        style_fields(self)

    def validate_unique(self):
        """The service checks the code and the other rules, with its own messages."""

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in AWARD_TYPE_FIELDS}


class RequiredDocumentForm(forms.ModelForm):
    valid_from = date_field(_("valid from"), required=False)
    valid_to = date_field(_("valid to"), required=False)

    class Meta:
        model = RequiredDocument
        fields = list(REQUIRED_DOCUMENT_FIELDS)
        widgets = {"legal_basis": forms.TextInput()}

    def __init__(self, *args, in_force: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if in_force:
            for name in ("kind", "per_nominee", "valid_from"):
                self.fields[name].disabled = True
        style_fields(self)

    def validate_unique(self):
        """The service checks overlapping periods, with its own messages."""

    def _post_clean(self):
        """No model validation here: the award type is not set yet and the service checks
        the row (dates, overlaps) with its own messages."""

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in REQUIRED_DOCUMENT_FIELDS}


class EndRequiredDocumentForm(forms.Form):
    last_day = date_field(_("last day in force"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class MoneyField(forms.IntegerField):
    """Whole đồng; accepts 2.340.000, 2,340,000, 2 340 000 or 2340000."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[.,\s]|đ|VND", "", value, flags=re.IGNORECASE)
        return super().to_python(value)


class BaseSalaryForm(forms.Form):
    valid_from = date_field(_("valid from"))
    amount = MoneyField(
        label=_("amount (VND)"),
        min_value=1,
        error_messages={"min_value": _("The base salary must be greater than 0 đồng.")},
    )
    legal_basis = forms.CharField(label=_("legal basis"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class SubmissionDeadlineForm(forms.Form):
    year = forms.IntegerField(label=_("achievement year"), min_value=2000, max_value=2100)
    method = forms.ChoiceField(label=_("method"), choices=AwardMethod.choices)
    due_on = date_field(_("due on"))
    note = forms.CharField(label=_("note"), max_length=255, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["year"].disabled = True
            self.fields["method"].disabled = True
        style_fields(self)
