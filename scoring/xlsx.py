"""XLSX files of scoring: the criteria tree and the head's grid, both ways.

Reading returns plain rows; the services decide what is valid, so an upload through the
page and one through the API get the same checks and the same messages.
"""

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from scoring import selectors
from scoring.enums import Stage

CRITERIA_COLUMNS = [
    "code",
    "parent_code",
    "text",
    "max_points",
    "type",
    "category",
    "levels",
    "target",
    "cap",
    "evidence_required",
]
GRID_COLUMNS = [
    "unit_code",
    "unit_name",
    "criterion_code",
    "criterion_text",
    "max_points",
    "self_score",
    "head_score",
    "reason",
    "version",
]


class XlsxError(Exception):
    pass


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def criteria_workbook(criteria_set) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "criteria"
    sheet.append(CRITERIA_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    by_id = {}
    for node in selectors.criteria_of(criteria_set):
        by_id[node.pk] = node
        sheet.append(
            [
                node.code,
                by_id[node.parent_id].code if node.parent_id else "",
                node.text,
                _number(node.max_points),
                node.criterion_type,
                node.category,
                ";".join(str(v) for v in node.levels or []),
                _number(node.target),
                _number(node.cap),
                "x" if node.evidence_required else "",
            ]
        )
    return _save(workbook)


def _rows(upload, columns) -> list[dict]:
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise XlsxError(_("The file is not an XLSX workbook.")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    missing = [c for c in columns if c not in header]
    if missing:
        raise XlsxError(
            _("Columns missing from the first row: %(columns)s") % {"columns": ", ".join(missing)}
        )
    result = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        row = {header[i]: v for i, v in enumerate(values) if i < len(header) and header[i]}
        row["_row"] = number
        result.append(row)
    workbook.close()
    return result


def read_criteria_rows(upload) -> list[dict]:
    return _rows(upload, ["code", "parent_code", "text", "max_points"])


def grid_workbook(criteria_set) -> bytes:
    """One row per unit × criterion, pre-filled with the self-score, the head's score and
    the version that an upload must still match."""
    leaves = selectors.leaves(selectors.criteria_of(criteria_set))
    lines = selectors.lines_of(criteria_set)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "grid"
    sheet.append(GRID_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for unit in selectors.member_units(criteria_set):
        for leaf in leaves:
            own = lines.get((unit.pk, leaf.pk, Stage.SELF))
            head = lines.get((unit.pk, leaf.pk, Stage.HEAD))
            sheet.append(
                [
                    unit.code,
                    unit.name,
                    leaf.code,
                    leaf.text,
                    _number(leaf.max_points),
                    _number(own.value) if own else None,
                    _number(head.value) if head else None,
                    head.reason if head else "",
                    head.version if head else 0,
                ]
            )
    return _save(workbook)


def read_grid_rows(upload) -> list[dict]:
    return _rows(upload, ["unit_code", "criterion_code", "head_score", "version"])
