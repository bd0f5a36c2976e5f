"""States and catalogues of the campaigns app (domain §8b, §11).

Allowed transitions are `nonmember` constants on each status enum; one `set_<thing>_status`
service per aggregate enforces them.
"""

from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class LauncherLevel(models.TextChoices):
    """Who launched a movement (Law Art. 18; domain §3.5)."""

    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    PROVINCE = "province", _("Provincial People's Committee")
    DEPARTMENT = "department", _("Department / sector")
    CLUSTER = "cluster", _("Emulation cluster/block")


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    THEMATIC = "thematic", _("Thematic")


class MovementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    LAUNCHED = "launched", _("Launched")
    RUNNING = "running", _("Running")
    PRELIM_REVIEWED = "prelim_reviewed", _("Preliminary review held")
    FINAL_REVIEWED = "final_reviewed", _("Final review held")
    CLOSED = "closed", _("Closed")

    # A movement may hold several preliminary reviews: after each it runs again.
    TRANSITIONS = nonmember(
        {
            "planned": frozenset({"launched"}),
            "launched": frozenset({"running"}),
            "running": frozenset({"prelim_reviewed", "final_reviewed"}),
            "prelim_reviewed": frozenset({"running", "final_reviewed"}),
            "final_reviewed": frozenset({"closed"}),
            "closed": frozenset(),
        }
    )


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent, waiting for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for completion")

    TRANSITIONS = nonmember(
        {
            "draft": frozenset({"sent"}),
            "sent": frozenset({"approved", "returned"}),
            "returned": frozenset({"draft"}),
            "approved": frozenset(),
        }
    )
    EDITABLE = nonmember(frozenset({"draft", "returned"}))


class CollectiveTitle(models.TextChoices):
    """Collective emulation titles a unit may register for (domain §2.1, §11).

    The catalogue of titles; the awards app later owns `AwardType` with the rules.
    """

    ADVANCED_COLLECTIVE = "ADVANCED_COLLECTIVE", _("Advanced labour collective")
    EXCELLENT_COLLECTIVE = "EXCELLENT_COLLECTIVE", _("Excellent labour collective")
    PROVINCIAL_EMULATION_FLAG = (
        "PROVINCIAL_EMULATION_FLAG",
        _("Emulation flag of the Provincial People's Committee"),
    )
    GOVERNMENT_EMULATION_FLAG = "GOVERNMENT_EMULATION_FLAG", _("Emulation flag of the Government")
    EXEMPLARY_COMMUNE = "EXEMPLARY_COMMUNE", _("Exemplary commune/ward")
    CULTURAL_VILLAGE = "CULTURAL_VILLAGE", _("Cultural village / residential group")


class IndividualTitle(models.TextChoices):
    ADVANCED_WORKER = "ADVANCED_WORKER", _("Advanced worker")
    GRASSROOTS_EMULATION_FIGHTER = "GRASSROOTS_EMULATION_FIGHTER", _("Grassroots emulation fighter")
    PROVINCIAL_EMULATION_FIGHTER = "PROVINCIAL_EMULATION_FIGHTER", _("Provincial emulation fighter")
    NATIONAL_EMULATION_FIGHTER = "NATIONAL_EMULATION_FIGHTER", _("National emulation fighter")


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Drafted by the head")
    CIRCULATED = "circulated", _("Circulated for confirmation")
    IN_FORCE = "in_force", _("In force")
    CLOSED = "closed", _("Closed")

    TRANSITIONS = nonmember(
        {
            "draft": frozenset({"circulated"}),
            "circulated": frozenset({"in_force"}),
            "in_force": frozenset({"closed"}),
            "closed": frozenset(),
        }
    )
