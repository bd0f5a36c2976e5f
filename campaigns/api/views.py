from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from campaigns import selectors, services
from campaigns.api.serializers import (
    MovementSerializer,
    RegistrationDetailSerializer,
    RegistrationSerializer,
    ReturnInputSerializer,
)
from campaigns.filters import MovementFilter, RegistrationFilter


class MovementViewSet(viewsets.ReadOnlyModelViewSet):
    """Emulation movements. Readable by every signed-in user."""

    serializer_class = MovementSerializer
    filterset_class = MovementFilter
    ordering_fields = ["name", "start_year", "status"]

    def get_queryset(self):
        return selectors.movements().order_by("launcher_level", "name", "id")


class RegistrationViewSet(viewsets.ReadOnlyModelViewSet):
    """Emulation registrations the caller may see; actions call the same services as the pages.

    An object the caller may not see answers 404, whatever the action.
    """

    filterset_class = RegistrationFilter
    ordering_fields = ["year", "status", "sent_at"]

    def get_queryset(self):
        queryset = selectors.visible_registrations(self.request.user).order_by(
            "-year", "unit__name", "id"
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("individuals")
        return queryset

    def get_serializer_class(self):
        return RegistrationDetailSerializer if self.action == "retrieve" else RegistrationSerializer

    def _act(self, permission, service, **kwargs):
        registration = selectors.get_registration_for_user(
            user=self.request.user, pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm(permission, registration):
            raise PermissionDenied
        service(registration, actor=self.request.user, **kwargs)
        registration = selectors.get_registration_for_user(
            user=self.request.user, pk=registration.pk
        )
        return Response(RegistrationDetailSerializer(registration).data)

    @extend_schema(request=None, responses=RegistrationDetailSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        return self._act("campaigns.send_registration", services.send_registration)

    @extend_schema(request=None, responses=RegistrationDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._act("campaigns.review_registration", services.approve_registration)

    @extend_schema(request=ReturnInputSerializer, responses=RegistrationDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        registration = selectors.get_registration_for_user(user=request.user, pk=pk)
        if not request.user.has_perm("campaigns.review_registration", registration):
            raise PermissionDenied
        data = ReturnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._act(
            "campaigns.review_registration",
            services.return_registration,
            reason=data.validated_data["reason"],
        )
