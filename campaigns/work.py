"""Items for the "My work" home page. Each provider costs a bounded number of queries."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.enums import Role
from accounts.rules import is_emulation_officer
from accounts.selectors import active_roles
from campaigns import selectors
from campaigns.enums import RegistrationStatus
from core.registry import WorkItem


def unit_registration_work(user) -> list[WorkItem]:
    """For unit staff: this year's registration not sent yet, or returned (4 queries)."""
    units = {
        r.unit_id: r.unit_name
        for r in active_roles(user)
        if r.role in (Role.UNIT_OFFICER, Role.UNIT_LEADER)
    }
    if not units:
        return []
    year = timezone.localdate().year
    window = selectors.window_for_year(year)
    if window is None:
        return []
    deadlines = selectors.effective_deadlines(units, year)
    registrations = selectors.unit_registrations_for_year(units, year)
    items = []
    for unit_id, unit_name in sorted(units.items(), key=lambda item: item[1]):
        registration = registrations.get(unit_id)
        deadline = deadlines[unit_id]
        deadline_text = deadline.strftime("%d/%m/%Y") if deadline else ""
        if registration is None:
            items.append(
                WorkItem(
                    title=_("Registration for %(year)s not yet sent (deadline %(deadline)s)")
                    % {"year": year, "deadline": deadline_text},
                    url=reverse("campaigns:registration-create"),
                    detail=unit_name,
                    tags=("registration",),
                )
            )
        elif registration.status == RegistrationStatus.DRAFT:
            items.append(
                WorkItem(
                    title=_("Registration for %(year)s not yet sent (deadline %(deadline)s)")
                    % {"year": year, "deadline": deadline_text},
                    url=reverse("campaigns:registration-detail", args=[registration.pk]),
                    detail=unit_name,
                    tags=("registration",),
                )
            )
        elif registration.status == RegistrationStatus.RETURNED:
            items.append(
                WorkItem(
                    title=_("Registration for %(year)s returned: correct and send it again")
                    % {"year": year},
                    url=reverse("campaigns:registration-detail", args=[registration.pk]),
                    detail=f"{unit_name} – {registration.return_reason}",
                    tags=("registration",),
                )
            )
    return items


def officer_registration_work(user) -> list[WorkItem]:
    """For Home Affairs emulation officers: registrations waiting for approval (1 query)."""
    if not is_emulation_officer(user):
        return []
    count = selectors.registrations_waiting_count()
    if not count:
        return []
    url = reverse("campaigns:registration-list") + f"?status={RegistrationStatus.SENT}"
    return [
        WorkItem(
            title=ngettext(
                "%(count)d registration waiting for approval",
                "%(count)d registrations waiting for approval",
                count,
            )
            % {"count": count},
            url=url,
            count=count,
            tags=("registration",),
        )
    ]


def leader_pledge_work(user) -> list[WorkItem]:
    """For unit leaders: circulated pledges their unit has not confirmed (1 query)."""
    if not any(r.role == Role.UNIT_LEADER for r in active_roles(user)):
        return []
    return [
        WorkItem(
            title=_("Pledge waiting for your confirmation"),
            url=reverse("campaigns:pledge-detail", args=[pledge.pk]),
            detail=f"{pledge.group.name} – {pledge.year}",
            tags=("pledge",),
        )
        for pledge in selectors.pledges_waiting_for_leader(user).order_by("-year", "group__name")
    ]
