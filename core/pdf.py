"""HTML → PDF with WeasyPrint: the only module that imports it (style rule 22).

Every document uses templates/pdf/base.html and static/css/print.css (Decree 30/2020 layout).
The font is embedded from the files of Debian's fonts-liberation2 (settings.REPORTS_FONT_DIR):
Liberation Serif has Times New Roman's metrics and every Vietnamese stacked mark.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

FONT_FACES = (
    ("Regular", "normal", "normal"),
    ("Bold", "bold", "normal"),
    ("Italic", "normal", "italic"),
    ("BoldItalic", "bold", "italic"),
)


def font_face_css() -> str:
    folder = Path(str(settings.REPORTS_FONT_DIR))
    rules = []
    for suffix, weight, style in FONT_FACES:
        path = folder / f"LiberationSerif-{suffix}.ttf"
        if not path.exists():
            raise FileNotFoundError(
                f"{path} is missing: install fonts-liberation2 or set REPORTS_FONT_DIR"
            )
        rules.append(
            "@font-face { font-family: 'Liberation Serif'; "
            f"src: url('{path.as_uri()}'); font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


@cache
def _print_css_text() -> str:
    path = finders.find("css/print.css")
    return Path(path).read_text(encoding="utf-8")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML  # noqa: PLC0415 -- slow import (about 0.5 s)
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 -- slow import

    # One font configuration per document: a shared one cannot be cleaned up safely at exit.
    fonts = FontConfiguration()
    stylesheets = [
        CSS(string=font_face_css(), font_config=fonts),
        CSS(string=_print_css_text(), font_config=fonts),
    ]
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=stylesheets, font_config=fonts
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))
