"""Factories for the awards app. Award types come from the catalogue seeded by migration
awards/0002 (use `award_type("PROVINCIAL_CERTIFICATE")`); new types only when a test needs one."""

import datetime
import importlib

import factory
from django.apps import apps

from awards.enums import AwardLevel, AwardMethod, DecisionStatus, SubjectType
from awards.models import (
    AwardRecord,
    AwardType,
    Decision,
    Nominee,
    Proposal,
    SubmissionDeadline,
)
from tests.factories.accounts import UserFactory
from tests.factories.clusters import OrgUnitFactory


def award_type(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TEST_AWARD_{n}")
    name = factory.Sequence(lambda n: f"Hình thức thử nghiệm {n}")
    level = AwardLevel.PROVINCE
    kind = "form"
    for_collective = True
    for_individual = True


class SubmissionDeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubmissionDeadline
        django_get_or_create = ("year", "method")

    year = 2025
    method = AwardMethod.REGULAR
    due_on = factory.LazyAttribute(lambda d: datetime.date(d.year, 12, 10))


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    unit = factory.SubFactory(OrgUnitFactory)
    year = 2025
    method = AwardMethod.REGULAR
    title = factory.Sequence(lambda n: f"Đề nghị tặng Bằng khen năm 2025 (hồ sơ {n})")
    created_by = factory.SubFactory(UserFactory)


class NomineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nominee

    proposal = factory.SubFactory(ProposalFactory)
    award_type = factory.LazyFunction(lambda: award_type("PROVINCIAL_CERTIFICATE"))
    subject_type = SubjectType.INDIVIDUAL
    name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    honorific = "Ông"
    position = "Chuyên viên"
    individual_category = "frontline"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    level = AwardLevel.PROVINCE
    title = "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    created_by = factory.SubFactory(UserFactory)


class IssuedDecisionFactory(DecisionFactory):
    status = DecisionStatus.ISSUED
    number = factory.Sequence(lambda n: n + 1)
    decided_on = datetime.date(2025, 12, 20)
    signer_name = "Nguyễn Văn Chủ Tịch"
    signer_title = "CHỦ TỊCH"


class AwardRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecord

    decision = factory.SubFactory(IssuedDecisionFactory)
    award_type = factory.LazyFunction(lambda: award_type("PROVINCIAL_CERTIFICATE"))
    subject_type = SubjectType.INDIVIDUAL
    name = factory.Sequence(lambda n: f"Trần Thị Khen {n}")
    individual_category = "frontline"
    method = AwardMethod.REGULAR
    year = 2025


# ---- catalogue (helper "catalogue")
def seed_catalogue() -> None:
    """Put back the catalogue, required documents and base salary of migration awards/0002
    (only the missing rows): browser tests flush the database, and the rows then are gone."""
    importlib.import_module("awards.migrations.0002_catalogue").seed(apps, None)


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.RequiredDocument"

    award_type = factory.SubFactory(AwardTypeFactory)
    kind = "submission"
    valid_from = datetime.date(2024, 1, 1)


class BaseSalaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.BaseSalary"
        django_get_or_create = ("valid_from",)

    valid_from = datetime.date(2024, 7, 1)
    amount = 2_340_000


# ---- end of catalogue


# ---- decisions (helper "decisions")
class AppraisedProposalFactory(ProposalFactory):
    """A dossier Home Affairs has appraised: its approved nominees wait for a decision."""

    status = "appraised"


class ApprovedNomineeFactory(NomineeFactory):
    proposal = factory.SubFactory(AppraisedProposalFactory)
    status = "approved"


# ---- end of decisions
