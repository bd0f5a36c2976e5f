"""The demo dossiers: every state, built through the services, idempotent."""

import datetime

import pytest
from django.utils import timezone

from awards.models import Proposal, SubmissionDeadline
from awards.services.proposals import missing_documents
from core.models import AuditEntry
from core.uploads import sniff_content_type
from demo.awards_dossiers import demo_pdf, load_dossier_demo
from demo.loader import load_units, load_users


@pytest.fixture
def demo_users(db):
    load_units()
    load_users("Demo-pass-2024")


def test_demo_dossiers_cover_every_state_and_a_second_run_changes_nothing(demo_users):
    first = load_dossier_demo()
    entries = AuditEntry.objects.count()
    second = load_dossier_demo()

    year = timezone.localdate().year
    states = sorted(Proposal.objects.filter(year=year).values_list("unit__code", "status"))
    assert states == sorted(
        [
            ("325", "draft"),
            ("326", "submitted"),
            ("325", "under_appraisal"),
            ("326", "returned"),
            ("325", "appraised"),
        ]
    )
    assert sorted(SubmissionDeadline.objects.values_list("year", "due_on")) == [
        (year - 1, datetime.date(year - 1, 12, 10)),
        (year, datetime.date(year, 12, 10)),
    ]
    draft = Proposal.objects.get(status="draft")
    assert [item.kind for item in missing_documents(draft)] == [
        "achievement_report",
        "achievement_report",
    ]
    returned = Proposal.objects.get(status="returned")
    assert returned.return_reason.startswith("Báo cáo thành tích")
    assert first > 0
    assert second == 0
    assert AuditEntry.objects.count() == entries


def test_demo_pdf_is_a_pdf():
    from django.core.files.base import ContentFile

    content = demo_pdf("Tờ trình")
    assert content.startswith(b"%PDF-1.4")
    assert content.endswith(b"%%EOF\n")
    assert sniff_content_type(ContentFile(content, name="x.pdf")) == "application/pdf"
