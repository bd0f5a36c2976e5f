"""The audit trail: `record_audit()` is called by every service that changes something."""

import re
from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import AuditEntry

# Action codes are `app.model.past_tense`. Each app registers its labels here so that the
# audit list can show them translated; an unregistered code is shown as it is.
_ACTION_LABELS: dict[str, Any] = {}

MASKED_KEYS = frozenset({"password", "token", "secret", "key"})


def register_actions(labels: Mapping[str, Any]) -> None:
    _ACTION_LABELS.update(labels)


def action_label(code: str) -> str:
    return str(_ACTION_LABELS.get(code, code))


def action_choices() -> list[tuple[str, str]]:
    return sorted(
        ((code, str(label)) for code, label in _ACTION_LABELS.items()), key=lambda c: c[1]
    )


def _is_secret(key: str) -> bool:
    # "password", "new_password1", "api_key", "apiKey", "X-Token": any word of the key counts.
    words = re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1_\2", str(key)).lower())
    return any(word in MASKED_KEYS for word in words)


def _mask_value(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: ("***" if _is_secret(k) else _mask_value(v)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mask_value(item) for item in value]
    return value


def _mask(data: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    return _mask_value(data)


def _fit(model, field_name: str, text: str) -> str:
    """Cut a label to its column: a long name (or a username typed by anyone) must not
    turn an audited action into a database error."""
    return text[: model._meta.get_field(field_name).max_length]


def record_audit(
    action: str,
    *,
    actor=None,
    target: models.Model | None = None,
    target_label: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    """Append one audit entry. Secrets in `before`/`after` are masked."""
    entry = AuditEntry(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=(actor.get_username() if actor is not None and actor.is_authenticated else ""),
        before=_mask(before),
        after=_mask(after),
        ip_address=ip_address,
        target_label=_fit(
            AuditEntry, "target_label", target_label or (str(target) if target is not None else "")
        ),
    )
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target)
        entry.target_id = str(target.pk)
    entry.save()
    return entry
