import pytest
from django.core.management import CommandError, call_command

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from clusters.models import OrgUnit
from core.models import AuditEntry
from demo.loader import DemoModeRequiredError, load_demo

pytestmark = pytest.mark.integration

DEMO_USERNAMES = {"admin", "noivu", "lanhdao", "hoidong", "truongkhoi", "donvi1", "donvi2"}


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    settings.DEMO_PASSWORD = "Demo-pass-2024"
    return settings


@pytest.mark.django_db
def test_load_demo_creates_hung_yen_units_and_demo_users(demo_mode):
    load_demo()

    assert set(User.objects.values_list("username", flat=True)) >= DEMO_USERNAMES
    # Old Hưng Yên's ten; demo/org.py adds Thái Bình's old districts under its own province.
    districts = OrgUnit.objects.filter(
        unit_type__in=["city", "town", "district"], parent__code="33"
    )
    assert districts.count() == 10
    assert {u.valid_to.isoformat() for u in districts} == {"2025-06-30"}
    assert OrgUnit.objects.get(code="HY-SNV").name == "Sở Nội vụ tỉnh Hưng Yên"
    assert OrgUnit.objects.get(code="HY-SNV").parent.code == "HY-UBND"
    assert (
        OrgUnit.objects.get(code="HY-MTTQ").name == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên"
    )


@pytest.mark.django_db
def test_load_demo_gives_each_demo_user_its_role(demo_mode):
    load_demo()

    roles = {
        (a.user.username, a.role, a.unit.code)
        for a in RoleAssignment.objects.select_related("user", "unit")
    }
    assert roles >= {
        ("admin", Role.SYSTEM_ADMIN, "HY-SNV"),
        ("noivu", Role.EMULATION_OFFICER, "HY-SNV"),
        ("lanhdao", Role.LEADERSHIP, "HY-UBND"),
        ("hoidong", Role.COUNCIL_MEMBER, "HY-HDTDKT"),
        ("truongkhoi", Role.GROUP_HEAD, "323"),
        ("donvi1", Role.UNIT_OFFICER, "325"),
        ("donvi2", Role.UNIT_OFFICER, "326"),
    }
    assert User.objects.get(username="donvi1").check_password("Demo-pass-2024")


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(demo_mode):
    load_demo()
    counts = (OrgUnit.objects.count(), User.objects.count(), RoleAssignment.objects.count())
    audits = AuditEntry.objects.count()

    changed = load_demo()

    assert changed == 0
    assert (OrgUnit.objects.count(), User.objects.count(), RoleAssignment.objects.count()) == counts
    assert AuditEntry.objects.count() == audits


@pytest.mark.django_db
def test_load_demo_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False

    with pytest.raises(DemoModeRequiredError):
        load_demo()
    with pytest.raises(CommandError):
        call_command("load_demo")

    assert User.objects.count() == 0
