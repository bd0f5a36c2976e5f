import datetime
import io
import unicodedata

import openpyxl
import pytest

from clusters import importer, services
from clusters.importer import RowError
from clusters.models import EmulationGroup, GroupMembership, GroupTerm, OrgUnit, UnitParentPeriod
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.factories.clusters import EmulationGroupFactory, OrgUnitFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

UNITS_CSV = (
    "code,name,short_name,type,parent_code,official_code,valid_from,valid_to\n"
    "33,Tỉnh Hưng Yên,Hưng Yên,province,,33,01/01/1997,\n"
    "11953,Phường Phố Hiến,Phố Hiến,ward,33,11953,01/07/2025,\n"
    "12004,Xã Như Quỳnh,Như Quỳnh,commune,33,12004,2025-07-01,\n"
)


def _plan(kind, text, name="file.csv"):
    content = text.encode("utf-8") if isinstance(text, str) else text
    header, rows = importer.read_table(content, name)
    return importer.check_rows(kind, header, rows)


def test_dry_run_lists_every_row_error_and_writes_nothing():
    text = (
        "code,name,type,parent_code,valid_from,valid_to\n"
        "A1,Sở A,department,,01/01/2024,\n"
        ",Không mã,department,,,\n"
        "A3,Sở C,planet,NOPE,31/02/2024,\n"
        "A1,Trùng mã,department,,01/01/2025,01/01/2024\n"
    )

    plan = _plan(importer.ImportKind.UNITS, text)

    assert plan.errors == [
        RowError(2, "code", "Appears more than once in the file."),
        RowError(3, "code", "A value is required."),
        RowError(4, "parent_code", "No unit has the code “NOPE”."),
        RowError(
            4,
            "type",
            "“planet” is not allowed; use one of: "
            + ", ".join(importer.ALLOWED_VALUES["type"])
            + ".",
        ),
        RowError(4, "valid_from", "“31/02/2024” is not a date dd/mm/yyyy."),
        RowError(5, "code", "Appears more than once in the file."),
        RowError(5, "valid_to", "The last day is before the first day."),
    ]
    assert plan.is_valid is False
    assert OrgUnit.objects.count() == 0


def test_apply_refuses_a_plan_with_errors_and_writes_nothing():
    plan = _plan(importer.ImportKind.UNITS, "code,name,type\nA1,,department\n")

    with pytest.raises(DomainError):
        services.apply_import(plan, actor=None)

    assert OrgUnit.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_missing_required_column_is_reported_on_the_header_row():
    plan = _plan(importer.ImportKind.UNITS, "code,name\nA1,Sở A\n")

    assert plan.errors == [RowError(1, "type", "The column is missing from the header row.")]


def test_import_units_creates_units_parents_and_one_audit_entry():
    plan = _plan(importer.ImportKind.UNITS, UNITS_CSV)

    result = services.apply_import(plan, actor=None, filename="units.csv")

    pho_hien = OrgUnit.objects.get(code="11953")
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert pho_hien.parent.code == "33"
    assert pho_hien.valid_from == datetime.date(2025, 7, 1)
    assert OrgUnit.objects.get(code="12004").valid_from == datetime.date(2025, 7, 1)
    assert UnitParentPeriod.objects.get(unit=pho_hien).valid_from == datetime.date(2025, 7, 1)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_label) == ("clusters.org.imported", "units.csv")
    assert entry.after == {
        "kind": "units",
        "file": "units.csv",
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "terms_set": 0,
    }


def test_reimporting_the_same_file_changes_nothing():
    services.apply_import(_plan(importer.ImportKind.UNITS, UNITS_CSV), actor=None)
    before = list(OrgUnit.objects.order_by("code").values_list("code", "name", "updated_at"))

    result = services.apply_import(_plan(importer.ImportKind.UNITS, UNITS_CSV), actor=None)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert list(OrgUnit.objects.order_by("code").values_list("code", "name", "updated_at")) == (
        before
    )


def test_reimport_updates_a_changed_name_by_code():
    services.apply_import(_plan(importer.ImportKind.UNITS, UNITS_CSV), actor=None)

    result = services.apply_import(
        _plan(importer.ImportKind.UNITS, UNITS_CSV.replace("Xã Như Quỳnh", "Xã Như Quỳnh mới")),
        actor=None,
    )

    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert OrgUnit.objects.get(code="12004").name == "Xã Như Quỳnh mới"


def test_decomposed_unicode_from_a_mac_is_stored_composed():
    nfd = unicodedata.normalize("NFD", UNITS_CSV)
    assert nfd != UNITS_CSV

    services.apply_import(_plan(importer.ImportKind.UNITS, nfd), actor=None)

    name = OrgUnit.objects.get(code="11953").name
    assert name == "Phường Phố Hiến"
    assert unicodedata.is_normalized("NFC", name)


def test_decomposed_code_matches_the_composed_one_on_reimport():
    services.apply_import(_plan(importer.ImportKind.UNITS, UNITS_CSV), actor=None)

    result = services.apply_import(
        _plan(importer.ImportKind.UNITS, unicodedata.normalize("NFD", UNITS_CSV)), actor=None
    )

    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


def test_semicolon_csv_with_bom_is_read():
    text = "\ufeffcode;name;type\nA1;Sở Ánh;department\n"

    plan = _plan(importer.ImportKind.UNITS, text)

    assert plan.errors == []
    assert [r["name"] for r in plan.rows] == ["Sở Ánh"]


def _xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_date_cells_is_read():
    content = _xlsx(
        [
            ["code", "name", "type", "valid_from", "year_note"],
            # Excel date cells are naive datetimes.
            ["A1", "Sở A", "department", datetime.datetime(2024, 1, 1), 2024],  # noqa: DTZ001
        ]
    )

    plan = _plan(importer.ImportKind.UNITS, content, name="units.xlsx")

    assert plan.errors == []
    assert plan.rows[0]["valid_from"] == datetime.date(2024, 1, 1)


def test_export_then_import_is_a_no_op():
    OrgUnitFactory(code="33", name="Tỉnh Hưng Yên", unit_type="province")
    services.apply_import(_plan(importer.ImportKind.UNITS, UNITS_CSV), actor=None)
    content = importer.to_xlsx(importer.export_rows("units"), kind="units")

    result = services.apply_import(
        _plan(importer.ImportKind.UNITS, content, name="units.xlsx"), actor=None
    )

    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


def test_template_has_the_import_columns_and_instructions():
    content = importer.to_xlsx(
        importer.template_rows("memberships"), kind="memberships", with_help=True
    )

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert [c.value for c in workbook.worksheets[0][1]] == [
        "group_code",
        "year",
        "unit_code",
        "role",
        "decision_ref",
    ]
    assert workbook.worksheets[1].max_row == 6


def test_import_groups_then_memberships_with_head_and_deputy():
    for code in ("HY-A", "HY-B", "HY-C"):
        OrgUnitFactory(code=code)
    groups_csv = "code,name,kind,level,decision_ref\nK1,Khối 1,block,provincial,QĐ 1\n"
    members_csv = (
        "group_code,year,unit_code,role,decision_ref\n"
        "K1,2025,HY-A,head,QĐ 5/QĐ-HĐTĐKT\n"
        "K1,2025,HY-B,deputy,\n"
        "K1,2025,HY-C,,\n"
    )

    services.apply_import(_plan(importer.ImportKind.GROUPS, groups_csv), actor=None)
    result = services.apply_import(_plan(importer.ImportKind.MEMBERSHIPS, members_csv), actor=None)
    again = services.apply_import(_plan(importer.ImportKind.MEMBERSHIPS, members_csv), actor=None)

    term = GroupTerm.objects.get()
    assert EmulationGroup.objects.get().decision_ref == "QĐ 1"
    assert (result.created, result.terms_set) == (3, 1)
    assert (again.created, again.unchanged, again.terms_set) == (0, 3, 0)
    assert (term.head_unit.code, term.deputy_unit.code, term.decision_ref) == (
        "HY-A",
        "HY-B",
        "QĐ 5/QĐ-HĐTĐKT",
    )


def test_membership_rows_breaking_the_rules_are_all_reported(block):
    EmulationGroupFactory(code="K2", name="Khối 2")
    OrgUnitFactory(code="GONE", name="Sở cũ", valid_to=datetime.date(2020, 12, 31))
    text = (
        "group_code,year,unit_code,role\n"
        "K2,2025,HY-C,member\n"
        "K2,2025,GONE,\n"
        "K9,20x5,HY-A,boss\n"
        "K2,2025,HY-B,deputy\n"
    )

    plan = _plan(importer.ImportKind.MEMBERSHIPS, text)

    assert plan.errors == [
        RowError(2, "unit_code", "Sở C already belongs to Khối thi đua thử nghiệm in 2025."),
        RowError(3, "unit_code", "Sở cũ does not exist in 2025."),
        RowError(4, "group_code", "No cluster/block has the code “K9”."),
        RowError(4, "role", "“boss” is not allowed; use one of: member, head, deputy."),
        RowError(4, "year", "“20x5” is not a year."),
        RowError(
            5, "role", "A deputy needs a head of the same cluster/block and year in the file."
        ),
        RowError(5, "unit_code", "Sở B already belongs to Khối thi đua thử nghiệm in 2025."),
    ]
    assert GroupMembership.objects.filter(group__code="K2").count() == 0


def test_unreadable_file_is_refused():
    with pytest.raises(importer.ImportFileError):
        importer.read_table(b"not a workbook", "units.xlsx")


def test_two_heads_of_one_group_are_reported_by_role_name(block):
    EmulationGroupFactory(code="K3", name="Khối 3")
    OrgUnitFactory(code="HY-X", name="Sở X")
    OrgUnitFactory(code="HY-Y", name="Sở Y")
    text = "group_code,year,unit_code,role\nK3,2026,HY-X,head\nK3,2026,HY-Y,head\n"

    plan = _plan(importer.ImportKind.MEMBERSHIPS, text)

    assert plan.errors == [
        RowError(2, "role", "K3 has more than one head in 2026."),
        RowError(3, "role", "K3 has more than one head in 2026."),
    ]
