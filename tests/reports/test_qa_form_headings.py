"""QA: the breakdown columns of the statistical forms sit under their merged heading.

forms.md §1.3–§1.5: after column 1 (the total) the forms print, merged over the other
columns, "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua" (0601) and
"Chia ra" (0602, 0603). The PDFs and XLSX left it out: the XLSX of 0601 and 0603 had no merged
table heading at all."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from reports import services
from reports.enums import ReportKind
from tests.reports.conftest import pdf_lines

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("kind", "heading", "merged"),
    [
        (
            ReportKind.FORM_0601,
            "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
            {"A8:A9", "B8:B9", "C8:C9", "D8:F8"},
        ),
        (ReportKind.FORM_0603, "Chia ra", {"D8:D9", "E8:H8"}),
        (ReportKind.FORM_0602, "Chia ra", {"D8:D10", "E8:M8"}),
    ],
)
def test_breakdown_columns_have_their_merged_heading(province, render_now, kind, heading, merged):
    run = render_now(services.request_report, kind, year=2025)

    with run.xlsx_file.open("rb") as handle:
        sheet = load_workbook(BytesIO(handle.read())).active
    lines = pdf_lines(run.pdf_file.path)
    first_column = 5 if run.kind != ReportKind.FORM_0601 else 4

    assert sheet.cell(row=8, column=first_column).value == heading
    assert merged <= {str(r) for r in sheet.merged_cells.ranges}
    assert any(heading in line for line in lines)
