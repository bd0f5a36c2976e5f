import unicodedata

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.enums import GroupKind, GroupLevel, LineageKind, LineageRole, UnitType
from core.models import TimeStampedModel


class OrgUnit(TimeStampedModel):
    """An agency, locality or enterprise that takes part in emulation.

    `parent` is the parent today; the dated history of parents is in `UnitParentPeriod`.
    Merges, splits, renames and establishments are `LineageEvent`s linking predecessors and
    successors. `code` is unique for ever: when a new unit re-uses an official (GSO) code of
    a unit it replaced, the old unit keeps the official code in `official_code` and gets a
    suffixed `code` (see demo/org.py).
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    official_code = models.CharField(
        _("official code"),
        max_length=32,
        blank=True,
        help_text=_("Code in the national list of administrative units, if any."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    unit_type = models.CharField(_("type"), max_length=32, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_range",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="orgunit_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # Files and forms made on a Mac arrive in decomposed Unicode; store NFC only.
        self.name = unicodedata.normalize("NFC", self.name or "").strip()
        self.short_name = unicodedata.normalize("NFC", self.short_name or "").strip()
        self.code = unicodedata.normalize("NFC", self.code or "").strip()
        self.official_code = unicodedata.normalize("NFC", self.official_code or "").strip()

    def is_active_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def exists_in_year(self, year: int) -> bool:
        """The unit existed on at least one day of `year`."""
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or self.valid_to.year >= year
        )

    def as_audit_dict(self):
        return {
            "code": self.code,
            "official_code": self.official_code,
            "name": self.name,
            "short_name": self.short_name,
            "unit_type": self.unit_type,
            "parent": self.parent.code if self.parent_id else None,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }


class UnitParentPeriod(TimeStampedModel):
    """The parent of a unit over a date range (both ends included; open ends are unknown or
    still running). `OrgUnit.parent` mirrors the period running today."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="parent_periods"
    )
    parent = models.ForeignKey(
        OrgUnit, verbose_name=_("parent unit"), on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("parent period")
        verbose_name_plural = _("parent periods")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unitparentperiod_valid_range",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("unit")), name="unitparentperiod_not_own_parent"
            ),
            models.UniqueConstraint(
                fields=["unit", "valid_from"], name="unitparentperiod_unique_start"
            ),
        ]

    def __str__(self):
        return f"{self.unit} → {self.parent}"


class LineageEvent(TimeStampedModel):
    """A merge, split, rename or establishment taking effect on `effective_on`, made by the
    decision in `decision_ref`. Its `links` name the predecessor and successor units."""

    kind = models.CharField(_("kind"), max_length=16, choices=LineageKind.choices)
    effective_on = models.DateField(_("effective on"))
    decision_ref = models.CharField(_("decision"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    old_name = models.CharField(_("old name"), max_length=255, blank=True)
    new_name = models.CharField(_("new name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lineage event")
        verbose_name_plural = _("lineage events")
        ordering = ["-effective_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"

    # Read from prefetched `links` (see selectors.lineage_events_of): no extra query.
    @property
    def predecessor_links(self):
        return [link for link in self.links.all() if link.role == LineageRole.PREDECESSOR]

    @property
    def successor_links(self):
        return [link for link in self.links.all() if link.role == LineageRole.SUCCESSOR]


class LineageLink(models.Model):
    """One unit taking part in a lineage event, as predecessor or successor. `is_partial`
    marks a predecessor of which only a part went to the successors (a split commune)."""

    event = models.ForeignKey(
        LineageEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="links"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="lineage_links"
    )
    role = models.CharField(_("role"), max_length=16, choices=LineageRole.choices)
    is_partial = models.BooleanField(_("only part of it"), default=False)

    class Meta:
        verbose_name = _("lineage link")
        verbose_name_plural = _("lineage links")
        ordering = ["event", "role", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "unit", "role"], name="lineagelink_unique"),
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self):
        return f"{self.event}: {self.get_role_display()} {self.unit}"


class EmulationGroup(TimeStampedModel):
    """A cluster (cụm) or block (khối) of units that emulate together.

    Membership, head and deputy are per year (`GroupMembership`, `GroupTerm`).
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=GroupKind.choices)
    level = models.CharField(
        _("level"), max_length=16, choices=GroupLevel.choices, default=GroupLevel.PROVINCIAL
    )
    description = models.TextField(_("description"), blank=True)
    decision_ref = models.CharField(_("founding decision"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("emulation cluster/block")
        verbose_name_plural = _("emulation clusters/blocks")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="emulationgroup_valid_range",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = unicodedata.normalize("NFC", self.name or "").strip()
        self.code = unicodedata.normalize("NFC", self.code or "").strip()
        self.description = unicodedata.normalize("NFC", self.description or "").strip()
        self.decision_ref = unicodedata.normalize("NFC", self.decision_ref or "").strip()

    def exists_in_year(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or self.valid_to.year >= year
        )

    def as_audit_dict(self):
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "level": self.level,
            "description": self.description,
            "decision_ref": self.decision_ref,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }


class GroupMembership(TimeStampedModel):
    """Unit × group × year. `level` repeats the group's level so that the database itself
    enforces "at most one group of a level per unit and year"."""

    group = models.ForeignKey(
        EmulationGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=16, choices=GroupLevel.choices)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "unit", "year"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["unit", "year", "level"], name="membership_one_group_per_level_year"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.group} ({self.year})"


class GroupTerm(TimeStampedModel):
    """Group × year: the head and deputy units (rotating yearly) and the decision naming them."""

    group = models.ForeignKey(
        EmulationGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="terms"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    head_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("head unit"), on_delete=models.PROTECT, related_name="+"
    )
    deputy_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("deputy head unit"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decision_ref = models.CharField(_("decision"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("group term")
        verbose_name_plural = _("group terms")
        ordering = ["group", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="groupterm_unique_year"),
            models.CheckConstraint(
                condition=~Q(head_unit=models.F("deputy_unit")), name="groupterm_head_not_deputy"
            ),
        ]

    def __str__(self):
        return f"{self.group} {self.year}"
