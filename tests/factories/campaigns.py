import datetime

import factory

from campaigns.enums import IndividualTitle, LauncherLevel, MovementKind
from campaigns.models import (
    EmulationPledge,
    EmulationRegistration,
    Movement,
    PledgeItem,
    RegisteredIndividual,
    RegistrationExtension,
    RegistrationWindow,
)
from tests.factories.clusters import (
    EmulationGroupFactory,
    GroupMembershipFactory,
    GroupTermFactory,
    OrgUnitFactory,
)

# The campaigns tests work in 2024 (Directive 02's year); the clusters factories default to 2025.
GroupFactory = EmulationGroupFactory


class MembershipFactory(GroupMembershipFactory):
    group = factory.SubFactory(GroupFactory)
    year = 2024


class TermFactory(GroupTermFactory):
    group = factory.SubFactory(GroupFactory)
    year = 2024


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    name = factory.Sequence(lambda n: f"Phong trào thi đua thử nghiệm {n}")
    launcher_level = LauncherLevel.PROVINCE
    kind = MovementKind.THEMATIC
    start_year = 2022
    end_year = 2025


class RegistrationWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationWindow
        django_get_or_create = ("year",)

    year = 2024
    opens_on = factory.LazyAttribute(lambda w: datetime.date(w.year, 1, 1))
    deadline = factory.LazyAttribute(lambda w: datetime.date(w.year, 3, 31))


class RegistrationExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationExtension

    unit = factory.SubFactory(OrgUnitFactory)
    year = 2024
    new_deadline = datetime.date(2024, 4, 15)
    reason = "Đơn vị đang kiện toàn lãnh đạo"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmulationRegistration

    unit = factory.SubFactory(OrgUnitFactory)
    year = 2024
    collective_titles = factory.LazyFunction(lambda: ["EXCELLENT_COLLECTIVE"])
    commitments = "Hoàn thành vượt mức các chỉ tiêu được giao"


class IndividualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegisteredIndividual

    registration = factory.SubFactory(RegistrationFactory)
    full_name = factory.Sequence(lambda n: f"Trần Thị Thử {n}")
    position = "Chuyên viên"
    target_title = IndividualTitle.ADVANCED_WORKER


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmulationPledge

    group = factory.SubFactory(GroupFactory)
    year = 2024
    title = "Giao ước thi đua năm 2024"


class PledgeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PledgeItem

    pledge = factory.SubFactory(PledgeFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = "Hoàn thành 100% chỉ tiêu kinh tế - xã hội"
