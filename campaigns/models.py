import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from campaigns.enums import (
    CollectiveTitle,
    IndividualTitle,
    LauncherLevel,
    MovementKind,
    MovementStatus,
    PledgeStatus,
    RegistrationStatus,
)
from core.models import TimeStampedModel


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


class Movement(TimeStampedModel):
    """An emulation movement (phong trào thi đua), national, provincial, sectoral or of a group.

    The period is given by dates when they are known, otherwise by years (the Directive names
    most movements only by "giai đoạn 2021-2025").
    """

    name = models.CharField(_("name"), max_length=400)
    launcher_level = models.CharField(
        _("launched by"), max_length=32, choices=LauncherLevel.choices
    )
    kind = models.CharField(
        _("form"), max_length=16, choices=MovementKind.choices, default=MovementKind.THEMATIC
    )
    status = models.CharField(
        _("status"), max_length=32, choices=MovementStatus.choices, default=MovementStatus.PLANNED
    )
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    launch_document = models.CharField(_("launch document"), max_length=255, blank=True)
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    launcher_unit = models.ForeignKey(
        "clusters.OrgUnit",
        verbose_name=_("launching unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="launched_movements",
    )
    notes = models.TextField(_("notes"), blank=True)
    participants = models.ManyToManyField(
        "clusters.OrgUnit",
        through="MovementParticipation",
        verbose_name=_("participating units"),
        related_name="movements",
        blank=True,
    )

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["launcher_level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="movement_year_range",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="movement_date_range",
            ),
            models.UniqueConstraint(fields=["name", "launcher_level"], name="movement_unique_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = _nfc(self.name)
        self.launch_document = _nfc(self.launch_document)
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The last year cannot be before the first year.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)

    @property
    def period_label(self) -> str:
        if self.start_date or self.end_date:
            start = self.start_date.strftime("%d/%m/%Y") if self.start_date else "…"
            end = self.end_date.strftime("%d/%m/%Y") if self.end_date else "…"
            return f"{start} – {end}"
        if self.start_year or self.end_year:
            return f"{self.start_year or '…'}–{self.end_year or '…'}"
        return ""

    def as_audit_dict(self) -> dict:
        return {
            "name": self.name,
            "launcher_level": self.launcher_level,
            "kind": self.kind,
            "status": self.status,
            "start_year": self.start_year,
            "end_year": self.end_year,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "launch_document": self.launch_document,
            "launched_on": self.launched_on.isoformat() if self.launched_on else None,
            "launcher_unit": self.launcher_unit_id,
        }


class MovementParticipation(TimeStampedModel):
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    unit = models.ForeignKey(
        "clusters.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="movement_participations",
    )
    joined_on = models.DateField(_("joined on"))

    class Meta:
        verbose_name = _("participating unit")
        verbose_name_plural = _("participating units")
        ordering = ["unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="participation_unique"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.movement}"


class RegistrationWindow(TimeStampedModel):
    """When units register for a year, and the deadline after which a sending is late."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("registration window")
        verbose_name_plural = _("registration windows")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens_on")), name="window_deadline_after_opening"
            ),
        ]

    def __str__(self):
        return f"{self.year}"

    def clean(self):
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            raise ValidationError({"deadline": _("The deadline cannot be before the opening.")})

    def as_audit_dict(self) -> dict:
        return {
            "year": self.year,
            "opens_on": self.opens_on.isoformat(),
            "deadline": self.deadline.isoformat(),
            "note": self.note,
        }


class RegistrationExtension(TimeStampedModel):
    """A later deadline granted to one unit for one year."""

    unit = models.ForeignKey(
        "clusters.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="registration_extensions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="extension_unique_unit_year"),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"

    def clean(self):
        self.reason = _nfc(self.reason)
        if not self.reason:
            raise ValidationError({"reason": _("Give the reason for the extension.")})

    def as_audit_dict(self) -> dict:
        return {
            "unit": self.unit.code,
            "year": self.year,
            "new_deadline": self.new_deadline.isoformat(),
            "reason": self.reason,
        }


class EmulationRegistration(TimeStampedModel):
    """A unit's emulation registration for a year (optionally for one movement).

    `is_late` is decided when the registration is sent for the first time, so that a unit
    whose registration is returned after the deadline is not made late by the return.
    """

    unit = models.ForeignKey(
        "clusters.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="emulation_registrations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
    )
    collective_titles = models.JSONField(_("collective target titles"), default=list, blank=True)
    commitments = models.TextField(_("commitments"), blank=True)
    first_sent_at = models.DateTimeField(_("first sent at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    return_reason = models.TextField(_("reason for return"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("emulation registration")
        verbose_name_plural = _("emulation registrations")
        ordering = ["-year", "unit__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(movement__isnull=True),
                name="registration_unique_unit_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "movement"],
                condition=Q(movement__isnull=False),
                name="registration_unique_unit_year_movement",
            ),
        ]

    def __str__(self):
        if self.movement_id:
            return f"{self.unit} – {self.year} – {self.movement}"
        return f"{self.unit} – {self.year}"

    def clean(self):
        self.commitments = (self.commitments or "").strip()
        valid = set(CollectiveTitle.values)
        titles = list(self.collective_titles or [])
        if any(title not in valid for title in titles):
            raise ValidationError({"collective_titles": _("Unknown title.")})
        # Keep the catalogue order and no duplicates.
        self.collective_titles = [t for t in CollectiveTitle.values if t in titles]

    @property
    def is_editable(self) -> bool:
        return self.status in RegistrationStatus.EDITABLE

    def collective_title_labels(self) -> list[str]:
        labels = dict(CollectiveTitle.choices)
        return [str(labels[t]) for t in self.collective_titles if t in labels]

    def as_audit_dict(self) -> dict:
        return {
            "unit": self.unit.code,
            "year": self.year,
            "movement": self.movement_id,
            "status": self.status,
            "collective_titles": list(self.collective_titles),
            "commitments": self.commitments,
            "individuals": [
                [i.full_name, i.position, i.target_title] for i in self.individuals.all()
            ],
        }


class RegisteredIndividual(models.Model):
    registration = models.ForeignKey(
        EmulationRegistration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="individuals",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    target_title = models.CharField(
        _("target title"), max_length=64, choices=IndividualTitle.choices
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("registered individual")
        verbose_name_plural = _("registered individuals")
        ordering = ["order", "id"]

    def __str__(self):
        return self.full_name

    def clean(self):
        self.full_name = _nfc(self.full_name)
        self.position = _nfc(self.position)


class EmulationPledge(TimeStampedModel):
    """The emulation pledge (giao ước thi đua) of a cluster/block for a year."""

    group = models.ForeignKey(
        "clusters.EmulationGroup",
        verbose_name=_("cluster/block"),
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)

    class Meta:
        verbose_name = _("emulation pledge")
        verbose_name_plural = _("emulation pledges")
        ordering = ["-year", "group__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="pledge_unique_group_year"),
        ]

    def __str__(self):
        return f"{self.group} – {self.year}"

    def as_audit_dict(self) -> dict:
        return {
            "group": self.group.code,
            "year": self.year,
            "title": self.title,
            "status": self.status,
            "targets": [item.text for item in self.items.all()],
        }


class PledgeItem(models.Model):
    pledge = models.ForeignKey(
        EmulationPledge, verbose_name=_("pledge"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("target"))

    class Meta:
        verbose_name = _("pledge target")
        verbose_name_plural = _("pledge targets")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "order"], name="pledgeitem_unique_order"),
        ]

    def __str__(self):
        return self.text


class PledgeSignature(models.Model):
    """One member unit's confirmation of the pledge, by its leader."""

    pledge = models.ForeignKey(
        EmulationPledge,
        verbose_name=_("pledge"),
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    unit = models.ForeignKey(
        "clusters.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        verbose_name = _("pledge confirmation")
        verbose_name_plural = _("pledge confirmations")
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "unit"], name="signature_one_per_unit"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.pledge}"
