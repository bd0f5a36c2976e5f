from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Unit officer")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    GROUP_HEAD = "group_head", _("Cluster/block head")
    EMULATION_OFFICER = "emulation_officer", _("Home Affairs emulation officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    LEADERSHIP = "leadership", _("Provincial leadership")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
