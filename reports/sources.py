"""The lower apps that are still being built, read through one place.

- Scoring: only a *locked* result (`scoring.GroupResult`, frozen and hashed) is printed; a
  criteria set still being scored is reported as such, never as provisional numbers.
- Awards has no selectors yet: `award_counts` returns `None` and the report prints a
  labelled "not yet available" section. When `awards.selectors.award_counts_for_year(year)`
  exists (a mapping with the keys "0602" and "0603", each {row code: {column: count}}, see
  reports/statforms.py), the forms and the review fill themselves in.
"""

import importlib
from collections.abc import Callable
from typing import Any

from reports.enums import ReportPeriod
from scoring import selectors as scoring_selectors
from scoring.enums import Period as ScoringPeriod

SCORING_PERIOD = {
    ReportPeriod.FIRST_HALF: ScoringPeriod.MID_YEAR,
    ReportPeriod.YEAR: ScoringPeriod.ANNUAL,
}


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError:
        return None
    return getattr(loaded, name, None)


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


def award_counts(year: int) -> dict | None:
    counts = _optional("awards.selectors", "award_counts_for_year")
    if counts is None:
        return None
    return dict(counts(year))
