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
    """A leaf column. `key` is where its figures are in the cells; `groups` are the headings
    above its own label (form 0602: the column group, then the award type), so that the
    table head can merge them; `number` is what the numbering row prints."""

    key: str
    label: str
    groups: tuple[str, ...] = ()
    number: str = ""

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.groups, self.label)

    @property
    def heading_number(self) -> str:
        return self.number or self.key


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
    warnings: list[str] = field(default_factory=list)
    blank: bool = False  # no figures at all (a run gathered before awards existed)

    @property
    def header_depth(self) -> int:
        return max(len(column.path) for column in self.columns)

    def header_rows(self) -> list[list[dict]]:
        """The table head as rows of merged cells ({"text", "colspan", "rowspan", "start"},
        `start` = the cell's 0-based leaf column): one row per heading level."""
        depth = self.header_depth
        rows = []
        for level in range(depth):
            cells, index = [], 0
            while index < len(self.columns):
                path = self.columns[index].path
                if level >= len(path):
                    index += 1
                    continue
                end = index + 1
                while (
                    end < len(self.columns)
                    and len(self.columns[end].path) > level
                    and self.columns[end].path[: level + 1] == path[: level + 1]
                    and level < len(path) - 1
                ):
                    end += 1
                cells.append(
                    {
                        "text": path[level],
                        "colspan": end - index,
                        "rowspan": depth - level if level == len(path) - 1 else 1,
                        "start": index,
                    }
                )
                index = end
            rows.append(cells)
        return rows

    def value(self, row: Row, column: Column) -> str:
        if row.kind == "heading":
            return ""
        if self.blank:
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
# The merged heading above the breakdown columns (forms.md §1.3–§1.5): column 1 is the
# total, the others are "chia ra" (split by launcher level, by award form).
SPLIT_0601 = "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua"
SPLIT = "Chia ra"
FORM_0601_COLUMNS = [
    Column("1", "Tổng số 1=(2+3+4)"),
    Column("2", "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)", groups=(SPLIT_0601,)),
    Column(
        "3",
        "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
        groups=(SPLIT_0601,),
    ),
    Column("4", "Cơ quan, tổ chức, đơn vị", groups=(SPLIT_0601,)),
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

METHOD_LABELS = dict(
    zip(
        ("regular", "thematic", "ad_hoc", "foreign", "contribution", "seniority", "resistance"),
        _METHODS,
        strict=True,
    )
)

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
# The column groups of form 0602. Columns 2, 5 and 9 expand to one column per award type
# actually awarded, each split by subject; the others split by subject (forms.md §1.4).
FORM_0602_COLUMNS = [
    Column("1", "Tổng số"),
    Column("2", "Các loại huân chương, huy chương", groups=(SPLIT,)),
    Column("3", "Giải thưởng Hồ Chí Minh", groups=(SPLIT,)),
    Column("4", "Giải thưởng Nhà nước", groups=(SPLIT,)),
    Column("5", "Danh hiệu vinh dự nhà nước", groups=(SPLIT,)),
    Column("6", "Cờ thi đua của Chính phủ", groups=(SPLIT,)),
    Column("7", "Bằng khen của Thủ tướng Chính phủ", groups=(SPLIT,)),
    Column("8", "Danh hiệu \u201cChiến sĩ thi đua toàn quốc\u201d", groups=(SPLIT,)),
    Column("9", "Các hình thức khen thưởng khác", groups=(SPLIT,)),
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
    Column("2", "Bằng khen", groups=(SPLIT,)),
    Column("3", "Chiến sĩ thi đua cấp bộ, cấp tỉnh", groups=(SPLIT,)),
    Column(
        "4",
        "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
        groups=(SPLIT,),
    ),
    Column(
        "5",
        "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố "
        "trực thuộc Trung ương",
        groups=(SPLIT,),
    ),
]

SUBJECT_LABELS = {"collective": "Tập thể", "household": "Hộ gia đình", "individual": "Cá nhân"}
SUBJECT_ORDER = ("collective", "household", "individual")
EXPANDED_0602 = ("2", "5", "9")
FIXED_0602_SUBJECTS = {
    "3": ("individual",),
    "4": ("individual",),
    "6": ("collective",),
    "7": ("collective", "individual"),
    "8": ("individual",),
}

# Runs gathered before the awards module existed stored no award figures (`None`).
NO_AWARDS = (
    "Chưa có số liệu khen thưởng: phân hệ Khen thưởng chưa được triển khai trên Cổng, "
    "các ô số liệu để trống."
)
NO_RECORDS = "Không có khen thưởng nào được quyết định trong kỳ báo cáo."


def form_0602_columns(awards: dict | None) -> list[Column]:
    """Column 1, then each group: the expanded ones per award type awarded (types in
    `awards["columns_0602"]`), each split by subject; the others by subject. A group with
    nothing to expand prints as one column."""
    awards = awards or {}
    cells = awards.get("0602", {})
    seen: dict[str, set[str]] = {}
    for values in cells.values():
        for key in values:
            group, _sep, subject = key.partition(":")
            if subject and group not in EXPANDED_0602:
                seen.setdefault(group, set()).add(subject)
    types: dict[str, list[dict]] = {}
    for entry in awards.get("columns_0602", []):
        types.setdefault(entry["group"], []).append(entry)
    columns = [FORM_0602_COLUMNS[0]]
    for group_column in FORM_0602_COLUMNS[1:]:
        group, heading = group_column.key, group_column.label
        if group in EXPANDED_0602:
            entries = types.get(group, [])
            if not entries:
                columns.append(group_column)
                continue
            number = 0
            for entry in entries:
                for subject in entry["subjects"]:
                    number += 1
                    columns.append(
                        Column(
                            f"{group}:{entry['code']}:{subject}",
                            SUBJECT_LABELS[subject],
                            groups=(*group_column.groups, heading, entry["name"]),
                            number=f"{group}.{number}",
                        )
                    )
            continue
        subjects = set(FIXED_0602_SUBJECTS[group]) | seen.get(group, set())
        ordered = [s for s in SUBJECT_ORDER if s in subjects]
        for number, subject in enumerate(ordered, start=1):
            columns.append(
                Column(
                    f"{group}:{subject}",
                    SUBJECT_LABELS[subject],
                    groups=(*group_column.groups, heading),
                    number=group if len(ordered) == 1 else f"{group}.{number}",
                )
            )
    return columns


# Consistency checks (forms.md §1.4–1.5): a row equals the sum of others, or is at most another.
CHECKS = {
    "0602": {
        "sums": [
            ("01", ("02", "03")),
            ("01", ("06", "08", "09")),
            ("01", tuple(f"{n}" for n in range(15, 22))),
            ("09", ("10", "11", "12", "13", "14")),
        ],
        "at_most": [("07", "06")],
    },
    "0603": {
        "sums": [
            ("01", ("02", "04", "05")),
            ("01", tuple(f"{n}" for n in range(11, 18))),
            ("05", ("06", "07", "08", "09", "10")),
        ],
        "at_most": [("03", "02")],
    },
}


def check(form: str, cells: dict, columns: list[Column]) -> list[str]:
    """What breaks the form's arithmetic, as printed warnings (empty when all holds): the row
    identities in every column, and column 1 = the sum of the other columns in every row."""
    rules = CHECKS[form]
    warnings = []

    def value(row: str, key: str) -> int:
        return int(cells.get(row, {}).get(key, 0))

    for column in columns:
        for total, parts in rules["sums"]:
            expected = sum(value(part, column.key) for part in parts)
            if value(total, column.key) != expected:
                warnings.append(
                    f"Số liệu không khớp ở cột {column.heading_number}: mã số {total} là "
                    f"{value(total, column.key)}, tổng các mã số {', '.join(parts)} là "
                    f"{expected}."
                )
        for part, whole in rules["at_most"]:
            if value(part, column.key) > value(whole, column.key):
                warnings.append(
                    f"Số liệu không khớp ở cột {column.heading_number}: mã số {part} "
                    f"({value(part, column.key)}) lớn hơn mã số {whole} "
                    f"({value(whole, column.key)})."
                )
    rows = sorted(set(cells) | {total for total, _parts in rules["sums"]})
    for row in rows:
        others = sum(value(row, column.key) for column in columns[1:])
        if value(row, "1") != others:
            warnings.append(
                f"Số liệu không khớp ở mã số {row}: cột 1 là {value(row, '1')}, tổng các cột "
                f"còn lại là {others}."
            )
    return warnings


def _award_notes(form: Form, awards: dict, code: str) -> None:
    if not any(form.cells.values()):
        form.notes.append(NO_RECORDS)
    revoked = awards.get("revoked", {}).get(code, 0)
    if revoked:
        form.notes.append(
            f"Không tính {revoked} khen thưởng đã bị hủy bỏ (thu hồi) trong số các quyết định "
            "ban hành trong kỳ."
        )
    uncategorised = awards.get("uncategorised", {}).get(code, 0)
    if uncategorised:
        rows = "10 đến 14" if code == "0602" else "06 đến 10"
        form.notes.append(
            f"Thiếu dữ liệu: {uncategorised} cá nhân chưa được phân loại đối tượng, đã tính vào "
            f"số cá nhân nhưng chưa tính vào các mã số {rows}."
        )
    form.warnings = check(code, form.cells, form.columns)


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
            columns=form_0602_columns(data["awards"]),
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
    if kind != "form_0601":
        if data["awards"] is None:
            form.blank = True
            form.notes.append(NO_AWARDS)
        else:
            _award_notes(form, data["awards"], kind.removeprefix("form_"))
    form.notes.insert(0, _period_note(data))
    return form
