import datetime

import pytest
from django.utils import timezone

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from clusters.models import GroupMembership, GroupTerm
from core.models import AuditEntry
from demo.loader import load_demo
from demo.scoring import CLUSTER, XA1_UNIT, load_scoring_demo
from scoring import selectors, services
from scoring.enums import BallotOutcome, BallotStatus, PhaseKind, SheetStatus, Stage
from scoring.models import (
    Ballot,
    BallotParticipation,
    CriteriaSet,
    GroupResult,
    ScoreLine,
    ScoreSheet,
)

pytestmark = pytest.mark.integration

MEMBERS = 11  # HY-CUM-01: the wards and communes of former TP Hưng Yên, Tiên Lữ, Phù Cừ
LEAVES = 7  # criteria 1–4 and bonus items 5.1–5.3 of demo/data/criteria-sample.csv


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    settings.DEMO_PASSWORD = "Demo-pass-2024"
    return settings


def _set(year):
    return CriteriaSet.objects.get(group__code=CLUSTER, year=year)


def _members(year):
    return list(
        GroupMembership.objects.filter(group__code=CLUSTER, year=year)
        .select_related("unit")
        .order_by("unit__code")
    )


@pytest.mark.django_db
def test_head_opens_the_2026_grid_with_every_member_and_self_scores(demo_mode, client):
    load_demo()
    criteria_set = _set(2026)
    head = User.objects.get(username="truongcum")
    term = GroupTerm.objects.get(group__code=CLUSTER, year=2026)

    assert RoleAssignment.objects.filter(
        user=head, role=Role.GROUP_HEAD, unit=term.head_unit
    ).exists()
    assert head.check_password("Demo-pass-2024")
    assert selectors.is_head_of(head, criteria_set)
    client.force_login(head)
    response = client.get(f"/scoring/{criteria_set.pk}/grid/")

    assert response.status_code == 200
    content = response.content.decode()
    members = _members(2026)
    assert len(members) == MEMBERS
    for membership in members:
        assert membership.unit.short_name in content
    # Two units are scored on their first two criteria only.
    scored = (MEMBERS - 2) * LEAVES + 2 * 2
    assert f'data-scored="{scored}" data-total="{MEMBERS * LEAVES}"' in content
    for membership in members:
        sheet = ScoreSheet.objects.get(criteria_set=criteria_set, unit=membership.unit)
        assert sheet.status == SheetStatus.SELF_SUBMITTED
        assert (
            ScoreLine.objects.filter(sheet=sheet, stage=Stage.SELF, value__isnull=False).count()
            == LEAVES
        )
    assert set(User.objects.values_list("username", flat=True)) >= {
        "truongcum",
        "phocum",
        "truongcum2025",
        "xa1",
        "xa2",
        *(f"lanhdao{m.unit.code}" for m in members),
    }


@pytest.mark.django_db
def test_2026_phases_put_head_scoring_open_today_with_a_reasoned_discrepancy(demo_mode):
    load_demo()
    criteria_set = _set(2026)
    today = timezone.localdate()
    phases = {p.kind: (p.starts_on, p.ends_on) for p in criteria_set.phases.all()}

    assert phases[PhaseKind.SELF_ASSESSMENT] == (
        today - datetime.timedelta(days=40),
        today - datetime.timedelta(days=5),
    )
    assert phases[PhaseKind.HEAD_SCORING] == (
        today - datetime.timedelta(days=4),
        today + datetime.timedelta(days=10),
    )
    assert selectors.phase_is_open(criteria_set, PhaseKind.HEAD_SCORING)
    assert not selectors.phase_is_open(criteria_set, PhaseKind.SELF_ASSESSMENT)
    reasoned = ScoreLine.objects.get(
        sheet__criteria_set=criteria_set,
        stage=Stage.HEAD,
        criterion__code="2",
        sheet__unit__code=XA1_UNIT,
    )
    own = ScoreLine.objects.get(
        sheet=reasoned.sheet, criterion=reasoned.criterion, stage=Stage.SELF
    )
    assert reasoned.reason != ""
    assert own.value - reasoned.value > criteria_set.discrepancy_margin


@pytest.mark.django_db
def test_2025_is_locked_with_a_closed_ballot_every_leader_voted_in(demo_mode, client):
    load_demo()
    criteria_set = _set(2025)
    result = GroupResult.objects.get(criteria_set=criteria_set)
    ballot = Ballot.objects.get(criteria_set=criteria_set)

    assert result.sha256 == services.snapshot_digest(result.snapshot)
    assert len(result.snapshot["rows"]) == MEMBERS
    assert set(
        ScoreSheet.objects.filter(criteria_set=criteria_set).values_list("status", flat=True)
    ) == {SheetStatus.LOCKED}
    assert (
        ScoreLine.objects.filter(sheet__criteria_set=criteria_set, stage=Stage.COUNCIL).count() == 1
    )
    assert (ballot.status, ballot.outcome) == (BallotStatus.CLOSED, BallotOutcome.ACCLAIMED)
    assert BallotParticipation.objects.filter(ballot=ballot).count() == MEMBERS
    acclaimed = ballot.candidates.get(is_acclaimed=True)
    assert acclaimed.rank == 1
    client.force_login(User.objects.get(username="truongcum2025"))
    minutes = client.get(f"/scoring/ballots/{ballot.pk}/minutes/")
    assert minutes.status_code == 200
    assert acclaimed.unit.short_name in minutes.content.decode()


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_writes_no_audit(demo_mode):
    load_demo()
    audits = AuditEntry.objects.count()
    lines = list(ScoreLine.objects.order_by("pk").values_list("pk", "value", "version"))

    assert load_demo() == 0
    assert load_scoring_demo() == 0
    assert AuditEntry.objects.count() == audits
    assert list(ScoreLine.objects.order_by("pk").values_list("pk", "value", "version")) == lines
