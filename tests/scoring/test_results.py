import hashlib
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from core.exceptions import DomainError
from core.models import AuditEntry
from scoring import audit_actions, services
from scoring.enums import SheetStatus, Stage
from scoring.models import GroupResult, ScoreSheet
from tests.scoring.conftest import HEAD_DAY, SELF_DAY, on, score_everything

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_lock_results_freezes_the_ranking_with_its_sha256(scored):
    result = services.lock_results(scored.criteria_set, actor=scored.users["emulation_officer"])

    rows = [
        (r["unit_code"], r["rank"], r["total"], r["classification"])
        for r in result.snapshot["rows"]
    ]
    canonical = json.dumps(
        result.snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert rows == [
        ("HY-A", 1, "94.00", "Xuất sắc"),
        ("HY-C", 2, "73.00", "Tốt"),
        ("HY-B", 3, "60.00", ""),
    ]
    assert result.sha256 == hashlib.sha256(canonical.encode()).hexdigest()
    assert set(ScoreSheet.objects.values_list("status", flat=True)) == {SheetStatus.LOCKED}
    assert AuditEntry.objects.filter(action=audit_actions.RESULTS_LOCKED).count() == 1


def test_lock_results_applies_council_adjustments(scored):
    services.record_score(
        scored.criteria_set,
        stage=Stage.COUNCIL,
        unit_id=scored.units[1].pk,
        criterion_id=scored.c["2.1"].pk,
        value="40",
        reason="Bổ sung minh chứng",
        actor=scored.users["council"],
    )

    result = services.lock_results(scored.criteria_set, actor=scored.users["emulation_officer"])

    assert [(r["unit_code"], r["total"]) for r in result.snapshot["rows"]] == [
        ("HY-A", "94.00"),
        ("HY-C", "73.00"),
        ("HY-B", "70.00"),
    ]


def test_lock_results_refuses_while_cells_are_unscored(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    score_everything(scenario, {0: [20, 10, 20, 40, 5, 5, 2]})

    with pytest.raises(DomainError) as error:
        services.lock_results(scenario.criteria_set, actor=scenario.users["emulation_officer"])

    assert (error.value.message, GroupResult.objects.count()) == (
        "14 cells have no head score yet.",
        0,
    )


def test_lock_results_is_refused_to_the_head(scored):
    with pytest.raises(PermissionDenied):
        services.lock_results(scored.criteria_set, actor=scored.users["head"])

    assert GroupResult.objects.count() == 0


def test_scores_cannot_change_after_locking(scored):
    services.lock_results(scored.criteria_set, actor=scored.users["emulation_officer"])
    count = AuditEntry.objects.count()

    with pytest.raises(PermissionDenied):
        services.record_score(
            scored.criteria_set,
            stage=Stage.COUNCIL,
            unit_id=scored.units[1].pk,
            criterion_id=scored.c["2.1"].pk,
            value="40",
            reason="Muộn",
            actor=scored.users["council"],
        )

    assert AuditEntry.objects.count() == count


def test_explain_page_lists_every_line_with_who_and_when(scored, client_for):
    services.record_score(
        scored.criteria_set,
        stage=Stage.COUNCIL,
        unit_id=scored.units[1].pk,
        criterion_id=scored.c["2.1"].pk,
        value="40",
        reason="Bổ sung minh chứng",
        actor=scored.users["council"],
    )

    response = client_for(scored.users["officer_b"]).get(
        f"/scoring/{scored.criteria_set.pk}/units/{scored.units[1].pk}/explain/"
    )

    rows = {r["node"].code: r["stages"] for r in response.context["rows"]}
    stage_21 = [
        (
            s["line"].stage,
            s["line"].value,
            [(e.actor_label, e.before["value"], e.after["value"]) for e in s["history"]],
        )
        for s in rows["2.1"]
    ]
    assert response.status_code == 200
    assert stage_21 == [
        (Stage.HEAD, Decimal(30), [("head-a", None, "30.00")]),
        (Stage.COUNCIL, Decimal(40), [("council-snv", None, "40.00")]),
    ]
    assert response.context["totals"].total == Decimal(70)


def test_results_page_shows_the_provisional_ranking(scored, client_for):
    response = client_for(scored.users["head"]).get(f"/scoring/{scored.criteria_set.pk}/results/")

    assert [(r.unit.code, r.rank) for r in response.context["rows"]] == [
        ("HY-A", 1),
        ("HY-C", 2),
        ("HY-B", 3),
    ]


def test_overview_shows_self_assessment_state_evidence_and_discrepancies(
    scenario, time_machine, client_for
):
    on(time_machine, SELF_DAY)
    services.save_self_score(
        scenario.criteria_set,
        unit_id=scenario.units[1].pk,
        criterion=scenario.c["1.1"],
        value="18",
        actor=scenario.users["officer_b"],
    )
    on(time_machine, HEAD_DAY)
    services.record_score(
        scenario.criteria_set,
        stage=Stage.HEAD,
        unit_id=scenario.units[1].pk,
        criterion_id=scenario.c["1.1"].pk,
        value="10",
        reason="Chưa đạt",
        actor=scenario.users["head"],
    )

    response = client_for(scenario.users["head"]).get(
        f"/scoring/{scenario.criteria_set.pk}/overview/"
    )

    row_b = response.context["rows"][1]
    assert (
        row_b["unit"].code,
        row_b["sheet"].status,
        row_b["missing_evidence"],
        row_b["unscored"],
    ) == (
        "HY-B",
        SheetStatus.OPEN,
        ["2.1"],
        ["1.2", "1.3", "2.1", "B1", "B2", "P1"],
    )
    assert row_b["discrepancies"] == [
        {"code": "1.1", "self": Decimal(18), "head": Decimal(10), "reason": "Chưa đạt"}
    ]
    assert response.context["rows"][0]["sheet"] is None


def test_explain_page_after_locking_shows_the_frozen_row(scored, client_for):
    result = services.lock_results(scored.criteria_set, actor=scored.users["emulation_officer"])

    response = client_for(scored.users["officer_b"]).get(
        f"/scoring/{scored.criteria_set.pk}/units/{scored.units[1].pk}/explain/"
    )

    row = response.context["snapshot_row"]
    assert (row["rank"], row["total"], response.context["result"].sha256) == (
        3,
        "60.00",
        result.sha256,
    )
