import datetime

import pytest

from campaigns import selectors
from campaigns.enums import LauncherLevel, PledgeStatus, RegistrationStatus
from campaigns.models import (
    EmulationPledge,
    EmulationRegistration,
    Movement,
    PledgeSignature,
    RegistrationExtension,
    RegistrationWindow,
)
from clusters.models import OrgUnit
from core.models import AuditEntry
from demo.campaigns import DISTRICT_CODES, load_campaign_demo
from demo.loader import load_demo, load_units, load_users

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    settings.DEMO_PASSWORD = "Demo-pass-2024"
    return settings


def test_demo_has_the_eleven_movements_of_directive_02(demo_mode):
    load_demo()

    movements = list(Movement.objects.order_by("id"))
    assert [m.launcher_level for m in movements].count(LauncherLevel.PRIME_MINISTER) == 5
    assert [m.launcher_level for m in movements].count(LauncherLevel.PROVINCE) == 6
    periods = {m.name: m.period_label for m in movements}
    assert periods["Cả nước chung sức xây dựng nông thôn mới"] == "2021–2025"
    assert periods["Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"] == "2019–2025"
    assert periods["Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời"] == (
        "2023–2030"
    )
    assert (
        periods["Đẩy mạnh thực hiện Dự án đầu tư xây dựng đường vành đai 4 - Vùng Thủ đô Hà Nội"]
        == ""
    )


def test_demo_registrations_2024_cover_every_state(demo_mode):
    load_demo()

    window = RegistrationWindow.objects.get(year=2024)
    states = dict(
        EmulationRegistration.objects.filter(year=2024).values_list("unit__code", "status")
    )
    assert window.deadline == datetime.date(2024, 3, 31)
    assert states == {
        "323": "approved",
        "325": "returned",
        "326": "sent",
        "327": "approved",
        "328": "approved",
        "329": "approved",
        "330": "sent",
        "331": "approved",
        "332": "draft",
    }
    assert EmulationRegistration.objects.get(unit__code="325").return_reason != ""
    assert list(
        EmulationRegistration.objects.filter(is_late=True).values_list("unit__code", flat=True)
    ) == ["330"]
    assert RegistrationExtension.objects.get().unit.code == "326"
    assert selectors.is_registered(OrgUnit.objects.get(code="323"), 2024) is True
    assert selectors.is_registered(OrgUnit.objects.get(code="333"), 2024) is False


def test_demo_pledge_of_the_district_block_is_in_force_and_signed_by_all(demo_mode):
    load_demo()

    pledge = EmulationPledge.objects.get(year=2024)
    assert pledge.group.code == "HY-KHOI-HUYEN"
    assert pledge.status == PledgeStatus.IN_FORCE
    assert sorted(PledgeSignature.objects.values_list("unit__code", flat=True)) == sorted(
        DISTRICT_CODES
    )
    assert sorted(PledgeSignature.objects.values_list("user__username", flat=True)) == sorted(
        f"lanhdao{code}" for code in DISTRICT_CODES
    )


def test_demo_twice_changes_nothing(demo_mode):
    load_demo()
    audits = AuditEntry.objects.count()
    counts = (Movement.objects.count(), EmulationRegistration.objects.count())

    changed = load_campaign_demo()

    assert changed == 0
    assert AuditEntry.objects.count() == audits
    assert (Movement.objects.count(), EmulationRegistration.objects.count()) == counts


def test_demo_without_the_block_creates_no_pledge(demo_mode):
    load_units()
    load_users("Demo-pass-2024")

    load_campaign_demo()

    assert EmulationPledge.objects.count() == 0
    assert Movement.objects.count() == 11
    assert EmulationRegistration.objects.filter(status=RegistrationStatus.APPROVED).count() == 5
