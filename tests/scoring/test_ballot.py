from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection, models

from accounts.models import User
from clusters.models import OrgUnit
from core.exceptions import DomainError
from core.models import AuditEntry
from scoring import audit_actions, services
from scoring.enums import BallotOutcome, BallotStatus
from scoring.models import BallotCandidate, BallotChoice, BallotParticipation, BallotRoundResult
from tests.scoring.conftest import LOCKED_DAY, on

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

VOTER_MODELS = (OrgUnit, User, BallotParticipation)


@pytest.fixture
def ballot(scored, time_machine):
    services.lock_results(scored.criteria_set, actor=scored.users["emulation_officer"])
    on(time_machine, LOCKED_DAY)
    return services.open_ballot(
        scored.criteria_set,
        title="Suy tôn dẫn đầu khối 2026",
        candidate_count=2,
        actor=scored.users["head"],
    )


def vote(scored, leader, unit_index, candidate_units, ballot):
    candidates = {c.unit_id: c.pk for c in ballot.candidates.all()}
    services.cast_ballot(
        ballot,
        unit_id=scored.units[unit_index].pk,
        candidate_ids=[candidates[scored.units[i].pk] for i in candidate_units],
        actor=scored.users[leader],
    )


def test_open_ballot_takes_the_top_of_the_locked_ranking(scored, ballot):
    assert [(c.unit.code, c.rank, c.total) for c in ballot.candidates.order_by("rank")] == [
        ("HY-A", 1, Decimal(94)),
        ("HY-C", 2, Decimal(73)),
    ]
    assert (ballot.electorate, ballot.quorum, ballot.threshold, ballot.max_rounds) == (
        3,
        Decimal("0.667"),
        Decimal("0.800"),
        2,
    )


def test_ballot_acclaims_a_candidate_reaching_the_threshold(scored, ballot):
    vote(scored, "leader_a", 0, [0], ballot)
    vote(scored, "leader_b", 1, [0], ballot)
    vote(scored, "leader_c", 2, [0], ballot)

    closed = services.close_ballot_round(ballot, actor=scored.users["head"])

    assert (closed.status, closed.outcome) == (BallotStatus.CLOSED, BallotOutcome.ACCLAIMED)
    assert [
        (r.candidate.unit.code, r.votes, r.participants, r.passed)
        for r in BallotRoundResult.objects.order_by("candidate__rank")
    ] == [
        ("HY-A", 3, 3, True),
        ("HY-C", 0, 3, False),
    ]
    assert list(
        BallotCandidate.objects.filter(is_acclaimed=True).values_list("unit__code", flat=True)
    ) == ["HY-A"]


def test_ballot_without_quorum_acclaims_nobody(scored, ballot):
    vote(scored, "leader_a", 0, [0], ballot)

    closed = services.close_ballot_round(ballot, actor=scored.users["head"])

    assert closed.outcome == BallotOutcome.NO_QUORUM
    assert BallotCandidate.objects.filter(is_acclaimed=True).count() == 0


def test_two_failed_rounds_leave_the_decision_to_head_and_deputy(scored, ballot):
    vote(scored, "leader_a", 0, [0], ballot)
    vote(scored, "leader_b", 1, [2], ballot)
    services.close_ballot_round(ballot, actor=scored.users["head"])
    services.start_next_round(ballot, actor=scored.users["head"])
    vote(scored, "leader_a", 0, [0], ballot)
    vote(scored, "leader_b", 1, [2], ballot)
    services.close_ballot_round(ballot, actor=scored.users["head"])
    with pytest.raises(DomainError):
        services.start_next_round(ballot, actor=scored.users["head"])

    decided = services.decide_by_head(
        ballot,
        candidate_ids=[ballot.candidates.get(rank=1).pk],
        note="Trưởng khối và phó khối thống nhất suy tôn đơn vị có thành tích nổi bật hơn",
        actor=scored.users["deputy"],
    )

    assert (decided.round, decided.outcome) == (2, BallotOutcome.HEAD_DECIDED)
    assert list(
        BallotCandidate.objects.filter(is_acclaimed=True).values_list("unit__code", flat=True)
    ) == ["HY-A"]


def test_a_unit_votes_only_once_per_round(scored, ballot):
    vote(scored, "leader_a", 0, [0], ballot)

    with pytest.raises(DomainError) as error:
        vote(scored, "leader_a", 0, [2], ballot)

    assert (error.value.code, BallotChoice.objects.count()) == ("already_voted", 1)


@pytest.mark.parametrize("actor", ["leader_x", "officer_b", "head", "admin", "emulation_officer"])
def test_only_leaders_of_member_units_vote(scored, ballot, actor):
    unit = scored.outsider if actor == "leader_x" else scored.units[1]

    with pytest.raises(PermissionDenied):
        services.cast_ballot(
            ballot,
            unit_id=unit.pk,
            candidate_ids=[ballot.candidates.get(rank=1).pk],
            actor=scored.users[actor],
        )

    assert (BallotParticipation.objects.count(), BallotChoice.objects.count()) == (0, 0)
    assert AuditEntry.objects.filter(action=audit_actions.BALLOT_VOTED).count() == 0


def test_results_are_hidden_until_the_round_closes(scored, ballot, client_for):
    vote(scored, "leader_a", 0, [0], ballot)
    client = client_for(scored.users["head"])

    open_page = client.get(f"/scoring/ballots/{ballot.pk}/")
    minutes_before = client.get(f"/scoring/ballots/{ballot.pk}/minutes/")
    services.close_ballot_round(ballot, actor=scored.users["head"])
    minutes_after = client.get(f"/scoring/ballots/{ballot.pk}/minutes/")

    assert (open_page.context["results"], open_page.context["voted_count"]) == ([], 1)
    assert minutes_before.status_code == 403
    assert [p.unit.code for p in minutes_after.context["participations"]] == ["HY-A"]
    assert [(r.candidate.unit.code, r.votes) for r in minutes_after.context["results"]] == [
        ("HY-A", 1),
        ("HY-C", 0),
    ]


def _links_to_voter(model) -> list[str]:
    """Fields of `model` that point at a voter (unit, user or participation), directly."""
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete and f.is_relation and f.related_model in VOTER_MODELS
    ]


def test_ballot_secrecy_no_table_links_a_voter_to_a_choice(scored, ballot):
    vote(scored, "leader_a", 0, [0], ballot)
    vote(scored, "leader_b", 1, [2], ballot)
    vote(scored, "leader_c", 2, [], ballot)
    services.close_ballot_round(ballot, actor=scored.users["head"])

    # 1. Through the ORM: every model that records a choice (points at a candidate) must
    #    not point at a voter, nor carry a time or an ordered key.
    choice_models = [
        m
        for m in apps.get_models()
        if any(
            f.is_relation and f.related_model is BallotCandidate for f in m._meta.concrete_fields
        )
    ]
    assert sorted(m.__name__ for m in choice_models) == ["BallotChoice", "BallotRoundResult"]
    for model in choice_models:
        assert _links_to_voter(model) == []
        assert [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
        ] == []
    assert isinstance(BallotChoice._meta.pk, models.UUIDField)

    # 2. In the database itself: no table holding a candidate id has a voter-like column.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, array_agg(column_name::text) FROM information_schema.columns "
            "WHERE table_schema = 'public' GROUP BY table_name"
        )
        tables = dict(cursor.fetchall())
    voterish = {
        "unit_id",
        "user_id",
        "voter_id",
        "actor_id",
        "participation_id",
        "voted_at",
        "created_at",
        "updated_at",
    }
    offending = {
        table: sorted(set(columns) & voterish)
        for table, columns in tables.items()
        if "candidate_id" in columns and set(columns) & voterish
    }
    assert offending == {}

    # 3. The participation table says who voted and nothing about what.
    assert sorted(f.name for f in BallotParticipation._meta.concrete_fields) == [
        "ballot",
        "id",
        "round",
        "unit",
        "voted_at",
    ]

    # 4. The audit log records that a unit voted, never for whom.
    entries = AuditEntry.objects.filter(action=audit_actions.BALLOT_VOTED).order_by("id")
    candidate_ids = set(ballot.candidates.values_list("pk", flat=True))
    assert [sorted(e.after) for e in entries] == [["round", "unit_id"]] * 3
    assert all(e.before is None for e in entries)
    assert {k for e in AuditEntry.objects.all() for k in (e.after or {})} & {
        "candidate",
        "candidates",
        "candidate_ids",
        "choice",
    } == {"candidates"}
    opened = AuditEntry.objects.get(action=audit_actions.BALLOT_OPENED)
    assert opened.actor_label == "head-a"
    assert set(BallotChoice.objects.values_list("candidate_id", flat=True)) <= candidate_ids


def test_acclaimed_units_are_offered_to_awards(scored, ballot):
    from scoring import selectors

    vote(scored, "leader_a", 0, [0], ballot)
    vote(scored, "leader_b", 1, [0], ballot)
    vote(scored, "leader_c", 2, [0], ballot)
    services.close_ballot_round(ballot, actor=scored.users["head"])

    acclaimed = selectors.acclaimed_candidates(year=2026)

    assert [(c.unit.code, c.ballot.criteria_set.group.code) for c in acclaimed] == [
        ("HY-A", "KTT-TEST")
    ]
    assert list(selectors.acclaimed_candidates(year=2025)) == []
