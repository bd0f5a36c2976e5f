"""Each page renders for a user allowed to see it (templates and URLs wired)."""

import subprocess
from decimal import Decimal

import pytest

from scoring import services
from tests.scoring.conftest import BEFORE_DAY, LOCKED_DAY, on

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_set_pages_render_for_the_head(scenario, time_machine, client_for):
    on(time_machine, BEFORE_DAY)
    client = client_for(scenario.users["head"])
    pk = scenario.criteria_set.pk

    statuses = {
        url: client.get(url).status_code
        for url in [
            "/scoring/",
            "/scoring/new/",
            f"/scoring/{pk}/",
            f"/scoring/{pk}/import/",
            f"/scoring/{pk}/settings/",
            f"/scoring/{pk}/export/",
            f"/scoring/{pk}/grid/",
            f"/scoring/{pk}/grid/export/",
            f"/scoring/{pk}/council/",
            f"/scoring/{pk}/overview/",
            f"/scoring/{pk}/results/",
        ]
    }

    assert set(statuses.values()) == {200}


def test_set_detail_lets_the_head_edit_before_scoring(scenario, time_machine, client_for):
    on(time_machine, BEFORE_DAY)

    response = client_for(scenario.users["head"]).get(f"/scoring/{scenario.criteria_set.pk}/")

    assert (response.context["can_change"], response.context["can_set_phases"]) == (True, True)
    assert [n.code for n in response.context["nodes"]][:2] == ["I", "1.1"]


def test_create_criteria_set_through_the_page(scenario, time_machine, client_for):
    on(time_machine, BEFORE_DAY)

    response = client_for(scenario.users["head"]).post(
        "/scoring/new/",
        {
            "group": scenario.group.pk,
            "year": 2026,
            "period": "mid_year",
            "title": "Sơ kết 6 tháng",
            "bonus_cap": "5",
            "penalty_cap": "5",
            "discrepancy_margin": "1",
            "tie_break_1": "fewer_penalty",
            "tie_break_2": "bonus",
        },
    )

    created = scenario.group.criteria_sets.get(period="mid_year")
    assert response.status_code == 302
    assert (created.title, created.tie_break) == ("Sơ kết 6 tháng", ["fewer_penalty", "bonus"])


def test_ballot_pages_render(scored, time_machine, client_for):
    services.lock_results(scored.criteria_set, actor=scored.users["emulation_officer"])
    on(time_machine, LOCKED_DAY)
    head = client_for(scored.users["head"])
    opened = head.post(
        f"/scoring/{scored.criteria_set.pk}/ballots/new/",
        {
            "title": "Suy tôn",
            "candidate_count": 2,
            "seats": 1,
            "quorum": "0,667",
            "threshold": "0.8",
        },
    )
    ballot = scored.criteria_set.ballots.get()
    leader = client_for(scored.users["leader_c"])

    vote_page = leader.get(f"/scoring/ballots/{ballot.pk}/")
    voted = leader.post(
        f"/scoring/ballots/{ballot.pk}/vote/",
        {"unit": scored.units[2].pk, "candidate": [ballot.candidates.get(rank=1).pk]},
    )
    closed = head.post(f"/scoring/ballots/{ballot.pk}/close/")
    minutes = head.get(f"/scoring/ballots/{ballot.pk}/minutes/")

    assert (opened.status_code, voted.status_code, closed.status_code) == (302, 302, 302)
    assert (
        vote_page.context["can_vote"],
        [o["voted"] for o in vote_page.context["own_units"]],
    ) == (
        True,
        [False],
    )
    assert [(r.candidate.unit.code, r.votes) for r in minutes.context["results"]] == [
        ("HY-A", 1),
        ("HY-C", 0),
    ]


def test_home_page_lists_cells_left_to_score(scenario, time_machine, client_for):
    from tests.scoring.conftest import HEAD_DAY

    on(time_machine, HEAD_DAY)

    response = client_for(scenario.users["head"]).get("/")

    items = [i for i in response.context["work_items"] if "scoring" in i.tags]
    assert [(i.title, i.count) for i in items] == [("21 cells left to score", 21)]


def test_home_page_lists_open_self_assessment(scenario, time_machine, client_for):
    from tests.scoring.conftest import SELF_DAY

    on(time_machine, SELF_DAY)

    response = client_for(scenario.users["officer_b"]).get("/")

    items = [i for i in response.context["work_items"] if "scoring" in i.tags]
    assert [i.title for i in items] == ["Self-assessment for 2026 open until 31/10/2026"]


def test_menu_shows_scoring_once_routed(scenario, client_for):
    response = client_for(scenario.users["officer_b"]).get("/")

    assert [i["key"] for i in response.context["nav_items"] if i["key"] == "scoring"] == ["scoring"]


def test_settings_page_saves_tie_breaks_and_bands(scenario, time_machine, client_for):
    on(time_machine, BEFORE_DAY)

    response = client_for(scenario.users["head"]).post(
        f"/scoring/{scenario.criteria_set.pk}/settings/",
        {
            "title": "Bảng điểm mới",
            "bonus_cap": "8",
            "penalty_cap": "4",
            "discrepancy_margin": "1,5",
            "tie_break_1": "criteria",
            "tie_break_2": "submitted_first",
            "bands": "Xuất sắc; 95\nTốt; 80,5\n",
        },
    )

    scenario.criteria_set.refresh_from_db()
    assert response.status_code == 302
    assert (
        scenario.criteria_set.title,
        scenario.criteria_set.bonus_cap,
        scenario.criteria_set.discrepancy_margin,
        scenario.criteria_set.tie_break,
    ) == ("Bảng điểm mới", Decimal(8), Decimal("1.5"), ["criteria", "submitted_first"])
    assert [(b.label, b.min_total) for b in scenario.criteria_set.bands.all()] == [
        ("Xuất sắc", Decimal(95)),
        ("Tốt", Decimal("80.5")),
    ]


def test_criteria_import_page_dry_run_shows_row_errors(scenario, time_machine, client_for):
    import io

    from openpyxl import Workbook

    from scoring import xlsx

    on(time_machine, BEFORE_DAY)
    book = Workbook()
    book.active.append(xlsx.CRITERIA_COLUMNS)
    book.active.append(["I", "", "Nhóm", "mười", "fixed", "", "", "", "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "tieu-chi.xlsx"

    response = client_for(scenario.users["head"]).post(
        f"/scoring/{scenario.criteria_set.pk}/import/", {"file": buffer, "apply": "on"}
    )

    assert response.status_code == 200
    assert response.context["report"].errors == ["Row 2: points must be numbers."]
    assert [n.code for n in scenario.criteria_set.criteria.order_by("position")][:2] == ["I", "1.1"]


def test_work_providers_cost_a_bounded_number_of_queries(
    scenario, time_machine, django_assert_max_num_queries
):
    from scoring import work
    from tests.scoring.conftest import HEAD_DAY, SELF_DAY, fresh

    officer, head = fresh(scenario.users["officer_b"]), fresh(scenario.users["head"])

    on(time_machine, SELF_DAY)
    with django_assert_max_num_queries(4):
        unit_items = work.self_assessment_work(officer)
    on(time_machine, HEAD_DAY)
    with django_assert_max_num_queries(5):
        head_items = work.head_scoring_work(head)

    assert (len(unit_items), len(head_items)) == (1, 1)


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(content)
    result = subprocess.run(  # noqa: S603 -- fixed argument list, our own file
        ["/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return " ".join(result.stdout.split())


def test_ballot_minutes_print_as_a_decree_30_pdf_for_those_who_see_the_results(
    scored, time_machine, client_for, tmp_path
):
    services.lock_results(scored.criteria_set, actor=scored.users["emulation_officer"])
    on(time_machine, LOCKED_DAY)
    ballot = services.open_ballot(
        scored.criteria_set,
        title="Suy tôn đơn vị dẫn đầu",
        candidate_count=2,
        seats=1,
        quorum=Decimal("0.3"),
        threshold=Decimal("0.3"),
        actor=scored.users["head"],
    )
    client_for(scored.users["leader_c"]).post(
        f"/scoring/ballots/{ballot.pk}/vote/",
        {"unit": scored.units[2].pk, "candidate": [ballot.candidates.get(rank=1).pk]},
    )
    client_for(scored.users["head"]).post(f"/scoring/ballots/{ballot.pk}/close/")

    response = client_for(scored.users["head"]).get(f"/scoring/ballots/{ballot.pk}/minutes.pdf")
    outsider = client_for(scored.users["leader_x"]).get(f"/scoring/ballots/{ballot.pk}/minutes.pdf")

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    text = _pdf_text(response.content, tmp_path)
    winner = ballot.candidates.get(rank=1).unit.name
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BIÊN BẢN" in text
    assert f"Số: /BB-{scored.criteria_set.group.code}".upper() in text.upper()
    assert f"1 {winner} 1 33,3% Đạt" in text
    assert f"Đơn vị được suy tôn: {winner}" in text
    assert "THƯ KÝ CHỦ TỌA" in text
    assert outsider.status_code in (403, 404)
