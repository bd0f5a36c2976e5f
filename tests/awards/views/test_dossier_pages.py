"""Pages of award dossiers: permission matrix, actions as plain POSTs, errors, query budgets."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from awards.enums import NomineeStatus, ProposalStatus
from awards.models import Nominee, Proposal, ProposalDocument
from awards.services import proposals as services
from tests.awards.dossier_setup import (
    PDF,
    YEAR,
    client_en,
    complete_proposal,
    make_world,
    pdf,
    proposal_of,
)
from tests.factories.awards import NomineeFactory, award_type
from tests.factories.scoring import BallotCandidateFactory, BallotFactory, CriteriaSetFactory


@pytest.fixture
def w(db):
    return make_world()


def read_and_close(response) -> bytes:
    """The body of a file response, closing the file without closing the test's connection."""
    body = b"".join(response.streaming_content)
    for close in response._resource_closers:
        close()
    return body


def detail(proposal):
    return reverse("awards:proposal-detail", args=[proposal.pk])


NOMINEE_POST = {
    "subject_type": "individual",
    "name": "Trần Văn Bình",
    "honorific": "Ông",
    "birth_year": "1978",
    "position": "Trưởng phòng Văn hóa - Thông tin",
    "workplace": "UBND huyện",
    "individual_category": "department_leader",
    "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2025",
}


# ---------------------------------------------------------------- who sees what


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("officer_a", 200),
        ("leader_a", 200),
        ("head", 200),  # the head unit is unit A
        ("officer_b", 404),
        ("emulation_officer", 200),
        ("leadership", 200),
        ("council", 200),
    ],
)
def test_detail_matrix(w, who, expected):
    proposal = proposal_of(w.unit_a, w.officer_a)
    assert client_en(getattr(w, who)).get(detail(proposal)).status_code == expected


def test_anonymous_is_sent_to_sign_in(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    for url in (reverse("awards:proposal-list"), detail(proposal)):
        response = client_en().get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_list_shows_own_unit_only_and_everything_to_officers(w):
    mine = proposal_of(w.unit_a, w.officer_a)
    theirs = proposal_of(w.unit_b, w.officer_b)
    seen = {
        who: {
            p.pk
            for p in client_en(getattr(w, who))
            .get(reverse("awards:proposal-list"))
            .context["proposals"]
        }
        for who in ("officer_a", "officer_b", "emulation_officer", "leadership")
    }
    assert seen == {
        "officer_a": {mine.pk},
        "officer_b": {theirs.pk},
        "emulation_officer": {mine.pk, theirs.pk},
        "leadership": {mine.pk, theirs.pk},
    }


def test_list_filters(w):
    draft = proposal_of(w.unit_a, w.officer_a)
    sent = proposal_of(w.unit_b, w.officer_b, status=ProposalStatus.SUBMITTED, method="ad_hoc")
    client = client_en(w.emulation_officer)
    url = reverse("awards:proposal-list")

    def pks(query):
        return {p.pk for p in client.get(url, query).context["proposals"]}

    assert pks({"status": "submitted"}) == {sent.pk}
    assert pks({"method": "regular"}) == {draft.pk}
    assert pks({"unit": w.unit_a.pk}) == {draft.pk}
    assert pks({"year": YEAR + 1}) == set()


@pytest.mark.parametrize("who", ["officer_b", "emulation_officer", "leadership", "council"])
def test_others_cannot_change_a_dossier(w, who):
    proposal = proposal_of(w.unit_a, w.officer_a)
    nominee = NomineeFactory(proposal=proposal)
    client = client_en(getattr(w, who))
    expected = 404 if who == "officer_b" else 403
    posts = [
        reverse("awards:proposal-update", args=[proposal.pk]),
        reverse("awards:nominee-add", args=[proposal.pk]),
        reverse("awards:nominee-remove", args=[proposal.pk, nominee.pk]),
        reverse("awards:proposal-document-upload", args=[proposal.pk]),
        reverse("awards:proposal-submit", args=[proposal.pk]),
    ]
    for url in posts:
        assert client.post(url, {"title": "X", **NOMINEE_POST}).status_code == expected, url
    assert Nominee.objects.count() == 1
    assert Proposal.objects.get().title != "X"


def test_unit_officer_cannot_receive_or_appraise(w):
    proposal = services.submit_proposal(complete_proposal(w.unit_a, w.officer_a), actor=w.officer_a)
    client = client_en(w.officer_a)
    assert client.post(reverse("awards:proposal-receive", args=[proposal.pk])).status_code == 403
    response = client.post(reverse("awards:proposal-return", args=[proposal.pk]), {"reason": "x"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_actions_shown_only_when_allowed(w):
    proposal = complete_proposal(w.unit_a, w.officer_a)
    unit_page = client_en(w.officer_a).get(detail(proposal)).content.decode()
    officer_page = client_en(w.emulation_officer).get(detail(proposal)).content.decode()
    assert 'data-testid="submit"' in unit_page
    assert 'data-testid="nominee-form"' in unit_page
    assert 'data-testid="receive"' not in unit_page
    assert 'data-testid="submit"' not in officer_page
    assert 'data-testid="receive"' not in officer_page  # still a draft
    services.submit_proposal(proposal, actor=w.officer_a)
    officer_page = client_en(w.emulation_officer).get(detail(proposal)).content.decode()
    leadership_page = client_en(w.leadership).get(detail(proposal)).content.decode()
    assert 'data-testid="receive"' in officer_page
    assert 'data-testid="receive"' not in leadership_page
    assert 'data-testid="return"' not in leadership_page


# ---------------------------------------------------------------- the unit's flow as plain POSTs


def test_create_add_nominee_upload_submit(w):
    client = client_en(w.officer_a)
    response = client.post(
        reverse("awards:proposal-create"),
        {
            "unit": w.unit_a.pk,
            "year": YEAR,
            "method": "regular",
            "title": "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025",
            "submission_number": "25/TTr-UBND",
            "submission_date": "20/11/2025",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(proposal)
    assert proposal.submission_date == datetime.date(2025, 11, 20)
    response = client.post(
        reverse("awards:nominee-add", args=[proposal.pk]),
        {**NOMINEE_POST, "award_type": award_type("PROVINCIAL_CERTIFICATE").pk},
    )
    assert response.status_code == 302
    nominee = Nominee.objects.get()
    page = client.get(detail(proposal))
    assert [(m.kind, m.nominee) for m in page.context["missing"]] == [
        ("submission", None),
        ("achievement_report", nominee),
    ]
    upload = reverse("awards:proposal-document-upload", args=[proposal.pk])
    client.post(upload, {"kind": "submission", "file": pdf()})
    client.post(upload, {"kind": "achievement_report", "nominee": nominee.pk, "file": pdf()})
    assert client.get(detail(proposal)).context["missing"] == []
    response = client.post(reverse("awards:proposal-submit", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_submit_incomplete_shows_what_is_missing(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    NomineeFactory(proposal=proposal)
    client = client_en(w.officer_a)
    response = client.post(reverse("awards:proposal-submit", args=[proposal.pk]), follow=True)
    assert "Enter the number and date of the submission letter" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_refused_nominee_keeps_the_typed_values(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    client = client_en(w.officer_a)
    response = client.post(
        reverse("awards:nominee-add", args=[proposal.pk]),
        {**NOMINEE_POST, "award_type": award_type("PROVINCIAL_EMULATION_FLAG").pk},
    )
    assert response.status_code == 400
    form = response.context["nominee_form"]
    assert form.data["name"] == "Trần Văn Bình"
    assert "is not given to this kind of subject" in form.non_field_errors()[0]
    assert 'value="Trần Văn Bình"' in response.content.decode()
    assert Nominee.objects.count() == 0


def test_disguised_upload_is_refused_with_a_clear_error(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    nominee = NomineeFactory(proposal=proposal)
    response = client_en(w.officer_a).post(
        reverse("awards:proposal-document-upload", args=[proposal.pk]),
        {
            "kind": "achievement_report",
            "nominee": nominee.pk,
            "file": SimpleUploadedFile("bao-cao.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 400
    form = response.context["document_form"]
    assert form.errors["file"] == ["Only PDF, PNG, JPEG, DOCX and XLSX files are accepted."]
    assert form.data["kind"] == "achievement_report"
    assert form.data["nominee"] == str(nominee.pk)
    assert ProposalDocument.objects.count() == 0


@override_settings(AWARDS_DOCUMENT_MAX_BYTES=1024 * 1024)
def test_too_big_upload_is_refused(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    response = client_en(w.officer_a).post(
        reverse("awards:proposal-document-upload", args=[proposal.pk]),
        {"kind": "submission", "file": pdf(size=1024 * 1024 + 1)},
    )
    assert response.status_code == 400
    assert response.context["document_form"].errors["file"] == ["The file is larger than 1.0 MB."]
    assert ProposalDocument.objects.count() == 0


def test_document_download_is_checked(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    document = services.upload_document(
        proposal, kind="submission", upload=pdf(), actor=w.officer_a
    )
    url = reverse("awards:proposal-document-download", args=[document.pk])
    own = client_en(w.officer_a).get(url)
    assert own.status_code == 200
    assert read_and_close(own) == PDF
    assert own["Content-Type"] == "application/pdf"
    assert own["X-Content-Type-Options"] == "nosniff"
    officer = client_en(w.emulation_officer).get(url)
    assert officer.status_code == 200
    read_and_close(officer)
    assert client_en(w.officer_b).get(url).status_code == 404
    assert client_en().get(url).status_code == 302


# ---------------------------------------------------------------- Home Affairs as plain POSTs


def test_receive_return_resubmit_appraise_finish(w):
    proposal = services.submit_proposal(complete_proposal(w.unit_a, w.officer_a), actor=w.officer_a)
    officer = client_en(w.emulation_officer)
    unit = client_en(w.officer_a)
    officer.post(reverse("awards:proposal-receive", args=[proposal.pk]))
    response = officer.post(reverse("awards:proposal-return", args=[proposal.pk]), {"reason": ""})
    assert response.status_code == 400
    assert response.context["reason_form"].errors["reason"] == ["Give the reason."]
    officer.post(
        reverse("awards:proposal-return", args=[proposal.pk]),
        {"reason": "Báo cáo thành tích chưa có xác nhận"},
    )
    page = unit.get(detail(proposal)).content.decode()
    assert "Báo cáo thành tích chưa có xác nhận" in page
    unit.post(reverse("awards:proposal-submit", args=[proposal.pk]))
    officer.post(reverse("awards:proposal-receive", args=[proposal.pk]))
    nominee = proposal.nominees.get()
    officer.post(
        reverse("awards:nominee-appraise", args=[proposal.pk, nominee.pk]),
        {"approved": "1", "note": ""},
    )
    officer.post(reverse("awards:proposal-finish", args=[proposal.pk]), {"rejection_reason": ""})
    proposal.refresh_from_db()
    nominee.refresh_from_db()
    assert (proposal.status, nominee.status) == (ProposalStatus.APPRAISED, NomineeStatus.APPROVED)


def test_reject_from_the_page(w):
    proposal = services.submit_proposal(complete_proposal(w.unit_a, w.officer_a), actor=w.officer_a)
    services.receive_proposal(proposal, actor=w.emulation_officer)
    client_en(w.emulation_officer).post(
        reverse("awards:proposal-reject", args=[proposal.pk]), {"reason": "Đang bị thanh tra"}
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.rejection_reason) == (
        ProposalStatus.REJECTED,
        "Đang bị thanh tra",
    )


def test_head_proposes_acclaimed_units_from_the_list(w):
    criteria_set = CriteriaSetFactory(group=w.group, year=YEAR)
    ballot = BallotFactory(criteria_set=criteria_set, status="closed", outcome="acclaimed")
    BallotCandidateFactory(ballot=ballot, unit=w.unit_b, rank=1, is_acclaimed=True)
    client = client_en(w.head)
    page = client.get(reverse("awards:proposal-list")).content.decode()
    assert f'data-testid="from-ballot-{w.group.pk}-{YEAR}"' in page
    response = client.post(
        reverse("awards:proposal-from-ballot"), {"group": w.group.pk, "year": YEAR}
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == detail(proposal)
    assert list(proposal.nominees.values_list("org_unit", flat=True)) == [w.unit_b.pk]


def test_from_ballot_without_acclaimed_units_explains(w):
    response = client_en(w.head).post(
        reverse("awards:proposal-from-ballot"), {"group": w.group.pk, "year": YEAR}, follow=True
    )
    assert "has been acclaimed by a closed ballot" in response.content.decode()
    assert Proposal.objects.count() == 0


# ---------------------------------------------------------------- query budgets


@pytest.mark.parametrize("item_count", [1, 3])
@pytest.mark.parametrize("who", ["officer_a", "emulation_officer"])
def test_list_query_count_is_constant(w, django_assert_max_num_queries, item_count, who):
    for _ in range(item_count):
        NomineeFactory.create_batch(2, proposal=proposal_of(w.unit_a, w.officer_a))
    client = client_en(getattr(w, who))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("awards:proposal-list"))
    assert len(response.context["proposals"]) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_detail_query_count_is_constant(w, django_assert_max_num_queries, item_count):
    proposal = proposal_of(w.unit_a, w.officer_a)
    for nominee in NomineeFactory.create_batch(item_count, proposal=proposal):
        services.upload_document(
            proposal, kind="achievement_report", nominee=nominee, upload=pdf(), actor=w.officer_a
        )
    client = client_en(w.officer_a)
    with django_assert_max_num_queries(22):
        response = client.get(detail(proposal))
    assert len(response.context["nominees"]) == item_count


def test_htmx_add_nominee_swaps_the_main_column(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    client = client_en(w.officer_a)
    url = reverse("awards:nominee-add", args=[proposal.pk])
    refused = client.post(
        url,
        {**NOMINEE_POST, "award_type": award_type("MERIT_CERTIFICATE").pk},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 200
    assert refused.context["nominee_form"].data["name"] == "Trần Văn Bình"
    assert Nominee.objects.count() == 0
    added = client.post(
        url,
        {**NOMINEE_POST, "award_type": award_type("PROVINCIAL_CERTIFICATE").pk},
        HTTP_HX_REQUEST="true",
    )
    assert added.status_code == 200
    assert [n.name for n in added.context["nominees"]] == ["Trần Văn Bình"]
    assert added.context["nominee_form"].is_bound is False
    assert 'id="dossier-main"' in added.content.decode()
