"""Small pieces of the Decree 30/2020 layout shared by the PDF and XLSX writers."""

import datetime

BLANK = "\u00a0" * 4


def place_date(day: datetime.date | None, place: str = "Hưng Yên") -> str:
    """ "Hưng Yên, ngày 06 tháng 3 năm 2024": days under 10 and months 1–2 take a leading zero.
    A draft (no date yet) leaves the blanks to fill in by hand."""
    if day is None:
        return f"{place}, ngày{BLANK}tháng{BLANK}năm{BLANK}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
