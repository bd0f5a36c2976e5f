import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from core.models import AuditEntry
from scoring import audit_actions, selectors, services, xlsx
from scoring.enums import Period, PhaseKind
from scoring.models import CriteriaSet, Criterion
from tests.scoring.conftest import BEFORE_DAY, SELF_DAY, on

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def workbook(rows, header=xlsx.CRITERIA_COLUMNS):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def codes(criteria_set):
    return [n.code for n in selectors.criteria_of(criteria_set)]


def test_add_criterion_refuses_children_over_parent_maximum(scenario, time_machine):
    on(time_machine, BEFORE_DAY)

    with pytest.raises(ValidationError) as error:
        services.add_criterion(
            scenario.criteria_set,
            parent=scenario.c["I"],
            code="1.4",
            text="Thêm",
            max_points=Decimal(15),
            actor=scenario.users["head"],
        )

    assert error.value.messages == ["I: the children's maxima add up to 65.00, more than 60.00."]
    assert Criterion.objects.filter(code="1.4").count() == 0


def test_add_criterion_inherits_the_parent_category(scenario, time_machine):
    on(time_machine, BEFORE_DAY)

    criterion = services.add_criterion(
        scenario.criteria_set,
        parent=scenario.c["I"],
        code="1.4",
        text="Thêm",
        max_points=Decimal(10),
        actor=scenario.users["head"],
    )

    assert (criterion.parent_id, criterion.category, codes(scenario.criteria_set)[4]) == (
        scenario.c["I"].pk,
        "normal",
        "1.4",
    )


def test_add_criterion_is_refused_once_scoring_has_started(scenario, time_machine):
    on(time_machine, SELF_DAY)
    before = AuditEntry.objects.count()

    with pytest.raises(PermissionDenied):
        services.add_criterion(
            scenario.criteria_set,
            code="III",
            text="Mới",
            max_points=Decimal(5),
            actor=scenario.users["head"],
        )

    assert (Criterion.objects.filter(code="III").count(), AuditEntry.objects.count()) == (0, before)


def test_check_tree_reports_bad_levels_target_and_cap(scenario):
    nodes = selectors.criteria_of(scenario.criteria_set)
    by_code = {n.code: n for n in nodes}
    by_code["1.2"].levels = ["0", "15"]
    by_code["1.3"].target = None
    by_code["1.1"].cap = Decimal(30)

    errors = services.check_tree(scenario.criteria_set, nodes)

    assert errors == [
        "1.1: the cap must be between 0 and 20.00.",
        "1.2: graded levels must be numbers between 0 and 10.00.",
        "1.3: a quantitative criterion needs a target above 0.",
    ]


def test_copy_criteria_set_copies_tree_and_bands_but_not_phases(scenario, time_machine):
    on(time_machine, SELF_DAY)

    copy = services.copy_criteria_set(
        scenario.criteria_set, year=2027, actor=scenario.users["emulation_officer"]
    )

    assert (copy.year, codes(copy), list(copy.bands.values_list("label", flat=True))) == (
        2027,
        codes(scenario.criteria_set),
        ["Xuất sắc", "Tốt"],
    )
    assert copy.phases.count() == 0
    assert Criterion.objects.get(criteria_set=copy, code="1.1").parent.code == "I"
    assert AuditEntry.objects.filter(action=audit_actions.SET_COPIED).count() == 1


def test_set_phases_refuses_overlapping_phases(scenario, time_machine):
    on(time_machine, BEFORE_DAY)

    with pytest.raises(ValidationError) as error:
        services.set_phases(
            scenario.criteria_set,
            phases={
                PhaseKind.SELF_ASSESSMENT: (
                    datetime.date(2026, 10, 1),
                    datetime.date(2026, 10, 31),
                ),
                PhaseKind.HEAD_SCORING: (datetime.date(2026, 10, 20), datetime.date(2026, 11, 20)),
            },
            actor=scenario.users["head"],
        )

    assert error.value.messages == ["Phases must follow each other without overlapping."]
    assert scenario.criteria_set.phases.count() == 4


def test_import_criteria_dry_run_reports_row_errors_and_writes_nothing(scenario, time_machine):
    on(time_machine, BEFORE_DAY)
    upload = workbook(
        [
            ["I", "", "Nhóm I", 10, "fixed", "", "", "", "", ""],
            ["1.1", "I", "Tiêu chí", 8, "fixed", "", "", "", "", ""],
            ["1.2", "I", "Tiêu chí", 5, "fixed", "", "", "", "", ""],
            ["1.1", "I", "Trùng", 1, "fixed", "", "", "", "", ""],
            ["2.1", "II", "Cha sai", 1, "fixed", "", "", "", "", ""],
            ["3", "", "", "abc", "fixed", "", "", "", "", ""],
            ["4", "", "Loại sai", 3, "other", "", "", "", "", ""],
        ]
    )
    before = codes(scenario.criteria_set)

    report = services.import_criteria(
        scenario.criteria_set,
        rows=xlsx.read_criteria_rows(upload),
        dry_run=False,
        actor=scenario.users["head"],
    )

    assert report.errors == [
        "Row 5: code 1.1 appears twice.",
        "Row 6: parent II must appear on an earlier row.",
        "Row 7: points must be numbers.",
        "Row 8: unknown type other.",
        "I: the children's maxima add up to 13.00, more than 10.00.",
    ]
    assert codes(scenario.criteria_set) == before


def test_import_criteria_replaces_the_tree_when_valid(scenario, time_machine):
    on(time_machine, BEFORE_DAY)
    upload = workbook(
        [
            ["I", "", "Nhóm I", 10, "fixed", "normal", "", "", "", ""],
            ["1.1", "I", "Tiêu chí", 5, "graded", "", "0;2,5;5", "", "", "x"],
            ["B", "", "Điểm cộng", 3, "fixed", "bonus", "", "", "", ""],
        ]
    )

    report = services.import_criteria(
        scenario.criteria_set,
        rows=xlsx.read_criteria_rows(upload),
        dry_run=False,
        actor=scenario.users["head"],
    )

    leaf = Criterion.objects.get(criteria_set=scenario.criteria_set, code="1.1")
    assert (report.errors, report.created, codes(scenario.criteria_set)) == (
        [],
        3,
        ["I", "1.1", "B"],
    )
    assert (leaf.parent.code, leaf.levels, leaf.evidence_required) == (
        "I",
        ["0.00", "2.50", "5.00"],
        True,
    )


def test_export_then_import_round_trips_the_tree(scenario, time_machine):
    on(time_machine, BEFORE_DAY)
    other = CriteriaSet.objects.create(
        group=scenario.group, year=2026, period=Period.MID_YEAR, title="6 tháng"
    )
    exported = io.BytesIO(xlsx.criteria_workbook(scenario.criteria_set))

    report = services.import_criteria(
        other, rows=xlsx.read_criteria_rows(exported), dry_run=False, actor=scenario.users["head"]
    )

    assert (report.errors, codes(other)) == ([], codes(scenario.criteria_set))


def test_read_criteria_rows_rejects_missing_columns():
    with pytest.raises(xlsx.XlsxError) as error:
        xlsx.read_criteria_rows(workbook([["I"]], header=["code"]))

    assert str(error.value) == "Columns missing from the first row: parent_code, text, max_points"


def test_set_phases_replaces_dates_and_audits_them(scenario, time_machine):
    on(time_machine, BEFORE_DAY)

    services.set_phases(
        scenario.criteria_set,
        phases={
            PhaseKind.SELF_ASSESSMENT: (datetime.date(2026, 10, 5), datetime.date(2026, 10, 25)),
            PhaseKind.HEAD_SCORING: (datetime.date(2026, 10, 26), datetime.date(2026, 11, 15)),
            PhaseKind.LOCKED: (datetime.date(2026, 12, 10), datetime.date(2026, 12, 31)),
        },
        actor=scenario.users["head"],
    )

    phases = [
        (p.kind, p.starts_on.isoformat(), p.ends_on and p.ends_on.isoformat())
        for p in scenario.criteria_set.phases.order_by("starts_on")
    ]
    entry = AuditEntry.objects.get(action=audit_actions.PHASES_SET)
    assert phases == [
        ("self_assessment", "2026-10-05", "2026-10-25"),
        ("head_scoring", "2026-10-26", "2026-11-15"),
        ("locked", "2026-12-10", None),
    ]
    assert (sorted(entry.before), sorted(entry.after)) == (
        ["council_adjustment", "head_scoring", "locked", "self_assessment"],
        ["head_scoring", "locked", "self_assessment"],
    )
