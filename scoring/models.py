"""Criteria sets and their phases, score sheets and lines, locked results and ballots.

Ballot secrecy (issue 4, item 7): `BallotParticipation` records *that* a unit voted and
`BallotChoice` records *what* was chosen; nothing links the two. Choices have random UUID
keys and no timestamp, and closing a round rewrites them in random order, so neither key,
order nor time tells who chose what.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from core.storage import PrivateMediaStorage
from scoring.enums import (
    BallotOutcome,
    BallotStatus,
    CriterionCategory,
    CriterionType,
    Period,
    PhaseKind,
    SheetStatus,
    Stage,
)

POINTS = {"max_digits": 7, "decimal_places": 2}


class CriteriaSet(TimeStampedModel):
    """The scoring table of one group for one year and period."""

    group = models.ForeignKey(
        "clusters.EmulationGroup",
        verbose_name=_("cluster/block"),
        on_delete=models.PROTECT,
        related_name="criteria_sets",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=16, choices=Period.choices)
    title = models.CharField(_("title"), max_length=300)
    bonus_cap = models.DecimalField(_("bonus cap"), default=Decimal(0), **POINTS)
    penalty_cap = models.DecimalField(_("penalty cap"), default=Decimal(0), **POINTS)
    discrepancy_margin = models.DecimalField(
        _("margin before a reason is required"),
        default=Decimal(0),
        help_text=_("A head's score further than this from the self-score needs a reason."),
        **POINTS,
    )
    tie_break = models.JSONField(
        _("tie-break order"),
        default=list,
        blank=True,
        help_text=_("Keys applied in order to units with the same total."),
    )

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-year", "group__name", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year", "period"], name="criteriaset_unique_group_year_period"
            ),
            models.CheckConstraint(
                condition=Q(bonus_cap__gte=0)
                & Q(penalty_cap__gte=0)
                & Q(discrepancy_margin__gte=0),
                name="criteriaset_caps_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def as_audit_dict(self):
        return {
            "group": self.group_id,
            "year": self.year,
            "period": self.period,
            "title": self.title,
            "bonus_cap": str(self.bonus_cap),
            "penalty_cap": str(self.penalty_cap),
            "discrepancy_margin": str(self.discrepancy_margin),
            "tie_break": list(self.tie_break or []),
        }


class Phase(models.Model):
    """A dated phase of a criteria set; both dates included. `LOCKED` has no end date."""

    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.CASCADE, related_name="phases"
    )
    kind = models.CharField(_("phase"), max_length=32, choices=PhaseKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["criteria_set", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "kind"], name="phase_unique_kind"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="phase_valid_range",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def covers(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class ClassificationBand(models.Model):
    """A classification by total: the first band (highest minimum) that a total reaches."""

    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.CASCADE, related_name="bands"
    )
    label = models.CharField(_("classification"), max_length=100)
    min_total = models.DecimalField(_("minimum total"), **POINTS)

    class Meta:
        verbose_name = _("classification band")
        verbose_name_plural = _("classification bands")
        ordering = ["criteria_set", "-min_total"]
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "min_total"], name="band_unique_minimum"
            ),
        ]

    def __str__(self):
        return self.label


class Criterion(models.Model):
    """A node of the tree: a group of criteria, a criterion or a sub-criterion. Only leaves
    (nodes without children) are scored; a node's maximum caps the sum of its children."""

    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("criteria set"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveIntegerField(pgettext_lazy("sort order", "position"), default=0)
    code = models.CharField(_("code"), max_length=32)
    text = models.TextField(_("text"))
    max_points = models.DecimalField(
        _("maximum points"), validators=[MinValueValidator(Decimal(0))], **POINTS
    )
    criterion_type = models.CharField(
        _("type"), max_length=16, choices=CriterionType.choices, default=CriterionType.FIXED
    )
    category = models.CharField(
        _("category"),
        max_length=16,
        choices=CriterionCategory.choices,
        default=CriterionCategory.NORMAL,
    )
    levels = models.JSONField(
        _("graded levels"), default=list, blank=True, help_text=_("Allowed points, e.g. 0, 5, 10.")
    )
    target = models.DecimalField(_("target"), null=True, blank=True, **POINTS)
    cap = models.DecimalField(_("cap"), null=True, blank=True, **POINTS)
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    movement = models.ForeignKey(
        "campaigns.Movement",
        verbose_name=_("movement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "position"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_unique_code"),
            models.CheckConstraint(
                condition=Q(max_points__gte=0), name="criterion_max_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.text[:80]}"

    def as_audit_dict(self):
        return {
            "code": self.code,
            "parent": self.parent.code if self.parent_id else None,
            "text": self.text,
            "max_points": str(self.max_points),
            "criterion_type": self.criterion_type,
            "category": self.category,
            "levels": [str(v) for v in self.levels or []],
            "target": None if self.target is None else str(self.target),
            "cap": None if self.cap is None else str(self.cap),
            "evidence_required": self.evidence_required,
            "movement": self.movement_id,
        }


class ScoreSheet(TimeStampedModel):
    """One member unit's sheet for a criteria set."""

    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="sheets"
    )
    unit = models.ForeignKey(
        "clusters.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=32, choices=SheetStatus.choices, default=SheetStatus.OPEN
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["criteria_set", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "unit"], name="sheet_unique_unit"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.criteria_set}"


class ScoreLine(models.Model):
    """The value given to one criterion on one sheet at one stage. `version` grows with every
    change: a write that names an older version is refused (optimistic concurrency)."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="lines"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="lines"
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    value = models.DecimalField(_("points"), null=True, blank=True, **POINTS)
    achieved = models.DecimalField(
        _("achieved"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    comment = models.TextField(_("comment"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("score line")
        verbose_name_plural = _("score lines")
        ordering = ["sheet", "criterion__position", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion", "stage"], name="scoreline_unique_stage"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0), name="scoreline_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.sheet.unit} {self.criterion.code} {self.stage}"

    def as_audit_dict(self):
        return {
            "value": None if self.value is None else str(self.value),
            "achieved": None if self.achieved is None else str(self.achieved),
            "comment": self.comment,
            "reason": self.reason,
            "version": self.version,
        }


class PrivateEvidenceStorage(PrivateMediaStorage):
    """Self-assessment evidence, under MEDIA_ROOT/private/evidence."""

    folder = "evidence"


evidence_storage = PrivateEvidenceStorage()


def _evidence_path(instance, filename):
    return f"{instance.sheet.criteria_set_id}/{instance.sheet.unit_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="evidence"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), storage=evidence_storage, upload_to=_evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["sheet", "criterion__position", "uploaded_at"]

    def __str__(self):
        return self.original_name


class GroupResult(models.Model):
    """The locked ranking of a criteria set; `snapshot` is frozen and hashed."""

    criteria_set = models.OneToOneField(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="result"
    )
    snapshot = models.JSONField(_("snapshot"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("locked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("group result")
        verbose_name_plural = _("group results")

    def __str__(self):
        return str(self.criteria_set)


class Ballot(models.Model):
    """A deliberation ballot (bình xét, suy tôn) of a group on its ranked candidates."""

    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("criteria set"),
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    title = models.CharField(_("title"), max_length=300)
    seats = models.PositiveSmallIntegerField(
        _("units to acclaim"), default=1, validators=[MinValueValidator(1)]
    )
    quorum = models.DecimalField(
        _("quorum (share of member units)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.667"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    threshold = models.DecimalField(
        _("pass threshold (share of member units)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.800"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    max_rounds = models.PositiveSmallIntegerField(_("maximum rounds"), default=2)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=BallotStatus.choices, default=BallotStatus.OPEN
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=BallotOutcome.choices, default=BallotOutcome.PENDING
    )
    electorate = models.PositiveSmallIntegerField(_("member units"), default=0)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    decision_note = models.TextField(_("decision of head and deputy"), blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["-opened_at"]

    def __str__(self):
        return self.title


class BallotCandidate(models.Model):
    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="candidates"
    )
    unit = models.ForeignKey(
        "clusters.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    total = models.DecimalField(_("total"), **POINTS)
    is_acclaimed = models.BooleanField(_("acclaimed"), default=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["ballot", "rank", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "unit"], name="candidate_unique_unit"),
        ]

    def __str__(self):
        return str(self.unit)


class BallotParticipation(models.Model):
    """That a unit voted in a round: never what it chose."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="participations"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    unit = models.ForeignKey(
        "clusters.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    voted_at = models.DateTimeField(_("voted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot participation")
        verbose_name_plural = _("ballot participations")
        ordering = ["ballot", "round", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "round", "unit"], name="participation_one_per_round"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.ballot}"


class BallotChoice(models.Model):
    """One approval for one candidate in one round, without voter, time or ordered key.
    A ballot that approves nobody leaves no row at all (it is counted by participation)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="choices"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    candidate = models.ForeignKey(
        BallotCandidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")

    def __str__(self):
        return str(self.candidate)


class BallotRoundResult(models.Model):
    """Tallies of a closed round, written when it closes."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="round_results"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    candidate = models.ForeignKey(
        BallotCandidate,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="tallies",
    )
    votes = models.PositiveIntegerField(_("votes"))
    participants = models.PositiveIntegerField(_("ballots cast"))
    passed = models.BooleanField(_("passed"))

    class Meta:
        verbose_name = _("round result")
        verbose_name_plural = _("round results")
        ordering = ["ballot", "round", "candidate__rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "round", "candidate"], name="roundresult_unique"
            ),
        ]

    def __str__(self):
        return f"{self.candidate}: {self.votes}"
