"""Award catalogue, dossiers (proposals with nominees and documents), decisions and the award
records that reports and eligibility read (domain §2, §4, §8c).

Everything the law or the province may change is a row staff can edit: award types with their
statistical column and cash coefficients, required documents (dated), the base salary (dated)
and the submission deadlines.
"""

import unicodedata
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.enums import (
    AwardKind,
    AwardLevel,
    AwardMethod,
    DecisionStatus,
    DocumentKind,
    IndividualCategory,
    NomineeStatus,
    ProposalStatus,
    SignerCapacity,
    StatisticsColumn,
    SubjectType,
)
from core.models import TimeStampedModel
from core.storage import PrivateMediaStorage

COEFFICIENT = {"max_digits": 5, "decimal_places": 2, "null": True, "blank": True}


def nfc(value: str) -> str:
    """Text as stored: NFC (files and forms made on a Mac arrive decomposed), trimmed."""
    return unicodedata.normalize("NFC", value or "").strip()


class NFCTextMixin:
    """`full_clean()` (which every service calls) stores the text fields in NFC, like
    clusters.OrgUnit, so names typed on a Mac match, sort and search like the others."""

    def clean(self):
        super().clean()
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
                setattr(self, field.attname, unicodedata.normalize("NFC", value))


class AwardType(NFCTextMixin, TimeStampedModel):
    """A title (danh hiệu thi đua) or award form (hình thức khen thưởng) of the catalogue."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    level = models.CharField(_("level"), max_length=16, choices=AwardLevel.choices)
    kind = models.CharField(
        pgettext_lazy("award kind", "kind"), max_length=8, choices=AwardKind.choices
    )
    for_collective = models.BooleanField(_("for collectives"), default=False)
    for_individual = models.BooleanField(_("for individuals"), default=False)
    for_household = models.BooleanField(_("for households"), default=False)
    statistics_column = models.CharField(
        _("column in the statistical forms"),
        max_length=8,
        choices=StatisticsColumn.choices,
        blank=True,
        default="",
    )
    decided_by = models.CharField(_("decided by"), max_length=255, blank=True)
    counts_for_merit_chain = models.BooleanField(
        _("counts for consecutive-year chains"),
        default=True,
        help_text=_("Ad-hoc and thematic awards never count (Decree 152 Art. 4)."),
    )
    requires_ballot = models.BooleanField(_("secret ballot required"), default=False)
    vote_threshold_percent = models.DecimalField(
        # xgettext:no-python-format
        _("vote threshold (% of all council members)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    coefficient_individual = models.DecimalField(
        _("cash coefficient, individual (× base salary)"), **COEFFICIENT
    )
    coefficient_collective = models.DecimalField(
        _("cash coefficient, collective (× base salary)"), **COEFFICIENT
    )
    coefficient_household = models.DecimalField(
        _("cash coefficient, household (× base salary)"), **COEFFICIENT
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveSmallIntegerField(
        pgettext_lazy("sort position", "order"), default=100
    )

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["level", "sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(for_collective=True) | Q(for_individual=True) | Q(for_household=True),
                name="awardtype_has_subject",
            ),
        ]

    def __str__(self):
        return self.name

    def allows(self, subject_type: str) -> bool:
        return {
            SubjectType.COLLECTIVE: self.for_collective,
            SubjectType.INDIVIDUAL: self.for_individual,
            SubjectType.HOUSEHOLD: self.for_household,
        }.get(subject_type, False)

    def coefficient_for(self, subject_type: str) -> Decimal | None:
        return {
            SubjectType.COLLECTIVE: self.coefficient_collective,
            SubjectType.INDIVIDUAL: self.coefficient_individual,
            SubjectType.HOUSEHOLD: self.coefficient_household,
        }.get(subject_type)


class RequiredDocument(models.Model):
    """A document a dossier for an award type must carry, in force between two dates."""

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("award type"),
        on_delete=models.CASCADE,
        related_name="required_documents",
    )
    kind = models.CharField(_("document kind"), max_length=32, choices=DocumentKind.choices)
    per_nominee = models.BooleanField(
        _("one per nominee"),
        default=False,
        help_text=_("Each nominee needs their own (e.g. the achievement report)."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["award_type", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="requireddocument_dates",
            ),
        ]

    def __str__(self):
        return f"{self.award_type}: {self.get_kind_display()}"


class BaseSalary(models.Model):
    """The base salary (lương cơ sở) from a date: award money = coefficient × the base salary
    in force on the decision's date (domain R34)."""

    valid_from = models.DateField(_("valid from"), unique=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.valid_from:%d/%m/%Y}: {self.amount:,} VND"


class SubmissionDeadline(models.Model):
    """When the year's dossiers of one method are due at the Department of Home Affairs
    (domain §4.3, R35: Bắc Ninh uses 10/12; Hưng Yên sets its own)."""

    year = models.PositiveSmallIntegerField(_("year"))
    method = models.CharField(_("method"), max_length=16, choices=AwardMethod.choices)
    due_on = models.DateField(_("due on"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("submission deadline")
        verbose_name_plural = _("submission deadlines")
        ordering = ["-year", "method"]
        constraints = [
            models.UniqueConstraint(fields=["year", "method"], name="submissiondeadline_unique"),
        ]

    def __str__(self):
        return f"{self.year} {self.get_method_display()}: {self.due_on:%d/%m/%Y}"


class Proposal(NFCTextMixin, TimeStampedModel):
    """An award dossier (hồ sơ đề nghị khen thưởng) sent by a unit or a cluster/block head."""

    unit = models.ForeignKey(
        "clusters.OrgUnit",
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    group = models.ForeignKey(
        "clusters.EmulationGroup",
        verbose_name=_("on behalf of cluster/block"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_proposals",
    )
    year = models.PositiveSmallIntegerField(_("achievement year"))
    method = models.CharField(
        _("method"), max_length=16, choices=AwardMethod.choices, default=AwardMethod.REGULAR
    )
    title = models.CharField(_("subject"), max_length=400)
    submission_number = models.CharField(_("submission letter number"), max_length=64, blank=True)
    submission_date = models.DateField(_("submission letter date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=32, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    appraised_at = models.DateTimeField(_("appraised at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("appraising officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("award proposal")
        verbose_name_plural = _("award proposals")
        ordering = ["-year", "-created_at", "-pk"]
        indexes = [models.Index(fields=["year", "status"], name="proposal_year_status")]

    def __str__(self):
        return self.title

    @property
    def editable(self) -> bool:
        return self.status in ProposalStatus.EDITABLE

    def audit_data(self) -> dict:
        return {
            "unit": self.unit_id,
            "group": self.group_id,
            "year": self.year,
            "method": self.method,
            "title": self.title,
            "submission_number": self.submission_number,
            "submission_date": self.submission_date.isoformat() if self.submission_date else None,
            "status": self.status,
            "return_reason": self.return_reason,
            "rejection_reason": self.rejection_reason,
        }


class Nominee(NFCTextMixin, models.Model):
    """One collective, household or person proposed for one award type."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="nominees"
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), on_delete=models.PROTECT, related_name="+"
    )
    subject_type = models.CharField(
        pgettext_lazy("award subject", "subject"), max_length=16, choices=SubjectType.choices
    )
    name = models.CharField(_("name"), max_length=255)
    org_unit = models.ForeignKey(
        "clusters.OrgUnit",
        verbose_name=_("unit in the organisation list"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a collective that is a unit of the province."),
    )
    honorific = models.CharField(
        _("honorific"),
        max_length=8,
        blank=True,
        choices=[("Ông", "Ông"), ("Bà", "Bà")],
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    individual_category = models.CharField(
        _("individual category"), max_length=32, choices=IndividualCategory.choices, blank=True
    )
    is_enterprise = models.BooleanField(_("enterprise"), default=False)
    achievement = models.TextField(_("summary of achievements"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NomineeStatus.choices, default=NomineeStatus.PROPOSED
    )
    appraisal_note = models.TextField(_("appraisal note"), blank=True)
    sort_order = models.PositiveSmallIntegerField(
        pgettext_lazy("sort position", "order"), default=0
    )

    class Meta:
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        ordering = ["proposal", "sort_order", "pk"]
        constraints = [
            # The five individual categories of the forms only describe individuals.
            models.CheckConstraint(
                condition=Q(subject_type="individual") | Q(individual_category=""),
                name="nominee_category_only_for_individuals",
            ),
            models.CheckConstraint(
                condition=Q(subject_type="collective") | Q(is_enterprise=False),
                name="nominee_enterprise_only_for_collectives",
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.award_type}"

    @property
    def unit_id(self):
        """The proposing unit: object predicates in accounts.rules read `unit_id`."""
        return self.proposal.unit_id

    def audit_data(self) -> dict:
        return {
            "proposal": self.proposal_id,
            "award_type": self.award_type_id,
            "subject_type": self.subject_type,
            "name": self.name,
            "org_unit": self.org_unit_id,
            "honorific": self.honorific,
            "birth_year": self.birth_year,
            "position": self.position,
            "workplace": self.workplace,
            "individual_category": self.individual_category,
            "is_enterprise": self.is_enterprise,
            "achievement": self.achievement,
            "status": self.status,
            "appraisal_note": self.appraisal_note,
        }


class PrivateDossierStorage(PrivateMediaStorage):
    """Dossier documents and decisions, under MEDIA_ROOT/private/dossiers."""

    folder = "dossiers"


dossier_storage = PrivateDossierStorage()


def _document_path(instance, filename):
    return f"{instance.proposal.year}/{instance.proposal_id}/{uuid.uuid4().hex}"


class ProposalDocument(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="documents"
    )
    nominee = models.ForeignKey(
        Nominee,
        verbose_name=_("nominee"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    kind = models.CharField(_("document kind"), max_length=32, choices=DocumentKind.choices)
    file = models.FileField(_("file"), storage=dossier_storage, upload_to=_document_path)
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
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["proposal", "kind", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def unit_id(self):
        return self.proposal.unit_id


class Decision(NFCTextMixin, TimeStampedModel):
    """An award decision (quyết định khen thưởng, Mẫu 1.2 of Decree 30/2020). Provincial
    decisions are drafted here from appraised nominees; state-level decisions (President,
    Prime Minister) are recorded with their lines so the statistical forms count them."""

    level = models.CharField(_("level"), max_length=16, choices=AwardLevel.choices)
    title = models.CharField(_("subject"), max_length=400)
    symbol = models.CharField(_("number symbol"), max_length=32, default="QĐ-UBND")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(
        _("issued by"), max_length=255, default="Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên"
    )
    preamble = models.TextField(_("legal grounds (one per line)"), blank=True)
    reason = models.TextField(_("for (achievement wording of Article 1)"), blank=True)
    signer_name = models.CharField(_("signer"), max_length=255, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=255, blank=True)
    signer_capacity = models.CharField(
        _("signing capacity"),
        max_length=4,
        choices=SignerCapacity.choices,
        blank=True,
        default=SignerCapacity.DIRECT,
    )
    recipients = models.TextField(_("recipients (one per line)"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    file = models.FileField(_("file"), storage=dossier_storage, upload_to="decisions/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-decided_on", "-number", "-pk"]
        constraints = [
            # Numbers restart every year (Decree 30/2020): one number per symbol and year.
            models.UniqueConstraint(
                F("symbol"),
                F("number"),
                ExtractYear("decided_on"),
                condition=Q(number__isnull=False),
                name="decision_unique_number_year",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(number__isnull=False) & Q(decided_on__isnull=False)),
                name="decision_issued_has_number",
            ),
        ]

    def __str__(self):
        return f"{self.number_label} {self.title}".strip()

    @property
    def number_label(self) -> str:
        """ "05/QĐ-UBND": numbers under 10 take a leading zero (Decree 30/2020)."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}"

    def audit_data(self) -> dict:
        return {
            "level": self.level,
            "title": self.title,
            "symbol": self.symbol,
            "number": self.number,
            "decided_on": self.decided_on.isoformat() if self.decided_on else None,
            "signer_name": self.signer_name,
            "signer_title": self.signer_title,
            "signer_capacity": self.signer_capacity,
            "issuer": self.issuer,
            "reason": self.reason,
            "preamble": self.preamble,
            "recipients": self.recipients,
            "status": self.status,
            "sha256": self.sha256,
        }


class AwardRecord(NFCTextMixin, TimeStampedModel):
    """One award given by a decision: the history that the forms, the reviews and the
    consecutive-year chains read. A record is never deleted; a revoked one keeps who, when
    and why (domain R42)."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="records"
    )
    nominee = models.OneToOneField(
        Nominee,
        verbose_name=_("nominee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="record",
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), on_delete=models.PROTECT, related_name="records"
    )
    subject_type = models.CharField(
        pgettext_lazy("award subject", "subject"), max_length=16, choices=SubjectType.choices
    )
    name = models.CharField(_("name"), max_length=255)
    org_unit = models.ForeignKey(
        "clusters.OrgUnit",
        verbose_name=_("unit in the organisation list"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
    )
    proposer_unit = models.ForeignKey(
        "clusters.OrgUnit",
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    honorific = models.CharField(_("honorific"), max_length=8, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    individual_category = models.CharField(
        _("individual category"), max_length=32, choices=IndividualCategory.choices, blank=True
    )
    is_enterprise = models.BooleanField(_("enterprise"), default=False)
    method = models.CharField(_("method"), max_length=16, choices=AwardMethod.choices)
    year = models.PositiveSmallIntegerField(_("achievement year"))
    cash_amount = models.PositiveBigIntegerField(_("award money (VND)"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(
        pgettext_lazy("sort position", "order"), default=0
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        ordering = ["decision", "sort_order", "pk"]
        indexes = [
            models.Index(fields=["year", "award_type"], name="awardrecord_year_type"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_type="individual") | Q(individual_category=""),
                name="awardrecord_category_only_for_individuals",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="awardrecord_revocation_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.award_type}"

    @property
    def unit_id(self):
        """Whose record it is for the own-unit predicates: the awarded unit, else the proposer."""
        return self.org_unit_id or self.proposer_unit_id

    def audit_data(self) -> dict:
        return {
            "decision": self.decision_id,
            "award_type": self.award_type_id,
            "subject_type": self.subject_type,
            "name": self.name,
            "method": self.method,
            "year": self.year,
            "cash_amount": self.cash_amount,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "revoked_reason": self.revoked_reason,
        }
