"""Pre-filled narrative sections: a first draft written from the figures, in the
administrative Vietnamese of the report. Emulation officers rewrite them before finalising."""

from reports.enums import ReportKind, ReportPeriod

NEXT_TASKS = (
    "1. Tiếp tục tuyên truyền, quán triệt tư tưởng thi đua ái quốc của Chủ tịch Hồ Chí Minh; "
    "các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về thi đua, khen thưởng.\n"
    "2. Đổi mới, nâng cao chất lượng hoạt động của các Cụm, Khối thi đua; xây dựng tiêu chí "
    "chấm điểm cụ thể, gắn với nhiệm vụ chính trị được giao.\n"
    "3. Phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển hình tiên tiến.\n"
    "4. Nâng cao chất lượng công tác khen thưởng, bảo đảm chính xác, kịp thời, công khai, "
    "minh bạch; chú trọng khen thưởng người lao động trực tiếp."
)


def _period_words(period: str, year: int) -> str:
    if period == ReportPeriod.FIRST_HALF:
        return f"6 tháng đầu năm {year}"
    return f"năm {year}"


def prefill(kind: str, data: dict) -> dict[str, str]:
    year = data["year"]
    when = _period_words(data.get("period", ReportPeriod.YEAR), year)
    if kind in ReportKind.GROUP_KINDS:
        regs = data["registrations"]
        approved = regs["by_status"].get("approved", 0)
        pledge = data["pledge"]
        assessment = (
            f"Trong {when}, {data['group']['name']} có {regs['units']} đơn vị thành viên; "
            f"{approved}/{regs['units']} đơn vị đã được phê duyệt đăng ký thi đua"
            + (
                f"; giao ước thi đua có {pledge['signed']} đơn vị xác nhận."
                if pledge
                else "; chưa có giao ước thi đua."
            )
        )
        limitations = (
            f"Còn {regs['none']} đơn vị chưa đăng ký thi đua; "
            f"{regs['late']} đơn vị gửi đăng ký sau thời hạn."
        )
        return {"assessment": assessment, "limitations": limitations, "next_tasks": NEXT_TASKS}
    if kind in (ReportKind.PROVINCE_PRELIMINARY, ReportKind.PROVINCE_FINAL):
        totals = data["totals"]
        assessment = (
            f"Trong {when}, toàn tỉnh có {totals['groups']} Cụm, Khối thi đua với "
            f"{totals['members']} đơn vị thành viên; {totals['approved']} đơn vị "
            f"({totals['approved_percent']}%) đã được phê duyệt đăng ký thi đua; "
            f"{totals['pledges_in_force']} Cụm, Khối thi đua đã ký giao ước thi đua."
        )
        limitations = (
            f"Còn {totals['members'] - totals['registered']} đơn vị chưa đăng ký thi đua; "
            f"{totals['late']} đơn vị gửi đăng ký sau thời hạn."
        )
        awards = data.get("awards") or {}
        now, dossiers = awards.get("now"), awards.get("dossiers")
        if now and now["total"]:
            subjects = now["by_subject"]
            assessment += (
                f" Đã khen thưởng {now['total']} lượt ({subjects['collective']} tập thể, "
                f"{subjects['household']} hộ gia đình, {subjects['individual']} cá nhân), "
                f"trong đó {now['frontline']} cá nhân là người trực tiếp công tác, lao động."
            )
        if dossiers and (dossiers["late"] or dossiers["returned"]):
            limitations += (
                f" Có {dossiers['late']} hồ sơ đề nghị khen thưởng gửi sau thời hạn, "
                f"{dossiers['returned']} hồ sơ phải trả lại để hoàn thiện."
            )
        return {"assessment": assessment, "limitations": limitations, "next_tasks": NEXT_TASKS}
    return {"assessment": "", "limitations": "", "next_tasks": ""}
