import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from core.exceptions import DomainError
from core.models import AuditEntry
from scoring import audit_actions, services
from scoring.enums import SheetStatus, Stage
from scoring.models import Evidence, ScoreLine, ScoreSheet
from tests.scoring.conftest import HEAD_DAY, SELF_DAY, on

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def self_score(scenario, code, value, *, unit=1, actor="officer_b", **kwargs):
    return services.save_self_score(
        scenario.criteria_set,
        unit_id=scenario.units[unit].pk,
        criterion=scenario.c[code],
        value=value,
        actor=scenario.users[actor],
        **kwargs,
    )


def fill_all(scenario, media):
    for code, value in {
        "1.1": "15",
        "1.2": "5",
        "1.3": "10",
        "2.1": "30",
        "B1": "0",
        "B2": "0",
        "P1": "0",
    }.items():
        self_score(scenario, code, value)
    services.upload_evidence(
        scenario.criteria_set,
        unit_id=scenario.units[1].pk,
        criterion=scenario.c["2.1"],
        upload=SimpleUploadedFile("bao-cao.pdf", PDF),
        actor=scenario.users["officer_b"],
    )


def test_save_self_score_accepts_a_vietnamese_decimal_comma(scenario, time_machine):
    on(time_machine, SELF_DAY)

    line = self_score(scenario, "1.1", "7,5", comment="Đạt kế hoạch")

    assert (line.stage, line.value, line.comment, line.version) == (
        Stage.SELF,
        Decimal("7.50"),
        "Đạt kế hoạch",
        1,
    )
    assert AuditEntry.objects.filter(action=audit_actions.LINE_CHANGED).count() == 1


def test_save_self_score_computes_quantitative_points_from_achievement(scenario, time_machine):
    on(time_machine, SELF_DAY)

    line = self_score(scenario, "1.3", None, achieved="85")

    assert (line.achieved, line.value) == (Decimal("85.00"), Decimal("17.00"))


def test_save_self_score_refuses_a_value_not_among_graded_levels(scenario, time_machine):
    on(time_machine, SELF_DAY)

    with pytest.raises(DomainError) as error:
        self_score(scenario, "1.2", "7")

    assert error.value.message == "1.2: the score must be one of 0.00, 5.00, 10.00."
    assert ScoreLine.objects.count() == 0


def test_save_self_score_is_refused_outside_the_phase(scenario, time_machine):
    on(time_machine, HEAD_DAY)

    with pytest.raises(PermissionDenied):
        self_score(scenario, "1.1", "5")

    assert ScoreLine.objects.count() == 0


def test_submit_requires_every_value_and_required_evidence(scenario, time_machine, media):
    on(time_machine, SELF_DAY)
    self_score(scenario, "1.1", "15")
    sheet = ScoreSheet.objects.get()

    with pytest.raises(DomainError) as error:
        services.submit_self_assessment(sheet, actor=scenario.users["officer_b"])

    assert error.value.message == (
        "Score every criterion and attach the required evidence first: 1.2, 1.3, 2.1, B1, B2, P1."
    )


def test_submitted_sheet_is_read_only_until_returned(scenario, time_machine, media):
    on(time_machine, SELF_DAY)
    fill_all(scenario, media)
    sheet = services.submit_self_assessment(
        ScoreSheet.objects.get(), actor=scenario.users["officer_b"]
    )

    with pytest.raises(PermissionDenied):
        self_score(scenario, "1.1", "20")
    services.return_sheet(sheet, reason="Thiếu minh chứng", actor=scenario.users["head"])
    line = self_score(scenario, "1.1", "20", version=1)

    assert (ScoreSheet.objects.get().status, line.value, line.version) == (
        SheetStatus.RETURNED,
        Decimal("20.00"),
        2,
    )


def test_return_sheet_requires_a_reason(scenario, time_machine, media):
    on(time_machine, SELF_DAY)
    fill_all(scenario, media)
    sheet = services.submit_self_assessment(
        ScoreSheet.objects.get(), actor=scenario.users["officer_b"]
    )

    with pytest.raises(DomainError) as error:
        services.return_sheet(sheet, reason=" ", actor=scenario.users["head"])

    assert (error.value.code, ScoreSheet.objects.get().status) == (
        "reason_required",
        SheetStatus.SELF_SUBMITTED,
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.png", PNG, "image/png"),
        ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg"),
        (
            "a.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_upload_evidence_detects_type_by_content(
    scenario, time_machine, media, name, content, content_type
):
    on(time_machine, SELF_DAY)

    evidence = services.upload_evidence(
        scenario.criteria_set,
        unit_id=scenario.units[1].pk,
        criterion=scenario.c["2.1"],
        upload=SimpleUploadedFile(name, content, content_type="text/plain"),
        actor=scenario.users["officer_b"],
    )

    with evidence.file.open("rb") as stored:
        data = stored.read()
    assert (evidence.content_type, evidence.size, data) == (
        content_type,
        len(content),
        content,
    )
    assert str(media / "private" / "evidence") in evidence.file.path


@pytest.mark.parametrize(
    "content", [b"<html><script>alert(1)</script></html>", b"PK\x03\x04not-a-zip", b"MZ\x90\x00"]
)
def test_upload_evidence_refuses_other_content_whatever_the_name(
    scenario, time_machine, media, content
):
    on(time_machine, SELF_DAY)

    with pytest.raises(DomainError) as error:
        services.upload_evidence(
            scenario.criteria_set,
            unit_id=scenario.units[1].pk,
            criterion=scenario.c["2.1"],
            upload=SimpleUploadedFile("minh-chung.pdf", content, content_type="application/pdf"),
            actor=scenario.users["officer_b"],
        )

    assert (error.value.code, Evidence.objects.count()) == ("bad_type", 0)


def test_upload_evidence_refuses_files_over_the_size_limit(scenario, time_machine, media, settings):
    on(time_machine, SELF_DAY)
    settings.SCORING_EVIDENCE_MAX_BYTES = 100

    with pytest.raises(DomainError) as error:
        services.upload_evidence(
            scenario.criteria_set,
            unit_id=scenario.units[1].pk,
            criterion=scenario.c["2.1"],
            upload=SimpleUploadedFile("a.pdf", PDF + b"0" * 100),
            actor=scenario.users["officer_b"],
        )

    assert (error.value.code, Evidence.objects.count()) == ("too_large", 0)


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("officer_b", 200),
        ("head", 200),
        ("deputy", 200),
        ("emulation_officer", 200),
        ("officer_a", 404),
        ("officer_x", 404),
        ("leader_c", 404),
    ],
)
def test_evidence_download_only_for_those_allowed(
    scenario, time_machine, media, client_for, actor, status
):
    on(time_machine, SELF_DAY)
    evidence = services.upload_evidence(
        scenario.criteria_set,
        unit_id=scenario.units[1].pk,
        criterion=scenario.c["2.1"],
        upload=SimpleUploadedFile("bao-cao.pdf", PDF),
        actor=scenario.users["officer_b"],
    )

    response = client_for(scenario.users[actor]).get(f"/scoring/evidence/{evidence.pk}/")

    assert response.status_code == status
    body = b"".join(response.streaming_content) if status == 200 else response.content
    assert (PDF in body) == (status == 200)


def test_self_assessment_autosave_view_saves_one_field(scenario, time_machine, client_for):
    on(time_machine, SELF_DAY)
    cs, unit, c = scenario.criteria_set, scenario.units[1], scenario.c["1.1"]

    response = client_for(scenario.users["officer_b"]).post(
        f"/scoring/{cs.pk}/units/{unit.pk}/save/{c.pk}/",
        {"value": "12", "comment": "Ghi chú", "version": "0"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert f'id="version-{c.pk}" value="1"' in response.content.decode()
    assert ScoreLine.objects.get().value == Decimal(12)


def test_self_assessment_page_lists_criteria_for_the_unit(scenario, time_machine, client_for):
    on(time_machine, SELF_DAY)
    self_score(scenario, "1.1", "12")

    response = client_for(scenario.users["officer_b"]).get(
        f"/scoring/{scenario.criteria_set.pk}/units/{scenario.units[1].pk}/"
    )

    assert response.status_code == 200
    assert [r["node"].code for r in response.context["rows"]] == [
        "I",
        "1.1",
        "1.2",
        "1.3",
        "II",
        "2.1",
        "B",
        "B1",
        "B2",
        "P",
        "P1",
    ]
    assert (response.context["can_edit"], response.context["totals"].total) == (True, Decimal(12))


def test_self_assessment_autosave_returns_computed_points_for_achievement(
    scenario, time_machine, client_for
):
    on(time_machine, SELF_DAY)
    cs, unit, c = scenario.criteria_set, scenario.units[1], scenario.c["1.3"]

    response = client_for(scenario.users["officer_b"]).post(
        f"/scoring/{cs.pk}/units/{unit.pk}/save/{c.pk}/",
        {"achieved": "85", "value": "", "comment": "", "version": "0"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert f'id="value-{c.pk}" inputmode="decimal"' in response.content.decode()
    assert 'value="17.00"' in response.content.decode()
