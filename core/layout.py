"""Small pieces of the Decree 30/2020 layout shared by the PDF and XLSX writers."""

import datetime
from dataclasses import dataclass, field

BLANK = "\u00a0" * 4


def place_date(day: datetime.date | None, place: str = "Hưng Yên") -> str:
    """ "Hưng Yên, ngày 06 tháng 3 năm 2024": days under 10 and months 1–2 take a leading zero.
    A draft (no date yet) leaves the blanks to fill in by hand."""
    if day is None:
        return f"{place}, ngày{BLANK}tháng{BLANK}năm{BLANK}"
    return f"{place}, {date_words(day)}"


def date_words(day: datetime.date) -> str:
    """ "ngày 06 tháng 3 năm 2024", the way Decree 30/2020 writes a date in words."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass
class DocumentHead:
    """What templates/pdf/base.html prints around a document's body: the header, number line,
    place-date line, title, signature block and recipients (Decree 30/2020)."""

    issuer_lines: list[str]
    doc_type: str
    summary: str
    number_label: str
    place_date: str
    capacity_lines: list[str]
    signer_name: str
    recipients: list[str] = field(default_factory=list)
    parent_body: str = ""
    is_draft: bool = True


def blank_number(symbol: str) -> str:
    """ "      /BB-CUM01": the number is written by hand on a document not yet registered."""
    return "\u00a0" * 6 + "/" + symbol
