import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.unit


def test_settings_language_is_vietnamese_with_english_available():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]


def test_settings_time_zone_is_ho_chi_minh():
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def test_settings_hash_passwords_with_argon2_outside_tests():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_settings_custom_user_model():
    assert settings.AUTH_USER_MODEL == "accounts.User"


@pytest.mark.django_db
def test_settings_tests_run_on_postgresql():
    assert connection.vendor == "postgresql"


def test_settings_celery_is_json_only_and_acks_late():
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_BROKER_URL.startswith("redis://")
