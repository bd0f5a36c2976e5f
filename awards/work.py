"""Items for the "My work" home page about award dossiers. Each provider costs a bounded
number of queries."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.rules import is_emulation_officer
from awards import selectors
from awards.enums import ProposalStatus
from core.registry import WorkItem


def unit_proposal_work(user) -> list[WorkItem]:
    """For unit staff and group heads: their dossiers still in draft or returned (2 queries)."""
    items = []
    for proposal in selectors.unit_open_proposals(user):
        url = reverse("awards:proposal-detail", args=[proposal.pk])
        if proposal.status == ProposalStatus.RETURNED:
            items.append(
                WorkItem(
                    title=_("Award dossier returned: complete it and submit it again"),
                    url=url,
                    detail=f"{proposal.title} – {proposal.return_reason}",
                    tags=("proposal",),
                )
            )
        else:
            items.append(
                WorkItem(
                    title=_("Award dossier not yet submitted"),
                    url=url,
                    detail=f"{proposal.unit.name} – {proposal.title}",
                    tags=("proposal",),
                )
            )
    return items


def officer_proposal_work(user) -> list[WorkItem]:
    """For Home Affairs emulation officers: dossiers waiting to be received and the ones they
    are appraising (3 queries)."""
    if not is_emulation_officer(user):
        return []
    items = []
    count = selectors.proposals_waiting_for_receipt_count()
    if count:
        items.append(
            WorkItem(
                title=ngettext(
                    "%(count)d award dossier waiting to be received",
                    "%(count)d award dossiers waiting to be received",
                    count,
                )
                % {"count": count},
                url=reverse("awards:proposal-list") + f"?status={ProposalStatus.SUBMITTED}",
                count=count,
                tags=("proposal",),
            )
        )
    for proposal in selectors.proposals_appraised_by(user):
        items.append(
            WorkItem(
                title=_("Award dossier under your appraisal"),
                url=reverse("awards:proposal-detail", args=[proposal.pk]),
                detail=f"{proposal.unit.name} – {proposal.title}",
                tags=("proposal",),
            )
        )
    return items
