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


def _table_head(sheet, form: Form, *, lead: int, width: int) -> int:
    """The heading rows (merged like the printed form: column groups, award types, subjects)
    and the numbering row (A, B, (C,) 1, 2, 2.1, …). Returns the first body row."""
    depth = form.header_depth
    heads = ["", "Mã số"] + (["Đơn vị tính"] if form.has_unit_column else [])
    letters = ["A", "B", "C"][:lead]
    numbering = TABLE_TOP + depth
    for index, text in enumerate(heads, start=1):
        sheet.cell(row=TABLE_TOP, column=index, value=text or None)
        if depth > 1:
            sheet.merge_cells(
                start_row=TABLE_TOP, start_column=index, end_row=numbering - 1, end_column=index
            )
        sheet.cell(row=numbering, column=index, value=letters[index - 1])
    for level, cells in enumerate(form.header_rows()):
        for cell in cells:
            row, column = TABLE_TOP + level, lead + 1 + cell["start"]
            sheet.cell(row=row, column=column, value=cell["text"])
            if cell["colspan"] > 1 or cell["rowspan"] > 1:
                sheet.merge_cells(
                    start_row=row,
                    start_column=column,
                    end_row=row + cell["rowspan"] - 1,
                    end_column=column + cell["colspan"] - 1,
                )
    for offset, column in enumerate(form.columns):
        sheet.cell(row=numbering, column=lead + 1 + offset, value=column.heading_number)
    for row in range(TABLE_TOP, numbering + 1):
        for col in range(1, width + 1):
            cell = sheet.cell(row=row, column=col)
            cell.font = _font(bold=True, size=11)
            cell.alignment = CENTRE
            cell.border = BOX
    return numbering + 1


def _table_body(sheet, form: Form, *, first: int) -> int:
    row_number = first
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
    for warning in form.warnings:
        row_number += 1
        _put(sheet, row_number, 1, f"Cảnh báo: {warning}", bold=True, size=11)
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
    first = _table_head(sheet, form, lead=lead, width=width)
    end = _table_body(sheet, form, first=first)
    _footer(sheet, form, row_number=end, right=right, issued_on=run.issued_on)
    sheet.column_dimensions["A"].width = 55
    sheet.column_dimensions["B"].width = 8
    if form.has_unit_column:
        sheet.column_dimensions["C"].width = 13
    for offset in range(len(form.columns)):
        sheet.column_dimensions[get_column_letter(lead + 1 + offset)].width = 18
    # Row 1 of the head is the one-line "Chia ra" above the breakdown columns; the next one
    # holds the long column headings.
    for level in range(form.header_depth):
        sheet.row_dimensions[TABLE_TOP + level].height = (
            24 if level == 0 and form.header_depth > 1 else 75 if level == 1 else 45
        )
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
