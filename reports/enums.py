"""Kinds, scopes, periods and states of report runs (domain §5, forms.md §1–§2)."""

from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportScope(models.TextChoices):
    GROUP = "group", _("Cluster/block")
    PROVINCE = "province", _("Province")


class ReportPeriod(models.TextChoices):
    """The half-year preliminary review covers the first six months; everything else the year."""

    FIRST_HALF = "h1", _("First six months")
    YEAR = "year", _("Whole year")


class ReportKind(models.TextChoices):
    GROUP_PRELIMINARY = "group_preliminary", _("Cluster/block preliminary review")
    GROUP_FINAL = "group_final", _("Cluster/block final review")
    PROVINCE_PRELIMINARY = "province_preliminary", _("Province preliminary review")
    PROVINCE_FINAL = "province_final", _("Province final review")
    FORM_0601 = "form_0601", _("Statistical form 0601.N/BNV-TĐKT")
    FORM_0602 = "form_0602", _("Statistical form 0602.N/BNV-TĐKT")
    FORM_0603 = "form_0603", _("Statistical form 0603.N/BNV-TĐKT")

    GROUP_KINDS = nonmember(frozenset({"group_preliminary", "group_final"}))
    REVIEW_KINDS = nonmember(
        frozenset({"group_preliminary", "group_final", "province_preliminary", "province_final"})
    )
    FORM_KINDS = nonmember(frozenset({"form_0601", "form_0602", "form_0603"}))
    PRELIMINARY_KINDS = nonmember(frozenset({"group_preliminary", "province_preliminary"}))

    @classmethod
    def scope_of(cls, kind: str) -> str:
        return ReportScope.GROUP if kind in cls.GROUP_KINDS else ReportScope.PROVINCE

    @classmethod
    def period_of(cls, kind: str) -> str:
        return ReportPeriod.FIRST_HALF if kind in cls.PRELIMINARY_KINDS else ReportPeriod.YEAR


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Rendering")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")

    IN_PROGRESS = nonmember(frozenset({"queued", "running"}))


class SignCapacity(models.TextChoices):
    """Who signs (Decree 30/2020: TM. on behalf of the collective body, KT. for the head)."""

    ON_BEHALF = "on_behalf", _("On behalf of the People's Committee (TM.) – Chairman")
    FOR_HEAD = "for_head", _("For the Chairman (KT.) – Vice-chairman")
