"""API of award dossiers: same rules as the pages, one error format, query budgets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.enums import NomineeStatus, ProposalStatus
from awards.models import Nominee, Proposal, ProposalDocument
from awards.services import proposals as services
from tests.awards.dossier_setup import (
    YEAR,
    api_for,
    complete_proposal,
    make_world,
    pdf,
    proposal_of,
)
from tests.factories.awards import NomineeFactory, award_type
from tests.factories.scoring import BallotCandidateFactory, BallotFactory, CriteriaSetFactory

BASE = "/api/v1/proposals/"


@pytest.fixture
def w(db):
    return make_world()


def nominee_payload(**overrides):
    return {
        "award_type": award_type("PROVINCIAL_CERTIFICATE").pk,
        "subject_type": "individual",
        "name": "Lê Thị Mai",
        "honorific": "Bà",
        "position": "Phó Chủ tịch UBND xã",
        "individual_category": "other_manager",
        **overrides,
    }


def test_list_shows_only_visible_dossiers(w):
    mine = proposal_of(w.unit_a, w.officer_a)
    theirs = proposal_of(w.unit_b, w.officer_b)
    ids = {
        who: {row["id"] for row in api_for(getattr(w, who)).get(BASE).json()["results"]}
        for who in ("officer_a", "officer_b", "emulation_officer", "leadership")
    }
    assert ids == {
        "officer_a": {mine.pk},
        "officer_b": {theirs.pk},
        "emulation_officer": {mine.pk, theirs.pk},
        "leadership": {mine.pk, theirs.pk},
    }
    assert api_for().get(BASE).status_code == 401


def test_filters(w):
    draft = proposal_of(w.unit_a, w.officer_a)
    sent = proposal_of(w.unit_b, w.officer_b, status=ProposalStatus.SUBMITTED)
    client = api_for(w.emulation_officer)
    assert [r["id"] for r in client.get(BASE, {"status": "submitted"}).json()["results"]] == [
        sent.pk
    ]
    assert [r["id"] for r in client.get(BASE, {"unit": w.unit_a.pk}).json()["results"]] == [
        draft.pk
    ]


def test_create_and_patch(w):
    client = api_for(w.officer_a)
    response = client.post(
        BASE,
        {"unit": w.unit_a.pk, "year": YEAR, "method": "regular", "title": "Đề nghị khen năm"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["unit_name"], body["nominees"]) == ("draft", w.unit_a.name, [])
    response = client.patch(
        f"{BASE}{body['id']}/",
        {"submission_number": "30/TTr-UBND", "submission_date": f"{YEAR}-11-25"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["submission_number"] == "30/TTr-UBND"


def test_create_for_another_unit_is_forbidden(w):
    response = api_for(w.officer_a).post(
        BASE, {"unit": w.unit_b.pk, "year": YEAR, "method": "regular", "title": "X"}, format="json"
    )
    assert response.status_code == 403
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "expected"),
    [("officer_b", 404), ("emulation_officer", 403), ("leadership", 403), ("officer_a", 200)],
)
def test_patch_matrix(w, who, expected):
    proposal = proposal_of(w.unit_a, w.officer_a)
    response = api_for(getattr(w, who)).patch(
        f"{BASE}{proposal.pk}/", {"title": "Đổi"}, format="json"
    )
    assert response.status_code == expected


def test_nominees_crud_and_refusal_format(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    client = api_for(w.officer_a)
    url = f"{BASE}{proposal.pk}/nominees/"
    response = client.post(url, nominee_payload(individual_category=""), format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["non_field_errors"] == [
        "Choose the category of the individual."
    ]
    response = client.post(url, nominee_payload(), format="json")
    assert response.status_code == 201
    nominee_id = response.json()["id"]
    response = client.patch(f"{url}{nominee_id}/", {"position": "Chủ tịch UBND xã"}, format="json")
    assert (response.status_code, response.json()["position"]) == (200, "Chủ tịch UBND xã")
    assert [row["id"] for row in client.get(url).json()["results"]] == [nominee_id]
    assert client.delete(f"{url}{nominee_id}/").status_code == 204
    assert Nominee.objects.count() == 0


def test_nominees_of_another_unit_are_404(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    nominee = NomineeFactory(proposal=proposal)
    client = api_for(w.officer_b)
    url = f"{BASE}{proposal.pk}/nominees/"
    assert client.get(url).status_code == 404
    assert client.post(url, nominee_payload(), format="json").status_code == 404
    assert client.delete(f"{url}{nominee.pk}/").status_code == 404
    assert Nominee.objects.count() == 1


def test_document_upload_and_list(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    nominee = NomineeFactory(proposal=proposal)
    client = api_for(w.officer_a)
    url = f"{BASE}{proposal.pk}/documents/"
    response = client.post(
        url,
        {"kind": "achievement_report", "nominee": nominee.pk, "file": pdf()},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["content_type"] == "application/pdf"
    bad = client.post(
        url,
        {"kind": "submission", "file": SimpleUploadedFile("x.pdf", b"GIF89a fake")},
        format="multipart",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]["non_field_errors"] == [
        "Only PDF, PNG, JPEG, DOCX and XLSX files are accepted."
    ]
    assert [row["kind"] for row in client.get(url).json()["results"]] == ["achievement_report"]
    assert api_for(w.officer_b).get(url).status_code == 404
    assert ProposalDocument.objects.count() == 1


def test_workflow_through_the_api(w):
    proposal = complete_proposal(w.unit_a, w.officer_a)
    unit, officer = api_for(w.officer_a), api_for(w.emulation_officer)
    assert officer.post(f"{BASE}{proposal.pk}/submit/").status_code == 403
    assert unit.post(f"{BASE}{proposal.pk}/submit/").json()["status"] == "submitted"
    assert unit.post(f"{BASE}{proposal.pk}/receive/").status_code == 403
    assert officer.post(f"{BASE}{proposal.pk}/receive/").json()["status"] == "under_appraisal"
    empty = officer.post(f"{BASE}{proposal.pk}/return/", {"reason": ""}, format="json")
    assert empty.status_code == 400
    returned = officer.post(f"{BASE}{proposal.pk}/return/", {"reason": "Bổ sung"}, format="json")
    assert (returned.json()["status"], returned.json()["return_reason"]) == ("returned", "Bổ sung")
    unit.post(f"{BASE}{proposal.pk}/submit/")
    officer.post(f"{BASE}{proposal.pk}/receive/")
    nominee = proposal.nominees.get()
    response = officer.post(
        f"{BASE}{proposal.pk}/nominees/{nominee.pk}/appraise/", {"approved": True}, format="json"
    )
    assert response.json()["status"] == NomineeStatus.APPROVED
    done = officer.post(f"{BASE}{proposal.pk}/finish/", {}, format="json")
    assert done.json()["status"] == "appraised"


def test_invalid_transition_is_a_400(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    response = api_for(w.emulation_officer).post(
        f"{BASE}{proposal.pk}/reject/", {"reason": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_transition"


def test_from_ballot_endpoint(w):
    criteria_set = CriteriaSetFactory(group=w.group, year=YEAR)
    ballot = BallotFactory(criteria_set=criteria_set, status="closed", outcome="acclaimed")
    BallotCandidateFactory(ballot=ballot, unit=w.unit_c, rank=1, is_acclaimed=True)
    response = api_for(w.head).post(
        f"{BASE}from-ballot/", {"group": w.group.pk, "year": YEAR}, format="json"
    )
    assert response.status_code == 201
    assert [n["award_type_name"] for n in response.json()["nominees"]] == [
        award_type("PROVINCIAL_EMULATION_FLAG").name
    ]


@pytest.mark.parametrize("item_count", [1, 3])
def test_list_query_count_is_constant(w, django_assert_max_num_queries, item_count):
    for _ in range(item_count):
        NomineeFactory.create_batch(2, proposal=proposal_of(w.unit_a, w.officer_a))
    client = api_for(w.officer_a)
    with django_assert_max_num_queries(4):
        response = client.get(BASE)
    assert response.json()["count"] == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_detail_and_nested_lists_query_count_is_constant(
    w, django_assert_max_num_queries, item_count
):
    proposal = proposal_of(w.unit_a, w.officer_a)
    for nominee in NomineeFactory.create_batch(item_count, proposal=proposal):
        services.upload_document(
            proposal, kind="achievement_report", nominee=nominee, upload=pdf(), actor=w.officer_a
        )
    client = api_for(w.officer_a)
    with django_assert_max_num_queries(8):
        detail = client.get(f"{BASE}{proposal.pk}/")
    with django_assert_max_num_queries(5):
        nominees = client.get(f"{BASE}{proposal.pk}/nominees/")
    with django_assert_max_num_queries(5):
        documents = client.get(f"{BASE}{proposal.pk}/documents/")
    assert len(detail.json()["nominees"]) == item_count
    assert nominees.json()["count"] == item_count
    assert documents.json()["count"] == item_count
