"""HTML input validation only; the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.enums import ReportKind, SignCapacity


class RequestReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    group = forms.ModelChoiceField(
        label=_("Cluster/block"),
        queryset=None,
        required=False,
        help_text=_("Only for a cluster/block review."),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["year"].initial = timezone.localdate().year
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def clean(self):
        cleaned = super().clean()
        kind, group = cleaned.get("kind"), cleaned.get("group")
        # A group that is not on the list has its own error already.
        if kind in ReportKind.GROUP_KINDS and group is None and "group" not in self.errors:
            self.add_error("group", _("Choose the cluster/block."))
        if kind and kind not in ReportKind.GROUP_KINDS and group is not None:
            self.add_error("group", _("A province report has no cluster/block."))
        return cleaned


class NarrativeForm(forms.Form):
    assessment = forms.CharField(
        label=_("Assessment (strengths)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    limitations = forms.CharField(
        label=_("Limitations and causes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    next_tasks = forms.CharField(
        label=_("Next tasks"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    signer_name = forms.CharField(label=_("Signer's name"), max_length=200, required=False)
    sign_capacity = forms.ChoiceField(label=_("Signed as"), choices=SignCapacity.choices)

    # A cluster/block report is signed for the group by its head or deputy head (see
    # reports.rendering.document_head), not for the People's Committee.
    GROUP_CAPACITIES = [
        (SignCapacity.ON_BEHALF, _("On behalf of the cluster/block (TM.) – Head")),
        (SignCapacity.FOR_HEAD, _("For the head (KT.) – Deputy head")),
    ]

    def __init__(self, *args, group_report: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if group_report:
            self.fields["sign_capacity"].choices = self.GROUP_CAPACITIES
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


class FinaliseForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Date of issue"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate()
        self.fields["issued_on"].widget.attrs["class"] = "form-control"
