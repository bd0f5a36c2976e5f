"""'My work' items and the menu entry of award dossiers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from awards import work
from awards.enums import ProposalStatus
from awards.services import proposals as services
from tests.awards.dossier_setup import client_en, complete_proposal, make_world, proposal_of


@pytest.fixture
def w(db):
    return make_world()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_unit_sees_drafts_and_returned_dossiers_with_the_reason(w):
    draft = proposal_of(w.unit_a, w.officer_a, title="Hồ sơ nháp")
    returned = proposal_of(
        w.unit_a,
        w.officer_a,
        title="Hồ sơ bị trả",
        status=ProposalStatus.RETURNED,
        return_reason="Thiếu biên bản",
    )
    proposal_of(w.unit_a, w.officer_a, status=ProposalStatus.SUBMITTED)
    proposal_of(w.unit_b, w.officer_b)
    items = [(i.title, i.detail, i.url) for i in work.unit_proposal_work(w.officer_a)]
    assert items == [
        (
            "Award dossier returned: complete it and submit it again",
            "Hồ sơ bị trả – Thiếu biên bản",
            reverse("awards:proposal-detail", args=[returned.pk]),
        ),
        (
            "Award dossier not yet submitted",
            f"{w.unit_a.name} – Hồ sơ nháp",
            reverse("awards:proposal-detail", args=[draft.pk]),
        ),
    ]
    assert work.unit_proposal_work(w.emulation_officer) == []


def test_officer_sees_waiting_and_own_appraisals(w):
    first = services.submit_proposal(complete_proposal(w.unit_a, w.officer_a), actor=w.officer_a)
    services.submit_proposal(complete_proposal(w.unit_b, w.officer_b), actor=w.officer_b)
    services.receive_proposal(first, actor=w.emulation_officer)
    items = [(i.title, i.count) for i in work.officer_proposal_work(w.emulation_officer)]
    assert items == [
        ("1 award dossier waiting to be received", 1),
        ("Award dossier under your appraisal", None),
    ]
    assert work.officer_proposal_work(w.officer_a) == []


@pytest.mark.parametrize("count", [1, 3])
def test_work_providers_have_bounded_queries(w, count):
    for _ in range(count):
        proposal_of(w.unit_a, w.officer_a)
        proposal_of(w.unit_b, w.officer_b, status=ProposalStatus.SUBMITTED)
    with CaptureQueriesContext(connection) as unit_queries:
        work.unit_proposal_work(w.officer_a)
    with CaptureQueriesContext(connection) as officer_queries:
        work.officer_proposal_work(w.emulation_officer)
    assert len(unit_queries) <= 2
    assert len(officer_queries) <= 3


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("officer_a", True),
        ("head", True),
        ("emulation_officer", True),
        ("leadership", True),
        ("council", True),
    ],
)
def test_menu_entry(w, who, shown):
    response = client_en(getattr(w, who)).get(reverse("core:home"))
    keys = [item["key"] for item in response.context["nav_items"]]
    assert ("award-proposals" in keys) is shown


def test_menu_entry_hidden_without_a_role(db):
    from tests.factories.accounts import UserFactory

    response = client_en(UserFactory()).get(reverse("core:home"))
    assert "award-proposals" not in [item["key"] for item in response.context["nav_items"]]
