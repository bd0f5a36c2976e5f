"""API of award dossiers: the same selectors, rules and services as the pages.

A dossier the caller may not see answers 404, whatever the action.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from awards import selectors
from awards.api.proposal_serializers import (
    AppraiseInputSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    FinishInputSerializer,
    FromBallotInputSerializer,
    NomineeSerializer,
    ProposalCreateSerializer,
    ProposalDetailSerializer,
    ProposalSerializer,
    ProposalUpdateSerializer,
    ReasonInputSerializer,
)
from awards.forms.proposals import ProposalFilter
from awards.models import Nominee, ProposalDocument
from awards.services import proposals as services

PROPOSAL_PK = OpenApiParameter("proposal_pk", OpenApiTypes.INT, OpenApiParameter.PATH)


class ProposalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Award dossiers the caller may see; writes call the same services as the pages."""

    filterset_class = ProposalFilter
    ordering_fields = ["year", "status", "submitted_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.visible_proposals(self.request.user).order_by("-year", "unit__name", "id")

    def get_serializer_class(self):
        if self.action == "list":
            return ProposalSerializer
        return ProposalDetailSerializer

    def _proposal(self):
        return selectors.get_proposal_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def _detail(self, proposal, code=status.HTTP_200_OK):
        proposal = selectors.visible_proposals(self.request.user).get(pk=proposal.pk)
        return Response(ProposalDetailSerializer(proposal).data, status=code)

    @extend_schema(request=ProposalCreateSerializer, responses={201: ProposalDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = ProposalCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.create_proposal(actor=request.user, **data.validated_data)
        return self._detail(proposal, status.HTTP_201_CREATED)

    @extend_schema(request=ProposalUpdateSerializer, responses=ProposalDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        proposal = self._proposal()
        if not request.user.has_perm("awards.prepare_proposal", proposal):
            raise PermissionDenied
        data = ProposalUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.update_proposal(proposal, actor=request.user, **data.validated_data)
        return self._detail(proposal)

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):  # only PATCH is offered
        return self.partial_update(request, *args, **kwargs)

    def _act(self, service, **kwargs):
        proposal = self._proposal()
        service(proposal, actor=self.request.user, **kwargs)
        return self._detail(proposal)

    @extend_schema(request=None, responses=ProposalDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(services.submit_proposal)

    @extend_schema(request=None, responses=ProposalDetailSerializer)
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        return self._act(services.receive_proposal)

    @extend_schema(request=ReasonInputSerializer, responses=ProposalDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        proposal = self._proposal()
        if not request.user.has_perm("awards.appraise_proposal", proposal):
            raise PermissionDenied
        data = ReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._act(services.return_proposal, reason=data.validated_data["reason"])

    @extend_schema(request=ReasonInputSerializer, responses=ProposalDetailSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        proposal = self._proposal()
        if not request.user.has_perm("awards.appraise_proposal", proposal):
            raise PermissionDenied
        data = ReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._act(services.reject_proposal, reason=data.validated_data["reason"])

    @extend_schema(request=FinishInputSerializer, responses=ProposalDetailSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        data = FinishInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._act(
            services.finish_appraisal,
            rejection_reason=data.validated_data.get("rejection_reason", ""),
        )

    @extend_schema(request=FromBallotInputSerializer, responses={201: ProposalDetailSerializer})
    @action(detail=False, methods=["post"], url_path="from-ballot")
    def from_ballot(self, request):
        data = FromBallotInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.proposal_from_ballot(actor=request.user, **data.validated_data)
        return self._detail(proposal, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(parameters=[PROPOSAL_PK]),
    create=extend_schema(parameters=[PROPOSAL_PK]),
    retrieve=extend_schema(parameters=[PROPOSAL_PK]),
    partial_update=extend_schema(parameters=[PROPOSAL_PK]),
    destroy=extend_schema(parameters=[PROPOSAL_PK]),
    appraise=extend_schema(parameters=[PROPOSAL_PK]),
)
class NomineeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The nominees of one dossier."""

    serializer_class = NomineeSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filter_backends: list = []

    def _proposal(self):
        return selectors.get_proposal_for_user(
            user=self.request.user, pk=self.kwargs["proposal_pk"]
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Nominee.objects.none()
        return selectors.proposal_nominees(self._proposal())

    def perform_create(self, serializer):
        serializer.instance = services.add_nominee(
            self._proposal(), actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_nominee(
            serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.remove_nominee(instance, actor=self.request.user)

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return super().update(request, *args, **kwargs)

    @extend_schema(request=AppraiseInputSerializer, responses=NomineeSerializer)
    @action(detail=True, methods=["post"])
    def appraise(self, request, proposal_pk=None, pk=None):
        nominee = get_object_or_404(self.get_queryset(), pk=pk)
        data = AppraiseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        nominee = services.appraise_nominee(
            nominee,
            approved=data.validated_data["approved"],
            note=data.validated_data.get("note", ""),
            actor=request.user,
        )
        return Response(NomineeSerializer(nominee).data)


@extend_schema_view(
    list=extend_schema(parameters=[PROPOSAL_PK]),
    create=extend_schema(
        parameters=[PROPOSAL_PK],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer},
    ),
)
class DocumentViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The documents of one dossier; files are downloaded through the checked page view."""

    serializer_class = DocumentSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filter_backends: list = []

    def _proposal(self):
        return selectors.get_proposal_for_user(
            user=self.request.user, pk=self.kwargs["proposal_pk"]
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ProposalDocument.objects.none()
        return selectors.proposal_documents(self._proposal())

    def create(self, request, *args, **kwargs):
        proposal = self._proposal()
        data = DocumentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        nominee = None
        if data.validated_data.get("nominee"):
            nominee = get_object_or_404(
                Nominee.objects.filter(proposal=proposal), pk=data.validated_data["nominee"]
            )
        document = services.upload_document(
            proposal,
            kind=data.validated_data["kind"],
            upload=data.validated_data["file"],
            nominee=nominee,
            actor=request.user,
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("proposals", ProposalViewSet, basename="proposal")
router.register(
    r"proposals/(?P<proposal_pk>[0-9]+)/nominees", NomineeViewSet, basename="proposal-nominee"
)
router.register(
    r"proposals/(?P<proposal_pk>[0-9]+)/documents", DocumentViewSet, basename="proposal-document"
)
urlpatterns = router.urls
