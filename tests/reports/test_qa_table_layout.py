"""QA: no text of a print table runs out of its cell.

The "STT" header of the 5 %-wide columns was wider than the column: it ran across the border
into the next header ("STTCụm, Khối thi đua" in the text of the province review). Checked on
WeasyPrint's layout of the reviews, with the fonts and style sheet the PDFs use."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from core import pdf
from reports import rendering, services
from reports.enums import ReportKind
from tests.reports.awards_data import build_awards

pytestmark = pytest.mark.integration


def _overflowing_cells(run) -> list[str]:
    html = render_to_string(rendering.TEMPLATES[run.kind], rendering.context_for(run))
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[
            CSS(string=pdf.font_face_css(), font_config=fonts),
            CSS(string=pdf._print_css_text(), font_config=fonts),
        ],
        font_config=fonts,
    )
    found = []

    def walk(box, cell):
        if isinstance(box, boxes.TableCellBox):
            cell = box
        if isinstance(box, boxes.TextBox) and cell is not None:
            right = cell.content_box_x() + cell.width
            if box.position_x + box.width > right + 0.5:
                found.append(box.text)
        for child in getattr(box, "children", None) or []:
            walk(child, cell)

    for page in document.pages:
        walk(page._page_box, None)
    return found


@pytest.mark.parametrize(
    "kind",
    [ReportKind.PROVINCE_FINAL, ReportKind.GROUP_FINAL, ReportKind.FORM_0602, ReportKind.FORM_0603],
)
def test_review_tables_keep_their_text_inside_the_cells(province, render_now, kind):
    build_awards(province)
    run, _created = services.request_report(
        kind, year=2025, group=province.block if kind == ReportKind.GROUP_FINAL else None
    )

    assert _overflowing_cells(run) == []
