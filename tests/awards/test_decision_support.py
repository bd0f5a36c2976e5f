"""Shared builders for the decision tests (plain functions: each test module wraps them in
its own fixtures). Holds no tests."""

import datetime
import subprocess
from dataclasses import dataclass

from accounts.enums import Role
from awards.enums import NomineeStatus, ProposalStatus, SubjectType
from awards.services import decisions as services
from tests.conftest import make_user_with_role
from tests.factories.awards import NomineeFactory, ProposalFactory, award_type
from tests.factories.clusters import OrgUnitFactory


@dataclass
class World:
    unit_a: object
    unit_b: object
    snv: object
    officer: object  # emulation officer of Home Affairs
    unit_officer_a: object
    unit_officer_b: object
    leadership: object
    council: object


def make_world() -> World:
    unit_a = OrgUnitFactory(code="D-A", name="Sở Tài chính thử")
    unit_b = OrgUnitFactory(code="D-B", name="Huyện Văn Lâm thử")
    snv = OrgUnitFactory(code="D-SNV", name="Sở Nội vụ thử")
    ubnd = OrgUnitFactory(code="D-UBND", name="UBND tỉnh thử")
    return World(
        unit_a=unit_a,
        unit_b=unit_b,
        snv=snv,
        officer=make_user_with_role(Role.EMULATION_OFFICER, snv, "d-officer"),
        unit_officer_a=make_user_with_role(Role.UNIT_OFFICER, unit_a, "d-unit-a"),
        unit_officer_b=make_user_with_role(Role.UNIT_OFFICER, unit_b, "d-unit-b"),
        leadership=make_user_with_role(Role.LEADERSHIP, ubnd, "d-leader"),
        council=make_user_with_role(Role.COUNCIL_MEMBER, ubnd, "d-council"),
    )


def appraised_proposal(unit, *, nominees=2, **kwargs):
    """A proposal of `unit` in status appraised with `nominees` approved individuals."""
    proposal = ProposalFactory(unit=unit, status=ProposalStatus.APPRAISED, **kwargs)
    people = [
        NomineeFactory(proposal=proposal, status=NomineeStatus.APPROVED, sort_order=index)
        for index in range(nominees)
    ]
    return proposal, people


def approved_collective(proposal, org_unit, **kwargs):
    return NomineeFactory(
        proposal=proposal,
        status=NomineeStatus.APPROVED,
        subject_type=SubjectType.COLLECTIVE,
        name=org_unit.name,
        org_unit=org_unit,
        honorific="",
        position="",
        individual_category="",
        **kwargs,
    )


DECIDED_ON = datetime.date(2025, 12, 20)


def pdf_text(path_or_bytes, tmp_path=None) -> str:
    """The PDF's text as pdftotext (poppler) reads it."""
    if isinstance(path_or_bytes, bytes):
        path = tmp_path / "decision.pdf"
        path.write_bytes(path_or_bytes)
    else:
        path = path_or_bytes
    result = subprocess.run(  # noqa: S603 -- fixed argument list, our own file
        ["/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def pdf_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def issued_decision(world, *, number=7, lines=1, units=None, decided_on=DECIDED_ON):
    """An issued provincial decision (through the services) with `lines` individual lines of
    Bằng khen, the first of unit A and the others cycling through `units`."""
    units = units or [world.unit_a]
    decision = services.create_decision(
        actor=world.officer, level="province", title=f"Về việc tặng Bằng khen (số {number})"
    )
    for index in range(lines):
        services.add_line(
            decision,
            actor=world.officer,
            award_type=award_type("PROVINCIAL_CERTIFICATE"),
            subject_type=SubjectType.INDIVIDUAL,
            name=f"Nguyễn Thị Dòng {number}-{index}",
            individual_category="frontline",
            proposer_unit=units[index % len(units)],
            year=decided_on.year,
        )
    return services.issue_decision(
        decision,
        actor=world.officer,
        number=number,
        decided_on=decided_on,
        signer_name="Nguyễn Lê Huy",
        signer_title="CHỦ TỊCH",
    )


def draft_decision(world, title="Về việc tặng Bằng khen (dự thảo)"):
    return services.create_decision(actor=world.officer, level="province", title=title)
