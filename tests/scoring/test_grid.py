import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from accounts.enums import Role
from core.exceptions import DomainError
from core.models import AuditEntry
from scoring import audit_actions, services, xlsx
from scoring.enums import Stage
from scoring.models import Criterion, ScoreLine, ScoreSheet
from tests.conftest import make_user_with_role
from tests.factories.clusters import (
    EmulationGroupFactory,
    GroupMembershipFactory,
    GroupTermFactory,
    OrgUnitFactory,
)
from tests.factories.scoring import CriteriaSetFactory, ScoreLineFactory
from tests.scoring.conftest import HEAD_DAY, SELF_DAY, add_phases, fresh, on

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def score(
    scenario, code, value, *, unit=1, reason="", version=None, actor="head", stage=Stage.HEAD
):
    return services.record_score(
        scenario.criteria_set,
        stage=stage,
        unit_id=scenario.units[unit].pk,
        criterion_id=scenario.c[code].pk,
        value=value,
        reason=reason,
        version=version,
        actor=scenario.users[actor],
    )


def with_self_score(scenario, code, value, unit=1):
    sheet, _ = ScoreSheet.objects.get_or_create(
        criteria_set=scenario.criteria_set, unit=scenario.units[unit]
    )
    return ScoreLineFactory(
        sheet=sheet, criterion=scenario.c[code], stage=Stage.SELF, value=Decimal(value)
    )


def test_record_score_saves_and_audits_before_and_after(scenario, time_machine):
    on(time_machine, HEAD_DAY)

    score(scenario, "1.1", "12", version=0)
    line = score(scenario, "1.1", "14", version=1)

    entries = AuditEntry.objects.filter(action=audit_actions.LINE_CHANGED).order_by("id")
    assert (line.value, line.version, line.updated_by) == (Decimal(14), 2, scenario.users["head"])
    assert [(e.before["value"], e.after["value"], e.actor_label) for e in entries] == [
        (None, "12.00", "head-a"),
        ("12.00", "14.00", "head-a"),
    ]


@pytest.mark.parametrize("value", ["-1", "20.01", "abc"])
def test_record_score_refuses_values_outside_zero_to_max(scenario, time_machine, value):
    on(time_machine, HEAD_DAY)

    with pytest.raises(DomainError):
        score(scenario, "1.1", value)

    assert (
        ScoreLine.objects.count(),
        AuditEntry.objects.filter(action=audit_actions.LINE_CHANGED).count(),
    ) == (0, 0)


def test_head_does_not_score_own_unit_but_the_deputy_does(scenario, time_machine):
    on(time_machine, HEAD_DAY)

    with pytest.raises(DomainError) as head_error:
        score(scenario, "1.1", "10", unit=0)
    with pytest.raises(DomainError) as deputy_error:
        score(scenario, "1.1", "10", unit=2, actor="deputy")
    line = score(scenario, "1.1", "10", unit=0, actor="deputy")

    assert (head_error.value.code, deputy_error.value.code) == (
        "conflict_of_interest",
        "conflict_of_interest",
    )
    assert (line.sheet.unit.code, line.value, line.updated_by.username) == (
        "HY-A",
        Decimal(10),
        "head-b",
    )


def test_record_score_refuses_a_group_row(scenario, time_machine):
    on(time_machine, HEAD_DAY)

    with pytest.raises(DomainError) as error:
        score(scenario, "I", "5")

    assert error.value.code == "not_a_leaf"


def test_record_score_requires_a_reason_beyond_the_margin(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    with_self_score(scenario, "1.1", 18)

    within = score(scenario, "1.1", "16", version=0)
    with pytest.raises(services.ReasonRequiredError) as error:
        score(scenario, "1.1", "15", version=1)
    explained = score(scenario, "1.1", "15", version=1, reason="Chỉ tiêu chưa đạt")

    assert error.value.message == (
        "1.1: the score differs from the self-score (18.00) by more than 2.00; give a reason."
    )
    assert (within.value, explained.value, explained.reason) == (
        Decimal(16),
        Decimal(15),
        "Chỉ tiêu chưa đạt",
    )


def test_record_score_with_a_stale_version_loses_nothing(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    scenario.users["head2"] = fresh(
        make_user_with_role(Role.GROUP_HEAD, scenario.units[0], "head-a-2")
    )
    score(scenario, "1.1", "10", version=0)
    score(scenario, "1.1", "11", version=1, actor="head2")

    with pytest.raises(services.StaleVersionError) as error:
        score(scenario, "1.1", "19", version=1)

    line = ScoreLine.objects.get()
    assert (error.value.current_value, error.value.current_version) == (Decimal(11), 2)
    assert (line.value, line.version, line.updated_by.username) == (Decimal(11), 2, "head-a-2")
    assert AuditEntry.objects.filter(action=audit_actions.LINE_CHANGED).count() == 2


def test_grid_cell_view_answers_409_with_a_clear_message_on_stale_version(
    scenario, time_machine, client_for
):
    on(time_machine, HEAD_DAY)
    score(scenario, "1.1", "10", version=0)
    score(scenario, "1.1", "11", version=1)

    response = client_for(scenario.users["head"]).post(
        f"/scoring/{scenario.criteria_set.pk}/grid/cell/",
        {
            "unit": scenario.units[1].pk,
            "criterion": scenario.c["1.1"].pk,
            "value": "19",
            "version": "1",
        },
    )

    assert response.status_code == 409
    assert response.json() == {
        "ok": False,
        "code": "stale_version",
        "error": "Someone else changed this score (now 11.00, by Nguyễn Văn Thử 0) after you "
        "opened the page. Your value was not saved: check it and save it again.".replace(
            "Nguyễn Văn Thử 0", scenario.users["head"].get_full_name()
        ),
        "current_value": "11.00",
        "version": 2,
    }
    assert ScoreLine.objects.get().value == Decimal(11)


def test_grid_cell_view_returns_the_new_unit_total(scenario, time_machine, client_for):
    on(time_machine, HEAD_DAY)
    score(scenario, "2.1", "30", version=0)

    response = client_for(scenario.users["head"]).post(
        f"/scoring/{scenario.criteria_set.pk}/grid/cell/",
        {
            "unit": scenario.units[1].pk,
            "criterion": scenario.c["B1"].pk,
            "value": "4",
            "version": "0",
        },
    )

    assert response.json() == {
        "ok": True,
        "value": "4.00",
        "version": 1,
        "unit": scenario.units[1].pk,
        "total": "34.00",
    }


def test_grid_cell_view_refuses_outside_head_phase(scenario, time_machine, client_for):
    on(time_machine, SELF_DAY)

    response = client_for(scenario.users["head"]).post(
        f"/scoring/{scenario.criteria_set.pk}/grid/cell/",
        {
            "unit": scenario.units[1].pk,
            "criterion": scenario.c["1.1"].pk,
            "value": "4",
            "version": "0",
        },
    )

    assert (response.status_code, ScoreLine.objects.count()) == (403, 0)


def test_council_adjustment_requires_a_reason(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    score(scenario, "2.1", "30", version=0)
    on(time_machine, datetime_day(2026, 11, 25))

    with pytest.raises(services.ReasonRequiredError):
        score(scenario, "2.1", "25", actor="council", stage=Stage.COUNCIL)
    line = score(
        scenario, "2.1", "25", actor="council", stage=Stage.COUNCIL, reason="Theo kết luận kiểm tra"
    )

    assert (line.stage, line.value, line.reason) == (
        Stage.COUNCIL,
        Decimal(25),
        "Theo kết luận kiểm tra",
    )


def datetime_day(*args):
    import datetime

    return datetime.date(*args)


def build_group(n_units, n_leaves, prefix):
    group = EmulationGroupFactory(code=f"G-{prefix}")
    units = [
        OrgUnitFactory(code=f"{prefix}-{i:02d}", name=f"Đơn vị {prefix} {i:02d}")
        for i in range(n_units)
    ]
    for unit in units:
        GroupMembershipFactory(group=group, unit=unit, year=2026)
    GroupTermFactory(group=group, year=2026, head_unit=units[0])
    criteria_set = CriteriaSetFactory(group=group, year=2026)
    add_phases(criteria_set)
    root = Criterion.objects.create(
        criteria_set=criteria_set, code="I", text="Nhóm", max_points=Decimal(n_leaves), position=0
    )
    leaves = Criterion.objects.bulk_create(
        [
            Criterion(
                criteria_set=criteria_set,
                parent=root,
                code=f"1.{i}",
                text=f"Tiêu chí {i}",
                max_points=Decimal(1),
                position=i + 1,
            )
            for i in range(n_leaves)
        ]
    )
    sheets = ScoreSheet.objects.bulk_create(
        [ScoreSheet(criteria_set=criteria_set, unit=u) for u in units]
    )
    ScoreLine.objects.bulk_create(
        [
            ScoreLine(sheet=s, criterion=leaf, stage=stage, value=Decimal(1), version=1)
            for s in sheets
            for leaf in leaves
            for stage in (Stage.SELF, Stage.HEAD)
        ]
    )
    head = make_user_with_role(Role.GROUP_HEAD, units[0], f"head-{prefix}".lower())
    return criteria_set, head


@pytest.mark.parametrize(("n_units", "n_leaves"), [(2, 3), (15, 60)])
def test_grid_query_count_is_constant(
    time_machine, client_for, django_assert_max_num_queries, n_units, n_leaves
):
    on(time_machine, HEAD_DAY)
    criteria_set, head = build_group(n_units, n_leaves, f"Q{n_units}")
    client = client_for(head)

    with django_assert_max_num_queries(16):
        response = client.get(f"/scoring/{criteria_set.pk}/grid/")

    assert response.status_code == 200
    assert (response.context["scored"], response.context["total_cells"]) == (
        n_units * n_leaves,
        n_units * n_leaves,
    )
    assert response.content.decode().count("data-cell ") == n_units * n_leaves


def test_grid_export_is_prefilled_with_self_and_head_scores(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    with_self_score(scenario, "1.1", 18)
    score(scenario, "1.1", "17", version=0)

    book = load_workbook(io.BytesIO(xlsx.grid_workbook(scenario.criteria_set)))
    rows = list(book.active.iter_rows(values_only=True))

    assert rows[0] == tuple(xlsx.GRID_COLUMNS)
    assert len(rows) == 1 + 3 * 7
    assert rows[8][:3] + rows[8][5:] == ("HY-B", "Sở B", "1.1", 18, 17, None, 1)


def test_import_grid_dry_run_lists_row_errors_and_writes_nothing(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    with_self_score(scenario, "1.1", 18)
    book = load_workbook(io.BytesIO(xlsx.grid_workbook(scenario.criteria_set)))
    sheet = book.active
    sheet["G2"] = 5  # HY-A 1.1: the head's own unit (the deputy scores it)
    sheet["G16"] = 25  # HY-C 1.1: above the maximum
    sheet["G9"] = 10  # HY-B 1.1: far from the self-score, no reason
    sheet["G10"] = 7  # HY-B 1.2: not a graded level
    sheet["A11"] = "HY-X"  # not a member
    sheet["G12"] = 3  # HY-B 2.1: fine
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)

    report = services.import_grid(
        scenario.criteria_set,
        rows=xlsx.read_grid_rows(buffer),
        dry_run=True,
        actor=scenario.users["head"],
    )

    assert report.errors == [
        "Row 2: You cannot score this unit: nobody scores their own unit (the deputy scores "
        "the head's unit, the head every other member).",
        "Row 9: 1.1: the score differs from the self-score (18.00) by more than 2.00; "
        "give a reason.",
        "Row 10: 1.2: the score must be one of 0.00, 5.00, 10.00.",
        "Row 11: unknown unit HY-X.",
        "Row 16: 1.1: the score must be between 0 and 20.00.",
    ]
    assert ScoreLine.objects.filter(stage=Stage.HEAD).count() == 0


def test_import_grid_writes_valid_rows(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    book = load_workbook(io.BytesIO(xlsx.grid_workbook(scenario.criteria_set)))
    book.active["G16"] = 19
    book.active["G12"] = "3,5"
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)

    report = services.import_grid(
        scenario.criteria_set,
        rows=xlsx.read_grid_rows(buffer),
        dry_run=False,
        actor=scenario.users["head"],
    )

    assert (report.errors, report.created) == ([], 2)
    assert sorted(
        (line.sheet.unit.code, line.criterion.code, line.value)
        for line in ScoreLine.objects.filter(stage=Stage.HEAD)
    ) == [("HY-B", "2.1", Decimal("3.5")), ("HY-C", "1.1", Decimal(19))]


def test_import_grid_refuses_rows_changed_since_download(scenario, time_machine):
    on(time_machine, HEAD_DAY)
    book = load_workbook(io.BytesIO(xlsx.grid_workbook(scenario.criteria_set)))
    score(scenario, "1.1", "12", unit=2, version=0)
    book.active["G16"] = 19
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)

    report = services.import_grid(
        scenario.criteria_set,
        rows=xlsx.read_grid_rows(buffer),
        dry_run=False,
        actor=scenario.users["head"],
    )

    assert report.errors == [
        "Row 16: the score was changed by someone else after the file was downloaded."
    ]
    assert ScoreLine.objects.get(stage=Stage.HEAD).value == Decimal(12)


def test_grid_import_page_shows_errors_in_a_dry_run(scenario, time_machine, client_for):
    on(time_machine, HEAD_DAY)
    book = load_workbook(io.BytesIO(xlsx.grid_workbook(scenario.criteria_set)))
    book.active["G16"] = 25
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "grid.xlsx"

    response = client_for(scenario.users["head"]).post(
        f"/scoring/{scenario.criteria_set.pk}/grid/import/", {"file": buffer}
    )

    assert response.status_code == 200
    assert response.context["report"].errors == [
        "Row 16: 1.1: the score must be between 0 and 20.00."
    ]
    assert ScoreLine.objects.count() == 0
