"""Role × action × own/other unit. A denial changes nothing, writes no audit entry and
shows none of the data that exists (a self-score of 17.25 and its comment)."""

from decimal import Decimal

import pytest
from django.test import Client

from core.models import AuditEntry
from scoring.enums import Stage
from scoring.models import GroupResult, ScoreLine
from tests.factories.scoring import ScoreLineFactory, ScoreSheetFactory
from tests.scoring.conftest import COUNCIL_DAY, HEAD_DAY, SELF_DAY, on

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET = "Bí mật nội bộ 17.25"
EVERYONE = [
    "anonymous",
    "officer_a",
    "officer_b",
    "officer_x",
    "leader_c",
    "head",
    "deputy",
    "emulation_officer",
    "council",
    "admin",
]


@pytest.fixture
def leakable(scenario):
    sheet = ScoreSheetFactory(criteria_set=scenario.criteria_set, unit=scenario.units[1])
    ScoreLineFactory(
        sheet=sheet,
        criterion=scenario.c["1.1"],
        stage=Stage.SELF,
        value=Decimal("17.25"),
        comment=SECRET,
    )
    return scenario


def scoring_audits():
    return AuditEntry.objects.filter(action__startswith="scoring.").count()


def client_of(scenario, actor, client_for):
    return Client() if actor == "anonymous" else client_for(scenario.users[actor])


def matrix(allowed):
    return [(actor, actor in allowed) for actor in EVERYONE]


@pytest.mark.parametrize(
    ("actor", "allowed"),
    matrix({"officer_b", "head", "deputy", "emulation_officer", "council", "admin"}),
)
def test_read_unit_b_self_assessment(leakable, time_machine, client_for, actor, allowed):
    on(time_machine, SELF_DAY)
    url = f"/scoring/{leakable.criteria_set.pk}/units/{leakable.units[1].pk}/"

    response = client_of(leakable, actor, client_for).get(url)

    assert (response.status_code == 200) == allowed
    assert (SECRET in response.content.decode()) == allowed


@pytest.mark.parametrize(("actor", "allowed"), matrix({"officer_b"}))
def test_self_assess_unit_b(leakable, time_machine, client_for, actor, allowed):
    on(time_machine, SELF_DAY)
    audit_before = scoring_audits()
    cs, unit, criterion = leakable.criteria_set, leakable.units[1], leakable.c["1.2"]
    url = f"/scoring/{cs.pk}/units/{unit.pk}/save/{criterion.pk}/"

    response = client_of(leakable, actor, client_for).post(url, {"value": "5", "version": "0"})

    saved = ScoreLine.objects.filter(criterion=leakable.c["1.2"]).count()
    assert (response.status_code, saved) == ((200, 1) if allowed else (response.status_code, 0))
    assert response.status_code in ((200,) if allowed else (302, 403, 404))
    assert (scoring_audits() - audit_before > 0) == allowed
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize(("actor", "allowed"), matrix({"head"}))
def test_score_as_head(leakable, time_machine, client_for, actor, allowed):
    on(time_machine, HEAD_DAY)
    audit_before = scoring_audits()

    response = client_of(leakable, actor, client_for).post(
        f"/scoring/{leakable.criteria_set.pk}/grid/cell/",
        {
            "unit": leakable.units[1].pk,
            "criterion": leakable.c["2.1"].pk,
            "value": "30",
            "version": "0",
        },
    )

    assert (response.status_code == 200) == allowed
    assert ScoreLine.objects.filter(stage=Stage.HEAD).count() == int(allowed)
    assert (scoring_audits() - audit_before > 0) == allowed
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize(
    ("actor", "allowed"),
    matrix({"head", "deputy", "emulation_officer", "council", "admin"}),
)
def test_view_head_grid(leakable, time_machine, client_for, actor, allowed):
    on(time_machine, HEAD_DAY)

    response = client_of(leakable, actor, client_for).get(
        f"/scoring/{leakable.criteria_set.pk}/grid/"
    )

    assert (response.status_code == 200) == allowed
    assert ("17.25" in response.content.decode()) == allowed


@pytest.mark.parametrize(("actor", "allowed"), matrix({"emulation_officer", "council"}))
def test_adjust_as_council(leakable, time_machine, client_for, actor, allowed):
    on(time_machine, COUNCIL_DAY)
    audit_before = scoring_audits()

    response = client_of(leakable, actor, client_for).post(
        f"/scoring/{leakable.criteria_set.pk}/grid/cell/",
        {
            "stage": "council",
            "unit": leakable.units[1].pk,
            "criterion": leakable.c["2.1"].pk,
            "value": "30",
            "reason": "Điều chỉnh",
            "version": "0",
        },
    )

    assert (response.status_code == 200) == allowed
    assert ScoreLine.objects.filter(stage=Stage.COUNCIL).count() == int(allowed)
    assert (scoring_audits() - audit_before > 0) == allowed


@pytest.mark.parametrize(("actor", "allowed"), matrix({"emulation_officer", "admin"}))
def test_lock_results(scored, client_for, actor, allowed):
    audit_before = scoring_audits()

    response = client_of(scored, actor, client_for).post(
        f"/scoring/{scored.criteria_set.pk}/results/lock/"
    )

    assert GroupResult.objects.count() == int(allowed)
    assert (scoring_audits() - audit_before > 0) == allowed
    assert response.status_code in ((302,) if allowed else (302, 403, 404))


@pytest.mark.parametrize(
    ("actor", "phase_day", "allowed"),
    [
        ("head", SELF_DAY, False),
        ("head", HEAD_DAY, True),
        ("head", COUNCIL_DAY, False),
        ("officer_b", SELF_DAY, True),
        ("officer_b", HEAD_DAY, False),
        ("council", HEAD_DAY, False),
        ("council", COUNCIL_DAY, True),
    ],
)
def test_phase_gates_each_stage(scenario, time_machine, actor, phase_day, allowed):
    on(time_machine, phase_day)
    user = scenario.users[actor]
    sheet = ScoreSheetFactory(criteria_set=scenario.criteria_set, unit=scenario.units[1])
    permission = {
        "head": "scoring.score_as_head",
        "officer_b": "scoring.self_assess",
        "council": "scoring.adjust_as_council",
    }[actor]

    result = user.has_perm(permission, sheet if actor == "officer_b" else scenario.criteria_set)

    assert result == allowed


def test_no_stage_is_open_once_locked(scored, time_machine):
    from scoring import services
    from tests.scoring.conftest import HEAD_DAY as day

    services.lock_results(scored.criteria_set, actor=scored.users["emulation_officer"])
    on(time_machine, day)

    assert [
        scored.users["head"].has_perm("scoring.score_as_head", scored.criteria_set),
        scored.users["head"].has_perm("scoring.change_criteriaset", scored.criteria_set),
    ] == [False, False]
