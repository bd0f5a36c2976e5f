"""A report number is unique per symbol and year of issue (the yearly register's year), not per
reporting year: a 2025 report issued in January 2026 takes number 01 of the 2026 register, and
the old constraint refused it when a 2025 report issued in 2025 already held 01."""

import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_final_immutable_and_schedule"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="reportrun",
            name="reportrun_unique_number",
        ),
        migrations.AddConstraint(
            model_name="reportrun",
            constraint=models.UniqueConstraint(
                django.db.models.functions.datetime.ExtractYear("issued_on"),
                models.F("symbol"),
                models.F("number"),
                condition=models.Q(("number__isnull", False)),
                name="reportrun_unique_number_per_issue_year",
            ),
        ),
    ]
