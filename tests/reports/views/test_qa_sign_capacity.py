"""QA: the narrative form of a cluster/block report offers the group's signatures.

It offered "On behalf of the People's Committee (TM.) – Chairman" and "For the Chairman (KT.)
– Vice-chairman" while the PDF of a group report is signed "TM. CỤM THI ĐUA SỐ 1 / TRƯỞNG
CỤM" or "KT. TRƯỞNG CỤM / PHÓ TRƯỞNG CỤM"."""

import pytest

from accounts.enums import Role
from reports.forms import NarrativeForm
from tests.conftest import make_user_with_role
from tests.factories.reports import GroupReportRunFactory, ReportRunFactory

pytestmark = pytest.mark.integration


def _capacity_labels(response) -> list[str]:
    field = response.context["narrative_form"]["sign_capacity"]
    return [str(label) for _value, label in field.field.choices]


def test_group_report_offers_the_groups_signatures(province, client_for):
    officer = make_user_with_role(Role.EMULATION_OFFICER, province.units["B1"], username="tdkt")
    client = client_for(officer)

    group_page = client.get(f"/reports/{GroupReportRunFactory(group=province.block).pk}/")
    province_page = client.get(f"/reports/{ReportRunFactory().pk}/")

    group_labels = _capacity_labels(group_page)
    assert group_labels == [str(label) for _value, label in NarrativeForm.GROUP_CAPACITIES]
    for committee in ("Ủy ban nhân dân", "People's Committee", "Chủ tịch", "Chairman"):
        assert committee not in " ".join(group_labels)
    assert _capacity_labels(province_page) == [
        "TM. Ủy ban nhân dân – Chủ tịch",
        "KT. Chủ tịch – Phó Chủ tịch",
    ]


def test_the_group_choice_is_saved_with_the_same_codes(province, client_for):
    officer = make_user_with_role(Role.EMULATION_OFFICER, province.units["B1"], username="tdkt")
    run = GroupReportRunFactory(group=province.block)

    response = client_for(officer).post(
        f"/reports/{run.pk}/narrative/",
        {"assessment": "", "limitations": "", "next_tasks": "", "sign_capacity": "for_head"},
    )

    run.refresh_from_db()
    assert response.status_code == 302
    assert run.sign_capacity == "for_head"
