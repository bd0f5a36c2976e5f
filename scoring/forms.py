from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring.enums import Period, PhaseKind, TieBreak
from scoring.models import CriteriaSet, Criterion

DATE_INPUT = {"type": "date"}


def style(form):
    """Bootstrap classes on every widget (no inline styles: CSP)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select form-select-sm"
        else:
            css = "form-control form-control-sm"
        widget.attrs.setdefault("class", css)
    return form


def date_widget():
    # <input type="date"> only understands ISO dates, whatever the page language.
    return forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d")


TIE_BREAK_SLOTS = 4


class PointsField(forms.DecimalField):
    """Accepts 7,5 as well as 7.5, whatever the language of the page."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)


class TieBreakMixin:
    """The tie-break keys as ordered choices: first, second, … (order matters)."""

    def add_tie_break_fields(self, initial=()):
        initial = list(initial or [])
        for slot in range(1, TIE_BREAK_SLOTS + 1):
            self.fields[f"tie_break_{slot}"] = forms.ChoiceField(
                label=_("Tie-break %(n)s") % {"n": slot},
                choices=[("", "—"), *TieBreak.choices],
                required=False,
                initial=initial[slot - 1] if slot <= len(initial) else "",
            )

    def tie_break(self):
        keys = []
        for slot in range(1, TIE_BREAK_SLOTS + 1):
            key = self.cleaned_data.get(f"tie_break_{slot}")
            if key and key not in keys:
                keys.append(key)
        return keys


class CriteriaSetForm(TieBreakMixin, forms.ModelForm):
    class Meta:
        model = CriteriaSet
        fields = [
            "group",
            "year",
            "period",
            "title",
            "bonus_cap",
            "penalty_cap",
            "discrepancy_margin",
        ]

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].queryset = groups
        self.fields["period"].initial = Period.ANNUAL
        self.add_tie_break_fields()
        style(self)


class SetSettingsForm(TieBreakMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    bonus_cap = PointsField(label=_("Bonus cap"), min_value=0, decimal_places=2)
    penalty_cap = PointsField(label=_("Penalty cap"), min_value=0, decimal_places=2)
    discrepancy_margin = PointsField(
        label=_("Margin before a reason is required"), min_value=0, decimal_places=2
    )
    bands = forms.CharField(
        label=_("Classification bands"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: classification; minimum total (e.g. Xuất sắc; 90)."),
    )

    def __init__(self, *args, criteria_set, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title": criteria_set.title,
                "bonus_cap": criteria_set.bonus_cap,
                "penalty_cap": criteria_set.penalty_cap,
                "discrepancy_margin": criteria_set.discrepancy_margin,
                "bands": "\n".join(f"{b.label}; {b.min_total}" for b in criteria_set.bands.all()),
            },
        )
        super().__init__(*args, **kwargs)
        self.add_tie_break_fields(criteria_set.tie_break)
        style(self)

    def clean_bands(self):
        bands = []
        for number, line in enumerate(self.cleaned_data["bands"].splitlines(), start=1):
            if not line.strip():
                continue
            label, _sep, minimum = line.rpartition(";")
            try:
                value = Decimal(minimum.strip().replace(",", "."))
            except InvalidOperation:
                value = None
            if not label.strip() or value is None:
                raise forms.ValidationError(
                    _("Line %(n)s: write a classification, a semicolon and a number.")
                    % {"n": number}
                )
            bands.append((label.strip(), value))
        return bands


class CriterionForm(forms.ModelForm):
    levels_text = forms.CharField(
        label=_("Graded levels"),
        required=False,
        help_text=_("Allowed points separated by semicolons, e.g. 0;5;10."),
    )

    class Meta:
        model = Criterion
        fields = [
            "parent",
            "code",
            "text",
            "max_points",
            "criterion_type",
            "category",
            "target",
            "cap",
            "evidence_required",
            "movement",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, criteria_set=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = criteria_set.criteria.order_by("position")
        self.fields["parent"].required = False
        style(self)

    def service_fields(self):
        data = dict(self.cleaned_data)
        levels = data.pop("levels_text", "") or ""
        data["levels"] = [v.strip() for v in levels.split(";") if v.strip()]
        return data


class PhasesForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in PhaseKind.choices:
            self.fields[f"{kind}_start"] = forms.DateField(
                label=label, required=False, widget=date_widget()
            )
            if kind != PhaseKind.LOCKED:
                self.fields[f"{kind}_end"] = forms.DateField(
                    label=_("until"), required=False, widget=date_widget()
                )
        style(self)

    def phases(self):
        result = {}
        for kind in PhaseKind.values:
            start = self.cleaned_data.get(f"{kind}_start")
            if start:
                result[kind] = (start, self.cleaned_data.get(f"{kind}_end"))
        return result


class UploadForm(forms.Form):
    file = forms.FileField(label=_("XLSX file"))
    apply = forms.BooleanField(
        label=_("Write the data (leave unticked for a dry run)"), required=False
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class BallotForm(forms.Form):
    """Defaults from the rules as data: quorum 2/3 of member units (R12), pass threshold
    80% of all member units (R10), at most two rounds (R13)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    candidate_count = forms.IntegerField(label=_("Candidates"), min_value=1, initial=3)
    seats = forms.IntegerField(label=_("Units to acclaim"), min_value=1, initial=1)
    quorum = PointsField(
        label=_("Quorum (share of member units)"),
        min_value=0,
        max_value=1,
        decimal_places=3,
        initial=Decimal("0.667"),
    )
    threshold = PointsField(
        label=_("Pass threshold (share of member units)"),
        min_value=0,
        max_value=1,
        decimal_places=3,
        initial=Decimal("0.800"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
