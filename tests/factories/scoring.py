import datetime
from decimal import Decimal

import factory

from scoring.enums import CriterionCategory, CriterionType, Period, PhaseKind, Stage
from scoring.models import (
    Ballot,
    BallotCandidate,
    ClassificationBand,
    CriteriaSet,
    Criterion,
    Phase,
    ScoreLine,
    ScoreSheet,
)
from tests.factories.clusters import EmulationGroupFactory, OrgUnitFactory


class CriteriaSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriteriaSet

    group = factory.SubFactory(EmulationGroupFactory)
    year = 2026
    period = Period.ANNUAL
    title = factory.Sequence(lambda n: f"Bảng chấm điểm thi đua {n}")
    bonus_cap = Decimal(6)
    penalty_cap = Decimal(5)
    discrepancy_margin = Decimal(2)
    tie_break = factory.LazyFunction(list)


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    criteria_set = factory.SubFactory(CriteriaSetFactory)
    kind = PhaseKind.SELF_ASSESSMENT
    starts_on = datetime.date(2026, 10, 1)
    ends_on = datetime.date(2026, 10, 31)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    criteria_set = factory.SubFactory(CriteriaSetFactory)
    parent = None
    position = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"C{n}")
    text = factory.Sequence(lambda n: f"Tiêu chí thử nghiệm {n}")
    max_points = Decimal(10)
    criterion_type = CriterionType.FIXED
    category = CriterionCategory.NORMAL


class ClassificationBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassificationBand

    criteria_set = factory.SubFactory(CriteriaSetFactory)
    label = "Xuất sắc"
    min_total = Decimal(90)


class ScoreSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreSheet

    criteria_set = factory.SubFactory(CriteriaSetFactory)
    unit = factory.SubFactory(OrgUnitFactory)


class ScoreLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreLine

    sheet = factory.SubFactory(ScoreSheetFactory)
    criterion = factory.SubFactory(CriterionFactory)
    stage = Stage.SELF
    value = Decimal(5)
    version = 1


class BallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ballot

    criteria_set = factory.SubFactory(CriteriaSetFactory)
    title = "Suy tôn đơn vị dẫn đầu"
    electorate = 3


class BallotCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BallotCandidate

    ballot = factory.SubFactory(BallotFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    rank = 1
    total = Decimal(90)
