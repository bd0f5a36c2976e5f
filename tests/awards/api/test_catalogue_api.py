"""API of the catalogue: /api/v1/award-types/, required-documents/, base-salaries/ and
dossier-deadlines/ — who may read and write, the same rules as the pages, query budgets."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.enums import Role
from awards import audit_actions
from awards.models import AwardType, BaseSalary, RequiredDocument, SubmissionDeadline
from core.models import AuditEntry
from tests.conftest import make_user_with_role
from tests.factories.awards import (
    AwardTypeFactory,
    BaseSalaryFactory,
    NomineeFactory,
    RequiredDocumentFactory,
    SubmissionDeadlineFactory,
    award_type,
)
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = {
    "unit_officer": Role.UNIT_OFFICER,
    "leadership": Role.LEADERSHIP,
    "council_member": Role.COUNCIL_MEMBER,
    "emulation_officer": Role.EMULATION_OFFICER,
    "system_admin": Role.SYSTEM_ADMIN,
}
MANAGERS = {"emulation_officer", "system_admin"}
WHO = [*ROLES, "anonymous"]


@pytest.fixture
def people(db):
    return {
        name: make_user_with_role(role, OrgUnitFactory(code=f"API-{index}"), f"api-{name}")
        for index, (name, role) in enumerate(ROLES.items())
    }


@pytest.fixture
def api_as(people):
    def make(who):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if who != "anonymous":
            client.force_authenticate(people[who])
        return client

    return make


def awards_audit():
    return AuditEntry.objects.filter(action__startswith="awards.")


def certificate():
    return award_type("PROVINCIAL_CERTIFICATE")


# ---------------------------------------------------------------- permission matrix


@pytest.mark.parametrize("who", WHO)
def test_reads_for_every_signed_in_caller(api_as, who):
    client = api_as(who)
    pk = certificate().pk

    statuses = [
        client.get(url).status_code
        for url in (
            "/api/v1/award-types/",
            f"/api/v1/award-types/{pk}/",
            f"/api/v1/required-documents/?award_type={pk}",
            "/api/v1/base-salaries/",
            "/api/v1/dossier-deadlines/",
        )
    ]

    assert statuses == ([401] * 5 if who == "anonymous" else [200] * 5)


@pytest.mark.parametrize("who", WHO)
def test_writes_only_for_managers(api_as, who):
    client = api_as(who)
    pk = certificate().pk
    document = RequiredDocument.objects.filter(award_type_id=pk, kind="submission").get()
    salary = BaseSalary.objects.get(valid_from=datetime.date(2024, 7, 1))

    statuses = [
        client.post(
            "/api/v1/award-types/",
            {
                "code": "API_NEW",
                "name": "Mới",
                "level": "province",
                "kind": "form",
                "for_individual": True,
            },
            format="json",
        ).status_code,
        client.patch(
            f"/api/v1/award-types/{pk}/", {"coefficient_individual": "2.00"}, format="json"
        ).status_code,
        client.post(
            "/api/v1/required-documents/",
            {"award_type": pk, "kind": "clearance", "valid_from": "2027-01-01"},
            format="json",
        ).status_code,
        client.post(
            f"/api/v1/required-documents/{document.pk}/end/",
            {"last_day": "2026-12-31"},
            format="json",
        ).status_code,
        client.patch(
            f"/api/v1/base-salaries/{salary.pk}/", {"amount": 2_400_000}, format="json"
        ).status_code,
        client.post(
            "/api/v1/dossier-deadlines/",
            {"year": 2026, "method": "regular", "due_on": "2026-12-10"},
            format="json",
        ).status_code,
    ]

    if who in MANAGERS:
        assert statuses == [201, 200, 201, 200, 200, 201]
        assert certificate().coefficient_individual == Decimal(2)
        assert awards_audit().count() == 6
    else:
        assert statuses == [401 if who == "anonymous" else 403] * 6
        assert certificate().coefficient_individual == Decimal("1.5")
        assert not AwardType.objects.filter(code="API_NEW").exists()
        assert RequiredDocument.objects.get(pk=document.pk).valid_to is None
        assert BaseSalary.objects.get(pk=salary.pk).amount == 2_340_000
        assert not SubmissionDeadline.objects.exists()
        assert awards_audit().count() == 0


@pytest.mark.parametrize("who", ["unit_officer", "leadership", "council_member", "anonymous"])
def test_non_managers_cannot_delete(api_as, who):
    fresh = AwardTypeFactory(code="API_DELETABLE")
    future = RequiredDocumentFactory(
        award_type=fresh, kind="other", valid_from=datetime.date(2099, 1, 1)
    )
    client = api_as(who)

    statuses = [
        client.delete(f"/api/v1/required-documents/{future.pk}/").status_code,
        client.delete(f"/api/v1/award-types/{fresh.pk}/").status_code,
    ]

    assert statuses == [401 if who == "anonymous" else 403] * 2
    assert RequiredDocument.objects.filter(pk=future.pk).exists()
    assert AwardType.objects.filter(pk=fresh.pk).exists()


# ---------------------------------------------------------------- contents and rules


def test_award_type_carries_amounts_at_todays_base_salary(api_as):
    response = api_as("unit_officer").get(f"/api/v1/award-types/{certificate().pk}/")

    body = response.json()
    assert (body["code"], body["level"], body["level_label"]) == (
        "PROVINCIAL_CERTIFICATE",
        "province",
        "Provincial level",
    )
    assert (body["coefficient_individual"], body["statistics_column"]) == ("1.50", "0603:2")
    assert (body["amount_collective"], body["amount_individual"], body["amount_household"]) == (
        7_020_000,
        3_510_000,
        5_265_000,
    )


def test_award_types_list_is_in_catalogue_order_and_filters(api_as):
    client = api_as("leadership")

    everything = client.get("/api/v1/award-types/").json()
    state = client.get("/api/v1/award-types/", {"level": "state"}).json()

    assert everything["count"] == 15
    assert [r["level"] for r in everything["results"]][:4] == ["state"] * 4
    assert everything["results"][-1]["level"] == "grassroots"
    assert [r["code"] for r in state["results"]] == [
        "HUAN_CHUONG_LAO_DONG_3",
        "GOVERNMENT_EMULATION_FLAG",
        "PM_CERTIFICATE",
        "NATIONAL_EMULATION_FIGHTER",
    ]


def test_api_refusal_uses_the_service_message(api_as):
    NomineeFactory(award_type=certificate())

    response = api_as("emulation_officer").patch(
        f"/api/v1/award-types/{certificate().pk}/", {"code": "RENAMED"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "code": ["The code cannot change: nominees or award records already use this award type."]
    }
    assert certificate().code == "PROVINCIAL_CERTIFICATE"


def test_api_create_duplicate_code_is_refused(api_as):
    response = api_as("emulation_officer").post(
        "/api/v1/award-types/",
        {
            "code": "PM_CERTIFICATE",
            "name": "x",
            "level": "state",
            "kind": "form",
            "for_collective": True,
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "code": ["Another award type already has the code “PM_CERTIFICATE”."]
    }


def test_api_delete_of_a_used_type_is_refused_and_unused_deleted(api_as):
    NomineeFactory(award_type=certificate())
    fresh = AwardTypeFactory(code="API_UNUSED")
    client = api_as("emulation_officer")

    refused = client.delete(f"/api/v1/award-types/{certificate().pk}/")
    deleted = client.delete(f"/api/v1/award-types/{fresh.pk}/")

    assert (refused.status_code, deleted.status_code) == (400, 204)
    assert refused.json()["error"]["fields"] == {
        "non_field_errors": [
            "Nominees or award records use this award type, so it cannot be deleted. "
            "Untick “in use” to stop offering it."
        ]
    }
    assert not AwardType.objects.filter(code="API_UNUSED").exists()
    assert [e.action for e in awards_audit()] == [audit_actions.AWARD_TYPE_DELETED]


def test_required_documents_filter_in_force_on(api_as):
    pk = certificate().pk
    RequiredDocumentFactory(
        award_type=certificate(),
        kind="other",
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )
    client = api_as("unit_officer")

    in_2024 = client.get(
        "/api/v1/required-documents/", {"award_type": pk, "in_force_on": "2024-06-01"}
    ).json()
    in_2025 = client.get(
        "/api/v1/required-documents/", {"award_type": pk, "in_force_on": "2025-06-01"}
    ).json()
    before = client.get(
        "/api/v1/required-documents/", {"award_type": pk, "in_force_on": "2023-06-01"}
    ).json()

    assert sorted(r["kind"] for r in in_2024["results"]) == [
        "achievement_report",
        "other",
        "submission",
    ]
    assert sorted(r["kind"] for r in in_2025["results"]) == ["achievement_report", "submission"]
    assert before["count"] == 0


def test_required_document_in_force_cannot_be_deleted_through_the_api(api_as):
    document = RequiredDocument.objects.get(award_type=certificate(), kind="submission")

    response = api_as("emulation_officer").delete(f"/api/v1/required-documents/{document.pk}/")

    assert response.status_code == 400
    assert RequiredDocument.objects.filter(pk=document.pk).exists()


def test_required_document_update_through_the_api(api_as):
    document = RequiredDocument.objects.get(award_type=certificate(), kind="submission")
    client = api_as("emulation_officer")

    refused = client.patch(
        f"/api/v1/required-documents/{document.pk}/", {"kind": "other"}, format="json"
    )
    accepted = client.patch(
        f"/api/v1/required-documents/{document.pk}/",
        {"valid_to": "2026-12-31", "legal_basis": "NĐ 152"},
        format="json",
    )

    assert refused.status_code == 400
    assert list(refused.json()["error"]["fields"]) == ["kind"]
    assert accepted.status_code == 200
    assert (accepted.json()["valid_to"], accepted.json()["legal_basis"]) == ("2026-12-31", "NĐ 152")


def test_base_salary_create_and_duplicate(api_as):
    client = api_as("emulation_officer")

    created = client.post(
        "/api/v1/base-salaries/",
        {"valid_from": "2026-07-01", "amount": 2_530_000, "legal_basis": "NĐ mới"},
        format="json",
    )
    duplicate = client.post(
        "/api/v1/base-salaries/", {"valid_from": "2026-07-01", "amount": 1}, format="json"
    )

    assert created.status_code == 201
    assert created.json()["amount"] == 2_530_000
    assert duplicate.status_code == 400
    assert duplicate.json()["error"]["fields"] == {
        "valid_from": ["A base salary from 01/07/2026 already exists: change that row instead."]
    }
    assert client.get("/api/v1/base-salaries/").json()["results"][0]["valid_from"] == "2026-07-01"


def test_deadline_upsert_and_update(api_as):
    client = api_as("emulation_officer")

    created = client.post(
        "/api/v1/dossier-deadlines/",
        {"year": 2026, "method": "regular", "due_on": "2026-12-15"},
        format="json",
    )
    replaced = client.post(
        "/api/v1/dossier-deadlines/",
        {"year": 2026, "method": "regular", "due_on": "2026-12-10"},
        format="json",
    )
    pk = created.json()["id"]
    patched = client.patch(f"/api/v1/dossier-deadlines/{pk}/", {"note": "CV 45/SNV"}, format="json")
    bad = client.patch(f"/api/v1/dossier-deadlines/{pk}/", {"due_on": "2030-01-01"}, format="json")

    assert (created.status_code, replaced.status_code, patched.status_code) == (201, 200, 200)
    assert replaced.json()["id"] == pk
    assert (patched.json()["due_on"], patched.json()["note"]) == ("2026-12-10", "CV 45/SNV")
    assert bad.status_code == 400
    assert list(bad.json()["error"]["fields"]) == ["due_on"]
    filtered = client.get("/api/v1/dossier-deadlines/", {"year": 2026, "method": "regular"})
    assert [r["id"] for r in filtered.json()["results"]] == [pk]


# ---------------------------------------------------------------- query budgets


@pytest.mark.parametrize("item_count", [1, 3])
def test_api_lists_query_count_is_constant(api_as, django_assert_max_num_queries, item_count):
    for index in range(item_count):
        extra = AwardTypeFactory(code=f"API_BUDGET_{index}", coefficient_individual=Decimal(1))
        RequiredDocumentFactory(award_type=extra, kind="other")
        BaseSalaryFactory(valid_from=datetime.date(2010 + index, 1, 1), amount=1_000_000)
        SubmissionDeadlineFactory(year=2020 + index)
    client = api_as("unit_officer")

    with django_assert_max_num_queries(6):
        types = client.get("/api/v1/award-types/")
    with django_assert_max_num_queries(5):
        documents = client.get("/api/v1/required-documents/")
    with django_assert_max_num_queries(5):
        salaries = client.get("/api/v1/base-salaries/")
    with django_assert_max_num_queries(5):
        deadlines = client.get("/api/v1/dossier-deadlines/")

    assert types.json()["count"] == 15 + item_count
    assert documents.json()["count"] == RequiredDocument.objects.count()
    assert salaries.json()["count"] == 2 + item_count
    assert deadlines.json()["count"] == item_count
