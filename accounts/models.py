import unicodedata

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from core.models import TimeStampedModel


class User(AbstractUser):
    """A person who signs in. What they may do comes from their `RoleAssignment`s."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    def clean(self):
        super().clean()
        self.full_name = unicodedata.normalize("NFC", self.full_name or "").strip()

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username


class RoleAssignmentQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def active(self):
        return self.active_on(timezone.localdate())


class RoleAssignment(TimeStampedModel):
    """User × unit × role, valid over a date range (both ends included)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    unit = models.ForeignKey(
        "clusters.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "role", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="roleassignment_valid_range",
            ),
            models.UniqueConstraint(
                fields=["user", "unit", "role", "valid_from"], name="roleassignment_unique_start"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"

    def is_active_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def as_audit_dict(self):
        return {
            "user": self.user.get_username(),
            "unit": self.unit.code,
            "role": self.role,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }
