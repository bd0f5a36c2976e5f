import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import PROTECT
from django.db.utils import InternalError

from clusters.models import OrgUnit
from core.audit import action_label, record_audit
from core.models import AuditEntry, AuditEntryImmutableError
from tests.factories.accounts import UserFactory
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def entry(unit, system_admin):
    return record_audit(
        "accounts.role_assignment.created",
        actor=system_admin,
        target=unit,
        before={"name": "Sở cũ"},
        after={"name": "Sở mới"},
        ip_address="10.0.0.9",
    )


def stored(entry):
    return AuditEntry.objects.filter(pk=entry.pk).values(
        "action", "actor_label", "target_label", "before", "after"
    )[0]


def test_record_audit_stores_actor_target_and_payload(unit, system_admin):
    entry = record_audit(
        "clusters.org_unit.renamed",
        actor=system_admin,
        target=unit,
        before={"name": "Sở cũ"},
        after={"name": "Sở Thử nghiệm A"},
        ip_address="10.0.0.9",
    )

    row = AuditEntry.objects.get(pk=entry.pk)
    assert (
        row.action,
        row.actor,
        row.actor_label,
        row.target_type,
        row.target_id,
        row.target_label,
        row.before,
        row.after,
        row.ip_address,
    ) == (
        "clusters.org_unit.renamed",
        system_admin,
        system_admin.username,
        ContentType.objects.get_for_model(OrgUnit),
        str(unit.pk),
        "Sở Thử nghiệm A",
        {"name": "Sở cũ"},
        {"name": "Sở Thử nghiệm A"},
        "10.0.0.9",
    )


def test_record_audit_masks_secrets_at_any_depth():
    entry = record_audit(
        "accounts.user.changed",
        before={"password": "cũ-123", "Token": "abc", "name": "An"},
        after={
            "new_password1": "mới-456",
            "api_key": "k-1",
            "clientSecret": "s-1",
            "keyword": "thi đua",
            "smtp": {"host": "mail.hungyen.gov.vn", "password": "p-2"},
            "tokens": [{"token": "t-1", "label": "điện thoại"}],
        },
    )

    row = AuditEntry.objects.get(pk=entry.pk)
    assert row.before == {"password": "***", "Token": "***", "name": "An"}
    assert row.after == {
        "new_password1": "***",
        "api_key": "***",
        "clientSecret": "***",
        "keyword": "thi đua",
        "smtp": {"host": "mail.hungyen.gov.vn", "password": "***"},
        "tokens": [{"token": "***", "label": "điện thoại"}],
    }


def test_record_audit_without_target_or_actor_leaves_them_empty():
    entry = record_audit("accounts.user.sign_in_failed", actor=AnonymousUser())

    row = AuditEntry.objects.get(pk=entry.pk)
    assert (row.actor, row.actor_label, row.target_type, row.target_id, row.target_label) == (
        None,
        "",
        None,
        "",
        "",
    )
    assert (row.before, row.after, row.ip_address) == (None, None, None)


def test_record_audit_uses_given_label_over_target_name(unit):
    entry = record_audit("clusters.org_unit.renamed", target=unit, target_label="Nhãn riêng")

    assert AuditEntry.objects.get(pk=entry.pk).target_label == "Nhãn riêng"


def test_record_audit_cuts_overlong_label_to_column():
    long_unit = OrgUnitFactory(name="Ủy ban " * 36)  # 252 characters, within OrgUnit's 255

    entry = record_audit("clusters.org_unit.renamed", target_label="x" * 400, target=long_unit)

    assert AuditEntry.objects.get(pk=entry.pk).target_label == "x" * 300


def test_audit_action_label_of_unregistered_code_is_the_code():
    assert action_label("khong.dang.ky") == "khong.dang.ky"


def test_audit_entry_refuses_save_of_existing_row(entry):
    entry.action = "accounts.user.signed_in"
    entry.after = {"name": "đã sửa"}

    with pytest.raises(AuditEntryImmutableError):
        entry.save()

    assert stored(entry)["after"] == {"name": "Sở mới"}
    assert stored(entry)["action"] == "accounts.role_assignment.created"


def test_audit_entry_refuses_delete(entry):
    with pytest.raises(AuditEntryImmutableError):
        entry.delete()

    assert AuditEntry.objects.filter(pk=entry.pk).count() == 1


def test_audit_entry_queryset_refuses_update(entry):
    with pytest.raises(AuditEntryImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(target_label="đã sửa")

    assert stored(entry)["target_label"] == "Sở Thử nghiệm A"


def test_audit_entry_queryset_refuses_bulk_update(entry):
    entry.target_label = "đã sửa"

    with pytest.raises(AuditEntryImmutableError), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["target_label"])

    assert stored(entry)["target_label"] == "Sở Thử nghiệm A"


def test_audit_entry_queryset_refuses_delete(entry):
    with pytest.raises(AuditEntryImmutableError):
        AuditEntry.objects.all().delete()

    assert AuditEntry.objects.filter(pk=entry.pk).count() == 1


def test_audit_entry_raw_sql_update_refused_by_database_trigger(entry):
    assert connection.vendor == "postgresql"

    with (
        pytest.raises(InternalError, match="core_auditentry is append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE core_auditentry SET target_label = %s WHERE id = %s", ["đã sửa", entry.pk]
        )

    assert stored(entry)["target_label"] == "Sở Thử nghiệm A"


def test_audit_entry_raw_sql_delete_refused_by_database_trigger(entry):
    with (
        pytest.raises(InternalError, match="core_auditentry is append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])

    assert AuditEntry.objects.filter(pk=entry.pk).count() == 1


def test_audit_entry_protects_its_actor_and_target_type():
    fields = [AuditEntry._meta.get_field(name) for name in ("actor", "target_type")]

    assert [field.remote_field.on_delete for field in fields] == [PROTECT, PROTECT]


def test_audit_entry_insert_still_allowed_by_trigger(db):
    user = UserFactory()

    entry = record_audit("accounts.user.signed_in", actor=user, target=user)

    assert AuditEntry.objects.filter(pk=entry.pk).count() == 1


def test_audit_entry_str_shows_portal_local_time(time_machine, unit):
    time_machine.move_to(
        datetime.datetime(2025, 3, 14, 23, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    )

    entry = record_audit("clusters.org_unit.renamed", target=unit)

    assert str(entry) == "14/03/2025 23:30 clusters.org_unit.renamed Sở Thử nghiệm A"
