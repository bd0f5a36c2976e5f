"""QA: a cluster/block review for a year without a head, and without a criteria set.

- The header printed the group's name twice ("CỤM THI ĐUA SỐ 1" as the parent body and again
  as the issuing body) when the year had no head unit.
- A group without a criteria set for the period was reported with "phân hệ Chấm điểm chưa
  được triển khai trên Cổng" (the scoring module is not deployed), which is false: the
  module is there, the group has no criteria set for that period."""

import pytest

from reports import services
from reports.enums import ReportKind
from tests.reports.conftest import pdf_lines

pytestmark = pytest.mark.integration


def test_year_without_a_head_names_the_group_once_in_the_header(province, render_now):
    # build_province: the cluster has a member in 2024 but no term (head) that year.
    run = render_now(
        services.request_report, ReportKind.GROUP_FINAL, year=2024, group=province.cluster
    )

    lines = pdf_lines(run.pdf_file.path)

    assert run.data["term"] is None
    assert lines[1:3] == [
        "CỤM THI ĐUA SỐ 1 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]


def test_year_with_a_head_keeps_group_above_the_head_unit(province, render_now):
    run = render_now(
        services.request_report, ReportKind.GROUP_FINAL, year=2025, group=province.cluster
    )

    lines = pdf_lines(run.pdf_file.path)

    assert lines[1:3] == [
        "CỤM THI ĐUA SỐ 1 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "PHƯỜNG PHỐ HIẾN Độc lập - Tự do - Hạnh phúc",
    ]


def test_group_without_a_criteria_set_does_not_claim_scoring_is_missing(province, render_now):
    run = render_now(
        services.request_report, ReportKind.GROUP_FINAL, year=2025, group=province.cluster
    )

    text = " ".join(pdf_lines(run.pdf_file.path))

    assert run.data["scoring"] == {"state": "none"}
    assert "Chưa có dữ liệu chấm điểm, xếp hạng cho kỳ này" in text
    assert "Chấm điểm chưa được triển khai" not in text
    assert "chưa có bảng điểm thi đua của kỳ này" in text
