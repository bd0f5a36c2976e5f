"""From a run's stored figures to its files: the document head (Decree 30/2020), the body
context for each kind, the PDF (through core/pdf.py) and the XLSX of the statistical forms.

Called under `translation.override("vi")`: labels that come from lower apps' enums print in
Vietnamese; the administrative wording itself is Vietnamese in the print templates.
"""

from collections.abc import Callable

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
from core.layout import DocumentHead, blank_number, place_date
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
# The group has no criteria set for the period (sources.scoring_result state "none").
UNAVAILABLE_SCORING = (
    "Chưa có dữ liệu chấm điểm, xếp hạng cho kỳ này: chưa có bảng điểm thi đua của kỳ này "
    "trên Cổng."
)
# Runs gathered before the awards module existed carry no award figures.
UNAVAILABLE_AWARDS = (
    "Chưa có dữ liệu khen thưởng cho kỳ này: phân hệ Khen thưởng chưa được triển khai trên Cổng."
)
# Printed wording of the awards workflow (the print templates are Vietnamese, not translated).
PROPOSAL_STATUS = {
    "draft": "Dự thảo",
    "submitted": "Đã gửi",
    "under_appraisal": "Đang thẩm định",
    "returned": "Trả lại để hoàn thiện",
    "appraised": "Đã thẩm định",
    "rejected": "Không đề nghị khen thưởng",
    "decided": "Đã có quyết định khen thưởng",
}
NOMINEE_STATUS = {
    "proposed": "Đề nghị",
    "approved": "Đủ điều kiện qua thẩm định",
    "not_approved": "Không đủ điều kiện",
    "awarded": "Được khen thưởng",
}
SUBJECT = {"collective": "Tập thể", "household": "Hộ gia đình", "individual": "Cá nhân"}
AWARD_LEVEL_SECTIONS = [
    ("state", "a) Khen thưởng cấp Nhà nước"),
    ("province", "b) Khen thưởng thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân tỉnh"),
    ("grassroots", "c) Khen thưởng của các cơ quan, đơn vị, địa phương"),
]
AWARD_LEVELS = {
    "state": "Cấp Nhà nước",
    "province": "Cấp tỉnh",
    "grassroots": "Cấp cơ sở",
}
DOSSIER_ROWS = [
    ("received", "Số hồ sơ đề nghị khen thưởng đã tiếp nhận"),
    ("on_time", "Gửi đúng thời hạn"),
    ("late", "Gửi sau thời hạn"),
    ("returned", "Trả lại để hoàn thiện"),
    ("appraised", "Đã thẩm định"),
    ("rejected", "Không đề nghị khen thưởng"),
    ("decided", "Đã có quyết định khen thưởng"),
    ("in_progress", "Đang giải quyết"),
]
UNAVAILABLE_DOCUMENTS = (
    "Chưa có dữ liệu: Cổng chưa quản lý sổ văn bản chỉ đạo, hướng dẫn; nội dung này do Sở Nội vụ "
    "bổ sung."
)


def _scoring_in_print(scoring: dict) -> dict:
    """Points with the Vietnamese decimal comma ("95,50"), as every other figure in print;
    the stored snapshot keeps its dot."""
    if scoring.get("state") != "locked":
        return scoring
    rows = [{**row, "total": str(row["total"]).replace(".", ",")} for row in scoring["rows"]]
    return {**scoring, "rows": rows}


def _number_label(run: ReportRun, symbol: str) -> str:
    if run.number is not None:
        return run.number_label
    return blank_number(symbol)


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
            # The group above the unit that heads it; without a head, the group alone.
            parent_body=short_name if head else "",
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
        "scoring": _scoring_in_print(data["scoring"]),
        "unavailable_scoring": UNAVAILABLE_SCORING,
        "proposals": _proposals(data.get("proposals")),
        "unavailable_awards": UNAVAILABLE_AWARDS,
        "group_kind_word": "Cụm" if data["group"]["kind"] == GroupKind.CLUSTER else "Khối",
    }


def _day(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _proposals(proposals: list[dict] | None) -> list[dict] | None:
    """The group's dossiers with printed labels; None for runs gathered before awards."""
    if proposals is None:
        return None
    return [
        {
            **p,
            "status_label": PROPOSAL_STATUS.get(p["status"], p["status"]),
            "method_label": statforms.METHOD_LABELS.get(p["method"], p["method"]),
            "submission": " ngày ".join(
                part for part in (p["submission_number"], _day(p["submission_date"])) if part
            ),
            "nominees": [
                {
                    **n,
                    "subject_label": SUBJECT.get(n["subject_type"], n["subject_type"]),
                    "status_label": NOMINEE_STATUS.get(n["status"], n["status"]),
                    "decision_label": (
                        f"Quyết định số {n['decision']} ngày {_day(n['decided_on'])}"
                        + (" (đã hủy bỏ)" if n["revoked"] else "")
                        if n["decision"]
                        else ""
                    ),
                }
                for n in p["nominees"]
            ],
        }
        for p in proposals
    ]


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
        "awards": award_context(data, year),
        "unavailable_awards": UNAVAILABLE_AWARDS,
        "unavailable_documents": UNAVAILABLE_DOCUMENTS,
        "previous_year": year - 1,
        "next_year": year + 1,
        "preliminary": run.period == ReportPeriod.FIRST_HALF,
    }


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}".replace(".", ",") if whole else "0"


def _type_rows(now: dict, before: dict, level: str) -> list[dict]:
    before_by_code = {row["code"]: row for row in before["by_type"]}
    now_by_code = {row["code"]: row for row in now["by_type"]}
    codes = [r["code"] for r in now["by_type"] if r["level"] == level]
    codes += [
        r["code"] for r in before["by_type"] if r["level"] == level and r["code"] not in codes
    ]
    rows = []
    for code in codes:
        this = now_by_code.get(code)
        last = before_by_code.get(code)
        base = this or last
        total, previous = (this or {}).get("total", 0), (last or {}).get("total", 0)
        rows.append(
            {
                "name": base["name"],
                "collective": (this or {}).get("collective", 0),
                "household": (this or {}).get("household", 0),
                "individual": (this or {}).get("individual", 0),
                "total": total,
                "before": previous,
                "delta": _delta(total, previous),
            }
        )
    return rows


def award_context(data: dict, year: int) -> dict | None:
    """Section I.3 of the province review: tables by award form and subject, by level, by
    method and by cluster/block (this year vs the year before), the share of front-line
    workers, the dossiers handled and a chart. None for runs gathered before awards."""
    awards = data.get("awards")
    if not awards or "now" not in awards:
        return None
    now, before = awards["now"], awards["before"]
    sections = [
        {"title": title, "rows": _type_rows(now, before, level), "level": level}
        for level, title in AWARD_LEVEL_SECTIONS
    ]
    all_types = [row for section in sections for row in section["rows"]]
    levels = [
        (
            AWARD_LEVELS[level],
            before["by_level"][level]["total"],
            now["by_level"][level]["total"],
            _delta(now["by_level"][level]["total"], before["by_level"][level]["total"]),
        )
        for level, _title in AWARD_LEVEL_SECTIONS
    ]
    subjects = [
        (label, before["by_subject"][key], now["by_subject"][key]) for key, label in SUBJECT.items()
    ] + [("Trong đó tập thể là doanh nghiệp", before["enterprises"], now["enterprises"])]
    subjects = [(label, was, is_, _delta(is_, was)) for label, was, is_ in subjects]
    methods = [
        (
            label,
            before["by_method"][code],
            now["by_method"][code],
            _delta(now["by_method"][code], before["by_method"][code]),
        )
        for code, label in statforms.METHOD_LABELS.items()
    ]
    groups = [
        {
            "name": row["name"],
            "now": row["awards_now"],
            "before": row["awards_before"],
            "delta": _delta(row["awards_now"]["total"], row["awards_before"]["total"]),
        }
        for row in data["groups"]
    ]
    dossiers = [
        (label, awards["dossiers_before"][key], awards["dossiers"][key])
        for key, label in DOSSIER_ROWS
    ]
    chart = ""
    if all_types:
        chart = charts.grouped_bars(
            [row["name"] for row in all_types],
            [
                (f"Năm {year - 1}", [row["before"] for row in all_types]),
                (f"Năm {year}", [row["total"] for row in all_types]),
            ],
            title=f"Số lượng khen thưởng theo hình thức ({year - 1}–{year})",
        )
    individuals = now["by_subject"]["individual"]
    individuals_before = before["by_subject"]["individual"]
    start, end = now["period"]
    return {
        "period": f"từ ngày {_day(start)} đến ngày {_day(end)}",
        "now": now,
        "before": before,
        "sections": sections,
        "levels": levels,
        "subjects": subjects,
        "methods": methods,
        "groups": groups,
        "dossiers": dossiers,
        "chart": mark_safe(chart),  # noqa: S308 -- built by charts.py, every label escaped
        "frontline": {
            "individuals": individuals,
            "count": now["frontline"],
            "percent": _percent(now["frontline"], individuals),
            "before_individuals": individuals_before,
            "before_count": before["frontline"],
            "before_percent": _percent(before["frontline"], individuals_before),
        },
        "thematic_ad_hoc": now["by_method"]["thematic"] + now["by_method"]["ad_hoc"],
    }


def form_context(run: ReportRun) -> dict:
    form = statforms.build(run.kind, run.data)
    return {
        "form": form,
        "table": form.table(),
        "header_rows": form.header_rows(),
        "header_depth": form.header_depth,
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
