import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts import audit_actions
from accounts.enums import Role
from core.audit import record_audit
from core.models import AuditEntry

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AUDIT_URL = "/audit/"
SECRET_LABEL = "Hồ sơ mật của Sở Thử nghiệm"


def at(time_machine, *args):
    time_machine.move_to(datetime.datetime(*args, tzinfo=VN), tick=False)


@pytest.fixture
def entries(time_machine, unit, unit_officer, system_admin):
    """Three entries on 10/03, 14/03 (late evening) and 20/03/2025; the page is read on 25/03."""
    at(time_machine, 2025, 3, 10, 9, 0)
    created = record_audit(
        audit_actions.ROLE_ASSIGNED, actor=system_admin, target=unit, target_label=SECRET_LABEL
    )
    at(time_machine, 2025, 3, 14, 23, 30)
    signed_in = record_audit(audit_actions.SIGN_IN_FAILED, actor=unit_officer, target=unit)
    at(time_machine, 2025, 3, 20, 8, 15)
    ended = record_audit(audit_actions.ROLE_ENDED, actor=system_admin, target=unit)
    at(time_machine, 2025, 3, 25, 10, 0)
    return {"created": created, "failed": signed_in, "ended": ended}


@pytest.fixture
def admin_client(client_for, system_admin, entries):
    return client_for(system_admin)


def listed(response):
    return [entry.pk for entry in response.context["entries"]]


def test_audit_list_shows_every_entry_to_system_admin(admin_client, entries, system_admin):
    sign_in = AuditEntry.objects.get(action=audit_actions.SIGNED_IN, actor=system_admin)

    response = admin_client.get(AUDIT_URL)

    assert response.status_code == 200
    assert listed(response) == [
        sign_in.pk,
        entries["ended"].pk,
        entries["failed"].pk,
        entries["created"].pk,
    ]
    assert SECRET_LABEL in response.content.decode()


@pytest.mark.parametrize("role", [role for role in Role if role != Role.SYSTEM_ADMIN], ids=str)
def test_audit_list_is_forbidden_to_other_roles_and_leaks_nothing(
    role, entries, unit, user_with_role, client_for
):
    client = client_for(user_with_role(role, unit, username=f"viewer-{role}"))

    response = client.get(AUDIT_URL)

    assert response.status_code == 403
    assert [t.name for t in response.templates][:1] == ["errors/403.html"]
    assert "entries" not in response.context
    content = response.content.decode()
    assert (SECRET_LABEL in content, audit_actions.ROLE_ASSIGNED in content) == (False, False)


def test_audit_list_redirects_anonymous_to_sign_in(client, entries):
    response = client.get(AUDIT_URL)

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/audit/")
    assert SECRET_LABEL not in response.content.decode()


def test_audit_list_filters_by_action(admin_client, entries):
    response = admin_client.get(AUDIT_URL, {"action": audit_actions.ROLE_ENDED})

    assert listed(response) == [entries["ended"].pk]


def test_audit_list_filters_by_part_of_actor_name(admin_client, entries, unit_officer):
    response = admin_client.get(AUDIT_URL, {"actor": unit_officer.username[:12].upper()})

    assert listed(response) == [entries["failed"].pk]


def test_audit_list_filters_by_dates_typed_day_first(admin_client, entries):
    response = admin_client.get(AUDIT_URL, {"date_from": "11/03/2025", "date_to": "20/03/2025"})

    assert listed(response) == [entries["ended"].pk, entries["failed"].pk]


def test_audit_list_filters_dates_on_vietnam_calendar_day(admin_client, entries):
    # 23:30 on 14/03 in Hưng Yên is still 14/03, although it is 16:30 UTC.
    response = admin_client.get(AUDIT_URL, {"date_from": "14/03/2025", "date_to": "14/03/2025"})

    assert listed(response) == [entries["failed"].pk]


def test_audit_list_combines_filters(admin_client, entries, system_admin):
    response = admin_client.get(
        AUDIT_URL,
        {"actor": system_admin.username, "date_from": "01/03/2025", "date_to": "15/03/2025"},
    )

    assert listed(response) == [entries["created"].pk]


def test_audit_list_with_invalid_date_shows_nothing_and_the_error(admin_client, entries):
    response = admin_client.get(AUDIT_URL, {"date_from": "32/13/2025"})

    assert listed(response) == []
    assert list(response.context["filter"].errors) == ["date_from"]


def test_audit_list_with_unknown_action_shows_nothing(admin_client, entries):
    response = admin_client.get(AUDIT_URL, {"action": "core.nothing.happened"})

    assert listed(response) == []
    assert list(response.context["filter"].errors) == ["action"]


def test_audit_list_pages_by_fifty_and_keeps_the_filter(client_for, system_admin, unit):
    created = [
        record_audit(audit_actions.ROLE_ASSIGNED, actor=system_admin, target=unit)
        for _ in range(60)
    ]
    client = client_for(system_admin)
    query = {"action": audit_actions.ROLE_ASSIGNED}

    first = client.get(AUDIT_URL, query)
    second = client.get(AUDIT_URL, {**query, "page": 2})

    newest_first = [entry.pk for entry in reversed(created)]
    assert listed(first) == newest_first[:50]
    assert listed(second) == newest_first[50:]
    assert (first.context["page_obj"].paginator.num_pages, second.context["is_paginated"]) == (
        2,
        True,
    )
    assert 'href="?action=accounts.role_assignment.created&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize("item_count", [1, 60])
def test_audit_list_query_count_does_not_grow_with_entries(
    item_count, client_for, system_admin, unit, django_assert_max_num_queries
):
    for _ in range(item_count):
        record_audit(audit_actions.ROLE_ASSIGNED, actor=system_admin, target=unit)
    client = client_for(system_admin)

    with django_assert_max_num_queries(10):
        response = client.get(AUDIT_URL)

    assert len(response.context["entries"]) == min(item_count + 1, 50)


def test_audit_list_shows_before_and_after_as_key_value_pairs(client_for, system_admin, unit):
    record_audit(
        audit_actions.ROLE_CHANGED,
        actor=system_admin,
        target=unit,
        before={"valid_to": None},
        after={"valid_to": "2025-06-30"},
    )

    html = client_for(system_admin).get("/audit/").content.decode()

    assert "<dt>valid_to</dt><dd>—</dd>" in html
    assert "<dt>valid_to</dt><dd>2025-06-30</dd>" in html
