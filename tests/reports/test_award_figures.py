"""Award figures in the reports: forms 0602/0603 (PDF and XLSX, dynamic columns, checks), the
province review's commendation section and the cluster/block review's proposals, all with the
exact numbers of tests/reports/awards_data.py."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from reports import data, services, statforms
from reports.enums import ReportKind
from reports.rendering import award_context
from tests.reports.awards_data import build_awards
from tests.reports.conftest import pdf_lines

pytestmark = pytest.mark.integration


@pytest.fixture
def awards(province):
    return build_awards(province)


def _sheet(run):
    with run.xlsx_file.open("rb") as handle:
        return load_workbook(BytesIO(handle.read())).active


def _rows(sheet) -> dict:
    return {
        row[1]: list(row[3:])
        for row in sheet.iter_rows(min_row=9, values_only=True)
        if row[1] and str(row[1]).isdigit()
    }


def test_form_0603_xlsx_and_pdf_carry_the_exact_figures(awards, render_now):
    run = render_now(services.request_report, ReportKind.FORM_0603, year=2025)

    rows = _rows(_sheet(run))
    lines = pdf_lines(run.pdf_file.path)

    assert rows == {
        "01": [12, 10, 1, 1, 0],
        "02": [3, 2, 0, 1, 0],
        "03": [1, 1, 0, 0, 0],
        "04": [1, 1, 0, 0, 0],
        "05": [8, 7, 1, 0, 0],
        "06": [1, 1, 0, 0, 0],
        "07": [1, 1, 0, 0, 0],
        "08": [1, 1, 0, 0, 0],
        "09": [1, 1, 0, 0, 0],
        "10": [3, 2, 1, 0, 0],
        "11": [5, 3, 1, 1, 0],
        "12": [2, 2, 0, 0, 0],
        "13": [1, 1, 0, 0, 0],
        "14": [1, 1, 0, 0, 0],
        "15": [1, 1, 0, 0, 0],
        "16": [1, 1, 0, 0, 0],
        "17": [1, 1, 0, 0, 0],
    }
    assert "Tổng số 01 12 10 1 1 0" in lines
    assert "- Cá nhân 05 Người 8 7 1 0 0" in lines
    assert "- Thường xuyên 11 5 3 1 1 0" in lines
    # The revoked record is named, the uncategorised individual is a data gap, and the broken
    # identity 05 = 06+…+10 is printed as a warning.
    assert (
        "Không tính 1 khen thưởng đã bị hủy bỏ (thu hồi) trong số các quyết định ban hành "
        "trong kỳ." in lines
    )
    text = " ".join(lines)
    assert (
        "Thiếu dữ liệu: 1 cá nhân chưa được phân loại đối tượng, đã tính vào số cá nhân nhưng "
        "chưa tính vào các mã số 06 đến 10." in text
    )
    assert (
        "Cảnh báo: Số liệu không khớp ở cột 1: mã số 05 là 8, tổng các mã số 06, 07, 08, 09, "
        "10 là 7." in lines
    )
    assert "Chưa có số liệu khen thưởng" not in text


def test_form_0602_expands_column_2_per_order_and_splits_by_subject(awards, render_now):
    run = render_now(services.request_report, ReportKind.FORM_0602, year=2025)

    sheet = _sheet(run)
    # Row 8: "Tổng số" and the merged "Chia ra" above every other column (forms.md §1.4).
    split = [cell.value for cell in sheet[8]]
    heads = [[cell.value for cell in sheet[row]] for row in (9, 10, 11, 12)]
    rows = _rows(sheet)
    lines = pdf_lines(run.pdf_file.path)

    assert split[3:] == ["Tổng số", "Chia ra", *[None] * 10]
    assert heads[0][3:] == [
        None,
        "Các loại huân chương, huy chương",
        None,
        "Giải thưởng Hồ Chí Minh",
        "Giải thưởng Nhà nước",
        "Danh hiệu vinh dự nhà nước",
        "Cờ thi đua của Chính phủ",
        "Bằng khen của Thủ tướng Chính phủ",
        None,
        None,
        "Danh hiệu \u201cChiến sĩ thi đua toàn quốc\u201d",
        "Các hình thức khen thưởng khác",
    ]
    assert heads[1][3:] == [
        None,
        "Huân chương Lao động hạng Ba",
        None,
        "Cá nhân",
        "Cá nhân",
        None,
        "Tập thể",
        "Tập thể",
        "Hộ gia đình",
        "Cá nhân",
        "Cá nhân",
        None,
    ]
    assert heads[2][4:6] == ["Tập thể", "Cá nhân"]
    assert heads[3] == [
        "A",
        "B",
        "C",
        "1",
        "2.1",
        "2.2",
        "3",
        "4",
        "5",
        "6",
        "7.1",
        "7.2",
        "7.3",
        "8",
        "9",
    ]
    assert {str(r) for r in sheet.merged_cells.ranges} >= {
        "D8:D11",
        "E8:O8",
        "E9:F9",
        "E10:F10",
        "K9:M9",
        "G10:G11",
    }
    assert rows["01"] == [5, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0]
    assert rows["02"] == [0] * 12
    assert rows["03"] == [5, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0]
    assert rows["06"] == [2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert rows["08"] == [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    assert rows["09"] == [2, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0]
    assert rows["10"] == [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert rows["14"] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]
    assert rows["15"] == [3, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert rows["17"] == [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    assert "A B C 1 2.1 2.2 3 4 5 6 7.1 7.2 7.3 8 9" in lines
    assert "Tổng số 01 5 1 1 0 0 0 1 0 1 1 0 0" in lines
    assert "- Tỉnh, thành phố trực thuộc Trung ương 03 Tỉnh, TP 5 1 1 0 0 0 1 0 1 1 0 0" in lines
    assert not any(line.startswith("Cảnh báo") for line in lines)


def test_form_without_any_award_prints_zeros_and_says_so(province, render_now):
    run = render_now(services.request_report, ReportKind.FORM_0603, year=2025)

    rows = _rows(_sheet(run))
    lines = pdf_lines(run.pdf_file.path)

    assert rows["01"] == [0, 0, 0, 0, 0]
    assert "Không có khen thưởng nào được quyết định trong kỳ báo cáo." in lines
    assert "Tổng số 01 0 0 0 0 0" in lines


def _column(key):
    return statforms.Column(key, key)


def test_checks_accept_consistent_cells_and_name_each_broken_identity():
    columns = [_column("1"), _column("2"), _column("3")]
    good = {
        "01": {"1": 3, "2": 2, "3": 1},
        "02": {"1": 1, "2": 1},
        "03": {"1": 1, "2": 1},
        "04": {"1": 0},
        "05": {"1": 2, "2": 1, "3": 1},
        "10": {"1": 2, "2": 1, "3": 1},
        "11": {"1": 3, "2": 2, "3": 1},
    }
    bad = {
        "01": {"1": 4, "2": 2, "3": 1},
        "02": {"1": 1, "2": 1},
        "03": {"1": 2, "2": 1},
        "05": {"1": 2, "2": 1, "3": 1},
        "10": {"1": 2, "2": 1, "3": 1},
        "11": {"1": 3, "2": 2, "3": 1},
    }

    assert statforms.check("0603", good, columns) == []
    assert statforms.check("0603", bad, columns) == [
        "Số liệu không khớp ở cột 1: mã số 01 là 4, tổng các mã số 02, 04, 05 là 3.",
        "Số liệu không khớp ở cột 1: mã số 01 là 4, tổng các mã số 11, 12, 13, 14, 15, 16, "
        "17 là 3.",
        "Số liệu không khớp ở cột 1: mã số 03 (2) lớn hơn mã số 02 (1).",
        "Số liệu không khớp ở mã số 01: cột 1 là 4, tổng các cột còn lại là 3.",
        "Số liệu không khớp ở mã số 03: cột 1 là 2, tổng các cột còn lại là 1.",
    ]


def test_checks_of_form_0602_cover_rows_02_03_and_09():
    columns = [_column("1"), _column("6:collective")]
    cells = {
        row: {"1": n, "6:collective": n}
        for row, n in (("01", 2), ("03", 1), ("06", 2), ("09", 1), ("15", 2))
    }

    warnings = statforms.check("0602", cells, columns)

    assert warnings[:3] == [
        "Số liệu không khớp ở cột 1: mã số 01 là 2, tổng các mã số 02, 03 là 1.",
        "Số liệu không khớp ở cột 1: mã số 01 là 2, tổng các mã số 06, 08, 09 là 3.",
        "Số liệu không khớp ở cột 1: mã số 09 là 1, tổng các mã số 10, 11, 12, 13, 14 là 0.",
    ]
    assert len(warnings) == 6  # the same three in column 6; rows agree across columns


def test_header_rows_merge_groups_types_and_subjects():
    columns = statforms.form_0602_columns(
        {
            "0602": {"01": {"1": 1, "9:X:household": 1}},
            "columns_0602": [
                {"group": "9", "code": "X", "name": "Kỷ niệm chương", "subjects": ["household"]}
            ],
        }
    )
    form = statforms.Form("0602", "", "", columns, [])

    assert [c.key for c in columns] == [
        "1",
        "2",
        "3:individual",
        "4:individual",
        "5",
        "6:collective",
        "7:collective",
        "7:individual",
        "8:individual",
        "9:X:household",
    ]
    assert form.header_depth == 4
    assert [
        [(c["text"], c["colspan"], c["rowspan"]) for c in row] for row in form.header_rows()
    ] == [
        [("Tổng số", 1, 4), ("Chia ra", 9, 1)],
        [
            ("Các loại huân chương, huy chương", 1, 3),
            ("Giải thưởng Hồ Chí Minh", 1, 1),
            ("Giải thưởng Nhà nước", 1, 1),
            ("Danh hiệu vinh dự nhà nước", 1, 3),
            ("Cờ thi đua của Chính phủ", 1, 1),
            ("Bằng khen của Thủ tướng Chính phủ", 2, 1),
            ("Danh hiệu \u201cChiến sĩ thi đua toàn quốc\u201d", 1, 1),
            ("Các hình thức khen thưởng khác", 1, 1),
        ],
        [
            ("Cá nhân", 1, 2),
            ("Cá nhân", 1, 2),
            ("Tập thể", 1, 2),
            ("Tập thể", 1, 2),
            ("Cá nhân", 1, 2),
            ("Cá nhân", 1, 2),
            ("Kỷ niệm chương", 1, 1),
        ],
        [("Hộ gia đình", 1, 1)],
    ]


def test_province_review_prints_the_award_tables_with_last_year(awards, render_now):
    run = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)

    lines = pdf_lines(run.pdf_file.path)
    text = " ".join(lines)

    assert run.status == "done"
    assert (
        "Các quyết định khen thưởng ban hành từ ngày 01/12/2024 đến ngày 30/11/2025: tổng số "
        "18 khen thưởng (năm 2024: 3), trong đó 6 tập thể (1 doanh nghiệp), 2 hộ gia đình và "
        "10 cá nhân; khen thưởng theo chuyên đề và đột xuất: 5. Không tính 1 khen thưởng đã "
        "bị hủy bỏ." in text
    )
    assert "1 Huân chương Lao động hạng Ba 1 0 1 2 0 +2" in lines
    assert "2 Chiến sĩ thi đua cấp tỉnh 0 0 1 1 0 +1" in lines
    assert "4 Tập thể lao động xuất sắc 1 0 0 1 0 +1" in lines
    assert "Cấp Nhà nước 0 5 +5" in lines
    assert "Cấp tỉnh 3 13 +10" in lines
    assert "Phương thức thường xuyên 3 9 +6" in lines
    assert "Trong đó tập thể là doanh nghiệp 0 1 +1" in lines
    assert "1 Cụm thi đua số 1 2 0 3 0 +3" in lines
    assert "2 Khối các cơ quan tổng hợp 3 9 12 3 +9" in lines
    assert "4/10 cá nhân (40,0%); năm 2024: 2/2 (100,0%)." in text
    assert "Số hồ sơ đề nghị khen thưởng đã tiếp nhận 1 3" in lines
    assert "Gửi sau thời hạn 0 1" in lines
    assert "Trả lại để hoàn thiện 0 1" in lines
    assert "Số lượng khen thưởng theo hình thức (2024–2025)" in lines
    assert "Chưa có dữ liệu khen thưởng" not in text


def test_province_review_chart_compares_award_forms(awards):
    figures = data.province_review_data(2025, "year")

    chart = str(award_context(figures, 2025)["chart"])

    assert chart.startswith("<svg")
    assert chart.count("<rect") == 7 * 2 + 2  # 7 award forms × 2 years, 2 legend boxes
    assert ">Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh</text>" in chart
    assert ">Số lượng khen thưởng theo hình thức (2024–2025)</text>" in chart


def test_half_year_review_counts_decisions_of_january_to_june(awards):
    figures = data.province_review_data(2025, "h1")

    # Only decision 05/QĐ-UBND (15/06/2025) is in the first half of 2025; none in 2024's.
    assert figures["awards"]["now"]["period"] == ["2025-01-01", "2025-06-30"]
    assert figures["awards"]["now"]["total"] == 13
    assert figures["awards"]["before"]["total"] == 3


def test_group_review_lists_the_groups_dossiers_with_decisions(awards, province, render_now):
    run = render_now(
        services.request_report, ReportKind.GROUP_FINAL, year=2025, group=province.block
    )

    lines = pdf_lines(run.pdf_file.path)
    text = " ".join(lines)

    assert [p["title"] for p in run.data["proposals"]] == [
        "Đề nghị tặng Bằng khen năm 2025",
        "Đề nghị tặng Chiến sĩ thi đua cấp tỉnh",
    ]
    assert "Hồ sơ đề nghị khen thưởng Khối các cơ quan tổng hợp đã gửi năm 2025: 2 hồ sơ." in text
    assert (
        "Hồ sơ “Đề nghị tặng Bằng khen năm 2025” của Sở Nội vụ (Tờ trình số 12/TTr-KHOI ngày "
        "02/05/2025) — thường xuyên; đã có quyết định khen thưởng" in text
    )
    assert run.data["proposals"][0]["nominees"][0]["decision"] == "05/QĐ-UBND"
    assert any(line.startswith("1 Phòng Tổ chức Sở Nội") for line in lines)
    assert "Quyết định số 05/" in text
    assert "QĐ-UBND" in text
    assert "15/06/2025" in text
    assert "trả lại để hoàn thiện; gửi sau thời hạn" in text
    assert "Hồ sơ còn dự thảo" not in text
    assert "Chưa có dữ liệu khen thưởng" not in text


def test_province_review_draft_text_mentions_the_awards(awards, render_now):
    run = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)

    assert run.assessment.endswith(
        " Đã khen thưởng 18 lượt (6 tập thể, 2 hộ gia đình, 10 cá nhân), trong đó 4 cá nhân "
        "là người trực tiếp công tác, lao động."
    )
    assert run.limitations.endswith(
        " Có 1 hồ sơ đề nghị khen thưởng gửi sau thời hạn, 1 hồ sơ phải trả lại để hoàn thiện."
    )
