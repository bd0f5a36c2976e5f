"""Forms and list filters of award decisions and award records (pages and API share the
filters)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from awards import selectors
from awards.enums import (
    AwardLevel,
    AwardMethod,
    DecisionStatus,
    IndividualCategory,
    NomineeStatus,
    ProposalStatus,
    SignerCapacity,
    SubjectType,
)
from awards.models import AwardRecord, AwardType, Decision, Nominee, Proposal
from campaigns.forms import StyledFormMixin, date_field
from clusters.models import OrgUnit
from core.filters import PortalFilterSet

DECISION_LEVELS = [
    (AwardLevel.PROVINCE, AwardLevel.PROVINCE.label),
    (AwardLevel.STATE, AwardLevel.STATE.label),
]
YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


@extend_schema_field(OpenApiTypes.INT)
class UnitFilter(django_filters.ModelChoiceFilter):
    """A unit id: the awarded unit, else the proposing unit of a record."""


class DecisionFilter(PortalFilterSet):
    # A whole year in a sensible range: `__year` lookups on dates fail on 0, 10000 or 1.5.
    year = django_filters.NumberFilter(
        label=_("year"),
        method="filter_year",
        min_value=1945,
        max_value=2100,
        decimal_places=0,
    )
    level = django_filters.ChoiceFilter(label=_("level"), choices=DECISION_LEVELS)
    status = django_filters.ChoiceFilter(label=_("status"), choices=DecisionStatus.choices)

    class Meta:
        model = Decision
        fields = ["year", "level", "status"]

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(
            Q(decided_on__year=year) | Q(decided_on__isnull=True, created_at__year=year)
        )


class AwardRecordFilter(PortalFilterSet):
    year = django_filters.NumberFilter(label=_("achievement year"))
    award_type = django_filters.ModelChoiceFilter(
        label=_("award type"),
        queryset=AwardType.objects.exclude(level=AwardLevel.GRASSROOTS).order_by(
            "level", "sort_order", "name"
        ),
    )
    level = django_filters.ChoiceFilter(
        label=_("level"), field_name="award_type__level", choices=DECISION_LEVELS
    )
    subject_type = django_filters.ChoiceFilter(
        label=_("awarded subject"), choices=SubjectType.choices
    )
    unit = UnitFilter(
        label=_("unit"), queryset=OrgUnit.objects.order_by("name"), method="filter_unit"
    )
    revoked = django_filters.BooleanFilter(
        label=_("revoked"),
        field_name="revoked_at",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.Select(choices=YES_NO),
    )

    class Meta:
        model = AwardRecord
        fields = ["year", "award_type", "level", "subject_type", "unit", "revoked"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = selectors.record_units_for_filter(self.request)

    def filter_unit(self, queryset, name, value):
        return queryset.filter(Q(org_unit=value) | Q(org_unit__isnull=True, proposer_unit=value))


class NomineeChoiceFilter(PortalFilterSet):
    """Narrows the approved nominees offered for a decision."""

    award_type = django_filters.ModelChoiceFilter(
        label=_("award type"), queryset=AwardType.objects.order_by("level", "sort_order", "name")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("proposing unit"),
        field_name="proposal__unit",
        queryset=OrgUnit.objects.filter(award_proposals__isnull=False).distinct().order_by("name"),
    )
    proposal = django_filters.ModelChoiceFilter(
        label=_("proposal"), queryset=Proposal.objects.order_by("-year", "title")
    )

    class Meta:
        model = Nominee
        fields = ["award_type", "unit", "proposal"]

    def __init__(self, *args, level: str | None = None, **kwargs):
        """Offer only the award types of the decision's level and the appraised dossiers that
        still have approved nominees of that level."""
        super().__init__(*args, **kwargs)
        if level:
            self.filters["award_type"].queryset = AwardType.objects.filter(level=level).order_by(
                "sort_order", "name"
            )
            self.filters["proposal"].queryset = (
                Proposal.objects.filter(
                    status=ProposalStatus.APPRAISED,
                    nominees__status=NomineeStatus.APPROVED,
                    nominees__award_type__level=level,
                )
                .distinct()
                .order_by("-year", "title")
            )


class DecisionForm(StyledFormMixin, forms.ModelForm):
    """The wording of a decision; the level is chosen only when it is created."""

    class Meta:
        model = Decision
        fields = [
            "level",
            "title",
            "symbol",
            "reason",
            "preamble",
            "recipients",
            "signer_name",
            "signer_title",
            "signer_capacity",
        ]
        widgets = {
            "preamble": forms.Textarea(attrs={"rows": 6}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = DECISION_LEVELS
        self.fields["symbol"].required = False
        self.fields["symbol"].help_text = _(
            "QĐ-UBND for the province; for a state-level decision e.g. QĐ-TTg or QĐ-CTN."
        )
        self.fields["preamble"].help_text = _(
            "Left empty on a new provincial decision: the usual legal grounds are filled in."
        )
        if self.instance.pk:
            del self.fields["level"]
        else:
            self.fields["preamble"].required = False
            self.fields["recipients"].required = False
        self.style_fields()


class IssueForm(StyledFormMixin, forms.Form):
    number = forms.IntegerField(label=_("number"), min_value=1)
    decided_on = date_field(_("decision date"))
    signer_name = forms.CharField(label=_("signer"), max_length=255)
    signer_title = forms.CharField(label=_("signer's title"), max_length=255)
    signer_capacity = forms.ChoiceField(
        label=_("signing capacity"), choices=SignerCapacity.choices, required=False
    )

    def __init__(self, *args, decision=None, **kwargs):
        if decision is not None:
            kwargs.setdefault(
                "initial",
                {
                    "decided_on": timezone.localdate(),
                    "signer_name": decision.signer_name,
                    "signer_title": decision.signer_title,
                    "signer_capacity": decision.signer_capacity,
                },
            )
        super().__init__(*args, **kwargs)
        self.style_fields()


class LineForm(StyledFormMixin, forms.Form):
    """A line entered by hand (state-level decisions, historic decisions)."""

    award_type = forms.ModelChoiceField(label=_("award type"), queryset=AwardType.objects.none())
    subject_type = forms.ChoiceField(label=_("awarded subject"), choices=SubjectType.choices)
    name = forms.CharField(label=_("name"), max_length=255)
    honorific = forms.ChoiceField(
        label=_("honorific"), choices=[("", "—"), ("Ông", "Ông"), ("Bà", "Bà")], required=False
    )
    birth_year = forms.IntegerField(
        label=_("year of birth"), min_value=1900, max_value=2100, required=False
    )
    position = forms.CharField(label=_("position"), max_length=255, required=False)
    workplace = forms.CharField(label=_("workplace"), max_length=255, required=False)
    individual_category = forms.ChoiceField(
        label=_("individual category"),
        choices=[("", "—"), *IndividualCategory.choices],
        required=False,
    )
    is_enterprise = forms.BooleanField(label=_("enterprise"), required=False)
    org_unit = forms.ModelChoiceField(
        label=_("unit in the organisation list"),
        queryset=OrgUnit.objects.order_by("name"),
        required=False,
    )
    proposer_unit = forms.ModelChoiceField(
        label=_("proposing unit"), queryset=OrgUnit.objects.order_by("name"), required=False
    )
    method = forms.ChoiceField(label=_("method"), choices=AwardMethod.choices)
    year = forms.IntegerField(label=_("achievement year"), min_value=1945, max_value=2100)

    def __init__(self, *args, decision, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year - 1})
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.filter(
            level=decision.level
        ).order_by("sort_order", "name")
        self.style_fields()
        self.fields["is_enterprise"].widget.attrs["class"] = "form-check-input"


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("reason for revoking"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()
