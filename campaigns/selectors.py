"""Reads of the campaigns app. Views, the API, work providers and later apps use these."""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.enums import Role
from accounts.rules import is_province_wide_reader
from accounts.selectors import unit_ids as role_unit_ids
from campaigns.enums import CollectiveTitle, IndividualTitle, PledgeStatus, RegistrationStatus
from campaigns.models import (
    EmulationPledge,
    EmulationRegistration,
    Movement,
    MovementParticipation,
    PledgeSignature,
    RegisteredIndividual,
    RegistrationExtension,
    RegistrationWindow,
)
from clusters.models import EmulationGroup, GroupMembership, GroupTerm, OrgUnit

# ---------------------------------------------------------------- movements


def movements() -> QuerySet[Movement]:
    return Movement.objects.select_related("launcher_unit").annotate(
        participant_count=Count("participations", distinct=True)
    )


def movement_participations(movement: Movement) -> QuerySet[MovementParticipation]:
    return movement.participations.select_related("unit").order_by("unit__name")


# ---------------------------------------------------------------- windows and deadlines


def registration_windows() -> QuerySet[RegistrationWindow]:
    return RegistrationWindow.objects.order_by("-year")


def window_for_year(year: int) -> RegistrationWindow | None:
    return RegistrationWindow.objects.filter(year=year).first()


def extensions() -> QuerySet[RegistrationExtension]:
    return RegistrationExtension.objects.select_related("unit", "granted_by").order_by(
        "-year", "unit__name"
    )


def effective_deadlines(unit_ids: Iterable[int], year: int) -> dict[int, datetime.date | None]:
    """Each unit's deadline for `year`: its extension if it has one, else the window's."""
    ids = list(unit_ids)
    window = window_for_year(year)
    deadline = window.deadline if window else None
    result: dict[int, datetime.date | None] = dict.fromkeys(ids, deadline)
    for unit_id, new_deadline in RegistrationExtension.objects.filter(
        year=year, unit_id__in=ids
    ).values_list("unit_id", "new_deadline"):
        result[unit_id] = new_deadline
    return result


def effective_deadline(unit: OrgUnit, year: int) -> datetime.date | None:
    return effective_deadlines([unit.pk], year)[unit.pk]


# ---------------------------------------------------------------- groups (via clusters.models)


def head_unit_ids(user) -> set[int]:
    return role_unit_ids(user, Role.GROUP_HEAD)


def headed_terms(user) -> QuerySet[GroupTerm]:
    """The group terms whose head unit is one where the user holds the group-head role."""
    return GroupTerm.objects.filter(head_unit_id__in=head_unit_ids(user)).select_related(
        "group", "head_unit"
    )


def terms_without_pledge(user) -> list[GroupTerm]:
    """The terms the user heads whose group has no pledge for that year yet."""
    has_pledge = EmulationPledge.objects.filter(
        group_id=OuterRef("group_id"), year=OuterRef("year")
    )
    return list(headed_terms(user).exclude(Exists(has_pledge)).order_by("-year", "group__name"))


def is_head_of_group(user, group_id: int, year: int) -> bool:
    units = head_unit_ids(user)
    if not units:
        return False
    return GroupTerm.objects.filter(group_id=group_id, year=year, head_unit_id__in=units).exists()


def group_member_units(group: EmulationGroup, year: int) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(memberships__group=group, memberships__year=year).order_by("name")


def groups_for_year(year: int) -> QuerySet[EmulationGroup]:
    return EmulationGroup.objects.filter(memberships__year=year).distinct().order_by("kind", "name")


def groups_visible_for_summary(user, year: int) -> QuerySet[EmulationGroup]:
    if is_province_wide_reader(user):
        return groups_for_year(year)
    return groups_for_year(year).filter(
        terms__year=year, terms__head_unit_id__in=head_unit_ids(user)
    )


# ---------------------------------------------------------------- registrations


def registrations() -> QuerySet[EmulationRegistration]:
    return EmulationRegistration.objects.select_related("unit", "movement").annotate(
        individual_count=Count("individuals", distinct=True)
    )


def _headed_registration_condition(user) -> Q:
    units = head_unit_ids(user)
    if not units:
        return Q(pk__in=[])
    in_headed_group = GroupMembership.objects.filter(
        unit_id=OuterRef("unit_id"),
        year=OuterRef("year"),
        group__terms__year=OuterRef("year"),
        group__terms__head_unit_id__in=units,
    )
    return Q(Exists(in_headed_group))


def visible_registrations(user, queryset=None) -> QuerySet[EmulationRegistration]:
    """Province-wide readers see all; unit staff their units'; a head their group's."""
    queryset = registrations() if queryset is None else queryset
    if is_province_wide_reader(user):
        return queryset
    own = role_unit_ids(user, Role.UNIT_OFFICER, Role.UNIT_LEADER)
    return queryset.filter(Q(unit_id__in=own) | _headed_registration_condition(user))


def get_registration_for_user(*, user, pk) -> EmulationRegistration:
    queryset = visible_registrations(user).prefetch_related(
        Prefetch("individuals", queryset=RegisteredIndividual.objects.order_by("order", "id"))
    )
    registration = queryset.filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def registrations_waiting_count() -> int:
    return EmulationRegistration.objects.filter(status=RegistrationStatus.SENT).count()


def is_registered(unit: OrgUnit, year: int, *, movement: Movement | None = None) -> bool:
    """Whether `unit` has an approved registration for `year` (the annual one by default).

    Later apps use this as the "registered in year Y" eligibility gate.
    """
    return EmulationRegistration.objects.filter(
        unit=unit,
        year=year,
        status=RegistrationStatus.APPROVED,
        **({"movement": movement} if movement else {"movement__isnull": True}),
    ).exists()


def registered_unit_ids(
    units: Iterable[OrgUnit | int], year: int, *, movement: Movement | None = None
) -> set[int]:
    """Bulk `is_registered`: the ids among `units` with an approved registration (one query)."""
    ids = [u if isinstance(u, int) else u.pk for u in units]
    return set(
        EmulationRegistration.objects.filter(
            unit_id__in=ids,
            year=year,
            status=RegistrationStatus.APPROVED,
            **({"movement": movement} if movement else {"movement__isnull": True}),
        ).values_list("unit_id", flat=True)
    )


def unit_registrations_for_year(
    unit_ids: Iterable[int], year: int
) -> dict[int, EmulationRegistration]:
    """The annual registration (movement none) of each unit for `year`."""
    return {
        r.unit_id: r
        for r in EmulationRegistration.objects.filter(
            unit_id__in=list(unit_ids), year=year, movement__isnull=True
        )
    }


# ---------------------------------------------------------------- summary


@dataclass
class SummaryBlock:
    """Registration counts for one cluster/block (or the whole province)."""

    label: str
    group: EmulationGroup | None
    unit_count: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_collective_title: dict[str, int] = field(default_factory=dict)
    by_individual_title: dict[str, int] = field(default_factory=dict)
    late_count: int = 0
    not_registered: list[OrgUnit] = field(default_factory=list)

    @property
    def status_rows(self):
        return [(label, self.by_status.get(code, 0)) for code, label in RegistrationStatus.choices]

    @property
    def collective_rows(self):
        return [
            (label, self.by_collective_title.get(code, 0))
            for code, label in CollectiveTitle.choices
        ]

    @property
    def individual_rows(self):
        return [
            (label, self.by_individual_title.get(code, 0))
            for code, label in IndividualTitle.choices
        ]

    @property
    def registered_count(self) -> int:
        return sum(self.by_status.values())


def _fill_block(block, unit_ids, regs_by_unit, individual_counts, units_by_id):
    block.unit_count = len(unit_ids)
    statuses: Counter = Counter()
    collective: Counter = Counter()
    individual: Counter = Counter()
    for unit_id in unit_ids:
        registration = regs_by_unit.get(unit_id)
        if registration is None:
            block.not_registered.append(units_by_id[unit_id])
            continue
        statuses[registration.status] += 1
        collective.update(registration.collective_titles)
        individual.update(individual_counts.get(registration.pk, {}))
        block.late_count += int(registration.is_late)
    block.by_status = dict(statuses)
    block.by_collective_title = dict(collective)
    block.by_individual_title = dict(individual)
    block.not_registered.sort(key=lambda u: u.name)


def registration_summary(
    *, year: int, groups: Iterable[EmulationGroup], movement: Movement | None = None
) -> tuple[list[SummaryBlock], SummaryBlock]:
    """Counts by state and target title per group, and for all those groups together.

    The units expected to register are the groups' members in `year`. A constant number of
    queries, whatever the number of groups and units.
    """
    groups = list(groups)
    memberships = list(
        GroupMembership.objects.filter(group__in=groups, year=year)
        .select_related("unit")
        .order_by("unit__name")
    )
    units_by_id = {m.unit_id: m.unit for m in memberships}
    filters = {"movement": movement} if movement else {"movement__isnull": True}
    regs_by_unit = {
        r.unit_id: r
        for r in EmulationRegistration.objects.filter(
            year=year, unit_id__in=list(units_by_id), **filters
        )
    }
    individual_counts: dict[int, Counter] = {}
    for registration_id, title, count in (
        RegisteredIndividual.objects.filter(registration__in=[r.pk for r in regs_by_unit.values()])
        .values_list("registration_id", "target_title")
        .annotate(n=Count("id"))
        .order_by()
    ):
        individual_counts.setdefault(registration_id, Counter())[title] += count
    blocks = []
    for group in groups:
        unit_ids = [m.unit_id for m in memberships if m.group_id == group.pk]
        block = SummaryBlock(label=group.name, group=group)
        _fill_block(block, unit_ids, regs_by_unit, individual_counts, units_by_id)
        blocks.append(block)
    total = SummaryBlock(label="", group=None)
    _fill_block(total, list(units_by_id), regs_by_unit, individual_counts, units_by_id)
    return blocks, total


# ---------------------------------------------------------------- pledges


def pledges() -> QuerySet[EmulationPledge]:
    return EmulationPledge.objects.select_related("group").annotate(
        signature_count=Count("signatures", distinct=True)
    )


def visible_pledges(user) -> QuerySet[EmulationPledge]:
    """Province-wide readers see all; member units and heads see their groups' pledges."""
    queryset = pledges()
    if is_province_wide_reader(user):
        return queryset
    own = role_unit_ids(user)
    member = GroupMembership.objects.filter(
        group_id=OuterRef("group_id"), year=OuterRef("year"), unit_id__in=own
    )
    head = GroupTerm.objects.filter(
        group_id=OuterRef("group_id"), year=OuterRef("year"), head_unit_id__in=head_unit_ids(user)
    )
    return queryset.filter(Q(Exists(member)) | Q(Exists(head)))


def get_pledge_for_user(*, user, pk) -> EmulationPledge:
    pledge = (
        visible_pledges(user)
        .prefetch_related(
            "items",
            Prefetch("signatures", queryset=PledgeSignature.objects.select_related("unit", "user")),
        )
        .filter(pk=pk)
        .first()
    )
    if pledge is None:
        raise Http404
    return pledge


@dataclass(frozen=True)
class PledgeMemberRow:
    unit: OrgUnit
    signature: PledgeSignature | None


def pledge_member_rows(pledge: EmulationPledge) -> list[PledgeMemberRow]:
    signatures = {s.unit_id: s for s in pledge.signatures.all()}
    return [
        PledgeMemberRow(unit=unit, signature=signatures.get(unit.pk))
        for unit in group_member_units(pledge.group, pledge.year)
    ]


def pledges_waiting_for_leader(user) -> QuerySet[EmulationPledge]:
    """Circulated pledges of groups where one of the user's led units has not confirmed yet."""
    led = role_unit_ids(user, Role.UNIT_LEADER)
    if not led:
        return EmulationPledge.objects.none()
    unsigned_member = GroupMembership.objects.filter(
        group_id=OuterRef("group_id"), year=OuterRef("year"), unit_id__in=led
    ).exclude(
        unit_id__in=PledgeSignature.objects.filter(pledge_id=OuterRef(OuterRef("pk"))).values(
            "unit_id"
        )
    )
    return (
        EmulationPledge.objects.filter(status=PledgeStatus.CIRCULATED)
        .filter(Exists(unsigned_member))
        .select_related("group")
    )
