"""Statistical forms 0601–0603.N/BNV-TĐKT as PDF and XLSX (forms.md §1)."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from reports import services
from reports.enums import ReportKind
from tests.reports.conftest import pdf_lines

pytestmark = pytest.mark.integration


def _sheet_rows(run):
    with run.xlsx_file.open("rb") as handle:
        sheet = load_workbook(BytesIO(handle.read())).active
    return {
        row[1]: list(row[2:])
        for row in sheet.iter_rows(min_row=10, values_only=True)
        if row[1] and str(row[1]).isdigit()
    }


def test_form_0601_counts_movements_launched_in_the_reporting_period(province, render_now):
    run = render_now(services.request_report, ReportKind.FORM_0601, year=2025)

    rows = _sheet_rows(run)
    lines = pdf_lines(run.pdf_file.path)

    # Only the block's movement was launched between 01/12/2024 and 30/11/2025: launched by a
    # cluster/block (column 4, row 04), for exactly one year (row 07), regular (row 12).
    assert rows == {
        "01": [1, 0, 0, 1],
        "02": [0, 0, 0, 0],
        "03": [0, 0, 0, 0],
        "04": [1, 0, 0, 1],
        "05": [0, 0, 0, 0],
        "06": [0, 0, 0, 0],
        "07": [1, 0, 0, 1],
        "08": [0, 0, 0, 0],
        "09": [0, 0, 0, 0],
        "10": [0, 0, 0, 0],
        "11": [0, 0, 0, 0],
        "12": [1, 0, 0, 1],
    }
    assert lines[:3] == [
        "Biểu số: 0601.N/BNV-TĐKT Đơn vị báo cáo: Ủy ban nhân dân tỉnh Hưng Yên",
        "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 Đơn vị nhận báo cáo: Bộ Nội vụ"
        " (Ban Thi đua - Khen thưởng Trung",
        "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo ương)",
    ]
    assert "SỐ PHONG TRÀO THI ĐUA" in lines
    assert "Tổng số 01 1 0 0 1" in lines
    assert "- 1 năm 07 1 0 0 1" in lines
    assert "Kỳ báo cáo: từ ngày 01/12/2024 đến ngày 30/11/2025" in lines


def test_form_0603_prints_the_official_rows_with_zeros_when_nothing_was_awarded(
    province, render_now
):
    run = render_now(services.request_report, ReportKind.FORM_0603, year=2025)

    rows = _sheet_rows(run)
    text = " ".join(pdf_lines(run.pdf_file.path))

    assert sorted(rows) == [f"{n:02d}" for n in range(1, 18)]
    assert all(values[1:] == [0] * 5 for values in rows.values())
    assert rows["05"][0] == "Người"
    assert "Không có khen thưởng nào được quyết định trong kỳ báo cáo." in text
    assert "Chưa có số liệu khen thưởng" not in text


def test_form_0602_has_the_state_award_columns(province, render_now):
    run = render_now(services.request_report, ReportKind.FORM_0602, year=2025)

    lines = pdf_lines(run.pdf_file.path)
    with run.xlsx_file.open("rb") as handle:
        sheet = load_workbook(BytesIO(handle.read())).active
    split = [cell.value for cell in sheet[8]]
    headings = [cell.value for cell in sheet[9]]
    subjects = [cell.value for cell in sheet[10]]

    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" in lines
    assert "Trong đó: Doanh nghiệp 07 Doanh nghiệp 0 0 0 0 0 0 0 0 0 0" in lines
    # Nothing awarded: columns 2, 5 and 9 stay one column each; the others split by subject.
    assert split[:5] == [None, "Mã số", "Đơn vị tính", "Tổng số", "Chia ra"]
    assert headings == [
        None,
        None,
        None,
        None,
        "Các loại huân chương, huy chương",
        "Giải thưởng Hồ Chí Minh",
        "Giải thưởng Nhà nước",
        "Danh hiệu vinh dự nhà nước",
        "Cờ thi đua của Chính phủ",
        "Bằng khen của Thủ tướng Chính phủ",
        None,
        "Danh hiệu \u201cChiến sĩ thi đua toàn quốc\u201d",
        "Các hình thức khen thưởng khác",
    ]
    assert subjects[5:12] == [
        "Cá nhân",
        "Cá nhân",
        None,
        "Tập thể",
        "Tập thể",
        "Cá nhân",
        "Cá nhân",
    ]
