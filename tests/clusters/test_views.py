import datetime
import io
import unicodedata

import pytest

from accounts.enums import Role
from clusters.models import GroupMembership, GroupTerm, OrgUnit
from core.models import AuditEntry
from tests.conftest import make_user_with_role
from tests.factories.clusters import (
    EmulationGroupFactory,
    GroupMembershipFactory,
    GroupTermFactory,
    LineageEventFactory,
    LineageLinkFactory,
    OrgUnitFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def officer(db):
    return make_user_with_role(
        Role.EMULATION_OFFICER, OrgUnitFactory(code="HY-SNV", name="Sở Nội vụ")
    )


@pytest.fixture
def officer_client(officer, client_for, settings):
    """Signed in as an emulation officer, with English chosen by the language switch."""
    client = client_for(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- query budgets -----------------------------------------------------------------------


@pytest.mark.parametrize("item_count", [1, 6])
def test_unit_list_query_count_is_constant(
    officer_client, item_count, django_assert_max_num_queries
):
    parent = OrgUnitFactory(code="33", name="Tỉnh Hưng Yên", unit_type="province")
    OrgUnitFactory.create_batch(item_count, parent=parent)

    with django_assert_max_num_queries(11):
        response = officer_client.get("/org/units/", {"unit_type": "department"})

    assert response.status_code == 200
    assert len(response.context["units"]) == item_count + 1  # + the officer's own unit


@pytest.mark.parametrize("item_count", [1, 6])
def test_group_list_query_count_is_constant(
    officer_client, item_count, django_assert_max_num_queries
):
    for _ in range(item_count):
        group = EmulationGroupFactory()
        head, deputy = OrgUnitFactory(), OrgUnitFactory()
        GroupMembershipFactory(group=group, unit=head, year=2025)
        GroupMembershipFactory(group=group, unit=deputy, year=2025)
        GroupTermFactory(group=group, year=2025, head_unit=head, deputy_unit=deputy)

    with django_assert_max_num_queries(11):
        response = officer_client.get("/org/groups/", {"year": 2025})

    assert response.status_code == 200
    assert [g.member_count for g, _t in response.context["rows"]] == [2] * item_count
    assert response.content.decode().count('data-group="') == item_count


def test_unit_and_group_lists_without_a_filter_show_every_row(officer_client):
    group = EmulationGroupFactory()
    GroupMembershipFactory(group=group, unit=OrgUnitFactory(code="325"), year=2026)

    units = officer_client.get("/org/units/")
    groups = officer_client.get("/org/groups/")

    assert "325" in [u.code for u in units.context["units"]]
    assert [g.pk for g, _t in groups.context["rows"]] == [group.pk]


@pytest.mark.parametrize("item_count", [1, 6])
def test_group_detail_query_count_is_constant(
    officer_client, item_count, django_assert_max_num_queries
):
    group = EmulationGroupFactory()
    units = OrgUnitFactory.create_batch(item_count)
    for unit in units:
        GroupMembershipFactory(group=group, unit=unit, year=2025)
    GroupTermFactory(group=group, year=2025, head_unit=units[0])

    with django_assert_max_num_queries(16):
        response = officer_client.get(f"/org/groups/{group.pk}/", {"year": 2025})

    assert response.status_code == 200
    assert response.content.decode().count('data-member="') == item_count


@pytest.mark.parametrize("item_count", [1, 6])
def test_unit_detail_query_count_is_constant(
    officer_client, item_count, django_assert_max_num_queries
):
    unit = OrgUnitFactory(code="NEW")
    for index in range(item_count):
        event = LineageEventFactory(effective_on=datetime.date(2020 + index, 1, 1))
        LineageLinkFactory(event=event, unit=OrgUnitFactory(), role="predecessor")
        LineageLinkFactory(event=event, unit=unit, role="successor")
        GroupMembershipFactory(unit=unit, year=2018 + index)

    with django_assert_max_num_queries(16):
        response = officer_client.get(f"/org/units/{unit.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="lineage-event"') == item_count
    assert len(response.context["memberships"]) == item_count


# --- pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unit_list_filters_by_active_on_typed_as_dd_mm_yyyy(officer_client):
    OrgUnitFactory(code="OLD", name="Xã Cũ", valid_to=datetime.date(2025, 6, 30))
    OrgUnitFactory(code="NEW", name="Xã Mới", valid_from=datetime.date(2025, 7, 1))

    response = officer_client.get("/org/units/", {"active_on": "01/07/2025", "q": "Xã"})

    assert [u.code for u in response.context["units"]] == ["NEW"]


@pytest.mark.django_db
def test_unit_list_with_bad_filter_shows_a_warning_and_no_rows(officer_client):
    response = officer_client.get("/org/units/", {"active_on": "31/02/2025"})

    assert response.status_code == 200
    assert list(response.context["units"]) == []
    assert response.context["filter"].errors["active_on"]


@pytest.mark.django_db
def test_create_unit_form_shows_service_errors(officer_client):
    OrgUnitFactory(code="DUP")

    response = officer_client.post(
        "/org/units/new/",
        {
            "code": "DUP",
            "name": "Trùng",
            "unit_type": "department",
            "valid_from": "01/07/2025",
            "valid_to": "30/06/2025",
        },
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"valid_to"}


@pytest.mark.django_db
def test_create_unit_with_duplicate_code_shows_the_model_error(officer_client):
    OrgUnitFactory(code="DUP")

    response = officer_client.post(
        "/org/units/new/", {"code": "DUP", "name": "Trùng", "unit_type": "department"}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert OrgUnit.objects.filter(code="DUP").count() == 1


@pytest.mark.django_db
def test_edit_unit_changes_parent_from_a_date(officer_client):
    district = OrgUnitFactory(code="325")
    province = OrgUnitFactory(code="33")
    unit = OrgUnitFactory(code="X", name="Xã X", parent=district)

    response = officer_client.post(
        f"/org/units/{unit.pk}/edit/",
        {
            "name": "Xã X",
            "unit_type": "commune",
            "parent": province.pk,
            "parent_from": "01/07/2025",
        },
    )

    unit.refresh_from_db()
    assert response.status_code == 302
    assert (unit.parent, unit.unit_type) == (province, "commune")
    assert [a for a in AuditEntry.objects.values_list("action", flat=True) if "clusters" in a] == [
        "clusters.orgunit.parent_changed",
        "clusters.orgunit.changed",
    ]


@pytest.mark.django_db
def test_edit_unit_parent_change_needs_a_date(officer_client):
    unit = OrgUnitFactory(code="X", parent=OrgUnitFactory(code="325"))

    response = officer_client.post(
        f"/org/units/{unit.pk}/edit/",
        {"name": unit.name, "unit_type": "department", "parent": ""},
    )

    unit.refresh_from_db()
    assert list(response.context["form"].errors) == ["parent_from"]
    assert unit.parent.code == "325"


@pytest.mark.django_db
def test_rename_page_records_the_rename(officer_client):
    unit = OrgUnitFactory(code="R", name="Tên cũ")

    response = officer_client.post(
        f"/org/units/{unit.pk}/rename/",
        {"name": "Tên mới", "effective_on": "01/03/2025", "decision_ref": "QĐ 9"},
    )

    unit.refresh_from_db()
    assert response.status_code == 302
    assert unit.name == "Tên mới"


@pytest.mark.django_db
def test_lineage_page_records_a_merge(officer_client):
    a, b, c = OrgUnitFactory(code="A"), OrgUnitFactory(code="B"), OrgUnitFactory(code="C")

    response = officer_client.post(
        "/org/lineage/new/",
        {
            "kind": "merge",
            "effective_on": "01/07/2025",
            "predecessors": [a.pk, b.pk],
            "successors": [c.pk],
            "close_predecessors": "on",
        },
    )

    a.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/org/units/{c.pk}/"
    assert a.valid_to == datetime.date(2025, 6, 30)


@pytest.mark.django_db
def test_lineage_page_shows_shape_error(officer_client):
    a, c = OrgUnitFactory(code="A"), OrgUnitFactory(code="C")

    response = officer_client.post(
        "/org/lineage/new/",
        {
            "kind": "merge",
            "effective_on": "01/07/2025",
            "predecessors": [a.pk],
            "successors": [c.pk],
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "A merge joins two or more units into exactly one unit."
    ]


@pytest.mark.django_db
def test_htmx_add_member_returns_the_panel_only(officer_client, block, outsider_unit):
    response = officer_client.post(
        f"/org/groups/{block.pk}/members/add/",
        {"unit": outsider_unit.pk, "year": 2025},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="group-panel"')
    assert html.count('data-member="') == 4


@pytest.mark.django_db
def test_htmx_add_member_shows_the_one_group_per_level_error(officer_client, block):
    other = EmulationGroupFactory(code="K2", name="Khối 2")

    response = officer_client.post(
        f"/org/groups/{other.pk}/members/add/",
        {"unit": block.units["member"].pk, "year": 2025},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="panel-error"') == 1
    assert (
        "Sở C already belongs to Khối thi đua thử nghiệm in 2025; a unit belongs to at most one "
        "cluster/block of each level in a year."
    ) in html
    assert GroupMembership.objects.filter(group=other).count() == 0


@pytest.mark.django_db
def test_htmx_remove_member_and_set_term(officer_client, block):
    membership = GroupMembership.objects.get(group=block, unit=block.units["member"])

    removed = officer_client.post(
        f"/org/groups/{block.pk}/members/{membership.pk}/remove/",
        {"year": 2025},
        HTTP_HX_REQUEST="true",
    )
    term = officer_client.post(
        f"/org/groups/{block.pk}/term/",
        {
            "year": 2025,
            "head_unit": block.units["deputy"].pk,
            "deputy_unit": block.units["head"].pk,
        },
        HTTP_HX_REQUEST="true",
    )

    saved = GroupTerm.objects.get(group=block, year=2025)
    assert (removed.status_code, term.status_code) == (200, 200)
    assert removed.content.decode().count('data-member="') == 2
    assert (saved.head_unit, saved.deputy_unit) == (block.units["deputy"], block.units["head"])


@pytest.mark.django_db
def test_term_with_non_member_head_is_refused_on_the_page(officer_client, block, outsider_unit):
    response = officer_client.post(
        f"/org/groups/{block.pk}/term/",
        {"year": 2025, "head_unit": outsider_unit.pk},
        HTTP_HX_REQUEST="true",
    )

    assert response.content.decode().count('data-testid="panel-error"') == 1
    assert GroupTerm.objects.get(group=block, year=2025).head_unit == block.units["head"]


@pytest.mark.django_db
def test_copy_year_page_reports_skipped_units(officer_client, block):
    gone = OrgUnitFactory(code="GONE", valid_to=datetime.date(2025, 12, 31))
    GroupMembershipFactory(group=block, unit=gone, year=2025)

    response = officer_client.post("/org/groups/copy-year/", {"from_year": 2025})

    report = response.context["report"]
    assert response.status_code == 200
    assert (report.memberships_created, report.terms_created) == (3, 1)
    assert [s.unit for s in report.skipped] == ["GONE"]
    assert 'data-testid="copy-skipped"' in response.content.decode()


@pytest.mark.django_db
def test_create_and_edit_group_pages(officer_client):
    created = officer_client.post(
        "/org/groups/new/",
        {"code": "K9", "name": "Khối 9", "kind": "block", "level": "provincial"},
    )
    group_url = created["Location"]
    edited = officer_client.post(
        group_url + "edit/",
        {"name": "Khối chín", "kind": "block", "level": "sectoral", "valid_from": "01/01/2025"},
    )

    assert (created.status_code, edited.status_code) == (302, 302)
    group = officer_client.get(group_url).context["group"]
    assert (group.name, group.level, group.valid_from) == (
        "Khối chín",
        "sectoral",
        datetime.date(2025, 1, 1),
    )


# --- import page -------------------------------------------------------------------------


def _upload(text, name="units.csv"):
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = name
    return upload


@pytest.mark.django_db
def test_import_dry_run_lists_errors_and_writes_nothing(officer_client):
    response = officer_client.post(
        "/org/import/",
        {"kind": "units", "file": _upload("code,name,type\nA1,,planet\n"), "dry_run": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert [(e.row, e.column) for e in response.context["plan"].errors] == [
        (2, "name"),
        (2, "type"),
    ]
    assert 'data-testid="import-errors"' in html
    assert OrgUnit.objects.filter(code="A1").exists() is False


@pytest.mark.django_db
def test_import_dry_run_then_confirm_imports_once(officer_client):
    text = unicodedata.normalize("NFD", "code,name,type\nA1,Sở Tư pháp,department\n")

    checked = officer_client.post(
        "/org/import/", {"kind": "units", "file": _upload(text), "dry_run": "1"}
    )
    assert OrgUnit.objects.filter(code="A1").exists() is False
    token = checked.context["token"]
    confirmed = officer_client.post("/org/import/", {"token": token})
    replay = officer_client.post("/org/import/", {"token": token})

    assert confirmed.status_code == 302
    assert OrgUnit.objects.get(code="A1").name == "Sở Tư pháp"
    assert replay.status_code == 302
    assert list(
        AuditEntry.objects.filter(action="clusters.org.imported").values_list("after", flat=True)
    ) == [
        {
            "kind": "units",
            "file": "units.csv",
            "rows": 1,
            "created": 1,
            "updated": 0,
            "unchanged": 0,
            "terms_set": 0,
        }
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_template_and_export_downloads(officer_client, fmt, content_type):
    template = officer_client.get(f"/org/import/template/units.{fmt}")
    export = officer_client.get(f"/org/export/memberships.{fmt}", {"year": 2025})

    assert (template.status_code, export.status_code) == (200, 200)
    assert template["Content-Type"] == content_type
    assert template["Content-Disposition"] == f'attachment; filename="mau-units.{fmt}"'


@pytest.mark.django_db
def test_menu_shows_organisation_entries_to_an_officer(officer_client):
    response = officer_client.get("/")

    keys = [item["key"] for item in response.context["nav_items"]]
    assert {"units", "groups"} <= set(keys)


@pytest.mark.django_db
def test_edit_unit_is_all_or_nothing_when_the_parent_is_refused(officer_client):
    top = OrgUnitFactory(code="T", name="Cấp trên")
    child = OrgUnitFactory(code="C", name="Cấp dưới", parent=top)

    response = officer_client.post(
        f"/org/units/{top.pk}/edit/",
        {
            "name": "Tên đổi",
            "unit_type": "department",
            "parent": child.pk,
            "parent_from": "01/07/2025",
        },
    )

    top.refresh_from_db()
    assert response.status_code == 200
    assert len(response.context["form"].non_field_errors()) == 1
    assert (top.name, top.parent) == ("Cấp trên", None)
    assert AuditEntry.objects.filter(action__startswith="clusters.").count() == 0
