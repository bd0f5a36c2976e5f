from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from core.models import AuditEntry
from scoring import services
from scoring.enums import Stage
from scoring.models import ScoreLine
from tests.scoring.conftest import HEAD_DAY, LOCKED_DAY, SELF_DAY, on

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_criteria_sets_list_only_visible_sets(scenario):
    mine = api(scenario.users["officer_b"]).get("/api/v1/criteria-sets/")
    outsider = api(scenario.users["officer_x"]).get("/api/v1/criteria-sets/")

    assert [s["title"] for s in mine.json()["results"]] == ["Bảng điểm khối 2026"]
    assert outsider.json()["results"] == []


def test_criteria_set_detail_has_the_tree(scenario):
    response = api(scenario.users["head"]).get(f"/api/v1/criteria-sets/{scenario.criteria_set.pk}/")

    assert [(c["code"], c["parent"], c["is_leaf"]) for c in response.json()["criteria"]][:3] == [
        ("I", None, False),
        ("1.1", "I", True),
        ("1.2", "I", True),
    ]


def test_bulk_upsert_of_head_lines_goes_through_the_checks(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    url = f"/api/v1/criteria-sets/{scenario.criteria_set.pk}/score-sheets/"
    b = scenario.units[1].pk

    ok = api(scenario.users["head"]).post(
        url,
        {
            "stage": "head",
            "lines": [
                {"unit": b, "criterion": scenario.c["1.1"].pk, "value": "12", "version": 0},
                {"unit": b, "criterion": scenario.c["2.1"].pk, "value": "30", "version": 0},
            ],
        },
        format="json",
    )
    bad = api(scenario.users["head"]).post(
        url,
        {
            "stage": "head",
            "lines": [
                {"unit": b, "criterion": scenario.c["1.1"].pk, "value": "13", "version": 1},
                {"unit": b, "criterion": scenario.c["2.1"].pk, "value": "41", "version": 1},
            ],
        },
        format="json",
    )

    assert ok.status_code == 200
    assert [(r["value"], r["version"]) for r in ok.json()["results"]] == [
        ("12.00", 1),
        ("30.00", 1),
    ]
    assert (bad.status_code, bad.json()["error"]["fields"]) == (
        400,
        {"non_field_errors": ["2.1: the score must be between 0 and 40.00."]},
    )
    assert sorted(ScoreLine.objects.values_list("value", flat=True)) == [Decimal(12), Decimal(30)]


def test_bulk_upsert_with_a_stale_version_answers_409_and_writes_nothing(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    services.record_score(
        scenario.criteria_set,
        stage=Stage.HEAD,
        unit_id=scenario.units[1].pk,
        criterion_id=scenario.c["1.1"].pk,
        value="12",
        actor=scenario.users["head"],
    )
    before = AuditEntry.objects.count()

    response = api(scenario.users["head"]).post(
        f"/api/v1/criteria-sets/{scenario.criteria_set.pk}/score-sheets/",
        {
            "stage": "head",
            "lines": [
                {
                    "unit": scenario.units[2].pk,
                    "criterion": scenario.c["1.1"].pk,
                    "value": "5",
                    "version": 0,
                },
                {
                    "unit": scenario.units[1].pk,
                    "criterion": scenario.c["1.1"].pk,
                    "value": "9",
                    "version": 0,
                },
            ],
        },
        format="json",
    )

    assert response.status_code == 409
    assert (
        response.json()["error"]["current_value"],
        response.json()["error"]["current_version"],
    ) == ("12.00", 1)
    assert (ScoreLine.objects.count(), AuditEntry.objects.count()) == (1, before)


def test_bulk_upsert_of_self_lines_is_refused_to_another_unit(scenario, time_machine):
    on(time_machine, SELF_DAY)

    response = api(scenario.users["officer_a"]).post(
        f"/api/v1/criteria-sets/{scenario.criteria_set.pk}/score-sheets/",
        {
            "stage": "self",
            "lines": [
                {
                    "unit": scenario.units[1].pk,
                    "criterion": scenario.c["1.1"].pk,
                    "value": "5",
                    "version": 0,
                }
            ],
        },
        format="json",
    )

    assert (response.status_code, ScoreLine.objects.count()) == (403, 0)


def test_score_sheets_get_shows_unit_staff_only_their_own_sheet(scenario, time_machine):
    on(time_machine, SELF_DAY)
    services.save_self_score(
        scenario.criteria_set,
        unit_id=scenario.units[1].pk,
        criterion=scenario.c["1.1"],
        value="5",
        actor=scenario.users["officer_b"],
    )

    own = api(scenario.users["officer_b"]).get(
        f"/api/v1/criteria-sets/{scenario.criteria_set.pk}/score-sheets/"
    )
    head = api(scenario.users["head"]).get(
        f"/api/v1/criteria-sets/{scenario.criteria_set.pk}/score-sheets/"
    )

    assert [
        (r["unit_code"], [(line["code"], line["value"]) for line in r["lines"]])
        for r in own.json()["results"]
    ] == [("HY-B", [("1.1", "5.00")])]
    assert [r["unit_code"] for r in head.json()["results"]] == ["HY-A", "HY-B", "HY-C"]


def test_ballot_api_hides_tallies_until_closed_and_accepts_votes(scored, time_machine):
    services.lock_results(scored.criteria_set, actor=scored.users["emulation_officer"])
    on(time_machine, LOCKED_DAY)
    ballot = services.open_ballot(scored.criteria_set, title="Suy tôn", actor=scored.users["head"])
    first = ballot.candidates.get(rank=1)

    voted = api(scored.users["leader_b"]).post(
        f"/api/v1/ballots/{ballot.pk}/votes/",
        {"unit": scored.units[1].pk, "candidates": [first.pk]},
        format="json",
    )
    open_view = api(scored.users["leader_c"]).get(f"/api/v1/ballots/{ballot.pk}/")
    services.close_ballot_round(ballot, actor=scored.users["head"])
    closed_view = api(scored.users["leader_c"]).get(f"/api/v1/ballots/{ballot.pk}/")

    assert voted.status_code == 204
    assert (open_view.json()["voted"], open_view.json()["tallies"]) == (1, None)
    assert (
        closed_view.json()["tallies"][0]["candidate"],
        closed_view.json()["tallies"][0]["votes"],
    ) == (first.pk, 1)
