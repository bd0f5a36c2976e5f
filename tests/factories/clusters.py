import datetime

import factory

from clusters.enums import GroupKind, GroupLevel, LineageKind, LineageRole, UnitType
from clusters.models import (
    EmulationGroup,
    GroupMembership,
    GroupTerm,
    LineageEvent,
    LineageLink,
    OrgUnit,
    UnitParentPeriod,
)


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Đơn vị thử nghiệm {n}")
    unit_type = UnitType.DEPARTMENT


class UnitParentPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitParentPeriod

    unit = factory.SubFactory(OrgUnitFactory)
    parent = factory.SubFactory(OrgUnitFactory)
    valid_from = None
    valid_to = None


class LineageEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LineageEvent

    kind = LineageKind.MERGE
    effective_on = datetime.date(2025, 7, 1)
    decision_ref = "Nghị quyết 1666/NQ-UBTVQH15 ngày 16/06/2025"


class LineageLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LineageLink

    event = factory.SubFactory(LineageEventFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    role = LineageRole.PREDECESSOR
    is_partial = False


class EmulationGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmulationGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"G{n:04d}")
    name = factory.Sequence(lambda n: f"Khối thi đua thử nghiệm {n}")
    kind = GroupKind.BLOCK
    level = GroupLevel.PROVINCIAL


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(EmulationGroupFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    year = 2025
    level = factory.SelfAttribute("group.level")


class GroupTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupTerm

    group = factory.SubFactory(EmulationGroupFactory)
    year = 2025
    head_unit = factory.SubFactory(OrgUnitFactory)
    deputy_unit = None
