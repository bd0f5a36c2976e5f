import logging

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_healthz_reports_ok_to_anonymous(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_healthz_reports_error_when_redis_is_down(client, settings, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    with caplog.at_level(logging.ERROR, logger="core.views"):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "ok", "redis": "error"}}
    assert [r.getMessage() for r in caplog.records if r.name == "core.views"] == [
        "Health check: Redis unreachable"
    ]


def test_healthz_without_redis_is_ok_and_says_so(client, settings):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not_configured"},
    }


def test_healthz_does_not_redirect_signed_in_user(client_for, unit_officer):
    response = client_for(unit_officer).get("/healthz")

    assert (response.status_code, response.json()["status"]) == (200, "ok")
