"""The periodic drafts as django-celery-beat rows (domain §8b: preliminary reviews in June,
final reviews in December). Staff change the dates in the admin; these are only defaults and
an existing row is never overwritten."""

import json

TASK = "reports.create_periodic_drafts"
DEFAULTS = [
    ("Báo cáo sơ kết 6 tháng (dự thảo)", "15", "6", "h1"),
    ("Báo cáo tổng kết năm (dự thảo)", "15", "12", "year"),
]


def ensure_periodic_drafts(crontab_model, task_model) -> list[str]:
    """Create the missing rows (06:00 Hưng Yên time). Takes the models so that the data
    migration can pass its historical ones. Returns the names of the rows created."""
    created = []
    for name, day, month, period in DEFAULTS:
        crontab, _ = crontab_model.objects.get_or_create(
            minute="0",
            hour="6",
            day_of_month=day,
            month_of_year=month,
            day_of_week="*",
            timezone="Asia/Ho_Chi_Minh",
        )
        _, was_created = task_model.objects.get_or_create(
            name=name,
            defaults={
                "task": TASK,
                "crontab": crontab,
                "kwargs": json.dumps({"period": period}),
                "queue": "reports",
                "description": "Tạo dự thảo báo cáo của tỉnh và của từng Cụm, Khối thi đua.",
            },
        )
        if was_created:
            created.append(name)
    return created
