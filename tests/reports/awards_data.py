"""A crafted set of award records and dossiers on top of `build_province` (tests/reports/
conftest.py), with every figure known. Reporting period 2025: 01/12/2024–30/11/2025.

Counted for 2025 (18 records):
- decision 05/QĐ-UBND of 15/06/2025 (province): Bằng khen of the chairman to 2 collectives (one an
  enterprise), 1 household and 7 individuals (one per category, a second front-line worker,
  one without a category), one per method; Cờ thi đua of the province to Sở Tài chính; Chiến sĩ
  thi đua cấp tỉnh to a front-line worker; Tập thể lao động xuất sắc to Phường Mỹ Hào (no form
  column);
- a State decision of 01/12/2024 (the first day of the period): Huân chương Lao động hạng Ba to
  a collective and a provincial leader, Bằng khen of the Prime Minister to a front-line worker
  (thematic) and a household (ad hoc), Cờ thi đua of the Government to a collective.
Not counted: a revoked Bằng khen in the same decision, a record of a draft decision and one of
a decision dated 05/12/2025 (after the period).
2024 (3 records, decision of 10/03/2024): 2 Bằng khen to front-line workers, 1 Cờ thi đua.
Dossiers: 3 submitted in the 2025 period (one late and returned, one decided, one under
appraisal), one draft, one in 2024.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from awards.enums import AwardLevel, DecisionStatus, NomineeStatus, ProposalStatus
from awards.models import AwardRecord, Decision, Nominee, Proposal
from tests.factories.accounts import UserFactory
from tests.factories.awards import AwardRecordFactory, IssuedDecisionFactory, award_type


@dataclass
class Awards:
    decisions: dict[str, Decision] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _record(decision, code, subject, **fields) -> AwardRecord:
    year = decision.decided_on.year if decision.decided_on else 2025
    defaults = {"individual_category": "", "method": "regular", "year": year}
    if subject == "individual":
        defaults["individual_category"] = "frontline"
    defaults.update(fields)
    return AwardRecordFactory(
        decision=decision, award_type=award_type(code), subject_type=subject, **defaults
    )


def build_awards(province) -> Awards:
    u = province.units
    a = Awards()
    PC = "PROVINCIAL_CERTIFICATE"
    d1 = IssuedDecisionFactory(number=5, decided_on=datetime.date(2025, 6, 15))
    a.decisions["province"] = d1
    awarded = _proposals(province, a)
    _record(d1, PC, "collective", name="Phòng Tổ chức Sở Nội vụ", org_unit=u["B1"], nominee=awarded)
    _record(
        d1,
        PC,
        "collective",
        name="Công ty TNHH Thử nghiệm",
        is_enterprise=True,
        proposer_unit=u["A1"],
    )
    _record(
        d1, PC, "household", name="Hộ ông Nguyễn Văn Hộ", proposer_unit=u["A1"], method="thematic"
    )
    for category, method in (
        ("provincial_leader", "regular"),
        ("department_leader", "thematic"),
        ("entrepreneur", "ad_hoc"),
        ("other_manager", "foreign"),
        ("frontline", "contribution"),
        ("frontline", "seniority"),
        ("", "resistance"),
    ):
        _record(
            d1, PC, "individual", individual_category=category, method=method, proposer_unit=u["B1"]
        )
    _record(d1, "PROVINCIAL_EMULATION_FLAG", "collective", name="Sở Tài chính", org_unit=u["B2"])
    _record(d1, "PROVINCIAL_EMULATION_FIGHTER", "individual", proposer_unit=u["B2"])
    _record(d1, "EXCELLENT_COLLECTIVE", "collective", name="Phường Mỹ Hào", org_unit=u["A2"])
    _record(
        d1,
        PC,
        "individual",
        proposer_unit=u["B1"],
        revoked_at=_at(datetime.date(2025, 9, 1)),
        revoked_reason="Khai man thành tích",
    )
    draft = Decision.objects.create(
        level=AwardLevel.PROVINCE,
        title="Dự thảo",
        created_by=UserFactory(),
        status=DecisionStatus.DRAFT,
        decided_on=datetime.date(2025, 6, 20),  # dated in the period, yet a draft
    )
    _record(draft, PC, "individual", year=2025)
    late = IssuedDecisionFactory(number=90, decided_on=datetime.date(2025, 12, 5))
    _record(late, PC, "individual")
    state = IssuedDecisionFactory(
        level=AwardLevel.STATE,
        number=1234,
        symbol="QĐ-CTN",
        decided_on=datetime.date(2024, 12, 1),
    )
    a.decisions["state"] = state
    HC = "HUAN_CHUONG_LAO_DONG_3"
    _record(state, HC, "collective", org_unit=u["B1"], year=2024)
    _record(
        state,
        HC,
        "individual",
        individual_category="provincial_leader",
        proposer_unit=u["B1"],
        year=2024,
    )
    _record(state, "PM_CERTIFICATE", "individual", method="thematic", year=2024)
    _record(state, "PM_CERTIFICATE", "household", method="ad_hoc", year=2024)
    _record(state, "GOVERNMENT_EMULATION_FLAG", "collective", year=2024)
    before = IssuedDecisionFactory(number=3, decided_on=datetime.date(2024, 3, 10))
    _record(before, PC, "individual", proposer_unit=u["B1"])
    _record(before, PC, "individual", proposer_unit=u["B1"])
    _record(before, "PROVINCIAL_EMULATION_FLAG", "collective", org_unit=u["B1"])
    return a


def _proposal(unit, *, group=None, year=2025, submitted=None, **fields) -> Proposal:
    return Proposal.objects.create(
        unit=unit,
        group=group,
        year=year,
        title=fields.pop("title", f"Đề nghị khen thưởng của {unit.name}"),
        submitted_at=_at(submitted) if submitted else None,
        created_by=UserFactory(),
        **fields,
    )


def _proposals(province, a: Awards) -> Nominee:
    """The dossiers; returns the nominee that decision 05/QĐ-UBND awarded."""
    u = province.units
    decided = _proposal(
        u["B1"],
        group=province.block,
        title="Đề nghị tặng Bằng khen năm 2025",
        submitted=datetime.date(2025, 5, 2),
        submission_number="12/TTr-KHOI",
        submission_date=datetime.date(2025, 5, 2),
        status=ProposalStatus.DECIDED,
        appraised_at=_at(datetime.date(2025, 5, 20)),
    )
    awarded = Nominee.objects.create(
        proposal=decided,
        award_type=award_type("PROVINCIAL_CERTIFICATE"),
        subject_type="collective",
        name="Phòng Tổ chức Sở Nội vụ",
        org_unit=u["B1"],
        status=NomineeStatus.AWARDED,
        sort_order=1,
    )
    Nominee.objects.create(
        proposal=decided,
        award_type=award_type("PROVINCIAL_CERTIFICATE"),
        subject_type="individual",
        name="Lê Văn Thẩm",
        individual_category="frontline",
        status=NomineeStatus.NOT_APPROVED,
        sort_order=2,
    )
    returned = _proposal(
        u["B2"],
        group=province.block,
        title="Đề nghị tặng Chiến sĩ thi đua cấp tỉnh",
        submitted=datetime.date(2025, 10, 1),
        status=ProposalStatus.RETURNED,
        is_late=True,
        return_reason="Thiếu biên bản họp Hội đồng",
    )
    Nominee.objects.create(
        proposal=returned,
        award_type=award_type("PROVINCIAL_EMULATION_FIGHTER"),
        subject_type="individual",
        name="Phạm Thị Chiến",
        individual_category="frontline",
    )
    _proposal(u["B3"], group=province.block, title="Hồ sơ còn dự thảo")
    _proposal(u["A1"], submitted=datetime.date(2025, 11, 20), status=ProposalStatus.UNDER_APPRAISAL)
    _proposal(
        u["B1"],
        year=2024,
        submitted=datetime.date(2024, 2, 1),
        status=ProposalStatus.DECIDED,
        appraised_at=_at(datetime.date(2024, 2, 20)),
    )
    a.proposals.update(decided=decided, returned=returned)
    return awarded
