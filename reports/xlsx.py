"""The statistical forms as XLSX (openpyxl), laid out like the printed form: header lines,
title, the table with its A/B/C and numbered columns, notes and the signature lines."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from core.layout import place_date
from reports import statforms
from reports.statforms import Form

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
TABLE_TOP = 8


def _font(**kwargs) -> Font:
    return Font(name=FONT, size=kwargs.pop("size", 12), **kwargs)


def _put(sheet, row: int, column: int, value, **font):
    cell = sheet.cell(row=row, column=column, value=value)
    cell.font = _font(**font)
    return cell


def _header(sheet, form: Form, *, year: int, width: int, right: int) -> None:
    _put(sheet, 1, 1, f"Biểu số: {form.code}", bold=True)
    _put(sheet, 2, 1, statforms.CIRCULAR)
    _put(sheet, 3, 1, statforms.RECEIPT)
    _put(sheet, 1, right, f"Đơn vị báo cáo: {statforms.REPORTING_UNIT}")
    _put(sheet, 2, right, f"Đơn vị nhận báo cáo: {statforms.RECEIVING_UNIT}")
    last = get_column_letter(width)
    for row, text, font in (
        (5, form.title, {"bold": True, "size": 13}),
        (6, f"Năm {year}", {"italic": True, "size": 13}),
    ):
        sheet.merge_cells(f"A{row}:{last}{row}")
        _put(sheet, row, 1, text, **font).alignment = CENTRE
    if form.unit_line:
        cell = _put(sheet, 7, width, form.unit_line, italic=True)
        cell.alignment = Alignment(horizontal="right")


def _table_head(sheet, form: Form, *, lead: int, width: int) -> None:
    heads = ["", "Mã số"] + (["Đơn vị tính"] if form.has_unit_column else [])
    letters = ["A", "B", "C"][:lead]
    # Row 1: the headings; row 2: A, B, (C,) 1, 2, … as the printed form numbers its columns.
    for index, text in enumerate(heads, start=1):
        sheet.cell(row=TABLE_TOP, column=index, value=text or None)
        sheet.cell(row=TABLE_TOP + 1, column=index, value=letters[index - 1])
    for offset, column in enumerate(form.columns):
        sheet.cell(row=TABLE_TOP, column=lead + 1 + offset, value=column.label)
        sheet.cell(row=TABLE_TOP + 1, column=lead + 1 + offset, value=column.key)
    for row in range(TABLE_TOP, TABLE_TOP + 2):
        for col in range(1, width + 1):
            cell = sheet.cell(row=row, column=col)
            cell.font = _font(bold=True, size=11)
            cell.alignment = CENTRE
            cell.border = BOX


def _table_body(sheet, form: Form) -> int:
    row_number = TABLE_TOP + 2
    for entry in form.table():
        row = entry["row"]
        values = [row.label, row.code] + ([row.unit] if form.has_unit_column else [])
        values += [int(v) if v.isdigit() else None for v in entry["values"]]
        for col, value in enumerate(values, start=1):
            cell = _put(
                sheet,
                row_number,
                col,
                value,
                size=11,
                bold=row.kind in ("total", "heading"),
                italic=row.kind == "of_which" and col == 1,
            )
            cell.border = BOX
            cell.alignment = (
                Alignment(horizontal="center") if col > 1 else Alignment(wrap_text=True)
            )
        row_number += 1
    return row_number


def _footer(sheet, form: Form, *, row_number: int, right: int, issued_on) -> None:
    for note in form.notes:
        row_number += 1
        _put(sheet, row_number, 1, note, italic=True, size=11)
    row_number += 2
    _put(sheet, row_number, right, place_date(issued_on), italic=True)
    _put(sheet, row_number + 1, 1, "Người lập biểu", bold=True)
    _put(sheet, row_number + 1, right, "THỦ TRƯỞNG ĐƠN VỊ", bold=True)
    _put(sheet, row_number + 2, 1, "(Ký, họ tên)", italic=True)
    _put(sheet, row_number + 2, right, "(Ký, họ tên, đóng dấu)", italic=True)


def form_workbook(form: Form, *, run) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = form.code.split(".")[0]
    lead = 3 if form.has_unit_column else 2
    width = lead + len(form.columns)
    right = max(lead + 1, width - 2)
    _header(sheet, form, year=run.year, width=width, right=right)
    _table_head(sheet, form, lead=lead, width=width)
    end = _table_body(sheet, form)
    _footer(sheet, form, row_number=end, right=right, issued_on=run.issued_on)
    sheet.column_dimensions["A"].width = 55
    sheet.column_dimensions["B"].width = 8
    if form.has_unit_column:
        sheet.column_dimensions["C"].width = 13
    for offset in range(len(form.columns)):
        sheet.column_dimensions[get_column_letter(lead + 1 + offset)].width = 18
    sheet.row_dimensions[TABLE_TOP].height = 75
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
