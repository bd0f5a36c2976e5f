"""The lower apps that are still being built, read through one place.

- Scoring: only a *locked* result (`scoring.GroupResult`, frozen and hashed) is printed; a
  criteria set still being scored is reported as such, never as provisional numbers.
- Awards: the figures of awards.selectors (awards/statistics.py): records of issued
  decisions dated in the period, revoked ones left out and counted apart. The period is
  chosen here by the reports app (reports.data) and passed down.
"""

import datetime

from awards import selectors as award_selectors
from reports.enums import ReportPeriod
from scoring import selectors as scoring_selectors
from scoring.enums import Period as ScoringPeriod

SCORING_PERIOD = {
    ReportPeriod.FIRST_HALF: ScoringPeriod.MID_YEAR,
    ReportPeriod.YEAR: ScoringPeriod.ANNUAL,
}


def scoring_result(group, year: int, period: str) -> dict:
    """{"state": "none"} without a criteria set, {"state": "open"} while it is being
    scored, else the locked ranking with the units acclaimed by the group's ballot."""
    criteria_set = (
        scoring_selectors.criteria_sets()
        .filter(group=group, year=year, period=SCORING_PERIOD[period])
        .first()
    )
    if criteria_set is None:
        return {"state": "none"}
    result = scoring_selectors.result_of(criteria_set)
    if result is None:
        return {"state": "open", "title": criteria_set.title}
    acclaimed = [
        candidate.unit.name
        for candidate in scoring_selectors.acclaimed_candidates(year).filter(
            ballot__criteria_set=criteria_set
        )
    ]
    return {
        "state": "locked",
        "title": criteria_set.title,
        "sha256": result.sha256,
        "rows": [
            {
                "rank": row["rank"],
                "unit": row["unit_name"],
                "total": row["total"],
                "classification": row.get("classification") or "",
            }
            for row in result.snapshot["rows"]
        ],
        "acclaimed": acclaimed,
    }


def acclaimed_by_group(year: int) -> dict[int, list[str]]:
    """Units acclaimed in each group's ballot of `year` (annual results), one query."""
    acclaimed: dict[int, list[str]] = {}
    for candidate in scoring_selectors.acclaimed_candidates(year).filter(
        ballot__criteria_set__period=ScoringPeriod.ANNUAL
    ):
        group_id = candidate.ballot.criteria_set.group_id
        acclaimed.setdefault(group_id, []).append(candidate.unit.name)
    return acclaimed


def award_counts(start: datetime.date, end: datetime.date) -> dict:
    """Cells of forms 0602/0603 (see awards.statistics.award_counts)."""
    return award_selectors.award_counts(start, end)


def award_breakdown(start: datetime.date, end: datetime.date, *, group_year: int) -> dict:
    return award_selectors.award_breakdown(start, end, group_year=group_year)


def proposal_figures(start: datetime.date, end: datetime.date) -> dict:
    return award_selectors.proposal_figures(start, end)


def group_proposals(group, year: int) -> list[dict]:
    return award_selectors.group_proposals(group, year)
