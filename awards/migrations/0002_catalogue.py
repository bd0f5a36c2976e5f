"""The award catalogue, required documents and base salary as data (domain §2.2, §4.1, R31–R34).

Staff edit these rows afterwards (Awards → Catalogue); this migration only creates the rows that
are missing, so it never overwrites an edited value.
"""

import datetime
from decimal import Decimal

from django.db import migrations

D = Decimal
# code, name, level, kind, (collective, individual, household), statistics column,
# coefficients (collective, individual, household), merit chain, ballot, threshold, decided by
CATALOGUE = [
    ("HUAN_CHUONG_LAO_DONG_3", "Huân chương Lao động hạng Ba", "state", "form", (1, 1, 0),
     "0602:2", (D("9"), D("4.5"), None), True, False, None, "Chủ tịch nước"),
    ("GOVERNMENT_EMULATION_FLAG", "Cờ thi đua của Chính phủ", "state", "title", (1, 0, 0),
     "0602:6", (D("12"), None, None), True, True, D("80"), "Thủ tướng Chính phủ"),
    ("PM_CERTIFICATE", "Bằng khen của Thủ tướng Chính phủ", "state", "form", (1, 1, 1),
     "0602:7", (D("7"), D("3.5"), D("5.25")), True, False, None, "Thủ tướng Chính phủ"),
    ("NATIONAL_EMULATION_FIGHTER", "Chiến sĩ thi đua toàn quốc", "state", "title", (0, 1, 0),
     "0602:8", (None, D("4.5"), None), True, True, D("90"), "Thủ tướng Chính phủ"),
    ("PROVINCIAL_EMULATION_FLAG", "Cờ thi đua của Ủy ban nhân dân tỉnh", "province", "title",
     (1, 0, 0), "0603:4", (D("8"), None, None), True, True, D("80"),
     "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("PROVINCIAL_EMULATION_FIGHTER", "Chiến sĩ thi đua cấp tỉnh", "province", "title", (0, 1, 0),
     "0603:3", (None, D("3"), None), True, True, D("90"), "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("PROVINCIAL_CERTIFICATE", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "province", "form",
     (1, 1, 1), "0603:2", (D("3"), D("1.5"), D("2.25")), True, False, None,
     "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("EXCELLENT_COLLECTIVE", "Tập thể lao động xuất sắc", "province", "title", (1, 0, 0), "",
     (D("1.5"), None, None), True, False, None, "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("EXEMPLARY_COMMUNE", "Xã, phường tiêu biểu", "province", "title", (1, 0, 0), "",
     (D("2"), None, None), True, False, None, "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("GRASSROOTS_EMULATION_FIGHTER", "Chiến sĩ thi đua cơ sở", "grassroots", "title", (0, 1, 0),
     "", (None, D("1"), None), True, True, D("80"),
     "Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân cấp xã"),
    ("ADVANCED_WORKER", "Lao động tiên tiến", "grassroots", "title", (0, 1, 0), "",
     (None, D("0.3"), None), True, False, None,
     "Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân cấp xã"),
    ("ADVANCED_COLLECTIVE", "Tập thể lao động tiên tiến", "grassroots", "title", (1, 0, 0), "",
     (D("0.8"), None, None), True, False, None,
     "Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân cấp xã"),
    ("MERIT_CERTIFICATE", "Giấy khen", "grassroots", "form", (1, 1, 1), "",
     (D("0.6"), D("0.3"), D("0.45")), True, False, None,
     "Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân cấp xã"),
    ("CULTURAL_VILLAGE", "Thôn, tổ dân phố văn hóa", "grassroots", "title", (1, 0, 0), "",
     (D("1.5"), None, None), True, False, None, "Chủ tịch Ủy ban nhân dân cấp xã"),
    ("CULTURAL_FAMILY", "Gia đình văn hóa", "grassroots", "title", (0, 0, 1), "",
     (None, None, None), True, False, None, "Chủ tịch Ủy ban nhân dân cấp xã"),
]

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 152/2025/NĐ-CP"
# (kind, per nominee) for every award type that a provincial or state dossier carries.
DOSSIER = [("submission", False), ("achievement_report", True), ("minutes", False)]
EXTRA = {
    "PROVINCIAL_EMULATION_FIGHTER": [("initiative", True)],
    "NATIONAL_EMULATION_FIGHTER": [("initiative", True)],
}
BASE_SALARY = [
    (datetime.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    RequiredDocument = apps.get_model("awards", "RequiredDocument")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for order, row in enumerate(CATALOGUE, start=1):
        code, name, level, kind, subjects, column, coefficients, chain, ballot, threshold, who = row
        award_type, created = AwardType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level,
                "kind": kind,
                "for_collective": bool(subjects[0]),
                "for_individual": bool(subjects[1]),
                "for_household": bool(subjects[2]),
                "statistics_column": column,
                "coefficient_collective": coefficients[0],
                "coefficient_individual": coefficients[1],
                "coefficient_household": coefficients[2],
                "counts_for_merit_chain": chain,
                "requires_ballot": ballot,
                "vote_threshold_percent": threshold,
                "decided_by": who,
                "legal_basis": LAW,
                "sort_order": order * 10,
            },
        )
        if not created or level == "grassroots":
            continue
        for kind_code, per_nominee in DOSSIER + EXTRA.get(code, []):
            if kind_code == "minutes" and not ballot:
                continue
            RequiredDocument.objects.create(
                award_type=award_type,
                kind=kind_code,
                per_nominee=per_nominee,
                valid_from=datetime.date(2024, 1, 1),
                legal_basis="Nghị định 98/2023/NĐ-CP Điều 34; Nghị định 152/2025/NĐ-CP",
            )
    for valid_from, amount, basis in BASE_SALARY:
        BaseSalary.objects.get_or_create(
            valid_from=valid_from, defaults={"amount": amount, "legal_basis": basis}
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
