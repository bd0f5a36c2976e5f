"""The minutes (biên bản) of a cluster/block's deliberation ballot, printed in the Decree
30/2020 layout (forms.md §3.7): header without a place-date line, the meeting's composition, the
voting method, the result table and the conclusion, signed by the secretary and the chair.

The print text is Vietnamese, as every official document the portal produces.
"""

from decimal import Decimal

from django.utils import timezone

from clusters import selectors as cluster_selectors
from clusters.enums import GroupKind
from core.layout import DocumentHead, blank_number, date_words
from scoring import selectors
from scoring.enums import BallotOutcome
from scoring.models import Ballot

OUTCOME_TEXT = {
    BallotOutcome.PENDING: "Chưa có kết quả",
    BallotOutcome.ACCLAIMED: "Suy tôn bằng bỏ phiếu kín",
    BallotOutcome.NO_QUORUM: "Không đủ số đơn vị tham gia bỏ phiếu",
    BallotOutcome.NOT_PASSED: "Không có đơn vị đạt tỷ lệ phiếu yêu cầu",
    BallotOutcome.HEAD_DECIDED: "Trưởng, Phó cụm/khối quyết định sau hai vòng bỏ phiếu",
}


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "0"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
    return f"{value:n}".replace(".", ",")


def minutes_context(ballot: Ballot) -> dict:
    criteria_set = ballot.criteria_set
    group = criteria_set.group
    year = criteria_set.year
    term = cluster_selectors.group_term(group, year)
    word = "Cụm" if group.kind == GroupKind.CLUSTER else "Khối"
    short_name = group.name.split(" (", 1)[0]
    members = selectors.member_units(criteria_set)
    participations = list(selectors.participations_of(ballot))
    rounds = sorted({p.round for p in participations})
    voted_by_round = {r: [p.unit.name for p in participations if p.round == r] for r in rounds}
    results = []
    for number, result in enumerate(selectors.round_results_of(ballot), start=1):
        results.append(
            {
                "index": number,
                "round": result.round,
                "unit": result.candidate.unit.name,
                "votes": result.votes,
                "participants": result.participants,
                # Thresholds count all member units, not the ballots cast (domain R10).
                "percent": _percent(result.votes, ballot.electorate),
                "passed": result.passed,
            }
        )
    acclaimed = [c.unit.name for c in selectors.candidates_of(ballot) if c.is_acclaimed]
    head = term.head_unit.name if term and term.head_unit_id else ""
    deputy = term.deputy_unit.name if term and term.deputy_unit_id else ""
    closed = timezone.localtime(ballot.closed_at) if ballot.closed_at else None
    doc = DocumentHead(
        parent_body=short_name,
        issuer_lines=[head] if head else [short_name],
        doc_type="BIÊN BẢN",
        summary=f"Họp bình xét, suy tôn đơn vị dẫn đầu phong trào thi đua năm {year} "
        f"của {group.name}",
        number_label=blank_number(f"BB-{group.code}".upper()[:32]),
        place_date="",
        capacity_lines=[],
        signer_name="",
        recipients=[f"Các đơn vị thành viên {word.lower()};", "Sở Nội vụ;", "Lưu: VT, Hồ sơ."],
        is_draft=ballot.closed_at is None,
    )
    return {
        "doc": doc,
        "ballot": ballot,
        "year": year,
        "group_name": group.name,
        "word": word,
        "head": head,
        "deputy": deputy,
        "opened": timezone.localtime(ballot.opened_at),
        "opened_on": date_words(timezone.localtime(ballot.opened_at).date()),
        "closed": closed,
        "closed_on": date_words(closed.date()) if closed else "",
        "members": [unit.name for unit in members],
        "electorate": ballot.electorate,
        "voted_by_round": voted_by_round,
        "absent": [
            unit.name
            for unit in members
            if unit.name not in voted_by_round.get(rounds[-1] if rounds else 0, [])
        ],
        "quorum_percent": _percent_of(ballot.quorum),
        "threshold_percent": _percent_of(ballot.threshold),
        "results": results,
        "acclaimed": acclaimed,
        "outcome": OUTCOME_TEXT.get(ballot.outcome, ballot.get_outcome_display()),
        "decision_note": ballot.decision_note,
    }


def _percent_of(fraction: Decimal) -> str:
    value = (fraction * 100).quantize(Decimal("0.1")).normalize()
    return f"{value:f}".replace(".", ",")
