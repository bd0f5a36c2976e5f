import pytest
from django.conf import settings

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def template_names(response):
    return [template.name for template in response.templates]


def test_error_pages_run_without_debug():
    assert settings.DEBUG is False


def test_error_page_404_for_unknown_url_as_signed_in_user(client_for, unit_officer):
    response = client_for(unit_officer).get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert template_names(response)[:2] == ["errors/404.html", "base.html"]
    content = response.content.decode()
    assert '<html lang="vi">' in content
    assert 'data-testid="current-user"' in content
    assert 'href="/"' in content


def test_error_page_403_for_audit_log_as_unit_officer(client_for, unit_officer):
    response = client_for(unit_officer).get("/audit/")

    assert response.status_code == 403
    assert template_names(response)[:2] == ["errors/403.html", "base.html"]
    assert '<html lang="vi">' in response.content.decode()
    assert 'data-testid="audit-table"' not in response.content.decode()
