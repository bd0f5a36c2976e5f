"""/api/v1/units/ and /api/v1/groups/: the same selectors, filters, services and rules as
the pages."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from clusters import selectors, services
from clusters.api import serializers as s
from clusters.filters import EmulationGroupFilter, OrgUnitFilter
from clusters.models import GroupMembership

READ_ACTIONS = {"list", "retrieve", "lineage"}


class CanManageOrg(BasePermission):
    """Writes: Home Affairs emulation officers and system administrators (`rules`)."""

    def has_permission(self, request, view):
        return request.user.has_perm("clusters.manage_org")


class _OrgViewSet(viewsets.GenericViewSet):
    def get_permissions(self):
        if self.action in READ_ACTIONS:
            return [IsAuthenticated()]
        return [IsAuthenticated(), CanManageOrg()]

    def _input(self, serializer_class, **kwargs):
        serializer = serializer_class(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def _year_param(request) -> int:
    value = request.query_params.get("year", "")
    if not value:
        return timezone.localdate().year
    if not value.isdigit() or not 1990 <= int(value) <= 2100:
        raise DRFValidationError({"year": [_("Enter a year between 1990 and 2100.")]})
    return int(value)


class OrgUnitViewSet(
    _OrgViewSet,
    viewsets.mixins.ListModelMixin,
    viewsets.mixins.RetrieveModelMixin,
):
    """Organisation units. Readable by every signed-in user: who the units are is not secret.

    Filters: `unit_type`, `q`, `parent`, `active_on` (units existing on a date),
    `predecessors_of` (a unit and all units it came from), `successors_of`."""

    serializer_class = s.OrgUnitSerializer
    filterset_class = OrgUnitFilter
    ordering_fields = ["name", "code"]

    def get_queryset(self):
        return selectors.units()

    @extend_schema(request=s.UnitInputSerializer, responses={201: s.OrgUnitSerializer})
    def create(self, request):
        data = self._input(s.UnitInputSerializer)
        unit = services.create_unit(actor=request.user, **data)
        return Response(s.OrgUnitSerializer(unit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.UnitUpdateSerializer, responses=s.OrgUnitSerializer)
    def partial_update(self, request, pk=None):
        unit = selectors.get_unit(pk)
        data = self._input(s.UnitUpdateSerializer)
        unit = services.update_unit(unit, actor=request.user, **data)
        return Response(s.OrgUnitSerializer(unit).data)

    @extend_schema(responses=s.LineageEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def lineage(self, request, pk=None):
        """The lineage events the unit took part in, newest first."""
        unit = selectors.get_unit(pk)
        return Response(s.LineageEventSerializer(selectors.lineage_events_of(unit), many=True).data)

    @extend_schema(request=s.LineageEventInputSerializer, responses={201: s.LineageEventSerializer})
    @action(detail=False, methods=["post"], url_path="lineage-events")
    def lineage_events(self, request):
        """Record a merge, split or establishment."""
        data = self._input(s.LineageEventInputSerializer)
        event = services.record_lineage_event(actor=request.user, **data)
        event = selectors.lineage_events_of(event.links.first().unit).get(pk=event.pk)
        return Response(s.LineageEventSerializer(event).data, status=status.HTTP_201_CREATED)


class EmulationGroupViewSet(
    _OrgViewSet,
    viewsets.mixins.ListModelMixin,
):
    """Clusters and blocks the user may see. The detail carries the members, head and
    deputy of `?year=` (this year by default)."""

    serializer_class = s.EmulationGroupSerializer
    filterset_class = EmulationGroupFilter
    ordering_fields = ["name", "code"]

    def get_queryset(self):
        return selectors.groups_for_user(self.request.user)

    @extend_schema(
        parameters=[OpenApiParameter("year", OpenApiTypes.INT)],
        responses=s.EmulationGroupDetailSerializer,
    )
    def retrieve(self, request, pk=None):
        group = selectors.get_group_for_user(request.user, pk)
        return Response(self._detail(group, _year_param(request)))

    def _detail(self, group, year):
        context = {
            "year": year,
            "members": selectors.group_members(group, year),
            "term": selectors.group_term(group, year),
        }
        return s.EmulationGroupDetailSerializer(group, context=context).data

    @extend_schema(request=s.GroupInputSerializer, responses={201: s.EmulationGroupSerializer})
    def create(self, request):
        data = self._input(s.GroupInputSerializer)
        group = services.create_group(actor=request.user, **data)
        return Response(s.EmulationGroupSerializer(group).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.GroupUpdateSerializer, responses=s.EmulationGroupSerializer)
    def partial_update(self, request, pk=None):
        group = selectors.get_group_for_user(request.user, pk)
        data = self._input(s.GroupUpdateSerializer)
        group = services.update_group(group, actor=request.user, **data)
        return Response(s.EmulationGroupSerializer(group).data)

    @extend_schema(
        request=s.MemberInputSerializer, responses={201: s.EmulationGroupDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        """Add a member unit for a year."""
        group = selectors.get_group_for_user(request.user, pk)
        data = self._input(s.MemberInputSerializer)
        services.add_member(group, unit=data["unit"], year=data["year"], actor=request.user)
        return Response(self._detail(group, data["year"]), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<membership_id>\d+)")
    def remove_member(self, request, pk=None, membership_id=None):
        group = selectors.get_group_for_user(request.user, pk)
        membership = get_object_or_404(GroupMembership, pk=membership_id, group=group)
        services.remove_member(membership, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=s.TermInputSerializer, responses=s.EmulationGroupDetailSerializer)
    @action(detail=True, methods=["post"])
    def term(self, request, pk=None):
        """Set the head and deputy for a year."""
        group = selectors.get_group_for_user(request.user, pk)
        data = self._input(s.TermInputSerializer)
        services.set_term(group, actor=request.user, **data)
        return Response(self._detail(group, data["year"]))

    @extend_schema(request=s.CopyYearInputSerializer, responses=s.CopyReportSerializer)
    @action(detail=False, methods=["post"], url_path="copy-year")
    def copy_year(self, request):
        """Copy a year's memberships, heads and deputies to the next year."""
        data = self._input(s.CopyYearInputSerializer)
        report = services.copy_groups_to_next_year(from_year=data["from_year"], actor=request.user)
        return Response(s.CopyReportSerializer(report).data)
