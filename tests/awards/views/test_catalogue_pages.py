"""Catalogue pages: who may read and edit, what the pages show, and the forms' errors."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

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
        name: make_user_with_role(role, OrgUnitFactory(code=f"PG-{index}"), f"pg-{name}")
        for index, (name, role) in enumerate(ROLES.items())
    }


@pytest.fixture
def client_en():
    """`client_en(user)` -> a client signed in as `user` (None: anonymous), in English."""

    def make(user=None):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def client_as(people, client_en):
    return lambda who: client_en(people.get(who))


@pytest.fixture
def officer(people):
    return people["emulation_officer"]


def awards_audit():
    """Audit entries of the awards app (signing in is audited too)."""
    return AuditEntry.objects.filter(action__startswith="awards.")


def certificate():
    return award_type("PROVINCIAL_CERTIFICATE")


def form_data(award_type_obj, **changes):
    data = {
        "code": award_type_obj.code,
        "name": award_type_obj.name,
        "level": award_type_obj.level,
        "kind": award_type_obj.kind,
        "statistics_column": award_type_obj.statistics_column,
        "decided_by": award_type_obj.decided_by,
        "vote_threshold_percent": award_type_obj.vote_threshold_percent or "",
        "coefficient_individual": award_type_obj.coefficient_individual or "",
        "coefficient_collective": award_type_obj.coefficient_collective or "",
        "coefficient_household": award_type_obj.coefficient_household or "",
        "legal_basis": award_type_obj.legal_basis,
        "sort_order": award_type_obj.sort_order,
    }
    for flag in (
        "for_collective",
        "for_individual",
        "for_household",
        "counts_for_merit_chain",
        "requires_ballot",
        "active",
    ):
        if getattr(award_type_obj, flag):
            data[flag] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# ---------------------------------------------------------------- permission matrix


def _read_urls():
    pk = certificate().pk
    return [
        reverse("awards:award-type-list"),
        reverse("awards:award-type-detail", args=[pk]),
        reverse("awards:base-salary-list"),
        reverse("awards:deadline-list"),
    ]


def _edit_urls():
    pk = certificate().pk
    document = RequiredDocument.objects.filter(award_type_id=pk).first()
    return [
        reverse("awards:award-type-create"),
        reverse("awards:award-type-update", args=[pk]),
        reverse("awards:required-document-create", args=[pk]),
        reverse("awards:required-document-update", args=[document.pk]),
        reverse("awards:required-document-end", args=[document.pk]),
        reverse("awards:base-salary-create"),
        reverse("awards:base-salary-update", args=[BaseSalary.objects.first().pk]),
        reverse("awards:deadline-create"),
    ]


@pytest.mark.parametrize("who", WHO)
def test_every_signed_in_user_reads_the_catalogue(client_as, who):
    client = client_as(who)

    statuses = [client.get(url).status_code for url in _read_urls()]

    assert statuses == ([302] * 4 if who == "anonymous" else [200] * 4)


@pytest.mark.parametrize("who", WHO)
def test_only_managers_open_the_edit_pages(client_as, who):
    client = client_as(who)

    statuses = [client.get(url).status_code for url in _edit_urls()]

    expected = {"anonymous": 302, **dict.fromkeys(MANAGERS, 200)}.get(who, 403)
    assert statuses == [expected] * 8


@pytest.mark.parametrize("who", WHO)
def test_only_managers_create_and_edit(client_as, who):
    client = client_as(who)
    pk = certificate().pk

    create = client.post(
        reverse("awards:award-type-create"),
        {
            "code": "NEW_ONE",
            "name": "Mới",
            "level": "province",
            "kind": "form",
            "for_individual": "on",
            "sort_order": 1,
        },
    )
    edit = client.post(
        reverse("awards:award-type-update", args=[pk]),
        form_data(certificate(), coefficient_individual="2"),
    )
    deadline = client.post(
        reverse("awards:deadline-create"),
        {"year": 2026, "method": "regular", "due_on": "10/12/2026"},
    )

    if who in MANAGERS:
        assert [create.status_code, edit.status_code, deadline.status_code] == [302, 302, 302]
        assert certificate().coefficient_individual == Decimal(2)
        assert AwardType.objects.filter(code="NEW_ONE").exists()
    else:
        expected = 302 if who == "anonymous" else 403
        assert [create.status_code, edit.status_code, deadline.status_code] == [expected] * 3
        assert certificate().coefficient_individual == Decimal("1.5")
        assert not AwardType.objects.filter(code="NEW_ONE").exists()
        assert not SubmissionDeadline.objects.exists()
        assert awards_audit().count() == 0


@pytest.mark.parametrize("who", ["unit_officer", "leadership", "council_member"])
def test_non_managers_cannot_end_or_delete(client_as, who):
    document = RequiredDocument.objects.filter(award_type=certificate()).first()
    fresh = AwardTypeFactory(code="DELETABLE")
    client = client_as(who)

    end = client.post(
        reverse("awards:required-document-end", args=[document.pk]), {"last_day": "31/12/2026"}
    )
    delete_doc = client.post(reverse("awards:required-document-delete", args=[document.pk]))
    delete_type = client.post(reverse("awards:award-type-delete", args=[fresh.pk]))

    assert [end.status_code, delete_doc.status_code, delete_type.status_code] == [403] * 3
    assert RequiredDocument.objects.get(pk=document.pk).valid_to is None
    assert AwardType.objects.filter(code="DELETABLE").exists()
    assert awards_audit().count() == 0


# ---------------------------------------------------------------- what the pages show


def test_catalogue_is_grouped_by_level_with_amounts_at_todays_salary(people, client_en):
    response = client_en(people["unit_officer"]).get(reverse("awards:award-type-list"))

    levels = response.context["levels"]
    assert [level for level, _label, _rows in levels] == ["state", "province", "grassroots"]
    assert [label for _level, label, _rows in levels] == [
        "State level",
        "Provincial level",
        "Grassroots level",
    ]
    province = {t.code: subjects for t, subjects in levels[1][2]}
    assert province["PROVINCIAL_CERTIFICATE"] == [
        ("Collective", Decimal(3), 7_020_000),
        ("Individual", Decimal("1.5"), 3_510_000),
        ("Household", Decimal("2.25"), 5_265_000),
    ]
    assert response.context["base_salary"].amount == 2_340_000


def test_amounts_have_thousands_separators_in_vietnamese(people, client_for):
    response = client_for(people["unit_officer"]).get(reverse("awards:award-type-list"))

    html = response.content.decode()
    assert '× 1,5 = <span class="text-nowrap">3.510.000 đ</span>' in html
    assert "2.340.000" in html


def test_unit_officer_sees_no_edit_links(people, client_en):
    client = client_en(people["unit_officer"])

    listing = client.get(reverse("awards:award-type-list")).content.decode()
    detail = client.get(reverse("awards:award-type-detail", args=[certificate().pk]))
    salaries = client.get(reverse("awards:base-salary-list")).content.decode()
    deadlines = client.get(reverse("awards:deadline-list")).content.decode()

    assert 'data-testid="edit-' not in listing
    assert 'data-testid="award-type-create"' not in listing
    assert 'data-testid="edit"' not in detail.content.decode()
    assert 'data-testid="required-document-create"' not in detail.content.decode()
    assert "/edit/" not in listing + detail.content.decode() + salaries + deadlines
    assert detail.context["can_manage"] is False


def test_officer_sees_edit_links(officer, client_en):
    listing = client_en(officer).get(reverse("awards:award-type-list")).content.decode()

    assert 'data-testid="edit-PROVINCIAL_CERTIFICATE"' in listing
    assert 'data-testid="award-type-create"' in listing


def test_detail_shows_documents_in_force_and_ended(officer, client_en):
    today = timezone.localdate()
    ended = RequiredDocumentFactory(
        award_type=certificate(),
        kind="other",
        valid_from=datetime.date(2024, 1, 1),
        valid_to=today - datetime.timedelta(days=1),
    )
    future = RequiredDocumentFactory(
        award_type=certificate(), kind="science", valid_from=today + datetime.timedelta(days=3)
    )

    response = client_en(officer).get(reverse("awards:award-type-detail", args=[certificate().pk]))

    rows = {doc.kind: (in_force, been) for doc, in_force, been in response.context["documents"]}
    assert rows == {
        "submission": (True, True),
        "achievement_report": (True, True),
        "other": (False, True),
        "science": (False, False),
    }
    html = response.content.decode()
    assert f'data-testid="document-delete-{future.pk}"' in html
    assert f'data-testid="document-delete-{ended.pk}"' not in html
    assert f'data-testid="document-end-{ended.pk}"' not in html


# ---------------------------------------------------------------- forms


def test_officer_changes_a_coefficient_with_a_decimal_comma(officer, client_en):
    response = client_en(officer).post(
        reverse("awards:award-type-update", args=[certificate().pk]),
        form_data(certificate(), coefficient_individual="1,75"),
    )

    assert response.status_code == 302
    assert certificate().coefficient_individual == Decimal("1.75")
    entry = awards_audit().get()
    assert (entry.action, entry.before["coefficient_individual"]) == (
        audit_actions.AWARD_TYPE_CHANGED,
        "1.50",
    )


def test_service_refusal_keeps_the_typed_values(officer, client_en):
    NomineeFactory(award_type=certificate())

    response = client_en(officer).post(
        reverse("awards:award-type-update", args=[certificate().pk]),
        form_data(
            certificate(),
            name="Bằng khen (đã sửa)",
            for_individual=None,
            coefficient_individual="",
        ),
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {
        "for_individual": [
            "1 nominee or award record of this type is for individual: the award type must "
            "stay open to them."
        ]
    }
    assert form["name"].value() == "Bằng khen (đã sửa)"
    assert form.fields["code"].disabled is True
    assert certificate().name == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


def test_duplicate_code_on_create_is_a_field_error(officer, client_en):
    response = client_en(officer).post(
        reverse("awards:award-type-create"),
        {
            "code": "PM_CERTIFICATE",
            "name": "Trùng mã",
            "level": "state",
            "kind": "form",
            "for_collective": "on",
            "sort_order": 5,
        },
    )

    assert response.context["form"].errors == {
        "code": ["Another award type already has the code “PM_CERTIFICATE”."]
    }
    assert response.context["form"]["name"].value() == "Trùng mã"


def test_officer_deletes_an_unused_type_but_not_a_used_one(officer, client_en):
    fresh = AwardTypeFactory(code="UNUSED")
    NomineeFactory(award_type=certificate())
    client = client_en(officer)

    deleted = client.post(reverse("awards:award-type-delete", args=[fresh.pk]))
    refused = client.post(reverse("awards:award-type-delete", args=[certificate().pk]), follow=True)

    assert deleted.url == reverse("awards:award-type-list")
    assert not AwardType.objects.filter(code="UNUSED").exists()
    assert [str(m) for m in refused.context["messages"]] == [
        "The award type was deleted.",
        "Nominees or award records use this award type, so it cannot be deleted. "
        "Untick “in use” to stop offering it.",
    ]
    assert AwardType.objects.filter(code="PROVINCIAL_CERTIFICATE").exists()


def test_officer_adds_a_required_document_from_a_date(officer, client_en):
    response = client_en(officer).post(
        reverse("awards:required-document-create", args=[certificate().pk]),
        {
            "kind": "clearance",
            "per_nominee": "on",
            "valid_from": "01/01/2027",
            "legal_basis": "QĐ tỉnh",
        },
    )

    document = RequiredDocument.objects.get(award_type=certificate(), kind="clearance")
    assert response.status_code == 302
    assert (document.per_nominee, document.valid_from, document.valid_to) == (
        True,
        datetime.date(2027, 1, 1),
        None,
    )


def test_overlapping_document_keeps_the_typed_values(officer, client_en):
    response = client_en(officer).post(
        reverse("awards:required-document-create", args=[certificate().pk]),
        {"kind": "submission", "valid_from": "01/03/2027", "legal_basis": "gõ sẵn"},
    )

    form = response.context["form"]
    assert list(form.errors) == ["valid_from"]
    assert form["legal_basis"].value() == "gõ sẵn"
    assert form["valid_from"].value() == "01/03/2027"


def test_bad_date_is_a_translated_field_error(officer, client_en):
    response = client_en(officer).post(
        reverse("awards:required-document-create", args=[certificate().pk]),
        {"kind": "other", "valid_from": "31/02/2027"},
    )

    assert response.context["form"].errors == {"valid_from": ["Enter a date as dd/mm/yyyy."]}


def test_document_in_force_form_locks_what_was_required(officer, client_en):
    document = RequiredDocument.objects.get(award_type=certificate(), kind="submission")

    response = client_en(officer).post(
        reverse("awards:required-document-update", args=[document.pk]),
        {"kind": "other", "valid_from": "01/01/2020", "valid_to": "31/12/2026", "legal_basis": "x"},
    )

    saved = RequiredDocument.objects.get(pk=document.pk)
    assert response.status_code == 302
    assert (saved.kind, saved.valid_from, saved.valid_to, saved.legal_basis) == (
        "submission",
        datetime.date(2024, 1, 1),
        datetime.date(2026, 12, 31),
        "x",
    )


def test_officer_ends_and_deletes_documents(officer, client_en):
    in_force = RequiredDocument.objects.get(award_type=certificate(), kind="submission")
    future = RequiredDocumentFactory(
        award_type=certificate(),
        kind="other",
        valid_from=timezone.localdate() + datetime.timedelta(days=30),
    )
    client = client_en(officer)

    client.post(
        reverse("awards:required-document-end", args=[in_force.pk]), {"last_day": "31/12/2026"}
    )
    refused = client.post(
        reverse("awards:required-document-delete", args=[in_force.pk]), follow=True
    )
    client.post(reverse("awards:required-document-delete", args=[future.pk]))

    assert RequiredDocument.objects.get(pk=in_force.pk).valid_to == datetime.date(2026, 12, 31)
    assert [str(m) for m in refused.context["messages"]] == [
        "The required document was ended.",
        "This row has already been in force and cannot be deleted; set its last day instead.",
    ]
    assert not RequiredDocument.objects.filter(pk=future.pk).exists()


def test_end_page_refusal_keeps_the_typed_day(officer, client_en):
    document = RequiredDocument.objects.get(award_type=certificate(), kind="submission")

    response = client_en(officer).post(
        reverse("awards:required-document-end", args=[document.pk]), {"last_day": "31/12/2023"}
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.non_field_errors() == [
        "The last day cannot be before the row starts (01/01/2024). A row that was never in "
        "force can be deleted instead."
    ]
    assert form["last_day"].value() == "31/12/2023"
    assert RequiredDocument.objects.get(pk=document.pk).valid_to is None


def test_end_link_only_for_open_rows_in_force(officer, client_en):
    document = RequiredDocument.objects.get(award_type=certificate(), kind="submission")
    client = client_en(officer)

    before = client.get(reverse("awards:award-type-detail", args=[certificate().pk]))
    client.post(
        reverse("awards:required-document-end", args=[document.pk]), {"last_day": "31/12/2030"}
    )
    after = client.get(reverse("awards:award-type-detail", args=[certificate().pk]))

    marker = f'data-testid="document-end-{document.pk}"'
    assert (marker in before.content.decode(), marker in after.content.decode()) == (True, False)


def test_base_salary_form_accepts_thousands_separators(officer, client_en):
    response = client_en(officer).post(
        reverse("awards:base-salary-create"),
        {"valid_from": "01/07/2026", "amount": "2.530.000", "legal_basis": "Nghị định mới"},
    )

    assert response.status_code == 302
    assert BaseSalary.objects.get(valid_from=datetime.date(2026, 7, 1)).amount == 2_530_000


def test_base_salary_form_errors(officer, client_en):
    response = client_en(officer).post(
        reverse("awards:base-salary-create"),
        {"valid_from": "01/07/2024", "amount": "2.600.000", "legal_basis": "gõ"},
    )
    zero = client_en(officer).post(
        reverse("awards:base-salary-create"), {"valid_from": "01/07/2027", "amount": "0"}
    )

    assert response.context["form"].errors == {
        "valid_from": ["A base salary from 01/07/2024 already exists: change that row instead."]
    }
    assert response.context["form"]["amount"].value() == "2.600.000"
    assert zero.context["form"].errors == {
        "amount": ["The base salary must be greater than 0 đồng."]
    }
    assert BaseSalary.objects.count() == 2


def test_base_salary_edit(officer, client_en):
    row = BaseSalary.objects.get(valid_from=datetime.date(2024, 7, 1))

    client_en(officer).post(
        reverse("awards:base-salary-update", args=[row.pk]),
        {"valid_from": "01/07/2024", "amount": "2340001", "legal_basis": row.legal_basis},
    )

    assert BaseSalary.objects.get(pk=row.pk).amount == 2_340_001


def test_deadline_set_and_replaced_through_the_pages(officer, client_en):
    client = client_en(officer)

    client.post(
        reverse("awards:deadline-create"),
        {"year": 2026, "method": "regular", "due_on": "15/12/2026"},
    )
    deadline = SubmissionDeadline.objects.get()
    client.post(
        reverse("awards:deadline-update", args=[deadline.pk]),
        {"year": 2030, "method": "ad_hoc", "due_on": "10/12/2026", "note": "CV 123"},
    )

    deadline.refresh_from_db()
    assert (deadline.year, deadline.method, deadline.due_on, deadline.note) == (
        2026,
        "regular",
        datetime.date(2026, 12, 10),
        "CV 123",
    )


def test_deadline_in_a_far_year_is_a_field_error(officer, client_en):
    response = client_en(officer).post(
        reverse("awards:deadline-create"),
        {"year": 2026, "method": "regular", "due_on": "10/12/2029", "note": "gõ"},
    )

    assert response.context["form"].errors == {
        "due_on": ["The deadline for the 2026 dossiers must fall in 2026 or 2027."]
    }
    assert response.context["form"]["note"].value() == "gõ"


# ---------------------------------------------------------------- query budgets


@pytest.mark.parametrize("item_count", [1, 3])
def test_catalogue_pages_query_count_is_constant(
    officer, client_en, django_assert_max_num_queries, item_count
):
    for index in range(item_count):
        extra = AwardTypeFactory(code=f"BUDGET_{index}", coefficient_individual=Decimal(1))
        RequiredDocumentFactory(award_type=extra, kind="other")
        RequiredDocumentFactory(
            award_type=certificate(),
            kind="science",
            valid_from=datetime.date(2030 + index, 1, 1),
            valid_to=datetime.date(2030 + index, 12, 31),
        )
        BaseSalaryFactory(valid_from=datetime.date(2010 + index, 1, 1), amount=1_000_000)
        SubmissionDeadlineFactory(year=2020 + index)
    client = client_en(officer)
    detail_url = reverse("awards:award-type-detail", args=[certificate().pk])

    # Each page: session, user, roles, permissions, session save (5–6 queries) plus its own
    # reads; none of them grows with the rows.
    with django_assert_max_num_queries(11):
        listing = client.get(reverse("awards:award-type-list"))
    with django_assert_max_num_queries(12):
        detail = client.get(detail_url)
    with django_assert_max_num_queries(11):
        salaries = client.get(reverse("awards:base-salary-list"))
    with django_assert_max_num_queries(10):
        deadlines = client.get(reverse("awards:deadline-list"))

    assert len(listing.context["award_types"]) == 15 + item_count
    assert len(detail.context["documents"]) == 2 + item_count
    assert len(salaries.context["salaries"]) == 2 + item_count
    assert len(deadlines.context["deadlines"]) == item_count


def test_catalogue_list_is_paginated_at_50(officer, client_en):
    for index in range(40):
        AwardTypeFactory(code=f"PAGE_{index}", level="grassroots", sort_order=999)

    first = client_en(officer).get(reverse("awards:award-type-list"))
    second = client_en(officer).get(reverse("awards:award-type-list"), {"page": 2})

    assert (len(first.context["award_types"]), len(second.context["award_types"])) == (50, 5)
    assert first.context["is_paginated"] is True
