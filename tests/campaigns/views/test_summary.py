from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.enums import RegistrationStatus
from clusters.enums import GroupKind
from tests.factories.campaigns import (
    GroupFactory,
    IndividualFactory,
    MembershipFactory,
    RegistrationFactory,
)
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def two_groups(block):
    approved = RegistrationFactory(
        unit=block.unit_a,
        status=RegistrationStatus.APPROVED,
        collective_titles=["EXCELLENT_COLLECTIVE", "PROVINCIAL_EMULATION_FLAG"],
    )
    IndividualFactory.create_batch(2, registration=approved, target_title="ADVANCED_WORKER")
    IndividualFactory(registration=approved, target_title="GRASSROOTS_EMULATION_FIGHTER")
    RegistrationFactory(
        unit=block.unit_b,
        status=RegistrationStatus.SENT,
        is_late=True,
        collective_titles=["ADVANCED_COLLECTIVE"],
    )
    RegistrationFactory(unit=block.unit_c, year=2023, status=RegistrationStatus.APPROVED)
    other = GroupFactory(code="T-CUM", name="Cụm thi đua thử nghiệm", kind=GroupKind.CLUSTER)
    unit_d = OrgUnitFactory(code="T-D", name="Sở Thử D")
    MembershipFactory(group=other, unit=unit_d, year=2024)
    RegistrationFactory(
        unit=unit_d,
        status=RegistrationStatus.RETURNED,
        collective_titles=["ADVANCED_COLLECTIVE"],
        return_reason="Thiếu",
    )
    return other


def test_summary_counts_by_state_title_and_lists_missing_units(block, two_groups, client_en):
    response = client_en(block.emulation_officer).get(
        reverse("campaigns:registration-summary"), {"year": 2024}
    )

    blocks = {b.label: b for b in response.context["blocks"]}
    khoi = blocks["Khối thi đua thử nghiệm"]
    total = response.context["total"]
    # Blocks before clusters (group kind), then by name.
    assert list(blocks) == ["Khối thi đua thử nghiệm", "Cụm thi đua thử nghiệm"]
    assert (khoi.unit_count, khoi.by_status, khoi.late_count) == (
        3,
        {"approved": 1, "sent": 1},
        1,
    )
    assert khoi.by_collective_title == {
        "EXCELLENT_COLLECTIVE": 1,
        "PROVINCIAL_EMULATION_FLAG": 1,
        "ADVANCED_COLLECTIVE": 1,
    }
    assert khoi.by_individual_title == {"ADVANCED_WORKER": 2, "GRASSROOTS_EMULATION_FIGHTER": 1}
    assert [u.code for u in khoi.not_registered] == ["T-C"]
    assert (total.unit_count, total.by_status) == (4, {"approved": 1, "sent": 1, "returned": 1})


def test_head_sees_only_the_group_they_head(block, two_groups, client_en):
    response = client_en(block.head).get(reverse("campaigns:registration-summary"), {"year": 2024})

    assert [b.label for b in response.context["blocks"]] == ["Khối thi đua thử nghiệm"]
    assert response.context["total"].unit_count == 3


def test_head_asking_for_another_group_gets_404(block, two_groups, client_en):
    response = client_en(block.head).get(
        reverse("campaigns:registration-summary"), {"year": 2024, "group": two_groups.pk}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["officer_a", "leader_b"])
def test_summary_is_not_for_unit_staff(block, two_groups, client_en, who):
    client = client_en(getattr(block, who))

    page = client.get(reverse("campaigns:registration-summary"), {"year": 2024})
    export = client.get(reverse("campaigns:registration-summary-export"), {"year": 2024})

    assert (page.status_code, export.status_code) == (403, 403)


def test_summary_export_matches_the_page(block, two_groups, client_en):
    response = client_en(block.emulation_officer).get(
        reverse("campaigns:registration-summary-export"), {"year": 2024, "group": block.group.pk}
    )

    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["Summary"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="registration-summary-2024.xlsx"'
    )
    assert rows[0][0] == "Emulation registrations 2024"
    assert rows[1] == [
        "Cluster/block",
        "Member units",
        "Draft",
        "Sent, waiting for approval",
        "Approved",
        "Returned for completion",
        "Late",
        "Not registered",
        "Advanced labour collective",
        "Excellent labour collective",
        "Emulation flag of the Provincial People's Committee",
        "Emulation flag of the Government",
        "Exemplary commune/ward",
        "Cultural village / residential group",
        "Advanced worker",
        "Grassroots emulation fighter",
        "Provincial emulation fighter",
        "National emulation fighter",
    ]
    assert rows[2] == ["Khối thi đua thử nghiệm", 3, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 2, 1, 0, 0]
    assert rows[3] == ["Total", 3, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 2, 1, 0, 0]
    assert len(rows) == 4
    missing = [list(r) for r in workbook["Not registered"].iter_rows(values_only=True)]
    assert missing == [
        ["Cluster/block", "Code", "Unit"],
        ["Khối thi đua thử nghiệm", "T-C", "Huyện Thử C"],
    ]


@pytest.mark.parametrize("item_count", [1, 3])
def test_summary_query_count_is_constant(
    block, client_en, django_assert_max_num_queries, item_count
):
    for index in range(item_count):
        group = GroupFactory(code=f"T-G{index}")
        for unit_index in range(2):
            unit = OrgUnitFactory(code=f"T-G{index}-{unit_index}")
            MembershipFactory(group=group, unit=unit, year=2024)
            registration = RegistrationFactory(unit=unit)
            IndividualFactory(registration=registration)
    client = client_en(block.emulation_officer)

    with django_assert_max_num_queries(13):
        page = client.get(reverse("campaigns:registration-summary"), {"year": 2024})
    with django_assert_max_num_queries(13):
        client.get(reverse("campaigns:registration-summary-export"), {"year": 2024})

    assert len(page.context["blocks"]) == item_count + 1
