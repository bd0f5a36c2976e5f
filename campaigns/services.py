"""Writes of the campaigns app. Every change is checked against the rules and audited."""

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import audit_actions, selectors
from campaigns.enums import MovementStatus, PledgeStatus, RegistrationStatus
from campaigns.models import (
    EmulationPledge,
    EmulationRegistration,
    Movement,
    MovementParticipation,
    PledgeItem,
    PledgeSignature,
    RegisteredIndividual,
    RegistrationExtension,
    RegistrationWindow,
)
from campaigns.rules import unconfirmed_led_unit_ids
from clusters.models import EmulationGroup, GroupMembership, OrgUnit
from core.audit import record_audit
from core.exceptions import DomainError
from core.permissions import require as _require

MOVEMENT_FIELDS = (
    "name",
    "launcher_level",
    "kind",
    "start_year",
    "end_year",
    "start_date",
    "end_date",
    "objectives",
    "launch_document",
    "launched_on",
    "launcher_unit",
    "notes",
)


# ---------------------------------------------------------------- movements


@transaction.atomic
def create_movement(*, actor, **values) -> Movement:
    _require(actor, "campaigns.manage_movement")
    unknown = set(values) - set(MOVEMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown movement fields: {sorted(unknown)}")
    movement = Movement(**values)
    movement.full_clean()
    movement.save()
    record_audit(
        audit_actions.MOVEMENT_CREATED, actor=actor, target=movement, after=movement.as_audit_dict()
    )
    return movement


@transaction.atomic
def update_movement(movement: Movement, *, actor, **values) -> Movement:
    _require(actor, "campaigns.manage_movement")
    unknown = set(values) - set(MOVEMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown movement fields: {sorted(unknown)}")
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    before = movement.as_audit_dict()
    for name, value in values.items():
        setattr(movement, name, value)
    movement.full_clean()
    movement.save()
    after = movement.as_audit_dict()
    if after != before:
        record_audit(
            audit_actions.MOVEMENT_CHANGED, actor=actor, target=movement, before=before, after=after
        )
    return movement


@transaction.atomic
def set_movement_status(movement: Movement, new_status: str, *, actor) -> Movement:
    """Move a movement along its life cycle (domain §8b).

    Launching needs the launch document; the launch date defaults to today.
    """
    _require(actor, "campaigns.manage_movement")
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    old_status = movement.status
    if new_status not in MovementStatus.TRANSITIONS.get(old_status, ()):
        raise DomainError(
            _("A movement that is “%(old)s” cannot become “%(new)s”.")
            % {
                "old": MovementStatus(old_status).label,
                "new": MovementStatus(new_status).label
                if new_status in MovementStatus.values
                else new_status,
            },
            code="invalid_transition",
        )
    if new_status == MovementStatus.LAUNCHED:
        if not movement.launch_document:
            raise DomainError(
                _("Enter the launch document before launching the movement."),
                code="launch_document_missing",
            )
        movement.launched_on = movement.launched_on or timezone.localdate()
    movement.status = new_status
    movement.save(update_fields=["status", "launched_on", "updated_at"])
    record_audit(
        audit_actions.MOVEMENT_STATUS_CHANGED,
        actor=actor,
        target=movement,
        before={"status": old_status},
        after={"status": new_status},
    )
    return movement


@transaction.atomic
def add_movement_participant(
    movement: Movement, *, unit: OrgUnit, joined_on: datetime.date, actor
) -> MovementParticipation:
    _require(actor, "campaigns.manage_movement")
    if MovementParticipation.objects.filter(movement=movement, unit=unit).exists():
        raise DomainError(_("This unit already takes part in the movement."), code="duplicate")
    participation = MovementParticipation(movement=movement, unit=unit, joined_on=joined_on)
    participation.full_clean()
    participation.save()
    record_audit(
        audit_actions.PARTICIPANT_ADDED,
        actor=actor,
        target=movement,
        after={"unit": unit.code, "joined_on": joined_on.isoformat()},
    )
    return participation


@transaction.atomic
def remove_movement_participant(participation: MovementParticipation, *, actor) -> None:
    _require(actor, "campaigns.manage_movement")
    movement = participation.movement
    before = {"unit": participation.unit.code, "joined_on": participation.joined_on.isoformat()}
    participation.delete()
    record_audit(audit_actions.PARTICIPANT_REMOVED, actor=actor, target=movement, before=before)


# ---------------------------------------------------------------- windows and extensions


@transaction.atomic
def save_registration_window(
    *, year: int, opens_on: datetime.date, deadline: datetime.date, note: str = "", actor
) -> RegistrationWindow:
    """Create the window of `year`, or change its dates."""
    _require(actor, "campaigns.manage_registration_window")
    window = RegistrationWindow.objects.select_for_update().filter(year=year).first()
    before = window.as_audit_dict() if window else None
    window = window or RegistrationWindow(year=year)
    window.opens_on, window.deadline, window.note = opens_on, deadline, note.strip()
    window.full_clean()
    window.save()
    after = window.as_audit_dict()
    if before is None:
        record_audit(audit_actions.WINDOW_CREATED, actor=actor, target=window, after=after)
    elif before != after:
        record_audit(
            audit_actions.WINDOW_CHANGED, actor=actor, target=window, before=before, after=after
        )
    return window


@transaction.atomic
def grant_extension(
    *, unit: OrgUnit, year: int, new_deadline: datetime.date, reason: str, actor
) -> RegistrationExtension:
    """Give `unit` a later deadline for `year` (or change the one it has)."""
    _require(actor, "campaigns.grant_extension")
    window = selectors.window_for_year(year)
    if window is None:
        raise DomainError(
            _("Set the registration window of %(year)s first.") % {"year": year},
            code="no_window",
        )
    if new_deadline <= window.deadline:
        raise DomainError(
            _("The new deadline must be after the general deadline (%(deadline)s).")
            % {"deadline": window.deadline.strftime("%d/%m/%Y")},
            code="extension_not_later",
        )
    extension = (
        RegistrationExtension.objects.select_for_update().filter(unit=unit, year=year).first()
    )
    before = extension.as_audit_dict() if extension else None
    extension = extension or RegistrationExtension(unit=unit, year=year)
    extension.new_deadline, extension.reason, extension.granted_by = new_deadline, reason, actor
    extension.full_clean()
    extension.save()
    after = {**extension.as_audit_dict(), "granted_by": actor.get_username()}
    action = audit_actions.EXTENSION_GRANTED if before is None else audit_actions.EXTENSION_CHANGED
    record_audit(action, actor=actor, target=extension, before=before, after=after)
    return extension


# ---------------------------------------------------------------- registrations


def _write_individuals(
    registration: EmulationRegistration, individuals: Sequence[Mapping[str, str]]
) -> None:
    registration.individuals.all().delete()
    rows = []
    for order, data in enumerate(individuals, start=1):
        row = RegisteredIndividual(
            registration=registration,
            full_name=data["full_name"],
            position=data.get("position", ""),
            target_title=data["target_title"],
            order=order,
        )
        row.full_clean(exclude=["registration"])
        rows.append(row)
    RegisteredIndividual.objects.bulk_create(rows)


@transaction.atomic
def create_registration(
    *,
    unit: OrgUnit,
    year: int,
    actor,
    movement: Movement | None = None,
    collective_titles: Iterable[str] = (),
    commitments: str = "",
    individuals: Sequence[Mapping[str, str]] = (),
) -> EmulationRegistration:
    _require(actor, "campaigns.add_registration")
    _require(actor, "campaigns.change_registration", EmulationRegistration(unit=unit))
    duplicate = EmulationRegistration.objects.filter(unit=unit, year=year, movement=movement)
    if duplicate.exists():
        raise DomainError(
            _("This unit has already registered for %(year)s.") % {"year": year},
            code="duplicate",
        )
    registration = EmulationRegistration(
        unit=unit,
        year=year,
        movement=movement,
        collective_titles=list(collective_titles),
        commitments=commitments,
        created_by=actor,
    )
    registration.full_clean()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # a concurrent creation won the race
        raise DomainError(
            _("This unit has already registered for %(year)s.") % {"year": year},
            code="duplicate",
        ) from exc
    _write_individuals(registration, individuals)
    record_audit(
        audit_actions.REGISTRATION_CREATED,
        actor=actor,
        target=registration,
        after=registration.as_audit_dict(),
    )
    return registration


@transaction.atomic
def update_registration(
    registration: EmulationRegistration,
    *,
    actor,
    collective_titles: Iterable[str],
    commitments: str,
    individuals: Sequence[Mapping[str, str]],
) -> EmulationRegistration:
    """Change a draft or returned registration; a returned one goes back to draft."""
    registration = EmulationRegistration.objects.select_for_update().get(pk=registration.pk)
    _require(actor, "campaigns.change_registration", registration)
    if registration.status == RegistrationStatus.RETURNED:
        registration = set_registration_status(registration, RegistrationStatus.DRAFT, actor=actor)
    before = registration.as_audit_dict()
    registration.collective_titles = list(collective_titles)
    registration.commitments = commitments
    registration.full_clean()
    registration.save()
    _write_individuals(registration, individuals)
    after = registration.as_audit_dict()
    if after != before:
        record_audit(
            audit_actions.REGISTRATION_CHANGED,
            actor=actor,
            target=registration,
            before=before,
            after=after,
        )
    return registration


_REGISTRATION_PERMISSION = {
    RegistrationStatus.SENT: "campaigns.send_registration",
    RegistrationStatus.APPROVED: "campaigns.review_registration",
    RegistrationStatus.RETURNED: "campaigns.review_registration",
    RegistrationStatus.DRAFT: "campaigns.change_registration",
}


@transaction.atomic
def set_registration_status(
    registration: EmulationRegistration, new_status: str, *, actor, reason: str = ""
) -> EmulationRegistration:
    """The one way a registration changes state.

    - sent: by the unit, from draft; needs at least one target title or individual. The
      first sending decides `is_late` against the unit's deadline (extension or window).
    - approved / returned: by a Home Affairs emulation officer, from sent; a return needs
      a reason, which the unit sees.
    - draft: the unit reopens a returned registration to correct it.
    """
    registration = (
        EmulationRegistration.objects.select_for_update()
        .select_related("unit")
        .get(pk=registration.pk)
    )
    old_status = registration.status
    if new_status not in RegistrationStatus.TRANSITIONS.get(old_status, ()):
        raise DomainError(
            _("A registration that is “%(old)s” cannot become “%(new)s”.")
            % {
                "old": RegistrationStatus(old_status).label,
                "new": RegistrationStatus(new_status).label
                if new_status in RegistrationStatus.values
                else new_status,
            },
            code="invalid_transition",
        )
    _require(actor, _REGISTRATION_PERMISSION[new_status], registration)
    now = timezone.now()
    after: dict = {"status": new_status}
    fields = ["status", "updated_at"]
    if new_status == RegistrationStatus.SENT:
        if not registration.collective_titles and not registration.individuals.exists():
            raise DomainError(
                _("Choose at least one target title or add an individual before sending."),
                code="registration_empty",
            )
        registration.sent_at = now
        fields.append("sent_at")
        if registration.first_sent_at is None:
            registration.first_sent_at = now
            deadline = selectors.effective_deadline(registration.unit, registration.year)
            registration.is_late = deadline is not None and timezone.localdate(now) > deadline
            fields += ["first_sent_at", "is_late"]
        after["is_late"] = registration.is_late
    elif new_status in (RegistrationStatus.APPROVED, RegistrationStatus.RETURNED):
        reason = (reason or "").strip()
        if new_status == RegistrationStatus.RETURNED and not reason:
            raise DomainError(_("Give the reason for returning the registration."), code="reason")
        registration.return_reason = reason if new_status == RegistrationStatus.RETURNED else ""
        registration.reviewed_at, registration.reviewed_by = now, actor
        fields += ["return_reason", "reviewed_at", "reviewed_by"]
        if reason:
            after["reason"] = reason
    registration.status = new_status
    registration.save(update_fields=fields)
    record_audit(
        audit_actions.REGISTRATION_STATUS_ACTIONS[new_status],
        actor=actor,
        target=registration,
        before={"status": old_status},
        after=after,
    )
    return registration


def send_registration(registration, *, actor):
    return set_registration_status(registration, RegistrationStatus.SENT, actor=actor)


def approve_registration(registration, *, actor):
    return set_registration_status(registration, RegistrationStatus.APPROVED, actor=actor)


def return_registration(registration, *, actor, reason: str):
    return set_registration_status(
        registration, RegistrationStatus.RETURNED, actor=actor, reason=reason
    )


# ---------------------------------------------------------------- pledges


def _clean_targets(targets: Iterable[str]) -> list[str]:
    cleaned = [t.strip() for t in targets if t and t.strip()]
    if not cleaned:
        raise DomainError(_("Enter at least one target of the pledge."), code="targets")
    return cleaned


def _write_targets(pledge: EmulationPledge, targets: list[str]) -> None:
    pledge.items.all().delete()
    PledgeItem.objects.bulk_create(
        PledgeItem(pledge=pledge, order=order, text=text)
        for order, text in enumerate(targets, start=1)
    )


@transaction.atomic
def create_pledge(
    *, group: EmulationGroup, year: int, title: str, targets: Iterable[str], actor
) -> EmulationPledge:
    """The head of the group in `year` drafts the group's pledge."""
    if not selectors.is_head_of_group(actor, group.pk, year):
        raise PermissionDenied
    if EmulationPledge.objects.filter(group=group, year=year).exists():
        raise DomainError(
            _("This group already has a pledge for %(year)s.") % {"year": year}, code="duplicate"
        )
    cleaned = _clean_targets(targets)
    pledge = EmulationPledge(group=group, year=year, title=title.strip(), drafted_by=actor)
    pledge.full_clean()
    pledge.save()
    _write_targets(pledge, cleaned)
    record_audit(
        audit_actions.PLEDGE_CREATED, actor=actor, target=pledge, after=pledge.as_audit_dict()
    )
    return pledge


@transaction.atomic
def update_pledge(
    pledge: EmulationPledge, *, title: str, targets: Iterable[str], actor
) -> EmulationPledge:
    pledge = EmulationPledge.objects.select_for_update().get(pk=pledge.pk)
    _require(actor, "campaigns.change_pledge", pledge)
    cleaned = _clean_targets(targets)
    before = pledge.as_audit_dict()
    pledge.title = title.strip()
    pledge.full_clean()
    pledge.save()
    _write_targets(pledge, cleaned)
    after = pledge.as_audit_dict()
    if after != before:
        record_audit(
            audit_actions.PLEDGE_CHANGED, actor=actor, target=pledge, before=before, after=after
        )
    return pledge


@transaction.atomic
def set_pledge_status(pledge: EmulationPledge, new_status: str, *, actor) -> EmulationPledge:
    """The one way a pledge changes state.

    - circulated: by the head, from draft; the group must have members that year.
    - in_force: only through `confirm_pledge`, when the last member unit confirms.
    - closed: by a Home Affairs emulation officer at the final review.
    """
    pledge = EmulationPledge.objects.select_for_update().get(pk=pledge.pk)
    old_status = pledge.status
    if new_status not in PledgeStatus.TRANSITIONS.get(old_status, ()):
        raise DomainError(
            _("A pledge that is “%(old)s” cannot become “%(new)s”.")
            % {
                "old": PledgeStatus(old_status).label,
                "new": PledgeStatus(new_status).label
                if new_status in PledgeStatus.values
                else new_status,
            },
            code="invalid_transition",
        )
    fields = ["status", "updated_at"]
    if new_status == PledgeStatus.CIRCULATED:
        _require(actor, "campaigns.circulate_pledge", pledge)
        if not GroupMembership.objects.filter(group_id=pledge.group_id, year=pledge.year).exists():
            raise DomainError(
                _("The group has no member units in %(year)s.") % {"year": pledge.year},
                code="no_members",
            )
        pledge.circulated_at = timezone.now()
        fields.append("circulated_at")
    elif new_status == PledgeStatus.IN_FORCE:
        signed = set(pledge.signatures.values_list("unit_id", flat=True))
        members = set(
            GroupMembership.objects.filter(group_id=pledge.group_id, year=pledge.year).values_list(
                "unit_id", flat=True
            )
        )
        if not members <= signed:
            raise DomainError(
                _("Every member unit must confirm the pledge first."), code="not_all_confirmed"
            )
        pledge.in_force_at = timezone.now()
        fields.append("in_force_at")
    else:
        _require(actor, "campaigns.close_pledge", pledge)
    pledge.status = new_status
    pledge.save(update_fields=fields)
    record_audit(
        audit_actions.PLEDGE_STATUS_ACTIONS[new_status],
        actor=actor,
        target=pledge,
        before={"status": old_status},
        after={"status": new_status},
    )
    return pledge


def circulate_pledge(pledge, *, actor):
    return set_pledge_status(pledge, PledgeStatus.CIRCULATED, actor=actor)


@transaction.atomic
def confirm_pledge(pledge: EmulationPledge, *, unit: OrgUnit, actor) -> PledgeSignature:
    """The leader of a member unit confirms the circulated pledge for that unit.

    One audit entry per confirmation; the last confirmation puts the pledge in force.
    """
    pledge = EmulationPledge.objects.select_for_update().get(pk=pledge.pk)
    if pledge.status != PledgeStatus.CIRCULATED:
        raise DomainError(
            _("Only a circulated pledge can be confirmed."), code="pledge_not_circulated"
        )
    if unit.pk not in unconfirmed_led_unit_ids(actor, pledge):
        raise PermissionDenied
    signature = PledgeSignature.objects.create(
        pledge=pledge, unit=unit, user=actor, signed_at=timezone.now()
    )
    record_audit(
        audit_actions.PLEDGE_CONFIRMED,
        actor=actor,
        target=pledge,
        after={"unit": unit.code, "signed_at": signature.signed_at.isoformat()},
    )
    members = set(
        GroupMembership.objects.filter(group_id=pledge.group_id, year=pledge.year).values_list(
            "unit_id", flat=True
        )
    )
    signed = set(pledge.signatures.values_list("unit_id", flat=True))
    if members <= signed:
        set_pledge_status(pledge, PledgeStatus.IN_FORCE, actor=actor)
    return signature
