"""Reading, checking and writing organisation tables (units, groups, memberships) as XLSX
or CSV.

`read_table` + `check_rows` build an `ImportPlan` without writing anything: every row
error is listed with its row number, column and a translated reason. Only a plan without
errors can be applied (`clusters.services_import.apply_import`). Text is NFC-normalised,
because files made on a Mac arrive in decomposed Unicode.
"""

import csv
import datetime
import io
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.enums import GroupKind, GroupLevel, MemberRole, UnitType
from clusters.models import EmulationGroup, GroupMembership, OrgUnit

MAX_ROWS = 5000
MIN_YEAR, MAX_YEAR = 1990, 2100


class ImportKind:
    UNITS = "units"
    GROUPS = "groups"
    MEMBERSHIPS = "memberships"

    choices = (
        (UNITS, gettext_lazy("Organisation units")),
        (GROUPS, gettext_lazy("Clusters and blocks")),
        (MEMBERSHIPS, gettext_lazy("Memberships, heads and deputies by year")),
    )
    values = (UNITS, GROUPS, MEMBERSHIPS)


@dataclass(frozen=True)
class Column:
    key: str
    help: object
    required: bool = False


COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.UNITS: (
        Column("code", gettext_lazy("Unique code of the unit (the key for re-import)."), True),
        Column("name", gettext_lazy("Full name."), True),
        Column("short_name", gettext_lazy("Short name.")),
        Column("type", gettext_lazy("Type of unit: one of the listed values."), True),
        Column("parent_code", gettext_lazy("Code of the parent unit (in the file or known).")),
        Column("official_code", gettext_lazy("Code in the national list, if any.")),
        Column("valid_from", gettext_lazy("First day, dd/mm/yyyy.")),
        Column("valid_to", gettext_lazy("Last day, dd/mm/yyyy.")),
    ),
    ImportKind.GROUPS: (
        Column("code", gettext_lazy("Unique code of the cluster/block."), True),
        Column("name", gettext_lazy("Name."), True),
        Column("kind", gettext_lazy("cluster or block."), True),
        Column("level", gettext_lazy("Level: one of the listed values."), True),
        Column("description", gettext_lazy("Description.")),
        Column("decision_ref", gettext_lazy("Decision that set it up.")),
        Column("valid_from", gettext_lazy("First day, dd/mm/yyyy.")),
        Column("valid_to", gettext_lazy("Last day, dd/mm/yyyy.")),
    ),
    ImportKind.MEMBERSHIPS: (
        Column("group_code", gettext_lazy("Code of a known cluster/block."), True),
        Column("year", gettext_lazy("Year, e.g. 2025."), True),
        Column("unit_code", gettext_lazy("Code of a known unit."), True),
        Column("role", gettext_lazy("member (default), head or deputy.")),
        Column("decision_ref", gettext_lazy("Decision naming the head and deputy.")),
    ),
}

ALLOWED_VALUES = {
    "type": UnitType.values,
    "kind": GroupKind.values,
    "level": GroupLevel.values,
    "role": MemberRole.values,
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class ImportPlan:
    kind: str
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_count: int = 0
    known_count: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


class ImportFileError(Exception):
    """The file cannot be read at all (not a table, wrong encoding, no header)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def nfc(value) -> str:
    return unicodedata.normalize("NFC", str(value if value is not None else "")).strip()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(value)


def read_table(content: bytes, filename: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header (normalised keys) and the data rows as (spreadsheet row number, values)."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        raw_rows = _read_xlsx(content)
    elif name.endswith(".csv"):
        raw_rows = _read_csv(content)
    else:
        raise ImportFileError(_("Upload an .xlsx or .csv file."))
    if not raw_rows:
        raise ImportFileError(_("The file is empty."))
    header = [nfc(h).lower() for h in raw_rows[0]]
    rows = []
    for number, values in enumerate(raw_rows[1:], start=2):
        cells = [_cell_text(v) for v in values]
        if not any(cells):
            continue
        rows.append(
            (
                number,
                {key: (cells[i] if i < len(cells) else "") for i, key in enumerate(header) if key},
            )
        )
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS}
        )
    return header, rows


def _read_xlsx(content: bytes) -> list[list]:
    import openpyxl  # noqa: PLC0415 -- slow import, only for imports

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("The file is not a valid .xlsx workbook.")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Save the CSV file as UTF-8.")) from exc
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def parse_date(value: str) -> datetime.date | None:
    """dd/mm/yyyy (as typed in the portal) or yyyy-mm-dd (as Excel cells come out)."""
    if not value:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007 -- a date only
        except ValueError:
            continue
    raise ValueError(value)


class _Checker:
    def __init__(self, kind: str):
        self.plan = ImportPlan(kind=kind)

    def error(self, row: int, column: str, reason: str) -> None:
        self.plan.errors.append(RowError(row, column, reason))

    def required(self, number, values, column) -> str:
        value = values.get(column, "")
        if not value:
            self.error(number, column, _("A value is required."))
        return value

    def max_length(self, number, column, value, limit) -> None:
        if len(value) > limit:
            self.error(number, column, _("At most %(limit)s characters.") % {"limit": limit})

    def choice(self, number, column, value, *, default="") -> str:
        value = (value or default).lower()
        if value and value not in ALLOWED_VALUES[column]:
            self.error(
                number,
                column,
                _("“%(value)s” is not allowed; use one of: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(ALLOWED_VALUES[column])},
            )
        return value

    def date(self, number, column, value):
        try:
            return parse_date(value)
        except ValueError:
            self.error(
                number, column, _("“%(value)s” is not a date dd/mm/yyyy.") % {"value": value}
            )
            return None

    def date_range(self, number, start, end):
        if start and end and end < start:
            self.error(number, "valid_to", _("The last day is before the first day."))

    def duplicates(self, rows, key, column) -> None:
        counts = Counter(key(values) for _number, values in rows)
        for number, values in rows:
            if key(values) and counts[key(values)] > 1:
                self.error(number, column, _("Appears more than once in the file."))


def check_rows(kind: str, header: list[str], rows: list[tuple[int, dict]]) -> ImportPlan:
    """Check every row; collect every error. Nothing is written."""
    checker = _Checker(kind)
    missing = [c.key for c in COLUMNS[kind] if c.required and c.key not in header]
    for key in missing:
        checker.error(1, key, _("The column is missing from the header row."))
    if missing:
        return checker.plan
    if not rows:
        checker.error(2, "", _("The file has no data rows."))
        return checker.plan
    {
        ImportKind.UNITS: _check_units,
        ImportKind.GROUPS: _check_groups,
        ImportKind.MEMBERSHIPS: _check_memberships,
    }[kind](checker, rows)
    checker.plan.errors.sort(key=lambda e: (e.row, e.column))
    return checker.plan


def _check_units(checker: _Checker, rows) -> None:
    checker.duplicates(rows, lambda v: v.get("code", ""), "code")
    codes_in_file = {v.get("code", "") for _n, v in rows}
    known = set(
        OrgUnit.objects.filter(
            code__in=codes_in_file | {v.get("parent_code", "") for _n, v in rows}
        ).values_list("code", flat=True)
    )
    for number, values in rows:
        code = checker.required(number, values, "code")
        checker.max_length(number, "code", code, 32)
        name = checker.required(number, values, "name")
        checker.max_length(number, "name", name, 255)
        short_name = values.get("short_name", "")
        checker.max_length(number, "short_name", short_name, 100)
        official_code = values.get("official_code", "")
        checker.max_length(number, "official_code", official_code, 32)
        unit_type = checker.choice(number, "type", checker.required(number, values, "type"))
        parent_code = values.get("parent_code", "")
        if parent_code and parent_code == code:
            checker.error(number, "parent_code", _("A unit cannot be its own parent."))
        elif parent_code and parent_code not in known and parent_code not in codes_in_file:
            checker.error(
                number,
                "parent_code",
                _("No unit has the code “%(code)s”.") % {"code": parent_code},
            )
        valid_from = checker.date(number, "valid_from", values.get("valid_from", ""))
        valid_to = checker.date(number, "valid_to", values.get("valid_to", ""))
        checker.date_range(number, valid_from, valid_to)
        checker.plan.rows.append(
            {
                "code": code,
                "name": name,
                "short_name": short_name,
                "official_code": official_code,
                "unit_type": unit_type,
                "parent_code": parent_code,
                "valid_from": valid_from,
                "valid_to": valid_to,
            }
        )
        if code in known:
            checker.plan.known_count += 1
        else:
            checker.plan.new_count += 1


def _check_groups(checker: _Checker, rows) -> None:
    checker.duplicates(rows, lambda v: v.get("code", ""), "code")
    known = {
        g.code: g
        for g in EmulationGroup.objects.filter(code__in={v.get("code", "") for _n, v in rows})
    }
    with_members = set(
        GroupMembership.objects.filter(group__code__in=list(known)).values_list(
            "group__code", flat=True
        )
    )
    for number, values in rows:
        code = checker.required(number, values, "code")
        checker.max_length(number, "code", code, 32)
        name = checker.required(number, values, "name")
        checker.max_length(number, "name", name, 255)
        kind = checker.choice(number, "kind", checker.required(number, values, "kind"))
        level = checker.choice(number, "level", checker.required(number, values, "level"))
        decision_ref = values.get("decision_ref", "")
        checker.max_length(number, "decision_ref", decision_ref, 255)
        if code in known and code in with_members and level and known[code].level != level:
            checker.error(
                number, "level", _("The level of a cluster/block with members cannot change.")
            )
        valid_from = checker.date(number, "valid_from", values.get("valid_from", ""))
        valid_to = checker.date(number, "valid_to", values.get("valid_to", ""))
        checker.date_range(number, valid_from, valid_to)
        checker.plan.rows.append(
            {
                "code": code,
                "name": name,
                "kind": kind,
                "level": level,
                "description": values.get("description", ""),
                "decision_ref": decision_ref,
                "valid_from": valid_from,
                "valid_to": valid_to,
            }
        )
        if code in known:
            checker.plan.known_count += 1
        else:
            checker.plan.new_count += 1


def _check_memberships(checker: _Checker, rows) -> None:  # noqa: PLR0912 -- one pass, many checks
    groups = {
        g.code: g
        for g in EmulationGroup.objects.filter(code__in={v.get("group_code", "") for _n, v in rows})
    }
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(code__in={v.get("unit_code", "") for _n, v in rows})
    }
    years = set()
    for _n, v in rows:
        if v.get("year", "").isdigit():
            years.add(int(v["year"]))
    existing = {
        (m.unit_id, m.year, m.level): m
        for m in GroupMembership.objects.filter(
            unit__in=list(units.values()), year__in=years
        ).select_related("group")
    }
    checker.duplicates(
        rows,
        lambda v: (v.get("group_code", ""), v.get("unit_code", ""), v.get("year", "")),
        "unit_code",
    )
    seen_level: dict[tuple, tuple[str, int]] = {}
    roles: dict[tuple[str, int, str], list[int]] = {}
    for number, values in rows:
        group_code = checker.required(number, values, "group_code")
        unit_code = checker.required(number, values, "unit_code")
        year_text = checker.required(number, values, "year")
        role = checker.choice(number, "role", values.get("role", ""), default=MemberRole.MEMBER)
        group = groups.get(group_code)
        unit = units.get(unit_code)
        year = None
        if year_text:
            if year_text.isdigit() and MIN_YEAR <= int(year_text) <= MAX_YEAR:
                year = int(year_text)
            else:
                checker.error(
                    number, "year", _("“%(value)s” is not a year.") % {"value": year_text}
                )
        if group_code and group is None:
            checker.error(
                number,
                "group_code",
                _("No cluster/block has the code “%(code)s”.") % {"code": group_code},
            )
        if unit_code and unit is None:
            checker.error(
                number, "unit_code", _("No unit has the code “%(code)s”.") % {"code": unit_code}
            )
        if group is None or unit is None or year is None:
            continue
        if not unit.exists_in_year(year):
            checker.error(
                number,
                "unit_code",
                _("%(unit)s does not exist in %(year)s.") % {"unit": unit, "year": year},
            )
        if not group.exists_in_year(year):
            checker.error(
                number,
                "group_code",
                _("%(group)s does not run in %(year)s.") % {"group": group, "year": year},
            )
        level_key = (unit.pk, year, group.level)
        other = existing.get(level_key)
        if other is not None and other.group_id != group.pk:
            checker.error(
                number,
                "unit_code",
                _("%(unit)s already belongs to %(group)s in %(year)s.")
                % {"unit": unit, "group": other.group, "year": year},
            )
        earlier = seen_level.get(level_key)
        if earlier is not None and earlier[0] != group.code:
            checker.error(
                number,
                "unit_code",
                _("Row %(row)s already puts this unit in %(group)s for %(year)s.")
                % {"row": earlier[1], "group": earlier[0], "year": year},
            )
        seen_level.setdefault(level_key, (group.code, number))
        if role in (MemberRole.HEAD, MemberRole.DEPUTY):
            roles.setdefault((group.code, year, role), []).append(number)
        checker.plan.rows.append(
            {
                "group_code": group.code,
                "unit_code": unit.code,
                "year": year,
                "role": role,
                "decision_ref": values.get("decision_ref", ""),
            }
        )
        if other is not None and other.group_id == group.pk:
            checker.plan.known_count += 1
        else:
            checker.plan.new_count += 1
    for (group_code, year, role), numbers in roles.items():
        if len(numbers) > 1:
            for number in numbers:
                checker.error(
                    number,
                    "role",
                    (
                        _("%(group)s has more than one head in %(year)s.")
                        if role == MemberRole.HEAD
                        else _("%(group)s has more than one deputy head in %(year)s.")
                    )
                    % {"group": group_code, "year": year},
                )
        if role == MemberRole.DEPUTY and (group_code, year, MemberRole.HEAD) not in roles:
            for number in numbers:
                checker.error(
                    number,
                    "role",
                    _("A deputy needs a head of the same cluster/block and year in the file."),
                )


# --- export ------------------------------------------------------------------------------


def _date_text(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def export_rows(kind: str, *, year: int | None = None) -> list[list[str]]:
    """The header and one row per object, in the same columns the import reads."""
    header = [c.key for c in COLUMNS[kind]]
    body: list[list[str]] = []
    if kind == ImportKind.UNITS:
        for u in OrgUnit.objects.select_related("parent").order_by("code"):
            body.append(
                [
                    u.code,
                    u.name,
                    u.short_name,
                    u.unit_type,
                    u.parent.code if u.parent_id else "",
                    u.official_code,
                    _date_text(u.valid_from),
                    _date_text(u.valid_to),
                ]
            )
    elif kind == ImportKind.GROUPS:
        for g in EmulationGroup.objects.order_by("code"):
            body.append(
                [
                    g.code,
                    g.name,
                    g.kind,
                    g.level,
                    g.description,
                    g.decision_ref,
                    _date_text(g.valid_from),
                    _date_text(g.valid_to),
                ]
            )
    else:
        from clusters.models import GroupTerm  # noqa: PLC0415 -- only the export needs terms

        terms = {
            (t.group_id, t.year): t
            for t in GroupTerm.objects.filter(**({"year": year} if year else {}))
        }
        members = GroupMembership.objects.select_related("group", "unit").order_by(
            "year", "group__code", "unit__code"
        )
        if year:
            members = members.filter(year=year)
        for m in members:
            term = terms.get((m.group_id, m.year))
            role, decision = MemberRole.MEMBER.value, ""
            if term and term.head_unit_id == m.unit_id:
                role, decision = MemberRole.HEAD.value, term.decision_ref
            elif term and term.deputy_unit_id == m.unit_id:
                role, decision = MemberRole.DEPUTY.value, term.decision_ref
            body.append([m.group.code, str(m.year), m.unit.code, role, decision])
    return [header, *body]


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list[str]], *, kind: str, with_help: bool = False) -> bytes:
    import openpyxl  # noqa: PLC0415 -- slow import, only for exports
    from openpyxl.styles import Font  # noqa: PLC0415 -- slow import, only for exports

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = kind
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS[kind], start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(
            14, len(column.key) + 4
        )
    if with_help:
        guide = workbook.create_sheet(str(_("Instructions"))[:31])
        guide.append([str(_("Column")), str(_("Required")), str(_("Meaning")), str(_("Values"))])
        for column in COLUMNS[kind]:
            guide.append(
                [
                    column.key,
                    str(_("yes")) if column.required else "",
                    str(column.help),
                    ", ".join(ALLOWED_VALUES.get(column.key, ())),
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_rows(kind: str) -> list[list[str]]:
    return [[c.key for c in COLUMNS[kind]]]
