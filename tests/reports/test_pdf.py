"""The PDFs themselves: Decree 30/2020 header, exact figures from the database, embedded
fonts, page numbers from page 2. Text is read back with pdftotext."""

import datetime

import pytest
from pypdf import PdfReader

from reports import services
from reports.enums import ReportKind
from tests.reports.conftest import lock_block_scoring, pdf_lines, pdf_page_text, signed

pytestmark = pytest.mark.integration

HEADER = [
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH HƯNG YÊN Độc lập - Tự do - Hạnh phúc",
]


def test_province_final_review_pdf_has_header_and_exact_figures(province, render_now):
    run = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)

    lines = pdf_lines(run.pdf_file.path)

    assert run.status == "done"
    assert lines[0] == "DỰ THẢO"
    assert lines[1:3] == HEADER
    assert lines[3] == "Số: /BC-UBND Hưng Yên, ngày tháng năm"
    assert lines[4:7] == [
        "BÁO CÁO",
        "Kết quả công tác thi đua, khen thưởng năm 2025; phương hướng,",
        "nhiệm vụ năm 2026",
    ]
    comparison = [
        "Số Cụm, Khối thi đua 2 2 0",
        "Số đơn vị thành viên 3 5 +2",
        "Số đơn vị gửi đăng ký thi đua 3 4 +1",
        "Số đơn vị được phê duyệt đăng ký 2 3 +1",
        "Số đơn vị gửi đăng ký muộn 0 1 +1",
        "Số Cụm, Khối đã ký giao ước 0 1 +1",
    ]
    start = lines.index(comparison[0])
    assert lines[start : start + 6] == comparison
    assert "Tổng cộng 3 5 2 3 1" in lines
    assert "Nơi nhận: TM. ỦY BAN NHÂN DÂN" in lines


def test_finalised_report_prints_its_number_and_date_on_one_line(province, render_now):
    draft = signed(render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025))

    final = render_now(
        services.finalise_report, draft, actor=None, issued_on=datetime.date(2026, 1, 5)
    )
    lines = pdf_lines(final.pdf_file.path)

    assert final.number_label == "01/BC-UBND"
    assert lines[:3] == [*HEADER, "Số: 01/BC-UBND Hưng Yên, ngày 05 tháng 01 năm 2026"]
    assert "DỰ THẢO" not in lines


def test_group_review_pdf_lists_members_registrations_and_pledge(province, render_now):
    run = render_now(
        services.request_report, ReportKind.GROUP_FINAL, year=2025, group=province.block
    )

    lines = pdf_lines(run.pdf_file.path)

    assert lines[1:4] == [
        "KHỐI CÁC CƠ QUAN TỔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "HỢP Độc lập - Tự do - Hạnh phúc",
        "SỞ NỘI VỤ",
    ]
    assert lines[4] == "Số: /BC-KHOI-TH Hưng Yên, ngày tháng năm"
    assert "Có 2/3 đơn vị được phê duyệt đăng ký thi đua; 1 đơn vị chưa đăng ký; 0 đơn" in lines
    assert "3 Sở Y tế Thành viên Chưa đăng ký" in lines
    assert "2 Sở Tài chính Thành viên Đã phê duyệt" in lines
    assert "1. Hoàn thành 100% nhiệm vụ được giao" in lines


def test_sections_without_data_say_so_instead_of_printing_numbers(province, render_now):
    run = render_now(
        services.request_report, ReportKind.GROUP_FINAL, year=2025, group=province.cluster
    )

    text = " ".join(pdf_lines(run.pdf_file.path))

    assert "Chưa có dữ liệu chấm điểm, xếp hạng cho kỳ này" in text
    assert "Cụm thi đua số 1 chưa gửi hồ sơ đề nghị khen thưởng nào năm 2025." in text
    assert "Chưa có dữ liệu khen thưởng" not in text
    assert "Cụm thi đua số 1 chưa có giao ước thi đua năm 2025." in text


def test_pdf_embeds_liberation_serif_subsets(province, render_now):
    run = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)

    fonts = {}
    for page in PdfReader(run.pdf_file.path).pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"]).split("+", 1)[1]] = "/FontFile2" in descriptor

    assert fonts == {
        "Liberation-Serif": True,
        "Liberation-Serif-Bold": True,
        "Liberation-Serif-Italic": True,
        "Liberation-Serif-Bold-Italic": True,
    }


def test_page_numbers_start_on_page_two_at_the_top(province, render_now):
    run = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)

    pages = len(PdfReader(run.pdf_file.path).pages)
    first = [line.strip() for line in pdf_page_text(run.pdf_file.path, 1).splitlines()]
    second = [line.strip() for line in pdf_page_text(run.pdf_file.path, 2).splitlines()]

    assert pages >= 2
    assert first[0] == "DỰ THẢO"
    assert "1" not in first
    assert next(line for line in second if line) == "2"


def test_group_review_prints_the_locked_ranking_and_the_acclaimed_unit(province, render_now):
    lock_block_scoring(province)

    run = render_now(
        services.request_report, ReportKind.GROUP_FINAL, year=2025, group=province.block
    )
    lines = pdf_lines(run.pdf_file.path)
    text = " ".join(lines)

    start = lines.index("Xếp hạng Đơn vị Tổng điểm Xếp loại")
    assert lines[start + 1 : start + 4] == [
        "1 Sở Nội vụ 95,50 Xuất sắc",
        "2 Sở Tài chính 90,25 Tốt",
        "3 Sở Y tế 81,00 Khá",
    ]
    assert "thống nhất đề nghị: Sở Nội vụ." in text
    assert "Chưa có dữ liệu chấm điểm" not in text


def test_group_review_does_not_print_provisional_scores(province, render_now):
    lock_block_scoring(province, locked=False)

    run = render_now(
        services.request_report, ReportKind.GROUP_FINAL, year=2025, group=province.block
    )
    text = " ".join(pdf_lines(run.pdf_file.path))

    assert run.data["scoring"] == {"state": "open", "title": "Bảng điểm Khối năm 2025"}
    assert "đang được chấm, chưa khóa kết quả" in text


def test_province_review_names_the_units_acclaimed_in_each_group(province, render_now):
    lock_block_scoring(province)

    run = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)

    assert [(g["code"], g["acclaimed"]) for g in run.data["groups"]] == [
        ("CUM1", []),
        ("KHOI-TH", ["Sở Nội vụ"]),
    ]
