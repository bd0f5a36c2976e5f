"""XLSX export of the award records list (openpyxl)."""

from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

# The export reads at most this many rows in one query; the sheet says when it was cut.
RECORD_EXPORT_LIMIT = 5000


def records_workbook(records, *, truncated: bool = False) -> bytes:
    """One sheet, one row per award record (the decision, the award, who, the money)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Award records")
    header = [
        pgettext("row number", "No."),
        _("Decision number"),
        _("Decision date"),
        _("Award type"),
        _("Level"),
        _("Awarded subject"),
        _("Name"),
        _("Position, workplace"),
        _("Unit"),
        _("Proposing unit"),
        _("Individual category"),
        _("Enterprise"),
        _("Method"),
        _("Achievement year"),
        _("Award money (VND)"),
        _("Revoked on"),
        _("Reason for revoking"),
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, record in enumerate(records, start=1):
        decision = record.decision
        sheet.append(
            [
                index,
                decision.number_label,
                decision.decided_on,
                record.award_type.name,
                str(record.award_type.get_level_display()),
                str(record.get_subject_type_display()),
                f"{record.honorific} {record.name}".strip(),
                ", ".join(part for part in (record.position, record.workplace) if part),
                record.org_unit.name if record.org_unit_id else "",
                record.proposer_unit.name if record.proposer_unit_id else "",
                str(record.get_individual_category_display()) if record.individual_category else "",
                _("Yes") if record.is_enterprise else "",
                str(record.get_method_display()),
                record.year,
                record.cash_amount,
                record.revoked_at.date() if record.revoked_at else None,
                record.revoked_reason,
            ]
        )
        row = sheet.max_row
        sheet.cell(row=row, column=3).number_format = "DD/MM/YYYY"
        sheet.cell(row=row, column=15).number_format = "#,##0"
        sheet.cell(row=row, column=16).number_format = "DD/MM/YYYY"
    if truncated:
        sheet.append([])
        sheet.append(
            [
                _("Only the first %(count)s records are exported: narrow the filter.")
                % {"count": RECORD_EXPORT_LIMIT}
            ]
        )
    for column, width in (("D", 40), ("G", 32), ("H", 40), ("I", 32), ("J", 32)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
