"""Who may do what with movements, registrations and pledges.

Object predicates take the registration/pledge itself; the role predicates come from
`accounts.rules`. Pages, the API and the services all check these same permissions.
"""

import rules

from accounts.enums import Role
from accounts.rules import (
    is_emulation_officer,
    is_group_head,
    is_officer_of_unit,
    is_province_wide_reader,
    is_unit_leader,
    is_unit_staff,
)
from accounts.selectors import unit_ids as role_unit_ids
from campaigns import selectors
from campaigns.enums import PledgeStatus, RegistrationStatus
from clusters.models import GroupMembership


@rules.predicate
def registration_is_editable(user, registration):
    return registration is not None and registration.status in RegistrationStatus.EDITABLE


@rules.predicate
def registration_is_draft(user, registration):
    return registration is not None and registration.status == RegistrationStatus.DRAFT


@rules.predicate
def registration_is_sent(user, registration):
    return registration is not None and registration.status == RegistrationStatus.SENT


@rules.predicate
def is_head_of_registration_group(user, registration):
    units = selectors.head_unit_ids(user)
    if registration is None or not units:
        return False
    return GroupMembership.objects.filter(
        unit_id=registration.unit_id,
        year=registration.year,
        group__terms__year=registration.year,
        group__terms__head_unit_id__in=units,
    ).exists()


@rules.predicate
def is_head_of_pledge_group(user, pledge):
    return pledge is not None and selectors.is_head_of_group(user, pledge.group_id, pledge.year)


@rules.predicate
def pledge_is_draft(user, pledge):
    return pledge is not None and pledge.status == PledgeStatus.DRAFT


@rules.predicate
def pledge_is_circulated(user, pledge):
    return pledge is not None and pledge.status == PledgeStatus.CIRCULATED


def unconfirmed_led_unit_ids(user, pledge) -> set[int]:
    """Member units of the pledge's group that the user leads and that have not confirmed."""
    led = role_unit_ids(user, Role.UNIT_LEADER)
    if not led:
        return set()
    members = set(
        GroupMembership.objects.filter(
            group_id=pledge.group_id, year=pledge.year, unit_id__in=led
        ).values_list("unit_id", flat=True)
    )
    signed = set(pledge.signatures.values_list("unit_id", flat=True))
    return members - signed


@rules.predicate
def leads_an_unconfirmed_member(user, pledge):
    return pledge is not None and bool(unconfirmed_led_unit_ids(user, pledge))


can_view_registration = is_province_wide_reader | is_officer_of_unit | is_head_of_registration_group

rules.add_perm("campaigns.view_movement", rules.is_authenticated)
rules.add_perm("campaigns.manage_movement", is_emulation_officer)
rules.add_perm("campaigns.manage_registration_window", is_emulation_officer)
rules.add_perm("campaigns.grant_extension", is_emulation_officer)

rules.add_perm(
    "campaigns.list_registrations", is_unit_staff | is_province_wide_reader | is_group_head
)
rules.add_perm("campaigns.add_registration", is_unit_staff)
rules.add_perm("campaigns.view_registration", can_view_registration)
rules.add_perm("campaigns.change_registration", is_officer_of_unit & registration_is_editable)
rules.add_perm("campaigns.send_registration", is_officer_of_unit & registration_is_draft)
rules.add_perm("campaigns.review_registration", is_emulation_officer & registration_is_sent)
rules.add_perm("campaigns.view_registration_summary", is_province_wide_reader | is_group_head)

rules.add_perm("campaigns.list_pledges", rules.is_authenticated)
rules.add_perm("campaigns.add_pledge", is_group_head)
rules.add_perm("campaigns.change_pledge", is_head_of_pledge_group & pledge_is_draft)
rules.add_perm("campaigns.circulate_pledge", is_head_of_pledge_group & pledge_is_draft)
rules.add_perm("campaigns.close_pledge", is_emulation_officer)
rules.add_perm(
    "campaigns.confirm_pledge", is_unit_leader & pledge_is_circulated & leads_an_unconfirmed_member
)
