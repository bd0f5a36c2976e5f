"""QA: what an officer types in the narrative is printed whole and as text.

A long unbroken string (a pasted link, a run of characters) ran off the right edge of the page
and was cut; HTML or script in the narrative or the signer's name must print literally."""

import re

import pytest

from reports import services
from reports.enums import ReportKind
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.integration

WORD = "ThiĐua" * 150  # 900 characters without a space


def _printed(path) -> str:
    """The PDF's text without any whitespace or digits (line breaks, page numbers)."""
    return re.sub(r"[\s\d]+", "", pdf_text(path))


@pytest.mark.parametrize(
    ("kind", "group"), [(ReportKind.PROVINCE_FINAL, False), (ReportKind.GROUP_FINAL, True)]
)
def test_a_long_unbroken_narrative_wraps_inside_the_page(province, render_now, kind, group):
    run = render_now(
        services.request_report, kind, year=2025, group=province.block if group else None
    )

    edited = render_now(
        services.update_narrative,
        run,
        actor=None,
        assessment=f"Mở đầu {WORD} kết thúc.",
        limitations="",
        next_tasks="",
        signer_name="Nguyễn" * 30,
        sign_capacity="on_behalf",
    )

    printed = _printed(edited.pdf_file.path)
    assert WORD in printed
    # The signature column sits beside "Nơi nhận", so its lines interleave in the text.
    assert printed.count("Nguyễn") == 30


def test_html_in_the_narrative_prints_as_text(province, render_now):
    run = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)

    edited = render_now(
        services.update_narrative,
        run,
        actor=None,
        assessment="<script>alert(1)</script> <b>đậm</b>",
        limitations="",
        next_tasks="",
        signer_name="<i>Trần Văn B</i>",
        sign_capacity="on_behalf",
    )

    text = pdf_text(edited.pdf_file.path)
    assert "<script>alert(1)</script> <b>đậm</b>" in text
    assert "<i>Trần Văn B</i>" in text
