import pytest

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_pages_are_vietnamese_even_when_the_browser_prefers_english(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_pages_follow_the_language_the_user_switched_to(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/")

    assert response.status_code == 302
    assert '<html lang="en">' in page.content.decode()
    assert "Đăng nhập" not in page.content.decode()


@pytest.mark.django_db
def test_pages_ignore_an_unknown_language_cookie(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get("/accounts/login/")

    assert '<html lang="vi">' in response.content.decode()


@pytest.mark.django_db
def test_api_follows_accept_language(client):
    vietnamese = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="vi")
    english = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")

    assert english.json()["error"]["message"] == "Authentication credentials were not provided."
    assert vietnamese.json()["error"]["message"] != english.json()["error"]["message"]
