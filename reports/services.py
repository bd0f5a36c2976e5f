"""Writes of the reports app: its own runs and number registers only.

Rendering is queued through `transaction.on_commit`; the task calls `render_report`.
"""

import datetime
import hashlib
import json
import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns import selectors as campaign_selectors
from clusters.models import EmulationGroup
from core.audit import record_audit
from core.exceptions import DomainError
from reports import audit_actions, data, narrative
from reports.enums import ReportKind, ReportStatus, SignCapacity
from reports.models import ReportRun
from reports.numbering import next_number, symbol_for
from reports.tasks import render_report_task

logger = logging.getLogger(__name__)


def inputs_hash(kind: str, *, year: int, group_id: int | None, figures: dict) -> str:
    payload = {"kind": kind, "year": year, "group": group_id, "data": figures}
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _queue_render(run: ReportRun) -> None:
    run_id = run.pk
    transaction.on_commit(lambda: render_report_task.delay(run_id=run_id))


def request_report(
    kind: str, *, year: int, group: EmulationGroup | None = None, actor=None
) -> tuple[ReportRun, bool]:
    """Read the figures, and return the run for exactly these inputs: an existing one (a
    failed one is queued again) or a new draft with pre-filled narrative. `created` tells."""
    if kind not in ReportKind.values:
        raise DomainError(_("Unknown report kind."))
    if (kind in ReportKind.GROUP_KINDS) != (group is not None):
        raise DomainError(_("Choose a cluster/block for a cluster/block report, and only then."))
    if not 2000 <= year <= 2100:
        raise DomainError(_("Choose a year between 2000 and 2100."))
    figures = data.gather(kind, year=year, group=group)
    digest = inputs_hash(kind, year=year, group_id=group.pk if group else None, figures=figures)
    existing = ReportRun.objects.filter(inputs_hash=digest).first()
    if existing is not None:
        return _requeue_if_failed(existing), False
    texts = narrative.prefill(kind, figures)
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(
                kind=kind,
                scope=ReportKind.scope_of(kind),
                group=group,
                year=year,
                period=ReportKind.period_of(kind),
                inputs_hash=digest,
                data=figures,
                requested_by=actor if actor is not None and actor.is_authenticated else None,
                **texts,
            )
            record_audit(
                audit_actions.REPORT_REQUESTED,
                actor=actor,
                target=run,
                after=run.as_audit_dict(),
            )
            _queue_render(run)
    except IntegrityError:
        # Someone asked for the same inputs at the same moment: theirs is ours.
        return ReportRun.objects.get(inputs_hash=digest), False
    return run, True


def _requeue_if_failed(run: ReportRun) -> ReportRun:
    with transaction.atomic():
        updated = ReportRun.objects.filter(pk=run.pk, status=ReportStatus.FAILED).update(
            status=ReportStatus.QUEUED, progress=0, error=""
        )
        if updated:
            _queue_render(run)
    run.refresh_from_db()
    return run


def _locked(run: ReportRun) -> ReportRun:
    return ReportRun.objects.select_for_update().get(pk=run.pk)


@transaction.atomic
def update_narrative(
    run: ReportRun,
    *,
    actor,
    assessment: str,
    limitations: str,
    next_tasks: str,
    signer_name: str,
    sign_capacity: str,
) -> ReportRun:
    """Change the narrative and the signature block of a draft, and render it again."""
    run = _locked(run)
    if run.is_final:
        raise DomainError(_("A final report cannot be changed."))
    if sign_capacity not in SignCapacity.values:
        raise DomainError(_("Unknown signing capacity."))
    before = {
        "assessment": run.assessment,
        "limitations": run.limitations,
        "next_tasks": run.next_tasks,
        "signer_name": run.signer_name,
        "sign_capacity": run.sign_capacity,
    }
    run.assessment = assessment.strip()
    run.limitations = limitations.strip()
    run.next_tasks = next_tasks.strip()
    run.signer_name = signer_name.strip()
    run.sign_capacity = sign_capacity
    run.revision += 1
    run.status = ReportStatus.QUEUED
    run.progress = 0
    run.save()
    after = {key: getattr(run, key) for key in before}
    record_audit(audit_actions.REPORT_EDITED, actor=actor, target=run, before=before, after=after)
    _queue_render(run)
    return run


@transaction.atomic
def finalise_report(run: ReportRun, *, actor, issued_on: datetime.date | None = None) -> ReportRun:
    """Make a rendered draft final: a review report takes the next number of the yearly
    register; then it is rendered once more with its number and date, and never changes."""
    run = _locked(run)
    if run.is_final:
        raise DomainError(_("This report is already final."))
    if run.status != ReportStatus.DONE:
        raise DomainError(_("Only a report that has finished rendering can be finalised."))
    if run.is_review and not run.signer_name.strip():
        # Decree 30/2020: the signature block names the signer; a final report never changes.
        raise DomainError(
            _("Enter the name of the person who signs (signature block) before finalising."),
            code="signer_missing",
        )
    issued_on = issued_on or timezone.localdate()
    period_start = data.review_period(run.year, run.period)[0]
    if issued_on < period_start:
        # Such a date would also take a number from a past year's register.
        raise DomainError(
            _("The date of issue cannot be before the period the report covers (%(start)s).")
            % {"start": period_start.strftime("%d/%m/%Y")}
        )
    if run.is_review:
        run.symbol = symbol_for(run)
        run.number = next_number(year=issued_on.year, symbol=run.symbol)
    run.is_final = True
    run.issued_on = issued_on
    run.finalised_by = actor if actor is not None and actor.is_authenticated else None
    run.finalised_at = timezone.now()
    run.revision += 1
    run.status = ReportStatus.QUEUED
    run.progress = 0
    run.save()
    record_audit(audit_actions.REPORT_FINALISED, actor=actor, target=run, after=run.as_audit_dict())
    _queue_render(run)
    return run


# ---------------------------------------------------------------- rendering (the task's body)


def _pause() -> None:
    if settings.REPORTS_RENDER_PAUSE:
        time.sleep(settings.REPORTS_RENDER_PAUSE)


def _set_progress(run: ReportRun, percent: int) -> None:
    ReportRun.objects.filter(pk=run.pk).update(progress=percent)
    _pause()


def _file_name(run: ReportRun, extension: str) -> str:
    where = run.group.code if run.group_id else "tinh"
    number = f"-so{run.number:02d}" if run.number else ""
    return f"{run.kind}-{where}-{run.year}{number}-{run.pk}.{extension}".lower()


def render_report(run_id: int) -> ReportRun | None:
    """Render a run's files from its stored figures. Idempotent: a run that is already done
    is left alone, and one left `running` by a killed worker is simply rendered again."""
    from reports import rendering  # noqa: PLC0415 -- leaf: loads the PDF and XLSX writers

    run = ReportRun.objects.select_related("group", "requested_by").filter(pk=run_id).first()
    if run is None:
        logger.warning("Report run %s does not exist any more", run_id)
        return None
    if run.status == ReportStatus.DONE:
        return run
    revision = run.revision
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportStatus.RUNNING,
        progress=5,
        started_at=timezone.now(),
        attempts=run.attempts + 1,
        error="",
    )
    _pause()
    with translation.override("vi"):
        pdf_bytes = rendering.render_pdf(run, progress=lambda p: _set_progress(run, p))
        xlsx_bytes = rendering.render_xlsx(run) if run.is_form else None
    _set_progress(run, 90)
    with transaction.atomic():
        current = _locked(run)
        if current.status == ReportStatus.DONE or current.revision != revision:
            # Another delivery got there first, or the run changed while we rendered: the
            # task queued by that change renders the newer revision.
            return current
        old_files = [f.name for f in (current.pdf_file, current.xlsx_file) if f]
        current.pdf_file.save(_file_name(current, "pdf"), ContentFile(pdf_bytes), save=False)
        current.pdf_sha256 = hashlib.sha256(pdf_bytes).hexdigest()
        if xlsx_bytes is not None:
            current.xlsx_file.save(_file_name(current, "xlsx"), ContentFile(xlsx_bytes), save=False)
            current.xlsx_sha256 = hashlib.sha256(xlsx_bytes).hexdigest()
        current.status = ReportStatus.DONE
        current.progress = 100
        current.finished_at = timezone.now()
        current.save()
        kept = {current.pdf_file.name, current.xlsx_file.name}
        storage = current.pdf_file.storage
        for name in old_files:
            if name not in kept:
                transaction.on_commit(lambda name=name: storage.delete(name))
        transaction.on_commit(lambda: notify_requester(current))
    return current


def mark_failed(run_id: int, error: str) -> None:
    ReportRun.objects.filter(pk=run_id).exclude(status=ReportStatus.DONE).update(
        status=ReportStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def notify_requester(run: ReportRun) -> None:
    user = run.requested_by
    if user is None or not user.email:
        return
    link = settings.REPORTS_LINK_BASE.rstrip("/") + reverse("reports:detail", args=[run.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your report is ready: %(report)s") % {"report": run}
        body = _("The report “%(report)s” has been rendered. Open it here:\n%(link)s") % {
            "report": run,
            "link": link,
        }
    send_mail(subject, body, None, [user.email])


def create_periodic_drafts(*, period: str, year: int | None = None) -> list[int]:
    """The scheduled drafts: the province review and every cluster/block review of the
    period ("h1" in June, "year" in December). Existing runs for the same inputs are reused."""
    year = year or timezone.localdate().year
    if period == "h1":
        province_kind, group_kind = ReportKind.PROVINCE_PRELIMINARY, ReportKind.GROUP_PRELIMINARY
    else:
        province_kind, group_kind = ReportKind.PROVINCE_FINAL, ReportKind.GROUP_FINAL
    runs = [request_report(province_kind, year=year)[0]]
    runs += [
        request_report(group_kind, year=year, group=g)[0]
        for g in campaign_selectors.groups_for_year(year)
    ]
    return [run.pk for run in runs]
