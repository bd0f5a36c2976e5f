"""Shared set-up of the dossier tests (helper "dossiers"): a block of three units for 2025 whose
head unit is A, one user per role, and small valid files."""

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.enums import Role
from awards.enums import DocumentKind
from awards.models import ProposalDocument
from tests.conftest import make_user_with_role
from tests.factories.awards import NomineeFactory, ProposalFactory, award_type
from tests.factories.campaigns import GroupFactory, MembershipFactory, TermFactory
from tests.factories.clusters import OrgUnitFactory

YEAR = 2025
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    group: object
    unit_a: object
    unit_b: object
    unit_c: object
    officer_a: object
    officer_b: object
    leader_a: object
    head: object
    emulation_officer: object
    leadership: object
    council: object


def make_world() -> World:
    unit_a = OrgUnitFactory(code="D-A", name="Huyện Hồ sơ A")
    unit_b = OrgUnitFactory(code="D-B", name="Huyện Hồ sơ B")
    unit_c = OrgUnitFactory(code="D-C", name="Huyện Hồ sơ C")
    group = GroupFactory(code="D-KHOI", name="Khối thi đua hồ sơ")
    for member in (unit_a, unit_b, unit_c):
        MembershipFactory(group=group, unit=member, year=YEAR)
    TermFactory(group=group, year=YEAR, head_unit=unit_a, deputy_unit=unit_b)
    snv = OrgUnitFactory(code="D-SNV", name="Sở Nội vụ hồ sơ")
    ubnd = OrgUnitFactory(code="D-UB", name="UBND tỉnh hồ sơ")
    return World(
        group=group,
        unit_a=unit_a,
        unit_b=unit_b,
        unit_c=unit_c,
        officer_a=make_user_with_role(Role.UNIT_OFFICER, unit_a, "d-officer-a"),
        officer_b=make_user_with_role(Role.UNIT_OFFICER, unit_b, "d-officer-b"),
        leader_a=make_user_with_role(Role.UNIT_LEADER, unit_a, "d-leader-a"),
        head=make_user_with_role(Role.GROUP_HEAD, unit_a, "d-head-a"),
        emulation_officer=make_user_with_role(Role.EMULATION_OFFICER, snv, "d-noivu"),
        leadership=make_user_with_role(Role.LEADERSHIP, ubnd, "d-lanhdao"),
        council=make_user_with_role(Role.COUNCIL_MEMBER, snv, "d-hoidong"),
    )


def pdf(name="to-trinh.pdf", size=None) -> SimpleUploadedFile:
    content = PDF if size is None else PDF + b"0" * (size - len(PDF))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="bao-cao.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/msword")


def proposal_of(unit, creator, **kwargs):
    return ProposalFactory(unit=unit, created_by=creator, year=YEAR, **kwargs)


def complete_proposal(unit, creator, **kwargs):
    """A draft with one individual nominee for the provincial certificate and every required
    document (submission letter, minutes, the nominee's achievement report)."""
    proposal = proposal_of(
        unit,
        creator,
        submission_number="12/TTr-UBND",
        submission_date=datetime.date(YEAR, 11, 20),
        **kwargs,
    )
    nominee = NomineeFactory(proposal=proposal, award_type=award_type("PROVINCIAL_CERTIFICATE"))
    for kind, owner in (
        (DocumentKind.SUBMISSION, None),
        (DocumentKind.MINUTES, None),
        (DocumentKind.ACHIEVEMENT_REPORT, nominee),
    ):
        ProposalDocument.objects.create(
            proposal=proposal,
            nominee=owner,
            kind=kind,
            file=f"test/{kind}.pdf",
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=len(PDF),
            sha256="0" * 64,
            uploaded_by=creator,
        )
    return proposal


def client_en(user=None):
    """A test client signed in as `user` (None: anonymous), in English."""
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def api_for(user=None):
    from rest_framework.test import APIClient

    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client
