from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitType(models.TextChoices):
    PROVINCE = "province", _("Province")
    PEOPLES_COMMITTEE = "people_committee", _("People's committee")
    PEOPLES_COUNCIL = "people_council", _("People's council")
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    COUNCIL = "council", _("Emulation and commendation council")
    DEPARTMENT = "department", _("Department")
    SECTOR_AGENCY = "sector_agency", _("Sector agency")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    CITY = "city", _("Provincial city")
    TOWN = "town", _("Town")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    TOWNSHIP = "township", _("Township")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    ENTERPRISE = "enterprise", _("Enterprise")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("School / public service unit")
    SUB_UNIT = "sub_unit", _("Sub-unit")

    @classmethod
    def district_level(cls):
        """District-level units (abolished from 01/07/2025)."""
        return [cls.CITY, cls.TOWN, cls.DISTRICT]

    @classmethod
    def commune_level(cls):
        """Commune-level units (the only local tier below the province from 01/07/2025)."""
        return [cls.COMMUNE, cls.WARD, cls.TOWNSHIP, cls.SPECIAL_ZONE]


class GroupKind(models.TextChoices):
    CLUSTER = "cluster", _("Emulation cluster")
    BLOCK = "block", _("Emulation block")


class GroupLevel(models.TextChoices):
    """Who runs the group: the province's council, a department/sector, or a commune."""

    PROVINCIAL = "provincial", _("Provincial")
    SECTORAL = "sectoral", _("Department / sector")
    COMMUNE = "commune", pgettext_lazy("group level", "Commune")


class LineageKind(models.TextChoices):
    """What happened to units on a date: the decision that made it is kept with the event."""

    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Rename")
    ESTABLISH = "establish", _("Establishment")


class LineageRole(models.TextChoices):
    PREDECESSOR = "predecessor", _("Predecessor")
    SUCCESSOR = "successor", _("Successor")


class MemberRole(models.TextChoices):
    """A unit's role in a group for one year (import/export column `role`)."""

    MEMBER = "member", _("Member")
    HEAD = "head", pgettext_lazy("cluster role", "Head")
    DEPUTY = "deputy", pgettext_lazy("cluster role", "Deputy head")
