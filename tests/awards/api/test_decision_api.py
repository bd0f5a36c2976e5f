"""API of decisions and award records: same services and rules as the pages."""

import pytest
from rest_framework.test import APIClient

from awards.enums import DecisionStatus, ProposalStatus
from awards.models import AwardRecord, Decision
from tests.awards.test_decision_support import (
    appraised_proposal,
    draft_decision,
    issued_decision,
    make_world,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api_for():
    def make(user=None):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def test_officer_drafts_adds_lines_and_issues(world, api_for):
    proposal, people = appraised_proposal(world.unit_a, nominees=2)
    client = api_for(world.officer)
    created = client.post(
        "/api/v1/decisions/",
        {"level": "province", "title": "Về việc tặng Bằng khen năm 2025"},
        format="json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["symbol"] == "QĐ-UBND"
    assert created.json()["status"] == "draft"

    added = client.post(
        f"/api/v1/decisions/{pk}/add-lines/",
        {"nominees": [people[0].pk, people[1].pk]},
        format="json",
    )
    assert added.status_code == 201
    assert [line["name"] for line in added.json()] == [people[0].name, people[1].name]

    manual = client.post(
        f"/api/v1/decisions/{pk}/lines/",
        {
            "award_type": "PROVINCIAL_CERTIFICATE",
            "subject_type": "collective",
            "name": "Công ty TNHH Sao Vàng",
            "is_enterprise": True,
            "year": 2025,
        },
        format="json",
    )
    assert manual.status_code == 201
    removed = client.delete(f"/api/v1/decisions/{pk}/lines/{manual.json()['id']}/")
    assert removed.status_code == 204
    lines = client.get(f"/api/v1/decisions/{pk}/lines/")
    assert lines.json()["count"] == 2

    patched = client.patch(
        f"/api/v1/decisions/{pk}/", {"reason": "xuất sắc năm 2025"}, format="json"
    )
    assert patched.json()["reason"] == "xuất sắc năm 2025"

    issued = client.post(
        f"/api/v1/decisions/{pk}/issue/",
        {
            "number": 12,
            "decided_on": "2025-12-20",
            "signer_name": "Nguyễn Lê Huy",
            "signer_title": "CHỦ TỊCH",
        },
        format="json",
    )
    assert issued.status_code == 200
    body = issued.json()
    assert (body["status"], body["number_label"], body["total_amount"]) == (
        "issued",
        "12/QĐ-UBND",
        7_020_000,
    )
    assert len(body["sha256"]) == 64
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED


def test_refusals_are_400_with_the_reason(world, api_for):
    issued_decision(world, number=4)
    decision = draft_decision(world)
    client = api_for(world.officer)
    empty = client.post(
        f"/api/v1/decisions/{decision.pk}/issue/",
        {"number": 4, "decided_on": "2025-03-01", "signer_name": "A", "signer_title": "B"},
        format="json",
    )
    assert empty.status_code == 400
    assert empty.json()["error"]["fields"]["non_field_errors"] == [
        "Add at least one line before issuing the decision."
    ]
    client.post(
        f"/api/v1/decisions/{decision.pk}/lines/",
        {
            "award_type": "PROVINCIAL_CERTIFICATE",
            "subject_type": "individual",
            "individual_category": "frontline",
            "name": "Lê Văn Hùng",
            "year": 2025,
        },
        format="json",
    )
    duplicate = client.post(
        f"/api/v1/decisions/{decision.pk}/issue/",
        {"number": 4, "decided_on": "2025-03-01", "signer_name": "A", "signer_title": "B"},
        format="json",
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["error"]["fields"]["non_field_errors"] == [
        "Number 04/QĐ-UBND is already used in 2025."
    ]
    mismatch = client.post(
        f"/api/v1/decisions/{decision.pk}/lines/",
        {"award_type": "PM_CERTIFICATE", "subject_type": "collective", "name": "X", "year": 2025},
        format="json",
    )
    assert mismatch.status_code == 400
    decision.refresh_from_db()
    assert (decision.status, decision.records.count()) == (DecisionStatus.DRAFT, 1)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("officer", {"list": 200, "draft": 200, "issued": 200, "records": 200}),
        ("leadership", {"list": 200, "draft": 404, "issued": 200, "records": 200}),
        ("council", {"list": 200, "draft": 404, "issued": 200, "records": 200}),
        ("unit_officer_a", {"list": 403, "draft": 404, "issued": 404, "records": 200}),
        ("anonymous", {"list": 401, "draft": 401, "issued": 401, "records": 401}),
    ],
)
def test_reads_by_role(world, api_for, who, expected):
    issued = issued_decision(world)
    draft = draft_decision(world)
    client = api_for(None if who == "anonymous" else getattr(world, who))
    urls = {
        "list": "/api/v1/decisions/",
        "draft": f"/api/v1/decisions/{draft.pk}/",
        "issued": f"/api/v1/decisions/{issued.pk}/",
        "records": "/api/v1/award-records/",
    }
    assert {key: client.get(url).status_code for key, url in urls.items()} == expected


@pytest.mark.parametrize(
    ("who", "draft_status", "issued_status"),
    [("leadership", 404, 403), ("council", 404, 403), ("unit_officer_a", 404, 404)],
)
def test_only_officers_write(world, api_for, who, draft_status, issued_status):
    issued = issued_decision(world)
    record = issued.records.get()
    draft = draft_decision(world)
    _proposal, people = appraised_proposal(world.unit_a, nominees=1)
    client = api_for(getattr(world, who))
    created = client.post("/api/v1/decisions/", {"level": "province", "title": "X"}, format="json")
    assert created.status_code == 403
    on_draft = [
        client.patch(f"/api/v1/decisions/{draft.pk}/", {"title": "Khác"}, format="json"),
        client.post(
            f"/api/v1/decisions/{draft.pk}/add-lines/", {"nominees": [people[0].pk]}, format="json"
        ),
        client.post(
            f"/api/v1/decisions/{draft.pk}/issue/",
            {"number": 1, "decided_on": "2025-03-01", "signer_name": "A", "signer_title": "B"},
            format="json",
        ),
    ]
    assert [r.status_code for r in on_draft] == [draft_status] * 3
    revoke = client.post(
        f"/api/v1/award-records/{record.pk}/revoke/", {"reason": "Sai"}, format="json"
    )
    assert revoke.status_code == 403  # unit A sees its own record but may not revoke it
    on_issued = client.patch(f"/api/v1/decisions/{issued.pk}/", {"title": "K"}, format="json")
    assert on_issued.status_code == issued_status
    assert Decision.objects.filter(title="Khác").count() == 0
    assert AwardRecord.objects.filter(revoked_at__isnull=False).count() == 0


def test_unit_staff_see_their_records_only_and_officers_revoke(world, api_for):
    decision = issued_decision(world, number=2, lines=4, units=[world.unit_a, world.unit_b])
    own = api_for(world.unit_officer_b).get("/api/v1/award-records/").json()
    assert own["count"] == 2
    assert {row["unit"] for row in own["results"]} == {world.unit_b.pk}
    other = decision.records.filter(proposer_unit=world.unit_a).first()
    assert (
        api_for(world.unit_officer_b).get(f"/api/v1/award-records/{other.pk}/").status_code == 404
    )
    revoked = api_for(world.officer).post(
        f"/api/v1/award-records/{other.pk}/revoke/", {"reason": "Kê khai sai"}, format="json"
    )
    assert revoked.status_code == 200
    assert (revoked.json()["is_revoked"], revoked.json()["revoked_reason"]) == (
        True,
        "Kê khai sai",
    )
    filtered = api_for(world.leadership).get("/api/v1/award-records/", {"revoked": "true"})
    assert [row["id"] for row in filtered.json()["results"]] == [other.pk]
    # The decision's total leaves the revoked award out.
    total = api_for(world.leadership).get(f"/api/v1/decisions/{decision.pk}/").json()
    assert total["total_amount"] == 3 * 3_510_000


@pytest.mark.parametrize("count", [1, 3])
def test_api_query_budget(world, api_for, django_assert_max_num_queries, count):
    for number in range(1, count + 1):
        issued_decision(world, number=number, lines=count, units=[world.unit_a, world.unit_b])
        draft_decision(world)
    officer = api_for(world.officer)
    decision = Decision.objects.filter(status="issued").first()
    with django_assert_max_num_queries(6):
        decisions = officer.get("/api/v1/decisions/")
    with django_assert_max_num_queries(6):
        records = officer.get("/api/v1/award-records/")
    with django_assert_max_num_queries(6):
        own = api_for(world.unit_officer_a).get("/api/v1/award-records/")
    with django_assert_max_num_queries(6):
        lines = officer.get(f"/api/v1/decisions/{decision.pk}/lines/")
    assert decisions.json()["count"] == 2 * count
    assert records.json()["count"] == count * count
    assert own.json()["count"] == AwardRecord.objects.filter(proposer_unit=world.unit_a).count()
    assert lines.json()["count"] == count
