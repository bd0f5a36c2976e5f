"""XLSX export of the registration summary (openpyxl)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from campaigns.enums import CollectiveTitle, IndividualTitle, RegistrationStatus


def summary_workbook(*, year: int, blocks, total) -> bytes:
    """One sheet of counts (a row per group, then the total) and one of missing units."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Summary")
    sheet.append([_("Emulation registrations %(year)s") % {"year": year}])
    sheet["A1"].font = Font(bold=True, size=13)
    header = [
        _("Cluster/block"),
        _("Member units"),
        *[str(label) for _code, label in RegistrationStatus.choices],
        _("Late"),
        _("Not registered"),
        *[str(label) for _code, label in CollectiveTitle.choices],
        *[str(label) for _code, label in IndividualTitle.choices],
    ]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)

    def row(label, block):
        return [
            label,
            block.unit_count,
            *[block.by_status.get(code, 0) for code in RegistrationStatus.values],
            block.late_count,
            len(block.not_registered),
            *[block.by_collective_title.get(code, 0) for code in CollectiveTitle.values],
            *[block.by_individual_title.get(code, 0) for code in IndividualTitle.values],
        ]

    for block in blocks:
        sheet.append(row(block.label, block))
    sheet.append(row(_("Total"), total))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 50

    missing = workbook.create_sheet(_("Not registered"))
    missing.append([_("Cluster/block"), _("Code"), _("Unit")])
    for cell in missing[1]:
        cell.font = Font(bold=True)
    for block in blocks:
        for unit in block.not_registered:
            missing.append([block.label, unit.code, unit.name])
    missing.column_dimensions["A"].width = 50
    missing.column_dimensions["C"].width = 40

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
