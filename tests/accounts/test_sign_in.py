import datetime
import re
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import URLResolver, get_resolver

from accounts import audit_actions
from config.settings import base as base_settings
from core.models import AuditEntry
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SIGN_IN_URL = "/accounts/login/"
NEW_PASSWORD = "Cây-đa-đầu-làng-2025"

# Pages an anonymous visitor may open; everything else sends them to the sign-in page.
PUBLIC_PATHS = {
    "accounts/login/",
    "accounts/password_reset/",
    "accounts/password_reset/done/",
    "accounts/reset/done/",
    "healthz",
    "i18n/setlang/",
}
# The admin has its own sign-in page and the API answers 401 in JSON (tested below).
OWN_AUTH_PREFIXES = ("admin/", "api/")


def _plain_paths(patterns, prefix=""):
    """Every URL of the project that takes no argument, as a path without its leading slash."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _plain_paths(pattern.url_patterns, route)
        elif not re.search(r"[<(^$\\]", route):
            yield route


PRIVATE_PATHS = sorted(
    {
        "/" + path
        for path in _plain_paths(get_resolver().url_patterns)
        if path not in PUBLIC_PATHS and not path.startswith(OWN_AUTH_PREFIXES)
    }
)


def sign_in(client, username, password, **extra):
    return client.post(SIGN_IN_URL, {"username": username, "password": password}, **extra)


def audit_rows(action):
    return list(
        AuditEntry.objects.filter(action=action)
        .order_by("id")
        .values_list("actor_id", "target_id", "target_label", "after", "ip_address")
    )


def test_sign_in_page_is_vietnamese_by_default(client):
    response = client.get(SIGN_IN_URL)

    assert response.status_code == 200
    assert response.templates[0].name == "registration/login.html"
    assert response["Content-Language"] == "vi"
    content = response.content.decode()
    assert content.startswith('<!doctype html>\n\n<html lang="vi">')
    assert list(response.context["form"].fields) == ["username", "password"]
    sign_in_form = re.search(r'<form method="post" novalidate>.*?</form>', content, re.S)[0]
    assert re.findall(r'<input[^>]* name="(\w+)"', sign_in_form) == [
        "csrfmiddlewaretoken",
        "next",
        "username",
        "password",
    ]
    assert 'href="/accounts/password_reset/"' in content


def test_sign_in_page_switches_to_english_through_setlang(client):
    switch = client.post("/i18n/setlang/", {"language": "en", "next": SIGN_IN_URL})

    response = client.get(SIGN_IN_URL)

    assert (switch.status_code, switch["Location"]) == (302, SIGN_IN_URL)
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_sign_in_with_correct_password_signs_in_and_audits_with_ip(client, unit_officer, password):
    response = sign_in(client, unit_officer.username, password, REMOTE_ADDR="10.20.30.40")

    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(unit_officer.pk)
    assert audit_rows(audit_actions.SIGNED_IN) == [
        (unit_officer.pk, str(unit_officer.pk), str(unit_officer), None, "10.20.30.40")
    ]
    assert audit_rows(audit_actions.SIGN_IN_FAILED) == []


def test_sign_in_follows_next_to_the_page_asked_for(client, unit_officer, password):
    response = client.post(
        SIGN_IN_URL,
        {"username": unit_officer.username, "password": password, "next": "/audit/"},
    )

    assert (response.status_code, response["Location"]) == (302, "/audit/")


def test_sign_in_refuses_next_to_another_site(client, unit_officer, password):
    response = client.post(
        SIGN_IN_URL,
        {"username": unit_officer.username, "password": password, "next": "https://evil.example/"},
    )

    assert (response.status_code, response["Location"]) == (302, "/")


def test_sign_in_with_wrong_password_fails_and_audits_without_password(client, unit_officer):
    response = sign_in(client, unit_officer.username, "sai-mật-khẩu", REMOTE_ADDR="10.20.30.41")

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["__all__"]
    assert "_auth_user_id" not in client.session
    assert audit_rows(audit_actions.SIGN_IN_FAILED) == [
        (
            None,
            str(unit_officer.pk),
            unit_officer.username,
            {"username": unit_officer.username},
            "10.20.30.41",
        )
    ]
    assert "sai-mật-khẩu" not in str(list(AuditEntry.objects.values()))
    assert audit_rows(audit_actions.SIGNED_IN) == []


def test_sign_in_with_unknown_username_audits_the_name_typed(client):
    sign_in(client, "khong.ton.tai", "bất-kỳ-mật-khẩu")

    assert audit_rows(audit_actions.SIGN_IN_FAILED) == [
        (None, "", "khong.ton.tai", {"username": "khong.ton.tai"}, "127.0.0.1")
    ]


def test_sign_in_of_inactive_user_is_refused(client, password):
    user = UserFactory(username="da.nghi.huu", is_active=False)

    response = sign_in(client, user.username, password)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert audit_rows(audit_actions.SIGNED_IN) == []


def test_sign_out_signs_out_and_audits(client, unit_officer, password):
    sign_in(client, unit_officer.username, password)

    response = client.post("/accounts/logout/", REMOTE_ADDR="10.20.30.42")

    assert response.status_code == 200
    assert response.templates[0].name == "registration/logged_out.html"
    assert "_auth_user_id" not in client.session
    assert audit_rows(audit_actions.SIGNED_OUT) == [
        (unit_officer.pk, str(unit_officer.pk), str(unit_officer), None, "10.20.30.42")
    ]


def test_sign_out_by_get_is_not_allowed(client_for, unit_officer):
    client = client_for(unit_officer)

    response = client.get("/accounts/logout/")

    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(unit_officer.pk)
    assert audit_rows(audit_actions.SIGNED_OUT) == []


def test_sign_in_locked_out_after_failure_limit_refuses_correct_password(
    client, unit_officer, password
):
    limit = django_settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        sign_in(client, unit_officer.username, "sai-mật-khẩu")
    last_failure = sign_in(client, unit_officer.username, "sai-mật-khẩu")

    response = sign_in(client, unit_officer.username, password)

    assert last_failure.status_code == 429
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert ('data-testid="locked-out"' in content, 'name="password"' in content) == (True, False)
    assert "_auth_user_id" not in client.session
    assert audit_rows(audit_actions.SIGNED_IN) == []
    assert len(audit_rows(audit_actions.SIGN_IN_FAILED)) == limit + 1


def test_sign_in_below_failure_limit_still_accepts_correct_password(client, unit_officer, password):
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, unit_officer.username, "sai-mật-khẩu")

    response = sign_in(client, unit_officer.username, password)

    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(unit_officer.pk)


def test_sign_in_lock_out_of_one_user_does_not_lock_another(client, unit, password):
    victim = UserFactory(username="nan.nhan")
    other = UserFactory(username="dong.nghiep")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        sign_in(client, victim.username, "sai-mật-khẩu")

    response = sign_in(client, other.username, password)

    assert (response.status_code, response["Location"]) == (302, "/")


def test_private_pages_list_is_not_empty():
    assert {"/", "/audit/", "/accounts/password_change/"} <= set(PRIVATE_PATHS)


@pytest.mark.parametrize("path", PRIVATE_PATHS)
def test_private_page_redirects_anonymous_to_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN_URL}?next={quote(path)}"


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/done/",
        "/healthz",
    ],
)
def test_public_page_opens_for_anonymous(client, path):
    response = client.get(path)

    assert response.status_code == 200


def test_setlang_works_for_anonymous(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_api_answers_anonymous_with_401_not_redirect(client):
    response = client.get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_api_token_with_overlong_username_is_a_validation_error(client):
    response = client.post("/api/v1/auth/token/", {"username": "x" * 400, "password": "y"})

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["username"]
    assert AuditEntry.objects.count() == 0


def test_password_reset_mail_link_sets_new_password(client, unit_officer, password):
    response = client.post("/accounts/password_reset/", {"email": unit_officer.email})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password_reset/done/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [unit_officer.email]
    links = re.findall(r"http://testserver(/accounts/reset/\S+/\S+/)", message.body)
    assert len(links) == 1
    assert unit_officer.username in message.body

    opened = client.get(links[0])
    form_url = opened["Location"]
    form_page = client.get(form_url)
    submitted = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert (opened.status_code, form_url.endswith("/set-password/")) == (302, True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    assert (submitted.status_code, submitted["Location"]) == (302, "/accounts/reset/done/")
    old = sign_in(client, unit_officer.username, password)
    assert (old.status_code, "_auth_user_id" in client.session) == (200, False)
    new = sign_in(client, unit_officer.username, NEW_PASSWORD)
    assert (new.status_code, client.session["_auth_user_id"]) == (302, str(unit_officer.pk))


def test_password_reset_link_works_only_once(client, unit_officer):
    client.post("/accounts/password_reset/", {"email": unit_officer.email})
    link = re.findall(r"http://testserver(/accounts/reset/\S+/\S+/)", mail.outbox[0].body)[0]
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    reopened = client.get(link, follow=True)

    assert reopened.status_code == 200
    assert reopened.context["validlink"] is False


def test_password_reset_for_unknown_email_sends_nothing_and_looks_the_same(client, db):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.vn"})

    assert (response.status_code, response["Location"]) == (302, "/accounts/password_reset/done/")
    assert mail.outbox == []


def test_session_ends_at_browser_close_and_after_eight_hours(
    time_machine, client, unit_officer, password
):
    now = datetime.datetime(2025, 3, 15, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    time_machine.move_to(now, tick=False)

    response = sign_in(client, unit_officer.username, password)

    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert (cookie["expires"], cookie["max-age"], cookie["httponly"]) == ("", "", True)
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert django_settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    session = Session.objects.get(session_key=cookie.value)
    assert session.expire_date == now + datetime.timedelta(hours=8)


def test_session_idle_for_more_than_eight_hours_needs_sign_in_again(
    time_machine, client, unit_officer, password
):
    now = datetime.datetime(2025, 3, 15, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    time_machine.move_to(now, tick=False)
    sign_in(client, unit_officer.username, password)
    time_machine.move_to(now + datetime.timedelta(hours=7), tick=False)
    still_in = client.get("/")  # activity renews the session (SESSION_SAVE_EVERY_REQUEST)
    time_machine.move_to(now + datetime.timedelta(hours=14, minutes=59), tick=False)
    after_short_idle = client.get("/")
    time_machine.move_to(now + datetime.timedelta(hours=23, seconds=1), tick=False)

    after_long_idle = client.get("/")

    assert (still_in.status_code, after_short_idle.status_code) == (200, 200)
    assert (after_long_idle.status_code, after_long_idle["Location"]) == (
        302,
        f"{SIGN_IN_URL}?next=/",
    )


def test_password_hash_is_argon2_when_argon2_is_configured(settings, client, password):
    settings.PASSWORD_HASHERS = base_settings.PASSWORD_HASHERS

    user = UserFactory(username="argon2.user")
    response = sign_in(client, user.username, password)

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert (response.status_code, client.session["_auth_user_id"]) == (302, str(user.pk))


def test_behind_a_trusted_proxy_failures_are_audited_and_counted_for_the_client_address(
    client, unit_officer, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    sign_in(
        client,
        unit_officer.username,
        "sai-mật-khẩu",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
    )

    assert audit_rows(audit_actions.SIGN_IN_FAILED)[0][4] == "203.0.113.9"
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]
