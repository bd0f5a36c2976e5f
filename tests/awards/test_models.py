"""The awards schema: the seeded catalogue and the database constraints."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from awards.enums import DecisionStatus, StatisticsColumn, SubjectType
from awards.models import AwardType, BaseSalary, RequiredDocument
from tests.factories.awards import (
    AwardRecordFactory,
    AwardTypeFactory,
    DecisionFactory,
    NomineeFactory,
    award_type,
)

pytestmark = pytest.mark.django_db


def test_catalogue_seeds_the_provincial_forms_with_their_statistical_columns():
    flag = award_type("PROVINCIAL_EMULATION_FLAG")
    assert flag.statistics_column == StatisticsColumn.F0603_FLAG
    assert flag.requires_ballot
    assert flag.vote_threshold_percent == Decimal(80)
    assert flag.coefficient_for(SubjectType.COLLECTIVE) == Decimal(8)
    assert not flag.allows(SubjectType.INDIVIDUAL)
    fighter = award_type("PROVINCIAL_EMULATION_FIGHTER")
    assert fighter.vote_threshold_percent == Decimal(90)
    assert award_type("PM_CERTIFICATE").statistics_column == "0602:7"
    assert award_type("EXCELLENT_COLLECTIVE").statistics_column == ""
    # codes match the titles a unit registers for (campaigns.enums)
    assert AwardType.objects.filter(code="ADVANCED_WORKER", level="grassroots").exists()


def test_catalogue_seeds_required_documents_and_base_salary():
    kinds = set(
        RequiredDocument.objects.filter(
            award_type__code="PROVINCIAL_EMULATION_FIGHTER"
        ).values_list("kind", flat=True)
    )
    assert kinds == {"submission", "achievement_report", "minutes", "initiative"}
    assert not RequiredDocument.objects.filter(award_type__code="ADVANCED_WORKER").exists()
    assert BaseSalary.objects.get(valid_from=datetime.date(2024, 7, 1)).amount == 2_340_000


def test_award_type_needs_a_subject():
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardTypeFactory(for_collective=False, for_individual=False, for_household=False)


def test_individual_category_only_on_individuals():
    with pytest.raises(IntegrityError), transaction.atomic():
        NomineeFactory(subject_type=SubjectType.COLLECTIVE, individual_category="frontline")


def test_enterprise_flag_only_on_collectives():
    with pytest.raises(IntegrityError), transaction.atomic():
        NomineeFactory(is_enterprise=True)


def test_issued_decision_needs_number_and_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionFactory(status=DecisionStatus.ISSUED)


def test_decision_number_label_has_a_leading_zero():
    decision = DecisionFactory(number=5, decided_on=datetime.date(2025, 12, 1))
    assert decision.number_label == "05/QĐ-UBND"
    assert DecisionFactory().number_label == ""


def test_revoked_record_needs_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardRecordFactory(revoked_at=timezone.now())


def test_decision_number_is_unique_per_symbol_and_year_whatever_the_day():
    DecisionFactory(number=7, decided_on=datetime.date(2025, 3, 1))
    DecisionFactory(number=7, decided_on=datetime.date(2026, 3, 1))  # a new year's register
    DecisionFactory(number=7, decided_on=datetime.date(2025, 3, 1), symbol="QĐ-CTN")
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionFactory(number=7, decided_on=datetime.date(2025, 11, 30))
