"""The statistical forms 0601, 0602 and 0603.N/BNV-TĐKT (Thông tư 02/2023/TT-BNV), as rows
and columns that both the PDF template and the XLSX writer print (forms.md §1.2–§1.5).

Labels are the official Vietnamese wording: they are printed, never translated.
"""

from dataclasses import dataclass, field

CIRCULAR = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
RECEIPT = "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"
REPORTING_UNIT = "Ủy ban nhân dân tỉnh Hưng Yên"
RECEIVING_UNIT = "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"

# Row kinds: "total" (bold), "heading" (group heading, no code, no figures), "item",
# "of_which" (italic, not added to totals).


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    kind: str = "item"
    unit: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass
class Form:
    code: str
    title: str
    unit_line: str
    columns: list[Column]
    rows: list[Row]
    has_unit_column: bool = False
    cells: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def value(self, row: Row, column: Column) -> str:
        if row.kind == "heading":
            return ""
        if not self.cells:
            return ""
        return str(self.cells.get(row.code, {}).get(column.key, 0))

    def table(self) -> list[dict]:
        return [
            {
                "row": row,
                "values": [self.value(row, column) for column in self.columns],
            }
            for row in self.rows
        ]


FORM_0601_ROWS = [
    Row("01", "Tổng số", "total"),
    Row("", "1. Chia theo phạm vi tổ chức thi đua", "heading"),
    Row("02", "- Toàn quốc"),
    Row("03", "- Bộ, ban, ngành đoàn thể, địa phương"),
    Row("04", "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức"),
    Row("05", "- Cơ quan, tổ chức, đơn vị"),
    Row("", "2. Chia theo thời hạn thi đua", "heading"),
    Row("06", "- Dưới 1 năm"),
    Row("07", "- 1 năm"),
    Row("08", "- Từ 1 năm đến dưới 3 năm"),
    Row("09", "- Từ 3 năm đến dưới 5 năm"),
    Row("10", "- Từ 5 năm trở lên"),
    Row("", "3. Chia theo phương thức tổ chức phong trào thi đua", "heading"),
    Row("11", "- Thi đua theo chuyên đề"),
    Row("12", "- Thi đua thường xuyên hàng năm"),
]
FORM_0601_COLUMNS = [
    Column("1", "Tổng số 1=(2+3+4)"),
    Column("2", "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)"),
    Column(
        "3",
        "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
    ),
    Column("4", "Cơ quan, tổ chức, đơn vị"),
]

_INDIVIDUAL_CATEGORIES = [
    "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên",
    "Lãnh đạo cấp vụ, sở, ngành và tương đương",
    "Doanh nhân",
    "Các cấp lãnh đạo khác từ phó phòng trở lên",
    "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu "
    "(công nhân, nông dân,...)",
]
_METHODS = [
    "Thường xuyên",
    "Chuyên đề",
    "Đột xuất",
    "Đối ngoại",
    "Cống hiến",
    "Niên hạn",
    "Kháng chiến",
]

FORM_0602_ROWS = [
    Row("01", "Tổng số", "total"),
    Row("", "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", "heading"),
    Row("02", "- Bộ, ban, ngành, đoàn thể Trung ương", unit="Bộ, ngành"),
    Row("03", "- Tỉnh, thành phố trực thuộc Trung ương", unit="Tỉnh, TP"),
    Row("", "2. Chia theo đối tượng khen thưởng", "heading"),
    Row("06", "- Tập thể", unit="Tập thể"),
    Row("07", "Trong đó: Doanh nghiệp", "of_which", unit="Doanh nghiệp"),
    Row("08", "- Hộ gia đình", unit="Hộ"),
    Row("09", "- Cá nhân", unit="Người"),
    *[
        Row(f"{10 + i:02d}", f"+ {label}", unit="Người")
        for i, label in enumerate(_INDIVIDUAL_CATEGORIES)
    ],
    Row("", "3. Chia theo phương thức khen thưởng", "heading"),
    *[Row(f"{15 + i:02d}", f"- {label}") for i, label in enumerate(_METHODS)],
]
# Columns 2, 5 and 9 expand to one column per form actually awarded; with no awards data the
# form prints one column for each group.
FORM_0602_COLUMNS = [
    Column("1", "Tổng số"),
    Column("2", "Các loại huân chương, huy chương"),
    Column("3", "Giải thưởng Hồ Chí Minh"),
    Column("4", "Giải thưởng Nhà nước"),
    Column("5", "Danh hiệu vinh dự nhà nước"),
    Column("6", "Cờ thi đua của Chính phủ"),
    Column("7", "Bằng khen của Thủ tướng Chính phủ"),
    Column("8", "Danh hiệu \u201cChiến sĩ thi đua toàn quốc\u201d"),
    Column("9", "Các hình thức khen thưởng khác"),
]

FORM_0603_ROWS = [
    Row("01", "Tổng số", "total"),
    Row("", "1. Chia theo đối tượng khen thưởng", "heading"),
    Row("02", "- Tập thể", unit="Tập thể"),
    Row("03", "Trong đó: Doanh nghiệp", "of_which", unit="Doanh nghiệp"),
    Row("04", "- Hộ gia đình", unit="Hộ"),
    Row("05", "- Cá nhân", unit="Người"),
    *[
        Row(f"{6 + i:02d}", f"+ {label}", unit="Người")
        for i, label in enumerate(_INDIVIDUAL_CATEGORIES)
    ],
    Row("", "2. Chia theo phương thức khen thưởng", "heading"),
    *[Row(f"{11 + i:02d}", f"- {label}") for i, label in enumerate(_METHODS)],
]
FORM_0603_COLUMNS = [
    Column("1", "Tổng số"),
    Column("2", "Bằng khen"),
    Column("3", "Chiến sĩ thi đua cấp bộ, cấp tỉnh"),
    Column(
        "4",
        "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
    ),
    Column(
        "5",
        "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố "
        "trực thuộc Trung ương",
    ),
]

NO_AWARDS = (
    "Chưa có số liệu khen thưởng: phân hệ Khen thưởng chưa được triển khai trên Cổng, "
    "các ô số liệu để trống."
)


def _period_note(data: dict) -> str:
    start, end = data["period"]
    y1, m1, d1 = start.split("-")
    y2, m2, d2 = end.split("-")
    return f"Kỳ báo cáo: từ ngày {d1}/{m1}/{y1} đến ngày {d2}/{m2}/{y2}"


def build(kind: str, data: dict) -> Form:
    if kind == "form_0601":
        form = Form(
            code="0601.N/BNV-TĐKT",
            title="SỐ PHONG TRÀO THI ĐUA",
            unit_line="Đơn vị tính: Phong trào",
            columns=FORM_0601_COLUMNS,
            rows=FORM_0601_ROWS,
            cells=data["cells"] or {"01": {"1": 0, "2": 0, "3": 0, "4": 0}},
        )
        if data["unknown_duration"]:
            form.notes.append(
                "Phong trào chưa có thời hạn, chưa tính vào mục 2: "
                + "; ".join(data["unknown_duration"])
                + "."
            )
    elif kind == "form_0602":
        form = Form(
            code="0602.N/BNV-TĐKT",
            title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
            unit_line="",
            columns=FORM_0602_COLUMNS,
            rows=FORM_0602_ROWS,
            has_unit_column=True,
            cells=(data["awards"] or {}).get("0602", {}),
        )
    else:
        form = Form(
            code="0603.N/BNV-TĐKT",
            title=(
                "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, "
                "THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
            ),
            unit_line="",
            columns=FORM_0603_COLUMNS,
            rows=FORM_0603_ROWS,
            has_unit_column=True,
            cells=(data["awards"] or {}).get("0603", {}),
        )
    if kind != "form_0601" and data["awards"] is None:
        form.notes.append(NO_AWARDS)
    form.notes.insert(0, _period_note(data))
    return form
