"""API of award decisions and award records: the same selectors, rules and services as the
pages. A decision or record the caller may not see answers 404, whatever the action."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from awards import selectors
from awards.api.decision_serializers import (
    AddLinesInputSerializer,
    AwardRecordSerializer,
    DecisionCreateSerializer,
    DecisionDetailSerializer,
    DecisionLineInputSerializer,
    DecisionSerializer,
    DecisionUpdateSerializer,
    IssueInputSerializer,
    RevokeInputSerializer,
)
from awards.forms.decisions import AwardRecordFilter, DecisionFilter
from awards.models import AwardRecord
from awards.services import decisions as services
from core.permissions import require_perm as _require

DECISION_PK = OpenApiParameter("decision_pk", OpenApiTypes.INT, OpenApiParameter.PATH)


class DecisionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Award decisions: emulation officers see drafts and issued ones, other province-wide
    readers the issued ones. Writes call the same services as the pages."""

    filterset_class = DecisionFilter
    ordering_fields = ["decided_on", "number", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.visible_decisions(self.request.user).order_by(
            "status", "-decided_on", "-number", "-id"
        )

    def get_serializer_class(self):
        return DecisionSerializer if self.action == "list" else DecisionDetailSerializer

    def list(self, request, *args, **kwargs):
        _require(request, "awards.list_decisions")
        return super().list(request, *args, **kwargs)

    def _decision(self):
        return selectors.get_decision_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def _detail(self, decision, code=status.HTTP_200_OK):
        decision = selectors.visible_decisions(self.request.user).get(pk=decision.pk)
        return Response(DecisionDetailSerializer(decision).data, status=code)

    @extend_schema(request=DecisionCreateSerializer, responses={201: DecisionDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = DecisionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision = services.create_decision(actor=request.user, **data.validated_data)
        return self._detail(decision, status.HTTP_201_CREATED)

    @extend_schema(request=DecisionUpdateSerializer, responses=DecisionDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        decision = self._decision()
        _require(request, "awards.manage_decision", decision)
        data = DecisionUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.update_decision(decision, actor=request.user, **data.validated_data)
        return self._detail(decision)

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):  # only PATCH is offered
        raise Http404

    @extend_schema(request=IssueInputSerializer, responses=DecisionDetailSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        decision = self._decision()
        _require(request, "awards.manage_decision", decision)
        data = IssueInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.issue_decision(decision, actor=request.user, **data.validated_data)
        return self._detail(decision)

    @extend_schema(
        request=AddLinesInputSerializer, responses={201: AwardRecordSerializer(many=True)}
    )
    @action(detail=True, methods=["post"], url_path="add-lines")
    def add_lines(self, request, pk=None):
        decision = self._decision()
        _require(request, "awards.manage_decision", decision)
        data = AddLinesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        records = services.add_lines_from_nominees(
            decision, data.validated_data["nominees"], actor=request.user
        )
        return Response(
            AwardRecordSerializer(records, many=True).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(parameters=[DECISION_PK]),
    create=extend_schema(
        parameters=[DECISION_PK],
        request=DecisionLineInputSerializer,
        responses={201: AwardRecordSerializer},
    ),
    destroy=extend_schema(parameters=[DECISION_PK]),
)
class DecisionLineViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The lines of one decision; lines are added (by hand) and removed on drafts only."""

    serializer_class = AwardRecordSerializer
    queryset = AwardRecord.objects.none()  # the schema's model; get_queryset answers requests

    def _decision(self):
        return selectors.get_decision_for_user(
            user=self.request.user, pk=self.kwargs["decision_pk"]
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AwardRecord.objects.none()
        return selectors.decision_lines(self._decision())

    def create(self, request, *args, **kwargs):
        decision = self._decision()
        _require(request, "awards.manage_decision", decision)
        data = DecisionLineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.add_line(decision, actor=request.user, **data.validated_data)
        return Response(AwardRecordSerializer(record).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        decision = self._decision()
        _require(request, "awards.manage_decision", decision)
        record = decision.records.filter(pk=self.kwargs["pk"]).first()
        if record is None:
            raise Http404
        services.remove_line(record, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AwardRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Award records of issued decisions: province-wide readers see all, unit staff the
    records of their own units."""

    serializer_class = AwardRecordSerializer
    filterset_class = AwardRecordFilter
    ordering_fields = ["year", "cash_amount"]

    def get_queryset(self):
        return selectors.visible_award_records(self.request.user).order_by(
            "-decision__decided_on", "decision_id", "sort_order", "id"
        )

    def list(self, request, *args, **kwargs):
        _require(request, "awards.list_award_records")
        return super().list(request, *args, **kwargs)

    @extend_schema(request=RevokeInputSerializer, responses=AwardRecordSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        record = selectors.get_award_record_for_user(user=request.user, pk=pk)
        _require(request, "awards.revoke_award_record", record)
        data = RevokeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.revoke_record(
            record, actor=request.user, reason=data.validated_data["reason"]
        )
        record = selectors.award_records().get(pk=record.pk)
        return Response(AwardRecordSerializer(record).data)


router = SimpleRouter()
router.register("decisions", DecisionViewSet, basename="decision")
router.register(
    r"decisions/(?P<decision_pk>[0-9]+)/lines", DecisionLineViewSet, basename="decision-line"
)
router.register("award-records", AwardRecordViewSet, basename="award-record")
urlpatterns = router.urls
