"""A cluster/block head's dossier built from the units its ballot acclaimed."""

import pytest
from django.core.exceptions import PermissionDenied

from awards import audit_actions
from awards.enums import ProposalStatus, SubjectType
from awards.models import Proposal
from awards.services import proposals as services
from core.exceptions import DomainError
from core.models import AuditEntry
from scoring.enums import BallotOutcome, BallotStatus
from tests.awards.dossier_setup import YEAR, make_world
from tests.factories.awards import AwardRecordFactory, IssuedDecisionFactory, award_type
from tests.factories.scoring import BallotCandidateFactory, BallotFactory, CriteriaSetFactory


@pytest.fixture
def w(db):
    return make_world()


def ballot(w, *, closed=True, acclaimed=("unit_b", "unit_c"), year=YEAR):
    criteria_set = CriteriaSetFactory(group=w.group, year=year)
    result = BallotFactory(
        criteria_set=criteria_set,
        seats=2,
        status=BallotStatus.CLOSED if closed else BallotStatus.OPEN,
        outcome=BallotOutcome.ACCLAIMED if closed else BallotOutcome.PENDING,
    )
    for rank, name in enumerate(("unit_c", "unit_b", "unit_a"), start=1):
        BallotCandidateFactory(
            ballot=result, unit=getattr(w, name), rank=rank, is_acclaimed=name in acclaimed
        )
    return result


def test_head_gets_a_draft_with_one_collective_per_acclaimed_unit(w):
    ballot(w)
    proposal = services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR)
    assert (proposal.unit, proposal.group, proposal.status, proposal.method) == (
        w.unit_a,
        w.group,
        ProposalStatus.DRAFT,
        "regular",
    )
    assert proposal.title == (f"Đề nghị tặng Cờ thi đua của UBND tỉnh năm {YEAR} — {w.group.name}")
    rows = list(
        proposal.nominees.order_by("sort_order").values_list(
            "org_unit", "name", "subject_type", "award_type__code"
        )
    )
    assert rows == [
        (w.unit_c.pk, w.unit_c.name, SubjectType.COLLECTIVE, "PROVINCIAL_EMULATION_FLAG"),
        (w.unit_b.pk, w.unit_b.name, SubjectType.COLLECTIVE, "PROVINCIAL_CERTIFICATE"),
    ]
    assert AuditEntry.objects.filter(action=audit_actions.NOMINEE_ADDED).count() == 2


def test_second_call_returns_the_same_draft(w):
    ballot(w)
    first = services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR)
    second = services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR)
    assert second.pk == first.pk
    assert Proposal.objects.count() == 1
    assert first.nominees.count() == 2


def test_refused_while_the_ballot_is_open(w):
    ballot(w, closed=False)
    with pytest.raises(DomainError) as exc:
        services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR)
    assert exc.value.code == "nothing_acclaimed"
    assert Proposal.objects.count() == 0


def test_refused_when_nobody_is_acclaimed(w):
    ballot(w, acclaimed=())
    with pytest.raises(DomainError) as exc:
        services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR)
    assert exc.value.code == "nothing_acclaimed"


def test_only_the_head_of_that_year(w):
    ballot(w)
    for actor in (w.officer_a, w.officer_b, w.emulation_officer):
        with pytest.raises(PermissionDenied):
            services.proposal_from_ballot(actor=actor, group=w.group, year=YEAR)
    with pytest.raises(PermissionDenied):
        services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR + 1)
    assert Proposal.objects.count() == 0


def test_head_may_edit_and_submit_the_group_dossier_but_not_unit_dossiers(w):
    ballot(w)
    proposal = services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR)
    assert w.head.has_perm("awards.change_proposal", proposal) is True
    assert w.head.has_perm("awards.submit_proposal", proposal) is True
    own = services.create_proposal(
        actor=w.officer_a, unit=w.unit_a, year=YEAR, method="regular", title="Của huyện"
    )
    assert w.head.has_perm("awards.change_proposal", own) is False
    assert w.officer_a.has_perm("awards.change_proposal", proposal) is True


def _flag_given(w, unit, year=YEAR):
    return AwardRecordFactory(
        decision=IssuedDecisionFactory(number=9),
        award_type=award_type("PROVINCIAL_EMULATION_FLAG"),
        subject_type=SubjectType.COLLECTIVE,
        name=unit.name,
        individual_category="",
        org_unit=unit,
        year=year,
    )


def test_unit_already_holding_the_flag_of_the_year_is_not_proposed_again(w):
    # QA: the demo's cluster head re-proposed a commune whose 2025 flag was already issued.
    ballot(w)
    _flag_given(w, w.unit_c)

    proposal = services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR)

    assert list(proposal.nominees.values_list("org_unit", "award_type__code")) == [
        (w.unit_b.pk, "PROVINCIAL_CERTIFICATE")
    ]


def test_nothing_to_propose_when_the_only_acclaimed_unit_has_its_flag(w):
    ballot(w, acclaimed=("unit_c",))
    _flag_given(w, w.unit_c)

    with pytest.raises(DomainError) as exc:
        services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR)

    assert exc.value.code == "already_awarded"
    assert Proposal.objects.count() == 0


def test_a_flag_of_another_year_does_not_stop_the_proposal(w):
    ballot(w, acclaimed=("unit_c",))
    _flag_given(w, w.unit_c, year=YEAR - 1)

    proposal = services.proposal_from_ballot(actor=w.head, group=w.group, year=YEAR)

    assert list(proposal.nominees.values_list("org_unit", "award_type__code")) == [
        (w.unit_c.pk, "PROVINCIAL_EMULATION_FLAG")
    ]
