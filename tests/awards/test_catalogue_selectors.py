"""The catalogue reads other parts call: base salary on a day, documents in force, deadlines,
award money and the order of the catalogue."""

import datetime
from decimal import Decimal

import pytest

from awards import selectors
from awards.enums import AwardMethod, SubjectType
from awards.models import BaseSalary, RequiredDocument
from tests.factories.awards import (
    AwardTypeFactory,
    BaseSalaryFactory,
    NomineeFactory,
    RequiredDocumentFactory,
    SubmissionDeadlineFactory,
    award_type,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2023, 6, 30), None),
        (datetime.date(2023, 7, 1), 1_800_000),
        (datetime.date(2024, 6, 30), 1_800_000),
        (datetime.date(2024, 7, 1), 2_340_000),
        (datetime.date(2024, 7, 2), 2_340_000),
        (datetime.date(2030, 1, 1), 2_340_000),
    ],
)
def test_base_salary_on_takes_the_latest_start_on_or_before_the_day(day, expected):
    found = selectors.base_salary_on(day)

    assert (found.amount if found else None) == expected


def test_base_salary_on_with_an_empty_table_is_none():
    BaseSalary.objects.all().delete()

    assert selectors.base_salary_on(datetime.date(2025, 1, 1)) is None


def test_a_later_row_takes_over_from_its_start():
    BaseSalaryFactory(valid_from=datetime.date(2026, 7, 1), amount=2_530_000)

    assert [
        selectors.base_salary_on(datetime.date(2026, 6, 30)).amount,
        selectors.base_salary_on(datetime.date(2026, 7, 1)).amount,
    ] == [2_340_000, 2_530_000]


def test_required_documents_in_force_with_open_and_closed_ranges():
    kind = AwardTypeFactory(code="DOCS_TYPE")
    always = RequiredDocumentFactory(award_type=kind, kind="submission", valid_from=None)
    closed = RequiredDocumentFactory(
        award_type=kind,
        kind="minutes",
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )
    open_ended = RequiredDocumentFactory(
        award_type=kind, kind="minutes", valid_from=datetime.date(2025, 1, 1)
    )
    until = RequiredDocumentFactory(
        award_type=kind, kind="other", valid_from=None, valid_to=datetime.date(2024, 6, 30)
    )

    def in_force(day):
        return {d.pk for d in selectors.required_documents_in_force(kind, day)}

    assert in_force(datetime.date(2023, 12, 31)) == {always.pk, until.pk}
    assert in_force(datetime.date(2024, 1, 1)) == {always.pk, closed.pk, until.pk}
    assert in_force(datetime.date(2024, 6, 30)) == {always.pk, closed.pk, until.pk}
    assert in_force(datetime.date(2024, 7, 1)) == {always.pk, closed.pk}
    assert in_force(datetime.date(2024, 12, 31)) == {always.pk, closed.pk}
    assert in_force(datetime.date(2025, 1, 1)) == {always.pk, open_ended.pk}


def test_required_documents_in_force_only_for_that_award_type():
    fighter = award_type("PROVINCIAL_EMULATION_FIGHTER")

    kinds = selectors.required_documents_in_force(fighter, datetime.date(2025, 3, 1))

    assert sorted(d.kind for d in kinds) == [
        "achievement_report",
        "initiative",
        "minutes",
        "submission",
    ]
    assert list(selectors.required_documents_in_force(fighter, datetime.date(2023, 3, 1))) == []
    assert RequiredDocument.objects.count() > 4


def test_deadline_for_year_and_method():
    regular = SubmissionDeadlineFactory(
        year=2026, method=AwardMethod.REGULAR, due_on=datetime.date(2026, 12, 10)
    )
    SubmissionDeadlineFactory(
        year=2026, method=AwardMethod.THEMATIC, due_on=datetime.date(2026, 11, 1)
    )

    assert selectors.deadline_for(2026, AwardMethod.REGULAR) == regular
    assert selectors.deadline_for(2025, AwardMethod.REGULAR) is None
    assert selectors.deadline_for(2026, AwardMethod.AD_HOC) is None


def test_cash_amount_is_coefficient_times_base_salary_rounded_to_the_dong():
    salary = BaseSalary(valid_from=datetime.date(2024, 7, 1), amount=2_340_000)

    assert selectors.cash_amount(Decimal("1.5"), salary) == 3_510_000
    assert selectors.cash_amount(Decimal("0.33"), BaseSalary(amount=1_000_001)) == 330_000
    assert selectors.cash_amount(None, salary) is None
    assert selectors.cash_amount(Decimal(3), None) is None


def test_cash_amount_for_uses_the_salary_of_the_day():
    certificate = award_type("PROVINCIAL_CERTIFICATE")

    assert [
        selectors.cash_amount_for(certificate, SubjectType.INDIVIDUAL, datetime.date(2024, 6, 30)),
        selectors.cash_amount_for(certificate, SubjectType.INDIVIDUAL, datetime.date(2024, 7, 1)),
        selectors.cash_amount_for(certificate, SubjectType.HOUSEHOLD, datetime.date(2024, 7, 1)),
        selectors.cash_amount_for(
            award_type("PROVINCIAL_EMULATION_FLAG"),
            SubjectType.INDIVIDUAL,
            datetime.date(2024, 7, 1),
        ),
    ] == [2_700_000, 3_510_000, 5_265_000, None]


def test_award_types_are_state_then_province_then_grassroots():
    levels = list(selectors.award_types().values_list("level", flat=True))

    assert levels == sorted(levels, key=["state", "province", "grassroots"].index)
    assert list(selectors.award_types().values_list("code", flat=True))[:2] == [
        "HUAN_CHUONG_LAO_DONG_3",
        "GOVERNMENT_EMULATION_FLAG",
    ]


def test_award_type_usage_counts_by_subject():
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    NomineeFactory(award_type=certificate)
    NomineeFactory(award_type=certificate)
    NomineeFactory(award_type=certificate, subject_type="household", individual_category="")

    assert selectors.award_type_usage(certificate) == {"individual": 2, "household": 1}
    assert selectors.award_type_usage(award_type("PM_CERTIFICATE")) == {}
