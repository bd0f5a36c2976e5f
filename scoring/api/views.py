"""/api/v1/criteria-sets/, score sheets (bulk upsert of lines) and ballots: the same
selectors, services and rules as the pages."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import DomainError
from scoring import selectors, services
from scoring.api import serializers as s
from scoring.enums import BallotStatus, Stage
from scoring.models import Criterion, ScoreSheet


def _fmt(value):
    return services._fmt(value)


class CriteriaSetListView(ListAPIView):
    """Criteria sets the user may see. Filters: `year`, `group` (code)."""

    serializer_class = s.CriteriaSetSerializer

    def get_queryset(self):
        qs = selectors.visible_criteria_sets(self.request.user)
        year = self.request.query_params.get("year", "")
        if year.isdigit():
            qs = qs.filter(year=int(year))
        group = self.request.query_params.get("group")
        if group:
            qs = qs.filter(group__code=group)
        return qs


class CriteriaSetDetailView(APIView):
    @extend_schema(responses=s.CriteriaSetDetailSerializer)
    def get(self, request, pk):
        criteria_set = selectors.get_criteria_set_for_user(request.user, pk)
        nodes = selectors.criteria_of(criteria_set)
        return Response(s.CriteriaSetDetailSerializer(criteria_set, context={"nodes": nodes}).data)


def _sheet_payload(criteria_set, unit_ids):
    lines = selectors.lines_of(criteria_set)
    sheets = selectors.sheets_of(criteria_set)
    leaves = selectors.leaves(selectors.criteria_of(criteria_set))
    result = []
    for unit in selectors.member_units(criteria_set):
        if unit.pk not in unit_ids:
            continue
        sheet = sheets.get(unit.pk)
        result.append(
            {
                "unit": unit.pk,
                "unit_code": unit.code,
                "status": sheet.status if sheet else "open",
                "lines": [
                    {
                        "criterion": leaf.pk,
                        "code": leaf.code,
                        "stage": stage,
                        "value": _fmt(line.value),
                        "version": line.version,
                        "reason": line.reason,
                    }
                    for leaf in leaves
                    for stage in Stage.values
                    if (line := lines.get((unit.pk, leaf.pk, stage))) is not None
                ],
            }
        )
    return result


class ScoreSheetsView(APIView):
    """GET: the sheets the user may read (all for the head and province-wide readers, the
    own unit's for unit staff). POST: bulk upsert of lines for one stage, all or nothing,
    through the same services and checks as the pages; a stale `version` answers 409."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        criteria_set = selectors.get_criteria_set_for_user(request.user, pk)
        members = selectors.member_unit_ids(criteria_set)
        if request.user.has_perm("scoring.view_head_grid", criteria_set):
            allowed = members
        else:
            allowed = {
                unit_id
                for unit_id in members
                if request.user.has_perm(
                    "scoring.view_scoresheet",
                    ScoreSheet(criteria_set=criteria_set, unit_id=unit_id),
                )
            }
        return Response({"results": _sheet_payload(criteria_set, allowed)})

    @extend_schema(
        request=s.BulkLinesInputSerializer,
        responses={200: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
    )
    def post(self, request, pk):
        criteria_set = selectors.get_criteria_set_for_user(request.user, pk)
        data = s.BulkLinesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        stage = data.validated_data["stage"]
        lines = data.validated_data["lines"]
        try:
            written = self._write(criteria_set, stage, lines, request.user)
        except services.StaleVersionError as error:
            return Response(
                {
                    "error": {
                        "code": error.code,
                        "message": error.message,
                        "current_value": _fmt(error.current_value),
                        "current_version": error.current_version,
                    }
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(
            {
                "results": [
                    {
                        "unit": line.sheet.unit_id,
                        "criterion": line.criterion_id,
                        "stage": line.stage,
                        "value": _fmt(line.value),
                        "version": line.version,
                    }
                    for line in written
                ]
            }
        )

    @staticmethod
    @transaction.atomic
    def _write(criteria_set, stage, lines, user):
        if stage != Stage.SELF:
            return services.bulk_record_scores(
                criteria_set,
                stage=stage,
                items=[
                    services.ScoreInput(
                        item["unit"],
                        item["criterion"],
                        item["value"],
                        item["reason"],
                        item["version"],
                    )
                    for item in lines
                ],
                actor=user,
            )
        criteria = {c.pk: c for c in Criterion.objects.filter(criteria_set=criteria_set)}
        written = []
        for item in lines:
            criterion = criteria.get(item["criterion"])
            if criterion is None:
                raise DomainError(_("Unknown criterion."), code="not_a_leaf")
            written.append(
                services.save_self_score(
                    criteria_set,
                    unit_id=item["unit"],
                    criterion=criterion,
                    value=item["value"],
                    comment=item["comment"],
                    version=item["version"],
                    actor=user,
                )
            )
        return written


class BallotView(APIView):
    """A ballot with its candidates; tallies only once the round is closed."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        ballot = selectors.get_ballot_for_user(request.user, pk)
        if not request.user.has_perm("scoring.view_ballot", ballot):
            raise PermissionDenied
        data = s.BallotSerializer(ballot).data
        data["voted"] = selectors.participations_of(ballot, ballot.round).count()
        data["tallies"] = (
            [
                {
                    "round": r.round,
                    "candidate": r.candidate_id,
                    "votes": r.votes,
                    "passed": r.passed,
                }
                for r in selectors.round_results_of(ballot)
            ]
            if ballot.status == BallotStatus.CLOSED
            else None
        )
        return Response(data)


class BallotVoteView(APIView):
    @extend_schema(request=s.VoteInputSerializer, responses={204: None})
    def post(self, request, pk):
        ballot = selectors.get_ballot_for_user(request.user, pk)
        data = s.VoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.cast_ballot(
            ballot,
            unit_id=data.validated_data["unit"],
            candidate_ids=data.validated_data["candidates"],
            actor=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
