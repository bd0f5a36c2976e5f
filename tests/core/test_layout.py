"""Small pieces of the layout and the figures, without the database."""

import datetime

import pytest

from campaigns.models import Movement
from core.layout import date_words, place_date
from reports import charts, data, statforms
from reports.models import ReportRun

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2024, 3, 6), "Hưng Yên, ngày 06 tháng 3 năm 2024"),
        (datetime.date(2020, 1, 5), "Hưng Yên, ngày 05 tháng 01 năm 2020"),
        (datetime.date(2025, 2, 28), "Hưng Yên, ngày 28 tháng 02 năm 2025"),
        (datetime.date(2025, 12, 15), "Hưng Yên, ngày 15 tháng 12 năm 2025"),
    ],
)
def test_place_date_pads_days_under_ten_and_months_one_and_two(day, expected):
    assert place_date(day) == expected


def test_place_date_of_a_draft_leaves_blanks():
    assert place_date(None).split() == ["Hưng", "Yên,", "ngày", "tháng", "năm"]


@pytest.mark.parametrize(("number", "label"), [(5, "05/BC-UBND"), (12, "12/BC-UBND")])
def test_number_label_takes_a_leading_zero_under_ten(number, label):
    assert ReportRun(number=number, symbol="BC-UBND").number_label == label


def test_chart_escapes_labels_and_draws_one_bar_per_value():
    svg = charts.grouped_bars(["Cụm <1> & co"], [("2024", [2]), ("2025", [4])], title="T")

    assert "Cụm &lt;1&gt; &amp; co" in svg
    assert "<1>" not in svg
    assert svg.count("<rect") == 4  # two bars and two legend keys


@pytest.mark.parametrize(
    ("fields", "bucket"),
    [
        (
            {"start_date": datetime.date(2025, 1, 10), "end_date": datetime.date(2025, 6, 30)},
            "under_1",
        ),
        ({"start_date": datetime.date(2025, 1, 1), "end_date": datetime.date(2025, 12, 31)}, "1"),
        ({"start_year": 2025, "end_year": 2025}, "1"),
        ({"start_year": 2024, "end_year": 2025}, "1_to_3"),
        ({"start_year": 2023, "end_year": 2026}, "3_to_5"),
        ({"start_year": 2021, "end_year": 2025}, "5_plus"),
        ({"start_year": 2021}, None),
    ],
)
def test_movement_duration_buckets_of_form_0601(fields, bucket):
    assert data._duration_bucket(Movement(**fields)) == bucket


def test_form_0601_notes_movements_without_a_duration():
    form = statforms.build(
        "form_0601",
        {
            "period": ["2024-12-01", "2025-11-30"],
            "cells": {},
            "unknown_duration": ["Phong trào A"],
        },
    )

    assert form.notes == [
        "Kỳ báo cáo: từ ngày 01/12/2024 đến ngày 30/11/2025",
        "Phong trào chưa có thời hạn, chưa tính vào mục 2: Phong trào A.",
    ]
    assert form.table()[0]["values"] == ["0", "0", "0", "0"]


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (datetime.date(2024, 3, 6), "ngày 06 tháng 3 năm 2024"),
        (datetime.date(2025, 2, 1), "ngày 01 tháng 02 năm 2025"),
        (datetime.date(2025, 12, 25), "ngày 25 tháng 12 năm 2025"),
    ],
)
def test_date_in_words_follows_decree_30(day, words):
    assert date_words(day) == words
