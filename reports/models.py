from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from reports.enums import ReportKind, ReportPeriod, ReportScope, ReportStatus, SignCapacity
from reports.storage import private_storage


class ReportNumberRegister(models.Model):
    """The yearly register of document numbers per symbol ("BC-UBND"): numbers restart at 01
    every year (Decree 30/2020). `last_number` only grows, under `select_for_update`."""

    year = models.PositiveSmallIntegerField(_("year"))
    symbol = models.CharField(_("symbol"), max_length=32)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document number register")
        verbose_name_plural = _("document number registers")
        ordering = ["-year", "symbol"]
        constraints = [
            models.UniqueConstraint(fields=["year", "symbol"], name="numberregister_unique"),
        ]

    def __str__(self):
        return f"{self.year} {self.symbol}: {self.last_number}"


class ReportRun(TimeStampedModel):
    """One rendering of one report for one scope and period.

    `inputs_hash` identifies the inputs (kind, group, period and the figures read from the
    lower apps, stored in `data`): asking again for the same inputs returns the same run.
    A draft can be edited (narrative sections) and re-rendered; once `is_final` and rendered
    it never changes.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=ReportKind.choices)
    scope = models.CharField(_("scope"), max_length=16, choices=ReportScope.choices)
    group = models.ForeignKey(
        "clusters.EmulationGroup",
        verbose_name=_("cluster/block"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=8, choices=ReportPeriod.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    # Grows with every change that needs a new rendering: a render that started on an older
    # revision does not overwrite the newer one's result.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    inputs_hash = models.CharField(_("inputs hash"), max_length=64, unique=True)
    # The figures the report prints, read once when it is requested (reports/data.py).
    data = models.JSONField(_("figures"), default=dict, blank=True)
    pdf_file = models.FileField(
        _("PDF file"), storage=private_storage, upload_to="reports/%Y/", blank=True
    )
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    xlsx_file = models.FileField(
        _("XLSX file"), storage=private_storage, upload_to="reports/%Y/", blank=True
    )
    xlsx_sha256 = models.CharField(_("XLSX SHA-256"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Narrative sections: pre-filled from the data, edited by emulation officers.
    assessment = models.TextField(_("assessment"), blank=True)
    limitations = models.TextField(_("limitations"), blank=True)
    next_tasks = models.TextField(_("next tasks"), blank=True)
    # Signature block and the number from the yearly register, set when finalised.
    sign_capacity = models.CharField(
        _("signed as"), max_length=16, choices=SignCapacity.choices, default=SignCapacity.ON_BEHALF
    )
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    is_final = models.BooleanField(_("final"), default=False)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=32, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-year", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="reportrun_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(scope="province", group__isnull=True)
                | Q(scope="group", group__isnull=False),
                name="reportrun_group_matches_scope",
            ),
            models.CheckConstraint(
                condition=Q(is_final=False) | Q(issued_on__isnull=False),
                name="reportrun_final_has_date",
            ),
            # One number per symbol and year of issue (the register's year, see
            # reports.numbering), whatever happens in the services. Not the reporting year:
            # a 2025 report issued in January 2026 takes a number of the 2026 register.
            models.UniqueConstraint(
                ExtractYear("issued_on"),
                "symbol",
                "number",
                condition=Q(number__isnull=False),
                name="reportrun_unique_number_per_issue_year",
            ),
        ]
        indexes = [models.Index(fields=["scope", "kind", "year", "period"])]

    def __str__(self):
        label = self.get_kind_display()
        if self.group_id:
            return f"{label} – {self.group} – {self.year}"
        return f"{label} – {self.year}"

    @property
    def number_label(self) -> str:
        """ "05/BC-UBND": numbers under 10 take a leading zero (Decree 30/2020)."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}"

    @property
    def is_in_progress(self) -> bool:
        return self.status in ReportStatus.IN_PROGRESS

    @property
    def is_review(self) -> bool:
        return self.kind in ReportKind.REVIEW_KINDS

    @property
    def is_form(self) -> bool:
        return self.kind in ReportKind.FORM_KINDS

    @property
    def is_editable(self) -> bool:
        return not self.is_final

    def as_audit_dict(self) -> dict:
        return {
            "kind": self.kind,
            "group": self.group_id,
            "year": self.year,
            "period": self.period,
            "status": self.status,
            "is_final": self.is_final,
            "number": self.number_label,
            "pdf_sha256": self.pdf_sha256,
            "xlsx_sha256": self.xlsx_sha256,
        }
