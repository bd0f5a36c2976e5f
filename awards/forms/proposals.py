"""Forms and the list filter of award dossiers (pages and API share the filter)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.selectors import unit_ids as role_unit_ids
from awards import selectors
from awards.enums import (
    AwardLevel,
    AwardMethod,
    DocumentKind,
    IndividualCategory,
    ProposalStatus,
)
from awards.models import AwardType, Nominee, Proposal
from campaigns.forms import StyledFormMixin, date_field
from clusters.models import OrgUnit
from core.filters import PortalFilterSet


class ProposalFilter(PortalFilterSet):
    year = django_filters.NumberFilter(label=_("year"))
    status = django_filters.ChoiceFilter(label=_("status"), choices=ProposalStatus.choices)
    method = django_filters.ChoiceFilter(label=_("method"), choices=AwardMethod.choices)
    unit = django_filters.ModelChoiceFilter(
        label=_("unit"), queryset=selectors.proposal_units_for_filter
    )

    class Meta:
        model = Proposal
        fields = ["year", "status", "method", "unit"]


class ProposalForm(StyledFormMixin, forms.Form):
    """A new dossier: the unit is one where the user is an officer or leader."""

    unit = forms.ModelChoiceField(label=_("proposing unit"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("achievement year"), min_value=2000, max_value=2100)
    method = forms.ChoiceField(label=_("method"), choices=AwardMethod.choices)
    title = forms.CharField(label=_("subject"), max_length=400)
    submission_number = forms.CharField(
        label=_("submission letter number"), max_length=64, required=False
    )
    submission_date = date_field(_("submission letter date"), required=False)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("year", timezone.localdate().year)
        kwargs["initial"].setdefault("method", AwardMethod.REGULAR)
        super().__init__(*args, **kwargs)
        units = role_unit_ids(user, Role.UNIT_OFFICER, Role.UNIT_LEADER)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=units).order_by("name")
        if len(units) == 1:
            self.fields["unit"].initial = next(iter(units))
        self.style_fields()


class FromBallotForm(forms.Form):
    """The hidden fields of the "propose the acclaimed units" button."""

    group = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    year = forms.IntegerField(min_value=2000, max_value=2100)


class ProposalEditForm(StyledFormMixin, forms.ModelForm):
    submission_date = date_field(_("submission letter date"), required=False)

    class Meta:
        model = Proposal
        fields = ["title", "method", "submission_number", "submission_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


def nominable_award_types():
    return AwardType.objects.filter(
        active=True, level__in=[AwardLevel.PROVINCE, AwardLevel.STATE]
    ).order_by("level", "sort_order", "name")


class NomineeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Nominee
        fields = [
            "award_type",
            "subject_type",
            "name",
            "honorific",
            "birth_year",
            "position",
            "workplace",
            "individual_category",
            "org_unit",
            "is_enterprise",
            "achievement",
        ]
        widgets = {"achievement": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = nominable_award_types()
        self.fields["org_unit"].queryset = OrgUnit.objects.order_by("name")
        self.fields["individual_category"].choices = [
            ("", "---------"),
            *IndividualCategory.choices,
        ]
        self.fields["is_enterprise"].widget.attrs["class"] = "form-check-input"
        self.style_fields()

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def _post_clean(self):
        # The service validates the whole nominee; the form only parses the input.
        pass


class DocumentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("document kind"), choices=DocumentKind.choices)
    nominee = forms.ModelChoiceField(
        label=_("nominee"),
        queryset=Nominee.objects.none(),
        required=False,
        help_text=_("Leave empty for a document of the whole dossier."),
    )
    file = forms.FileField(label=_("file"))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = proposal.nominees.order_by("sort_order", "pk")
        self.style_fields()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": _("Give the reason.")},
    )


class AppraiseForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("result"),
        choices=[("1", _("Approve")), ("0", _("Do not approve"))],
        coerce=lambda value: value == "1",
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    note = forms.CharField(
        label=_("appraisal note"),
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )


class FinishForm(forms.Form):
    rejection_reason = forms.CharField(
        label=_("reason for rejecting (when no nominee is approved)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
