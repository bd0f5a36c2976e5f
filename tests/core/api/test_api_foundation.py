import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.enums import Role
from core.api.errors import exception_handler
from core.exceptions import DomainError
from tests.factories.clusters import OrgUnitFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def api():
    return APIClient()


def test_token_endpoint_returns_token_for_valid_credentials(api, unit_officer, password):
    response = api.post(
        "/api/v1/auth/token/", {"username": unit_officer.username, "password": password}
    )

    assert response.status_code == 200
    assert response.json()["token"] == unit_officer.auth_token.key


def test_token_endpoint_refuses_bad_password_in_the_common_error_format(api, unit_officer):
    response = api.post(
        "/api/v1/auth/token/", {"username": unit_officer.username, "password": "sai-mật-khẩu"}
    )

    body = response.json()
    assert response.status_code == 400
    assert body["error"]["code"] == "validation_error"
    assert list(body["error"]["fields"]) == ["non_field_errors"]


def test_token_endpoint_error_is_translated_to_vietnamese(api, unit_officer):
    response = api.post(
        "/api/v1/auth/token/",
        {"username": unit_officer.username, "password": "sai"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    with translation.override("vi"):
        expected = translation.gettext("Unable to log in with provided credentials.")
    assert expected != "Unable to log in with provided credentials."
    assert response.json()["error"]["fields"]["non_field_errors"] == [expected]


def test_api_anonymous_gets_401_with_authenticate_header(api):
    response = api.get("/api/v1/me/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["error"]["code"] == "not_authenticated"


def test_me_with_token_lists_roles_in_force(api, user_with_role, unit):
    user = user_with_role(Role.UNIT_LEADER, unit)
    token = api.post(
        "/api/v1/auth/token/", {"username": user.username, "password": "Mật-khẩu-thử-2024"}
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = api.get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "position": "",
        "roles": [{"role": "unit_leader", "unit_id": unit.pk, "unit_name": unit.name}],
    }


@pytest.mark.parametrize("item_count", [1, 3])
def test_units_list_is_paginated_with_bounded_queries(
    api, unit_officer, item_count, django_assert_max_num_queries
):
    OrgUnitFactory.create_batch(item_count)
    api.force_authenticate(unit_officer)

    with django_assert_max_num_queries(4):
        response = api.get("/api/v1/units/", {"page_size": 2})

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == item_count + 1  # + the officer's own unit
    assert len(body["results"]) == min(2, item_count + 1)
    assert set(body) == {"count", "next", "previous", "results"}


def test_units_list_filters_by_type(api, unit_officer):
    OrgUnitFactory(code="325", name="Huyện Văn Lâm", unit_type="district")
    api.force_authenticate(unit_officer)

    response = api.get("/api/v1/units/", {"unit_type": "district"})

    assert [u["code"] for u in response.json()["results"]] == ["325"]


def test_units_filter_with_bad_value_is_a_400_in_the_common_format(api, unit_officer):
    api.force_authenticate(unit_officer)

    response = api.get("/api/v1/units/", {"unit_type": "planet"})

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["unit_type"]


def test_unit_detail_carries_its_id(api, unit_officer, unit):
    api.force_authenticate(unit_officer)

    response = api.get(f"/api/v1/units/{unit.pk}/")

    assert response.json()["id"] == unit.pk
    assert response.json()["code"] == unit.code


def test_unknown_unit_is_a_404_in_the_common_format(api, unit_officer):
    api.force_authenticate(unit_officer)

    response = api.get("/api/v1/units/999999/")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_openapi_schema_is_served_as_json(client):
    response = client.get("/api/schema/", {"format": "json"})

    schema = response.json()
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/units/" in schema["paths"]
    assert "/api/v1/auth/token/" in schema["paths"]


@pytest.mark.django_db
def test_api_docs_page_uses_no_cdn(client):
    response = client.get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html


def test_openapi_schema_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "s.yml"))

    assert (tmp_path / "s.yml").read_text().startswith("openapi: 3.")


def test_token_endpoint_answers_429_once_the_account_is_locked(
    api, unit_officer, password, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post("/api/v1/auth/token/", {"username": unit_officer.username, "password": "sai"})

    response = api.post(
        "/api/v1/auth/token/", {"username": unit_officer.username, "password": password}
    )

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"
    assert Token.objects.filter(user=unit_officer).exists() is False


def test_a_refused_domain_rule_keeps_its_code_and_reason():
    response = exception_handler(DomainError("Số 05 đã được dùng.", code="number_taken"), {})

    assert response.status_code == 400
    assert response.data == {
        "error": {
            "code": "number_taken",
            "message": "Số 05 đã được dùng.",
            "fields": {"non_field_errors": ["Số 05 đã được dùng."]},
        }
    }
