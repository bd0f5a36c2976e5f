"""Award figures for the reports (awards/statistics.py): which records count, the exact cells
of forms 0602/0603, the review breakdowns, the dossiers and a bounded number of queries."""

import datetime

import pytest

from awards import selectors, statistics
from tests.factories.awards import (
    AwardRecordFactory,
    IssuedDecisionFactory,
    NomineeFactory,
    ProposalFactory,
    award_type,
)
from tests.reports.awards_data import build_awards
from tests.reports.conftest import build_province

pytestmark = pytest.mark.integration

PERIOD_2025 = (datetime.date(2024, 12, 1), datetime.date(2025, 11, 30))
HC = "HUAN_CHUONG_LAO_DONG_3"


@pytest.fixture
def crafted(db):
    province = build_province()
    return province, build_awards(province)


def test_reporting_period_is_the_one_of_the_circular():
    assert statistics.reporting_period(2025) == PERIOD_2025


def test_form_0603_cells_count_issued_unrevoked_records_of_the_period(crafted):
    counts = selectors.award_counts_for_year(2025)

    assert counts["0603"] == {
        "01": {"1": 12, "2": 10, "3": 1, "4": 1},
        "02": {"1": 3, "2": 2, "4": 1},
        "03": {"1": 1, "2": 1},
        "04": {"1": 1, "2": 1},
        "05": {"1": 8, "2": 7, "3": 1},
        "06": {"1": 1, "2": 1},
        "07": {"1": 1, "2": 1},
        "08": {"1": 1, "2": 1},
        "09": {"1": 1, "2": 1},
        "10": {"1": 3, "2": 2, "3": 1},
        "11": {"1": 5, "2": 3, "3": 1, "4": 1},
        "12": {"1": 2, "2": 2},
        "13": {"1": 1, "2": 1},
        "14": {"1": 1, "2": 1},
        "15": {"1": 1, "2": 1},
        "16": {"1": 1, "2": 1},
        "17": {"1": 1, "2": 1},
    }
    # The revoked Bằng khen is left out and counted apart; the individual without a
    # category is in row 05 but in none of rows 06–10.
    assert counts["revoked"] == {"0602": 0, "0603": 1}
    assert counts["uncategorised"] == {"0602": 0, "0603": 1}
    assert counts["period"] == ["2024-12-01", "2025-11-30"]


def test_form_0602_cells_fill_row_03_and_expand_orders_by_type(crafted):
    counts = statistics.award_counts(*PERIOD_2025)

    hc_c, hc_i = f"2:{HC}:collective", f"2:{HC}:individual"
    assert counts["0602"] == {
        "01": {"1": 5, hc_c: 1, hc_i: 1, "6:collective": 1, "7:household": 1, "7:individual": 1},
        "03": {"1": 5, hc_c: 1, hc_i: 1, "6:collective": 1, "7:household": 1, "7:individual": 1},
        "06": {"1": 2, hc_c: 1, "6:collective": 1},
        "08": {"1": 1, "7:household": 1},
        "09": {"1": 2, hc_i: 1, "7:individual": 1},
        "10": {"1": 1, hc_i: 1},
        "14": {"1": 1, "7:individual": 1},
        "15": {"1": 3, hc_c: 1, hc_i: 1, "6:collective": 1},
        "16": {"1": 1, "7:individual": 1},
        "17": {"1": 1, "7:household": 1},
    }
    assert counts["columns_0602"] == [
        {
            "group": "2",
            "code": HC,
            "name": "Huân chương Lao động hạng Ba",
            "subjects": ["collective", "individual"],
        }
    ]


def test_the_year_before_has_its_own_period(crafted):
    counts = statistics.award_counts_for_year(2024)

    # The State decision of 01/12/2024 belongs to the 2025 period, not to 2024's.
    assert counts["0602"] == {}
    assert counts["0603"]["01"] == {"1": 3, "2": 2, "4": 1}
    assert counts["revoked"] == {"0602": 0, "0603": 0}


def test_a_draft_decision_and_a_decision_after_the_period_never_count(crafted):
    later = statistics.award_counts(datetime.date(2025, 12, 1), datetime.date(2026, 11, 30))

    # Only the decision of 05/12/2025 is in the next period; the draft's record counts nowhere.
    assert later["0603"]["01"] == {"1": 1, "2": 1}


def test_breakdown_for_the_review_covers_every_level_and_group(crafted):
    province, _awards = crafted

    figures = statistics.award_breakdown(*PERIOD_2025, group_year=2025)

    assert figures["total"] == 18
    assert figures["revoked"] == 1
    assert figures["by_subject"] == {"collective": 6, "household": 2, "individual": 10, "total": 18}
    assert figures["enterprises"] == 1
    assert figures["frontline"] == 4
    assert figures["uncategorised"] == 1
    assert figures["individual_categories"] == {
        "provincial_leader": 2,
        "department_leader": 1,
        "entrepreneur": 1,
        "other_manager": 1,
        "frontline": 4,
        "": 1,
    }
    assert [
        (t["code"], t["collective"], t["household"], t["individual"], t["total"])
        for t in figures["by_type"]
    ] == [
        (HC, 1, 0, 1, 2),
        ("GOVERNMENT_EMULATION_FLAG", 1, 0, 0, 1),
        ("PM_CERTIFICATE", 0, 1, 1, 2),
        ("PROVINCIAL_EMULATION_FLAG", 1, 0, 0, 1),
        ("PROVINCIAL_EMULATION_FIGHTER", 0, 0, 1, 1),
        ("PROVINCIAL_CERTIFICATE", 2, 1, 7, 10),
        ("EXCELLENT_COLLECTIVE", 1, 0, 0, 1),
    ]
    assert {level: row["total"] for level, row in figures["by_level"].items()} == {
        "state": 5,
        "province": 13,
        "grassroots": 0,
    }
    assert figures["by_method"] == {
        "regular": 9,
        "thematic": 3,
        "ad_hoc": 2,
        "foreign": 1,
        "contribution": 1,
        "seniority": 1,
        "resistance": 1,
    }
    # Records without a unit (three State awards) belong to no group.
    assert figures["by_group"] == {
        str(province.cluster.pk): {"collective": 2, "household": 1, "individual": 0, "total": 3},
        str(province.block.pk): {"collective": 3, "household": 0, "individual": 9, "total": 12},
    }


def test_groups_are_those_of_the_year_asked(crafted):
    province, _awards = crafted

    figures = statistics.award_breakdown(*statistics.reporting_period(2024), group_year=2024)

    assert figures["total"] == 3
    assert figures["by_group"] == {
        str(province.block.pk): {"collective": 1, "household": 0, "individual": 2, "total": 3},
    }


def test_dossier_figures_count_what_was_submitted_in_the_period(crafted):
    assert statistics.proposal_figures(*PERIOD_2025) == {
        "received": 3,
        "on_time": 2,
        "late": 1,
        "returned": 1,
        "appraised": 1,
        "rejected": 0,
        "decided": 1,
        "in_progress": 2,
    }
    assert statistics.proposal_figures(*statistics.reporting_period(2024))["received"] == 1


def test_group_proposals_list_nominees_with_the_decision(crafted):
    province, _awards = crafted

    proposals = statistics.group_proposals(province.block, 2025)

    assert [(p["title"], p["status"], p["is_late"]) for p in proposals] == [
        ("Đề nghị tặng Bằng khen năm 2025", "decided", False),
        ("Đề nghị tặng Chiến sĩ thi đua cấp tỉnh", "returned", True),
    ]
    assert proposals[0]["nominees"] == [
        {
            "name": "Phòng Tổ chức Sở Nội vụ",
            "subject_type": "collective",
            "award_type": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "status": "awarded",
            "decision": "05/QĐ-UBND",
            "decided_on": "2025-06-15",
            "revoked": False,
        },
        {
            "name": "Lê Văn Thẩm",
            "subject_type": "individual",
            "award_type": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "status": "not_approved",
            "decision": "",
            "decided_on": None,
            "revoked": False,
        },
    ]
    assert statistics.group_proposals(province.cluster, 2025) == []


def _records(count: int) -> None:
    decision = IssuedDecisionFactory(decided_on=datetime.date(2025, 6, 1))
    codes = ["PROVINCIAL_CERTIFICATE", HC, "EXCELLENT_COLLECTIVE"]
    for index in range(count):
        code = codes[index % 3]
        subject = "individual" if code == "PROVINCIAL_CERTIFICATE" else "collective"
        AwardRecordFactory(
            decision=decision,
            award_type=award_type(code),
            subject_type=subject,
            individual_category="frontline" if subject == "individual" else "",
        )


@pytest.mark.parametrize("count", [3, 30])
def test_statistics_take_a_fixed_number_of_queries(count, db, django_assert_num_queries):
    _records(count)

    with django_assert_num_queries(2):
        counts = statistics.award_counts(*PERIOD_2025)
    with django_assert_num_queries(4):
        figures = statistics.award_breakdown(*PERIOD_2025, group_year=2025)
    with django_assert_num_queries(1):
        statistics.proposal_figures(*PERIOD_2025)

    assert counts["0603"]["01"]["1"] == (count + 2) // 3
    assert counts["0602"]["01"]["1"] == (count + 1) // 3
    assert figures["total"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_group_proposals_take_a_fixed_number_of_queries(count, crafted, django_assert_num_queries):
    province, _awards = crafted
    for index in range(count):
        proposal = ProposalFactory(
            unit=province.units["A1"], group=province.cluster, status="submitted"
        )
        NomineeFactory(proposal=proposal, name=f"Người thứ {index}")

    with django_assert_num_queries(2):
        proposals = statistics.group_proposals(province.cluster, 2025)

    assert len(proposals) == count
    assert [len(p["nominees"]) for p in proposals] == [1] * count
