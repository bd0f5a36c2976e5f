"""From a run's stored figures to its files: the document head (Decree 30/2020), the body
context for each kind, the PDF (through core/pdf.py) and the XLSX of the statistical forms.

Called under `translation.override("vi")`: labels that come from lower apps' enums print in
Vietnamese; the administrative wording itself is Vietnamese in the print templates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from campaigns.enums import (
    CollectiveTitle,
    LauncherLevel,
    MovementKind,
    PledgeStatus,
    RegistrationStatus,
)
from clusters.enums import GroupKind
from core import pdf
from core.layout import place_date
from reports import charts, statforms
from reports.enums import ReportKind, ReportPeriod, SignCapacity
from reports.models import ReportRun
from reports.numbering import symbol_for

PROVINCE_ISSUER = ["ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN"]
PROVINCE_RECIPIENTS = [
    "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương);",
    "Thường trực Tỉnh ủy;",
    "Thường trực HĐND tỉnh;",
    "Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
    "Thường trực Hội đồng TĐKT tỉnh;",
    "Các Cụm, Khối thi đua của tỉnh;",
    "Sở Nội vụ;",
    "Lưu: VT, NC.",
]
UNAVAILABLE_SCORING = (
    "Chưa có dữ liệu chấm điểm, xếp hạng cho kỳ này: phân hệ Chấm điểm chưa được triển khai "
    "trên Cổng."
)
UNAVAILABLE_AWARDS = (
    "Chưa có dữ liệu khen thưởng cho kỳ này: phân hệ Khen thưởng chưa được triển khai trên Cổng."
)
UNAVAILABLE_DOCUMENTS = (
    "Chưa có dữ liệu: Cổng chưa quản lý sổ văn bản chỉ đạo, hướng dẫn; nội dung này do Sở Nội vụ "
    "bổ sung."
)


@dataclass
class DocumentHead:
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


def _number_label(run: ReportRun, symbol: str) -> str:
    if run.number is not None:
        return run.number_label
    return "\u00a0" * 6 + "/" + symbol


def _group_title(kind: str) -> str:
    return "Trưởng Cụm" if kind == GroupKind.CLUSTER else "Trưởng Khối"


def document_head(run: ReportRun) -> DocumentHead:
    data = run.data
    year = run.year
    preliminary = run.period == ReportPeriod.FIRST_HALF
    if run.kind in ReportKind.GROUP_KINDS:
        group = data["group"]
        # The header and signature name the group without its description: "Cụm thi đua số 1".
        short_name = group["name"].split(" (", 1)[0]
        head = data["term"]["head"] if data["term"] else ""
        title = _group_title(group["kind"])
        if run.sign_capacity == SignCapacity.FOR_HEAD:
            capacity = [f"KT. {title.upper()}", f"PHÓ {title.upper()}"]
        else:
            capacity = [f"TM. {short_name.upper()}", title.upper()]
        if preliminary:
            summary = f"Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year}"
        else:
            summary = f"Tổng kết công tác thi đua, khen thưởng năm {year}"
        return DocumentHead(
            parent_body=short_name,
            issuer_lines=[head] if head else [short_name],
            doc_type="BÁO CÁO",
            summary=f"{summary} của {group['name']}",
            number_label=_number_label(run, symbol_for(run)),
            place_date=place_date(run.issued_on if run.is_final else None),
            capacity_lines=capacity,
            signer_name=run.signer_name,
            recipients=[
                "Sở Nội vụ (Phòng Thi đua, khen thưởng);",
                "Các đơn vị thành viên;",
                "Lưu: VT.",
            ],
            is_draft=not run.is_final,
        )
    if run.sign_capacity == SignCapacity.FOR_HEAD:
        capacity = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    else:
        capacity = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    if preliminary:
        summary = (
            f"Kết quả công tác thi đua, khen thưởng 6 tháng đầu năm {year}; "
            f"phương hướng, nhiệm vụ 6 tháng cuối năm {year}"
        )
    else:
        summary = (
            f"Kết quả công tác thi đua, khen thưởng năm {year}; "
            f"phương hướng, nhiệm vụ năm {year + 1}"
        )
    return DocumentHead(
        issuer_lines=PROVINCE_ISSUER,
        doc_type="BÁO CÁO",
        summary=summary,
        number_label=_number_label(run, "BC-UBND"),
        place_date=place_date(run.issued_on if run.is_final else None),
        capacity_lines=capacity,
        signer_name=run.signer_name,
        recipients=PROVINCE_RECIPIENTS,
        is_draft=not run.is_final,
    )


def _labels(choices) -> dict[str, str]:
    return {code: str(label) for code, label in choices}


# ---------------------------------------------------------------- contexts


def group_context(run: ReportRun) -> dict:
    data = run.data
    statuses = _labels(RegistrationStatus.choices)
    titles = _labels(CollectiveTitle.choices)
    roles = {
        "head": _group_title(data["group"]["kind"]),
        "deputy": "Phó " + _group_title(data["group"]["kind"]).lower(),
        "member": "Thành viên",
    }
    members = []
    for row in data["members"]:
        registration = row["registration"]
        members.append(
            {
                "name": row["name"],
                "role": roles[row["role"]],
                "status": statuses[registration["status"]] if registration else "Chưa đăng ký",
                "titles": "; ".join(titles.get(t, t) for t in registration["titles"])
                if registration
                else "",
                "individuals": registration["individuals"] if registration else 0,
                "is_late": bool(registration and registration["is_late"]),
            }
        )
    regs = data["registrations"]
    pledge = data["pledge"]
    return {
        "members": members,
        "registrations": regs,
        "approved": regs["by_status"].get(RegistrationStatus.APPROVED, 0),
        "status_rows": [
            (statuses[code], regs["by_status"].get(code, 0)) for code in RegistrationStatus.values
        ],
        "pledge": pledge,
        "pledge_status": _labels(PledgeStatus.choices)[pledge["status"]] if pledge else "",
        "scoring": data["scoring"],
        "unavailable_scoring": UNAVAILABLE_SCORING,
        "unavailable_awards": UNAVAILABLE_AWARDS,
        "group_kind_word": "Cụm" if data["group"]["kind"] == GroupKind.CLUSTER else "Khối",
    }


def _delta(now: int, before: int) -> str:
    diff = now - before
    return f"+{diff}" if diff > 0 else str(diff)


def province_context(run: ReportRun) -> dict:
    data = run.data
    year = run.year
    totals, previous = data["totals"], data["previous"]
    comparison = [
        (label, previous[key], totals[key], _delta(totals[key], previous[key]))
        for key, label in (
            ("groups", "Số Cụm, Khối thi đua"),
            ("members", "Số đơn vị thành viên"),
            ("registered", "Số đơn vị gửi đăng ký thi đua"),
            ("approved", "Số đơn vị được phê duyệt đăng ký"),
            ("late", "Số đơn vị gửi đăng ký muộn"),
            ("pledges_in_force", "Số Cụm, Khối đã ký giao ước"),
        )
    ]
    pledge_labels = _labels(PledgeStatus.choices)
    kinds = _labels(GroupKind.choices)
    groups = [
        {
            **row,
            "kind_label": kinds.get(row["kind"], row["kind"]),
            "pledge_label": pledge_labels[row["pledge_status"]] if row["pledge_status"] else "",
        }
        for row in data["groups"]
    ]
    chart = charts.grouped_bars(
        [row["name"] for row in data["groups"]],
        [
            (f"Năm {year - 1}", [row["before"]["approved"] for row in data["groups"]]),
            (f"Năm {year}", [row["now"]["approved"] for row in data["groups"]]),
        ],
        title=f"Số đơn vị được phê duyệt đăng ký thi đua theo Cụm, Khối ({year - 1}–{year})",
    )
    launchers = _labels(LauncherLevel.choices)
    methods = _labels(MovementKind.choices)
    movements = [
        {
            **m,
            "launcher_label": launchers.get(m["launcher_level"], m["launcher_level"]),
            "kind_label": methods.get(m["kind"], m["kind"]),
        }
        for m in data["movements"]
    ]
    return {
        "totals": totals,
        "previous": previous,
        "comparison": comparison,
        "groups": groups,
        "chart": mark_safe(chart),  # noqa: S308 -- built by charts.py, every label escaped
        "movements": movements,
        "thematic_count": sum(1 for m in data["movements"] if m["kind"] == MovementKind.THEMATIC),
        "awards": data["awards"],
        "unavailable_awards": UNAVAILABLE_AWARDS,
        "unavailable_documents": UNAVAILABLE_DOCUMENTS,
        "previous_year": year - 1,
        "next_year": year + 1,
        "preliminary": run.period == ReportPeriod.FIRST_HALF,
    }


def form_context(run: ReportRun) -> dict:
    form = statforms.build(run.kind, run.data)
    return {
        "form": form,
        "table": form.table(),
        "circular": statforms.CIRCULAR,
        "receipt": statforms.RECEIPT,
        "reporting_unit": statforms.REPORTING_UNIT,
        "receiving_unit": statforms.RECEIVING_UNIT,
        "place_date": place_date(run.issued_on if run.is_final else None),
    }


TEMPLATES = {
    ReportKind.GROUP_PRELIMINARY: "pdf/reports/group_review.html",
    ReportKind.GROUP_FINAL: "pdf/reports/group_review.html",
    ReportKind.PROVINCE_PRELIMINARY: "pdf/reports/province_review.html",
    ReportKind.PROVINCE_FINAL: "pdf/reports/province_review.html",
    ReportKind.FORM_0601: "pdf/reports/statistical_form.html",
    ReportKind.FORM_0602: "pdf/reports/statistical_form.html",
    ReportKind.FORM_0603: "pdf/reports/statistical_form.html",
}


def context_for(run: ReportRun) -> dict:
    context = {"run": run, "year": run.year}
    if run.kind in ReportKind.GROUP_KINDS:
        context.update(group_context(run), doc=document_head(run))
    elif run.kind in ReportKind.FORM_KINDS:
        context.update(form_context(run))
    else:
        context.update(province_context(run), doc=document_head(run))
    return context


def render_pdf(run: ReportRun, *, progress: Callable[[int], None] | None = None) -> bytes:
    html = render_to_string(TEMPLATES[run.kind], context_for(run))
    if progress:
        progress(30)
    result = pdf.html_to_pdf(html)
    if progress:
        progress(80)
    return result


def render_xlsx(run: ReportRun) -> bytes:
    from reports import xlsx  # noqa: PLC0415 -- openpyxl only when a form is rendered

    return xlsx.form_workbook(statforms.build(run.kind, run.data), run=run)
