"""Regressions found by trying the awards module as a demanding user (QA pass)."""

import unicodedata
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from awards.enums import DecisionStatus, SubjectType
from awards.models import Decision, Nominee, ProposalDocument
from awards.services import decisions as decision_services
from awards.services import proposals as proposal_services
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.awards.dossier_setup import complete_proposal
from tests.awards.dossier_setup import make_world as make_dossier_world
from tests.awards.test_decision_support import DECIDED_ON, draft_decision, make_world
from tests.factories.awards import ProposalFactory, award_type

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PDF = b"%PDF-1.4\n%qa\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _client(user, language="en"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


def _api(user, language="en"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(user)
    return client


def _draft_with_line(world):
    decision = draft_decision(world)
    decision_services.add_line(
        decision,
        actor=world.officer,
        award_type=award_type("PROVINCIAL_CERTIFICATE"),
        subject_type=SubjectType.COLLECTIVE,
        name="Phòng Nội vụ thử",
        year=2025,
    )
    return decision


# ---------------------------------------------------------------- decision list: ?year=


@pytest.mark.parametrize("year", ["0", "-1", "10000", "1.5", "99999999999999"])
def test_decision_list_odd_year_is_a_form_error_not_a_500(world, year):
    decision = draft_decision(world)
    client = _client(world.officer)

    response = client.get(reverse("awards:decision-list"), {"year": year})

    assert response.status_code == 200
    assert list(response.context["decisions"]) == []
    assert "year" in response.context["filter"].form.errors
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_decision_api_odd_year_answers_400_in_the_error_format(world):
    response = _api(world.officer, "vi").get("/api/v1/decisions/", {"year": "10000"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert list(response.json()["error"]["fields"]) == ["year"]


def test_decision_list_year_filter_still_filters(world):
    decision = draft_decision(world)
    client = _client(world.officer)

    this_year = client.get(reverse("awards:decision-list"), {"year": decision.created_at.year})
    other_year = client.get(reverse("awards:decision-list"), {"year": "1999"})

    assert [d.pk for d in this_year.context["decisions"]] == [decision.pk]
    assert list(other_year.context["decisions"]) == []


# ---------------------------------------------------------------- decision number range


def test_issue_refuses_a_number_beyond_the_database_integer(world):
    decision = _draft_with_line(world)
    audits = AuditEntry.objects.count()

    with pytest.raises(DomainError) as caught:
        decision_services.issue_decision(
            decision,
            actor=world.officer,
            number=99_999_999_999,
            decided_on=DECIDED_ON,
            signer_name="Nguyễn Lê Huy",
            signer_title="CHỦ TỊCH",
        )

    assert caught.value.code == "number_too_large"
    decision.refresh_from_db()
    assert (decision.status, decision.number, bool(decision.file)) == (
        DecisionStatus.DRAFT,
        None,
        False,
    )
    assert AuditEntry.objects.count() == audits


def test_issue_page_with_a_huge_number_keeps_the_form_and_explains(world):
    decision = _draft_with_line(world)
    client = _client(world.officer)

    response = client.post(
        reverse("awards:decision-issue", args=[decision.pk]),
        {
            "number": "99999999999",
            "decided_on": "20/12/2025",
            "signer_name": "Nguyễn Lê Huy",
            "signer_title": "CHỦ TỊCH",
            "signer_capacity": "",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The number of a decision is at most 999999."
    ]
    assert 'value="Nguyễn Lê Huy"' in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_issue_api_with_a_huge_number_answers_400(world):
    decision = _draft_with_line(world)

    response = _api(world.officer, "en").post(
        f"/api/v1/decisions/{decision.pk}/issue/",
        {
            "number": 99_999_999_999,
            "decided_on": "2025-12-20",
            "signer_name": "Nguyễn Lê Huy",
            "signer_title": "CHỦ TỊCH",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": ["The number of a decision is at most 999999."]
    }
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


# ---------------------------------------------------------------- year of birth


@pytest.mark.parametrize("birth_year", [0, 1899, 3000])
def test_nominee_with_an_impossible_year_of_birth_is_refused(world, birth_year):
    proposal = ProposalFactory(unit=world.unit_a)

    with pytest.raises(DomainError) as caught:
        proposal_services.add_nominee(
            proposal,
            actor=world.unit_officer_a,
            award_type=award_type("PROVINCIAL_CERTIFICATE"),
            subject_type=SubjectType.INDIVIDUAL,
            name="Nguyễn Văn Sinh",
            individual_category="frontline",
            birth_year=birth_year,
        )

    assert caught.value.code == "birth_year_out_of_range"
    assert not Nominee.objects.filter(proposal=proposal).exists()


def test_nominee_year_of_birth_this_year_and_1900_are_accepted(world):
    proposal = ProposalFactory(unit=world.unit_a)
    this_year = timezone.localdate().year

    for birth_year in (1900, this_year):
        proposal_services.add_nominee(
            proposal,
            actor=world.unit_officer_a,
            award_type=award_type("PROVINCIAL_CERTIFICATE"),
            subject_type=SubjectType.INDIVIDUAL,
            name=f"Người sinh năm {birth_year}",
            individual_category="frontline",
            birth_year=birth_year,
        )

    assert sorted(proposal.nominees.values_list("birth_year", flat=True)) == [1900, this_year]


def test_nominee_api_with_year_of_birth_3000_answers_400(world):
    proposal = ProposalFactory(unit=world.unit_a)

    response = _api(world.unit_officer_a, "en").post(
        f"/api/v1/proposals/{proposal.pk}/nominees/",
        {
            "award_type": award_type("PROVINCIAL_CERTIFICATE").pk,
            "subject_type": "individual",
            "name": "Nguyễn Văn Sinh",
            "individual_category": "frontline",
            "birth_year": 3000,
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": [
            f"Enter a year of birth between 1900 and {timezone.localdate().year}.",
        ]
    }
    assert not Nominee.objects.filter(proposal=proposal).exists()


def test_hand_entered_line_with_a_future_year_of_birth_is_refused(world):
    decision = draft_decision(world)

    with pytest.raises(DomainError) as caught:
        decision_services.add_line(
            decision,
            actor=world.officer,
            award_type=award_type("PROVINCIAL_CERTIFICATE"),
            subject_type=SubjectType.INDIVIDUAL,
            name="Nguyễn Văn Sinh",
            individual_category="frontline",
            birth_year=timezone.localdate().year + 1,
            year=2025,
        )

    assert caught.value.code == "birth_year_out_of_range"
    assert not decision.records.exists()


# ---------------------------------------------------------------- NFD text is stored as NFC


def _nfd(text):
    return unicodedata.normalize("NFD", text)


def test_decomposed_text_of_a_dossier_is_stored_composed(world):
    proposal = proposal_services.create_proposal(
        actor=world.unit_officer_a,
        unit=world.unit_a,
        year=2025,
        method="regular",
        title=_nfd("Đề nghị khen thưởng năm 2025"),
    )
    nominee = proposal_services.add_nominee(
        proposal,
        actor=world.unit_officer_a,
        award_type=award_type("PROVINCIAL_CERTIFICATE"),
        subject_type=SubjectType.INDIVIDUAL,
        name=_nfd("Nguyễn Thị Hường"),
        position=_nfd("Trưởng phòng"),
        individual_category="frontline",
    )
    document = proposal_services.upload_document(
        proposal,
        kind="achievement_report",
        nominee=nominee,
        upload=SimpleUploadedFile(_nfd("Báo cáo thành tích.pdf"), PDF),
        actor=world.unit_officer_a,
    )

    proposal.refresh_from_db()
    nominee.refresh_from_db()
    assert proposal.title == "Đề nghị khen thưởng năm 2025"
    assert (nominee.name, nominee.position) == ("Nguyễn Thị Hường", "Trưởng phòng")
    assert ProposalDocument.objects.get(pk=document.pk).original_name == "Báo cáo thành tích.pdf"
    assert Nominee.objects.filter(name="Nguyễn Thị Hường").count() == 1


def test_decomposed_text_of_a_decision_and_its_lines_is_stored_composed(world):
    decision = decision_services.create_decision(
        actor=world.officer, level="province", title=_nfd("Về việc tặng Bằng khen")
    )
    record = decision_services.add_line(
        decision,
        actor=world.officer,
        award_type=award_type("PROVINCIAL_CERTIFICATE"),
        subject_type=SubjectType.COLLECTIVE,
        name=_nfd("Phòng Giáo dục và Đào tạo"),
        year=2025,
    )

    decision.refresh_from_db()
    record.refresh_from_db()
    assert decision.title == "Về việc tặng Bằng khen"
    assert record.name == "Phòng Giáo dục và Đào tạo"


def test_decomposed_return_reason_is_stored_composed(world):
    proposal = ProposalFactory(unit=world.unit_a, status="submitted")

    proposal_services.return_proposal(
        proposal, reason=_nfd("Thiếu biên bản họp Hội đồng"), actor=world.officer
    )

    proposal.refresh_from_db()
    assert proposal.return_reason == "Thiếu biên bản họp Hội đồng"


# ---------------------------------------------------------------- a yearly title once a year


def _flag_line(world, decision, unit, year=2025):
    return decision_services.add_line(
        decision,
        actor=world.officer,
        award_type=award_type("PROVINCIAL_EMULATION_FLAG"),
        subject_type=SubjectType.COLLECTIVE,
        name=unit.name,
        org_unit=unit,
        year=year,
    )


def test_a_unit_cannot_get_the_same_title_twice_for_one_year(world):
    first = draft_decision(world, title="Về việc tặng Cờ thi đua năm 2025")
    _flag_line(world, first, world.unit_b)
    second = draft_decision(world, title="Về việc tặng Cờ thi đua năm 2025 (lần 2)")
    audits = AuditEntry.objects.count()

    with pytest.raises(DomainError) as caught:
        _flag_line(world, second, world.unit_b)

    assert caught.value.code == "title_already_given"
    assert not second.records.exists()
    assert AuditEntry.objects.count() == audits


def test_the_same_title_another_year_or_after_revoking_is_allowed(world):
    decision = draft_decision(world, title="Về việc tặng Cờ thi đua")
    _flag_line(world, decision, world.unit_b, year=2025)
    _flag_line(world, decision, world.unit_b, year=2024)
    decision_services.issue_decision(
        decision,
        actor=world.officer,
        number=11,
        decided_on=DECIDED_ON,
        signer_name="Nguyễn Lê Huy",
        signer_title="CHỦ TỊCH",
    )
    decision_services.revoke_record(
        decision.records.get(year=2025), actor=world.officer, reason="Thu hồi"
    )
    again = draft_decision(world, title="Về việc tặng lại Cờ thi đua năm 2025")

    record = _flag_line(world, again, world.unit_b, year=2025)

    assert record.decision_id == again.pk


def test_a_certificate_of_merit_can_be_given_twice_a_year(world):
    decision = draft_decision(world, title="Về việc tặng Bằng khen")
    for _time in range(2):
        decision_services.add_line(
            decision,
            actor=world.officer,
            award_type=award_type("PROVINCIAL_CERTIFICATE"),
            subject_type=SubjectType.COLLECTIVE,
            name=world.unit_b.name,
            org_unit=world.unit_b,
            year=2025,
        )

    assert decision.records.count() == 2


def test_approved_nominee_of_a_unit_already_holding_the_title_is_refused(world):
    issued = draft_decision(world, title="Về việc tặng Cờ thi đua năm 2025")
    _flag_line(world, issued, world.unit_b)
    proposal = ProposalFactory(unit=world.unit_a, status="appraised", year=2025)
    nominee = Nominee.objects.create(
        proposal=proposal,
        award_type=award_type("PROVINCIAL_EMULATION_FLAG"),
        subject_type=SubjectType.COLLECTIVE,
        name=world.unit_b.name,
        org_unit=world.unit_b,
        status="approved",
    )
    decision = draft_decision(world)

    with pytest.raises(DomainError) as caught:
        decision_services.add_lines_from_nominees(decision, [nominee.pk], actor=world.officer)

    assert caught.value.code == "title_already_given"
    assert not decision.records.exists()


# ---------------------------------------------------------------- odd ids posted by hand


@pytest.mark.parametrize(
    ("group", "year"),
    [("abc", "2025"), ("1.5", "2025"), ("99999999999", "2025"), ("1", "abc"), ("1", "99999")],
)
def test_from_ballot_with_a_malformed_group_or_year_is_404_not_500(world, group, year):
    client = _client(world.unit_officer_a)

    response = client.post(reverse("awards:proposal-from-ballot"), {"group": group, "year": year})

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action__startswith="awards.").exists()


# ---------------------------------------------------------------- a second tab, too late


@pytest.fixture
def dossier_world(db):
    return make_dossier_world()


def _submitted(dossier_world):
    proposal = complete_proposal(dossier_world.unit_a, dossier_world.officer_a)
    proposal_services.submit_proposal(proposal, actor=dossier_world.officer_a)
    return proposal


def test_submitting_twice_from_two_tabs_explains_instead_of_403(dossier_world):
    proposal = _submitted(dossier_world)
    client = _client(dossier_world.officer_a)
    audits = AuditEntry.objects.count()

    response = client.post(reverse("awards:proposal-submit", args=[proposal.pk]), follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "The dossier can no longer be changed: it is “Submitted”."
    ]
    assert AuditEntry.objects.count() == audits


def test_adding_a_nominee_after_submitting_in_another_tab_keeps_the_form(dossier_world):
    proposal = _submitted(dossier_world)
    client = _client(dossier_world.officer_a)

    response = client.post(
        reverse("awards:nominee-add", args=[proposal.pk]),
        {
            "award_type": award_type("PROVINCIAL_CERTIFICATE").pk,
            "subject_type": "collective",
            "name": "Phòng Tư pháp",
        },
    )

    assert response.status_code == 400
    assert response.context["nominee_form"].non_field_errors() == [
        "The dossier can no longer be changed: it is “Submitted”."
    ]
    assert response.context["nominee_form"]["name"].value() == "Phòng Tư pháp"
    assert proposal.nominees.count() == 1


def test_api_submit_twice_answers_400_with_the_reason(dossier_world):
    proposal = _submitted(dossier_world)

    response = _api(dossier_world.officer_a).post(f"/api/v1/proposals/{proposal.pk}/submit/")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": ["The dossier can no longer be changed: it is “Submitted”."]
    }


def test_another_units_officer_still_gets_404_and_leadership_403(dossier_world):
    proposal = _submitted(dossier_world)

    other = _client(dossier_world.officer_b).post(
        reverse("awards:proposal-submit", args=[proposal.pk])
    )
    leader = _client(dossier_world.leadership).post(
        reverse("awards:nominee-add", args=[proposal.pk]), {"name": "x"}
    )

    assert (other.status_code, leader.status_code) == (404, 403)
    assert proposal.nominees.count() == 1


def test_two_people_of_one_unit_may_both_be_emulation_fighters_of_a_year(world):
    decision = draft_decision(world, title="Về việc công nhận Chiến sĩ thi đua cấp tỉnh")
    for name in ("Nguyễn Văn Một", "Trần Thị Hai"):
        decision_services.add_line(
            decision,
            actor=world.officer,
            award_type=award_type("PROVINCIAL_EMULATION_FIGHTER"),
            subject_type=SubjectType.INDIVIDUAL,
            individual_category="frontline",
            name=name,
            org_unit=world.unit_b,
            year=2025,
        )

    assert decision.records.count() == 2


# ---------------------------------------------------------------- a file its name lies about


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("bao-cao.docx", "bao-cao.docx.pdf"),
        ("to-trinh.exe", "to-trinh.exe.pdf"),
        ("bien-ban", "bien-ban.pdf"),
        ("Biên bản.PDF", "Biên bản.PDF"),
    ],
)
def test_a_pdf_is_stored_and_downloaded_with_a_pdf_extension(world, name, stored):
    proposal = ProposalFactory(unit=world.unit_a)

    document = proposal_services.upload_document(
        proposal,
        kind="submission",
        upload=SimpleUploadedFile(name, PDF),
        actor=world.unit_officer_a,
    )
    response = _client(world.unit_officer_a).get(
        reverse("awards:proposal-document-download", args=[document.pk])
    )
    body = b"".join(response.streaming_content)
    response.close()

    assert (document.original_name, document.content_type) == (stored, "application/pdf")
    assert (response["Content-Type"], body) == ("application/pdf", PDF)
    assert response["Content-Disposition"] in (
        f'attachment; filename="{stored}"',
        f"attachment; filename*=utf-8''{quote(stored)}",
    )
