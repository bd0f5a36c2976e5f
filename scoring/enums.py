from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Period(models.TextChoices):
    MID_YEAR = "mid_year", _("Mid-year (6 months)")
    ANNUAL = "annual", _("Annual")


class CriterionType(models.TextChoices):
    FIXED = "fixed", _("Direct score")
    GRADED = "graded", _("Graded levels")
    QUANTITATIVE = "quantitative", _("Quantitative against a target")


class CriterionCategory(models.TextChoices):
    NORMAL = "normal", pgettext_lazy("criterion category", "Criterion")
    BONUS = "bonus", _("Bonus points")
    PENALTY = "penalty", _("Penalty points")


class PhaseKind(models.TextChoices):
    """In the order in which they happen. LOCKED has no end."""

    SELF_ASSESSMENT = "self_assessment", _("Self-assessment open")
    HEAD_SCORING = "head_scoring", _("Head scoring open")
    COUNCIL_ADJUSTMENT = "council_adjustment", _("Council adjustment")
    LOCKED = "locked", _("Locked")


class Stage(models.TextChoices):
    SELF = "self", _("Self-assessment")
    HEAD = "head", _("Cluster/block head")
    COUNCIL = "council", _("Council adjustment")


class SheetStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SELF_SUBMITTED = "self_submitted", _("Self-assessment submitted")
    RETURNED = "returned", _("Returned for correction")
    LOCKED = "locked", _("Locked")

    ALLOWED = nonmember(
        {
            "open": {"self_submitted", "locked"},
            "self_submitted": {"returned", "locked"},
            "returned": {"self_submitted", "locked"},
            "locked": set(),
        }
    )


class TieBreak(models.TextChoices):
    """Keys applied in order after the total, to order units with equal totals."""

    CRITERIA = "criteria", _("Higher score before bonus and penalty")
    FEWER_PENALTY = "fewer_penalty", _("Fewer penalty points")
    BONUS = "bonus", _("More bonus points")
    SELF_SUBMITTED_FIRST = "submitted_first", _("Self-assessment submitted earlier")


class BallotStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")

    ALLOWED = nonmember({"open": {"closed"}, "closed": {"open"}})


class BallotOutcome(models.TextChoices):
    PENDING = "pending", _("Not decided yet")
    ACCLAIMED = "acclaimed", _("Acclaimed by ballot")
    NO_QUORUM = "no_quorum", _("No quorum")
    NOT_PASSED = "not_passed", _("Threshold not reached")
    HEAD_DECIDED = "head_decided", _("Decided by the head and deputy")
