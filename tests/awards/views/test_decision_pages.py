"""Pages of decisions and award records: the officer's flow, the permission matrix, query
budgets, the PDF download and the XLSX export."""

import io

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from awards.enums import DecisionStatus, NomineeStatus, ProposalStatus
from awards.models import AwardRecord, Decision
from awards.services import decisions as services
from tests.awards.test_decision_support import (
    appraised_proposal,
    draft_decision,
    issued_decision,
    make_world,
)
from tests.factories.awards import ProposalFactory, award_type

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def client_en():
    def make(user=None):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return make


# ---------------------------------------------------------------- the officer's flow


def test_officer_drafts_fills_issues_and_revokes_through_the_pages(world, client_en):
    proposal, people = appraised_proposal(world.unit_a, nominees=2, year=2025)
    client = client_en(world.officer)

    response = client.post(
        reverse("awards:decision-create"),
        {"level": "province", "title": "Về việc tặng Bằng khen năm 2025", "symbol": ""},
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:decision-detail", args=[decision.pk])
    assert decision.symbol == "QĐ-UBND"
    assert decision.preamble.startswith("Căn cứ Luật Tổ chức chính quyền địa phương")

    page = client.get(reverse("awards:decision-nominees", args=[decision.pk]))
    assert [n.pk for n in page.context["nominees"]] == [people[0].pk, people[1].pk]
    response = client.post(
        reverse("awards:decision-nominees", args=[decision.pk]),
        {"nominees": [str(people[0].pk), str(people[1].pk)]},
    )
    assert response.status_code == 302
    assert decision.records.count() == 2

    response = client.post(
        reverse("awards:decision-line-add", args=[decision.pk]),
        {
            "award_type": award_type("PROVINCIAL_CERTIFICATE").pk,
            "subject_type": "household",
            "name": "Hộ ông Đỗ Văn Tài",
            "method": "regular",
            "year": "2025",
        },
    )
    assert response.status_code == 302
    household = decision.records.get(subject_type="household")
    client.post(reverse("awards:decision-line-remove", args=[decision.pk, household.pk]))
    assert decision.records.count() == 2

    preview = client.get(reverse("awards:decision-pdf", args=[decision.pk]))
    assert (preview.status_code, preview["Content-Type"]) == (200, "application/pdf")
    assert preview.content.startswith(b"%PDF")

    response = client.post(
        reverse("awards:decision-issue", args=[decision.pk]),
        {
            "number": "7",
            "decided_on": "20/12/2025",
            "signer_name": "Nguyễn Lê Huy",
            "signer_title": "CHỦ TỊCH",
            "signer_capacity": "",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    proposal.refresh_from_db()
    assert (decision.status, decision.number_label) == (DecisionStatus.ISSUED, "07/QĐ-UBND")
    assert proposal.status == ProposalStatus.DECIDED
    assert list(decision.records.values_list("cash_amount", flat=True)) == [3_510_000] * 2

    detail = client.get(reverse("awards:decision-detail", args=[decision.pk]))
    assert detail.context["total"] == 7_020_000
    assert detail.context["can_edit"] is False

    download = client.get(reverse("awards:decision-pdf", args=[decision.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    record = decision.records.first()
    response = client.post(
        reverse("awards:record-revoke", args=[record.pk]), {"reason": "Kê khai sai thành tích"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.revoked_reason == "Kê khai sai thành tích"


def test_duplicate_number_is_a_form_error_not_a_crash(world, client_en):
    issued_decision(world, number=5)
    decision = draft_decision(world)
    services.add_line(
        decision,
        actor=world.officer,
        award_type=award_type("PROVINCIAL_CERTIFICATE"),
        subject_type="individual",
        name="Lê Văn Hùng",
        individual_category="frontline",
        year=2025,
    )
    response = client_en(world.officer).post(
        reverse("awards:decision-issue", args=[decision.pk]),
        {
            "number": "5",
            "decided_on": "02/10/2025",
            "signer_name": "Nguyễn Lê Huy",
            "signer_title": "CHỦ TỊCH",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Number 05/QĐ-UBND is already used in 2025."
    ]
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_issue_without_lines_shows_the_reason(world, client_en):
    decision = draft_decision(world)
    response = client_en(world.officer).post(
        reverse("awards:decision-issue", args=[decision.pk]),
        {"number": "1", "decided_on": "02/10/2025", "signer_name": "A", "signer_title": "B"},
    )
    assert response.context["form"].non_field_errors() == [
        "Add at least one line before issuing the decision."
    ]


def test_nominee_page_offers_only_approved_undecided_nominees_of_the_level(world, client_en):
    _proposal, people = appraised_proposal(world.unit_a, nominees=3)
    people[1].status = NomineeStatus.NOT_APPROVED
    people[1].save()
    people[2].award_type = award_type("PM_CERTIFICATE")
    people[2].save()
    _other, others = appraised_proposal(world.unit_b, nominees=1)
    services.add_lines_from_nominees(draft_decision(world), [others[0].pk], actor=world.officer)
    decision = draft_decision(world)

    page = client_en(world.officer).get(reverse("awards:decision-nominees", args=[decision.pk]))
    assert [n.pk for n in page.context["nominees"]] == [people[0].pk]
    filtered = client_en(world.officer).get(
        reverse("awards:decision-nominees", args=[decision.pk]), {"unit": world.unit_b.pk}
    )
    assert list(filtered.context["nominees"]) == []


def test_nominee_page_filters_offer_only_the_decisions_level_and_appraised_dossiers(
    world, client_en
):
    appraised, _people = appraised_proposal(world.unit_a, nominees=1)
    state, _state_people = appraised_proposal(world.unit_b, nominees=1)
    for nominee in state.nominees.all():
        nominee.award_type = award_type("PM_CERTIFICATE")
        nominee.save()
    ProposalFactory(unit=world.unit_a)  # a draft: nothing to decide yet
    decision = draft_decision(world)

    page = client_en(world.officer).get(reverse("awards:decision-nominees", args=[decision.pk]))

    filters = page.context["filter"].filters
    assert {t.level for t in filters["award_type"].queryset} == {"province"}
    assert list(filters["proposal"].queryset) == [appraised]


# ---------------------------------------------------------------- permission matrix


ROLES = ["officer", "leadership", "council", "unit_officer_a", "anonymous"]


def _client(world, client_en, who):
    return client_en(None if who == "anonymous" else getattr(world, who))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("officer", {"list": 200, "draft": 200, "issued": 200, "create": 200, "records": 200}),
        ("leadership", {"list": 200, "draft": 404, "issued": 200, "create": 403, "records": 200}),
        ("council", {"list": 200, "draft": 404, "issued": 200, "create": 403, "records": 200}),
        (
            "unit_officer_a",
            {"list": 403, "draft": 404, "issued": 404, "create": 403, "records": 200},
        ),
        ("anonymous", {"list": 302, "draft": 302, "issued": 302, "create": 302, "records": 302}),
    ],
)
def test_read_pages_by_role(world, client_en, who, expected):
    issued = issued_decision(world)
    draft = draft_decision(world)
    client = _client(world, client_en, who)
    urls = {
        "list": reverse("awards:decision-list"),
        "draft": reverse("awards:decision-detail", args=[draft.pk]),
        "issued": reverse("awards:decision-detail", args=[issued.pk]),
        "create": reverse("awards:decision-create"),
        "records": reverse("awards:record-list"),
    }
    assert {key: client.get(url).status_code for key, url in urls.items()} == expected


@pytest.mark.parametrize(
    ("who", "status"),
    [("leadership", 404), ("council", 404), ("unit_officer_a", 404), ("anonymous", 302)],
)
def test_others_cannot_change_a_draft(world, client_en, who, status):
    draft = draft_decision(world)
    _proposal, people = appraised_proposal(world.unit_a, nominees=1)
    record = services.add_line(
        draft,
        actor=world.officer,
        award_type=award_type("PROVINCIAL_CERTIFICATE"),
        subject_type="individual",
        name="Lê Văn Hùng",
        individual_category="frontline",
        year=2025,
        proposer_unit=world.unit_a,
    )
    client = _client(world, client_en, who)
    responses = [
        client.post(reverse("awards:decision-update", args=[draft.pk]), {"title": "Khác"}),
        client.post(
            reverse("awards:decision-nominees", args=[draft.pk]), {"nominees": [people[0].pk]}
        ),
        client.post(reverse("awards:decision-line-remove", args=[draft.pk, record.pk])),
        client.post(
            reverse("awards:decision-issue", args=[draft.pk]),
            {"number": "1", "decided_on": "02/10/2025", "signer_name": "A", "signer_title": "B"},
        ),
        client.get(reverse("awards:decision-pdf", args=[draft.pk])),
    ]
    assert [r.status_code for r in responses] == [status] * 5
    draft.refresh_from_db()
    assert (draft.status, draft.title, draft.records.count()) == (
        "draft",
        "Về việc tặng Bằng khen (dự thảo)",
        1,
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("leadership", 403), ("council", 403), ("unit_officer_a", 403), ("unit_officer_b", 404)],
)
def test_only_officers_revoke(world, client_en, who, status):
    decision = issued_decision(world)
    record = decision.records.get()
    response = client_en(getattr(world, who)).post(
        reverse("awards:record-revoke", args=[record.pk]), {"reason": "Sai"}
    )
    assert response.status_code == status
    record.refresh_from_db()
    assert record.revoked_at is None


def test_leadership_downloads_the_issued_pdf_but_unit_staff_cannot(world, client_en):
    decision = issued_decision(world)
    url = reverse("awards:decision-pdf", args=[decision.pk])
    response = client_en(world.leadership).get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_en(world.unit_officer_a).get(url).status_code == 404


# ---------------------------------------------------------------- records list and export


def test_unit_staff_see_only_their_own_records(world, client_en):
    issued_decision(world, number=1, lines=4, units=[world.unit_a, world.unit_b])
    page_a = client_en(world.unit_officer_a).get(reverse("awards:record-list"))
    page_b = client_en(world.unit_officer_b).get(reverse("awards:record-list"))
    page_l = client_en(world.leadership).get(reverse("awards:record-list"))
    assert {r.proposer_unit_id for r in page_a.context["records"]} == {world.unit_a.pk}
    assert len(page_a.context["records"]) == 2
    assert {r.proposer_unit_id for r in page_b.context["records"]} == {world.unit_b.pk}
    assert len(page_l.context["records"]) == 4


def test_records_are_filtered(world, client_en):
    decision = issued_decision(world, number=1, lines=3, units=[world.unit_a, world.unit_b])
    revoked = decision.records.order_by("sort_order").last()
    services.revoke_record(revoked, actor=world.officer, reason="Sai")
    client = client_en(world.officer)
    url = reverse("awards:record-list")
    assert [r.pk for r in client.get(url, {"revoked": "true"}).context["records"]] == [revoked.pk]
    assert len(client.get(url, {"revoked": "false"}).context["records"]) == 2
    assert len(client.get(url, {"unit": world.unit_b.pk}).context["records"]) == 1
    assert len(client.get(url, {"level": "state"}).context["records"]) == 0
    assert (
        len(client.get(url, {"subject_type": "individual", "year": 2025}).context["records"]) == 3
    )


def test_export_lists_the_filtered_records(world, client_en):
    issued_decision(world, number=3, lines=3, units=[world.unit_a, world.unit_b])
    response = client_en(world.unit_officer_a).get(reverse("awards:record-export"))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("No.", "Decision number", "Decision date", "Award type")
    assert [(row[1], row[6], row[9], row[14]) for row in rows[1:]] == [
        ("03/QĐ-UBND", "Nguyễn Thị Dòng 3-0", world.unit_a.name, 3_510_000),
        ("03/QĐ-UBND", "Nguyễn Thị Dòng 3-2", world.unit_a.name, 3_510_000),
    ]
    assert rows[1][2].strftime("%d/%m/%Y") == "20/12/2025"
    everything = client_en(world.officer).get(
        reverse("awards:record-export"), {"unit": world.unit_b.pk}
    )
    rows = list(load_workbook(io.BytesIO(everything.content)).active.iter_rows(values_only=True))
    assert [row[6] for row in rows[1:]] == ["Nguyễn Thị Dòng 3-1"]


# ---------------------------------------------------------------- query budgets


@pytest.mark.parametrize("count", [1, 3])
def test_list_pages_query_budget(world, client_en, django_assert_max_num_queries, count):
    for number in range(1, count + 1):
        issued_decision(world, number=number, lines=count, units=[world.unit_a, world.unit_b])
        draft_decision(world)
    for _ in range(count):
        appraised_proposal(world.unit_a, nominees=count)
    draft = draft_decision(world)
    officer = client_en(world.officer)
    unit = client_en(world.unit_officer_a)
    with django_assert_max_num_queries(14):  # three filter selects
        nominees = officer.get(reverse("awards:decision-nominees", args=[draft.pk]))
    assert len(nominees.context["nominees"]) == count * count
    with django_assert_max_num_queries(12):
        decisions = officer.get(reverse("awards:decision-list"))
    with django_assert_max_num_queries(12):
        records = officer.get(reverse("awards:record-list"))
    with django_assert_max_num_queries(12):
        own = unit.get(reverse("awards:record-list"))
    with django_assert_max_num_queries(12):
        detail = officer.get(
            reverse(
                "awards:decision-detail", args=[Decision.objects.filter(status="issued").first().pk]
            )
        )
    with django_assert_max_num_queries(12):
        export = officer.get(reverse("awards:record-export"))
    assert len(decisions.context["decisions"]) == 2 * count + 1
    assert len(records.context["records"]) == count * count
    assert len(own.context["records"]) == sum(
        1 for r in AwardRecord.objects.all() if r.proposer_unit_id == world.unit_a.pk
    )
    assert detail.context["line_count"] == count
    assert export.status_code == 200
