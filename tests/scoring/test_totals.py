from decimal import Decimal

import pytest

from scoring import selectors, services
from scoring.enums import Stage, TieBreak
from tests.factories.scoring import ScoreLineFactory, ScoreSheetFactory
from tests.scoring.conftest import HEAD_DAY, on

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def head_scores(scenario, unit, values):
    sheet = ScoreSheetFactory(criteria_set=scenario.criteria_set, unit=unit)
    for code, value in values.items():
        ScoreLineFactory(
            sheet=sheet, criterion=scenario.c[code], stage=Stage.HEAD, value=Decimal(value)
        )
    return sheet


def totals_for(scenario, values):
    nodes = selectors.criteria_of(scenario.criteria_set)
    return selectors.compute_totals(
        scenario.criteria_set,
        nodes,
        {scenario.c[code].pk: Decimal(v) for code, v in values.items()},
    )


def test_compute_totals_sums_criteria_bonus_and_penalty(scenario):
    totals = totals_for(scenario, {"1.1": 18, "1.2": 5, "1.3": 20, "2.1": 35, "B1": 3, "P1": 2})

    assert (totals.criteria, totals.bonus, totals.penalty, totals.total) == (
        Decimal(78),
        Decimal(3),
        Decimal(2),
        Decimal(79),
    )


def test_compute_totals_caps_each_value_at_its_maximum(scenario):
    totals = totals_for(scenario, {"1.1": 25})

    assert totals.criteria == Decimal(20)


def test_compute_totals_caps_bonus_and_penalty_by_the_set(scenario):
    totals = totals_for(scenario, {"2.1": 40, "B1": 5, "B2": 5, "P1": 9})

    assert (totals.bonus, totals.penalty, totals.total) == (Decimal(6), Decimal(5), Decimal(41))


def test_compute_totals_caps_a_group_at_its_own_maximum(scenario):
    scenario.c["I"].max_points = Decimal(45)
    scenario.c["I"].save()

    totals = totals_for(scenario, {"1.1": 20, "1.2": 10, "1.3": 20})

    assert totals.criteria == Decimal(45)


def test_compute_totals_does_not_count_missing_values_as_scored(scenario):
    totals = totals_for(scenario, {"1.1": 10})

    assert (totals.scored, totals.total) == (1, Decimal(10))


def test_ranking_orders_by_total_and_shares_ties(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    a, b, c = scenario.units
    head_scores(scenario, a, {"1.1": 20, "2.1": 30})
    head_scores(scenario, b, {"1.1": 10, "2.1": 40})
    head_scores(scenario, c, {"1.1": 20, "2.1": 20})

    rows = services.ranking(scenario.criteria_set)

    assert [(r.unit.code, r.rank, r.total) for r in rows] == [
        ("HY-A", 1, Decimal(50)),
        ("HY-B", 1, Decimal(50)),
        ("HY-C", 3, Decimal(40)),
    ]


def test_ranking_breaks_ties_with_the_sets_keys_in_order(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    scenario.criteria_set.tie_break = [TieBreak.FEWER_PENALTY, TieBreak.BONUS]
    scenario.criteria_set.save()
    a, b, c = scenario.units
    head_scores(scenario, a, {"2.1": 40, "B1": 2, "P1": 2})
    head_scores(scenario, b, {"2.1": 39, "B1": 0, "P1": 0})
    head_scores(scenario, c, {"2.1": 39, "B1": 1, "P1": 0})

    rows = services.ranking(scenario.criteria_set)

    assert [(r.unit.code, r.rank, r.total) for r in rows] == [
        ("HY-C", 1, Decimal(40)),
        ("HY-A", 2, Decimal(40)),
        ("HY-B", 3, Decimal(39)),
    ]


def test_ranking_classifies_by_band(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    a, b, c = scenario.units
    head_scores(scenario, a, {"1.1": 20, "1.2": 10, "1.3": 20, "2.1": 40})
    head_scores(scenario, b, {"1.1": 20, "1.2": 10, "2.1": 40})
    head_scores(scenario, c, {"2.1": 10})

    rows = services.ranking(scenario.criteria_set)

    assert [(r.unit.code, r.classification) for r in rows] == [
        ("HY-A", "Xuất sắc"),
        ("HY-B", "Tốt"),
        ("HY-C", ""),
    ]


def test_ranking_prefers_council_values_over_head_values(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    a = scenario.units[0]
    sheet = head_scores(scenario, a, {"2.1": 30})
    ScoreLineFactory(
        sheet=sheet, criterion=scenario.c["2.1"], stage=Stage.COUNCIL, value=Decimal(25)
    )

    rows = services.ranking(scenario.criteria_set, stage=Stage.COUNCIL)

    assert (rows[0].unit.code, rows[0].total) == ("HY-A", Decimal(25))


def test_points_for_achievement_scales_to_target_and_caps(scenario):
    criterion = scenario.c["1.3"]
    criterion.cap = Decimal(15)

    assert (
        services.points_for_achievement(criterion, Decimal(50)),
        services.points_for_achievement(criterion, Decimal(120)),
    ) == (Decimal("10.00"), Decimal("15.00"))
